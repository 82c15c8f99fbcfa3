package io.opsledger.web.bitblast;

import static io.opsledger.web.bitblast.BarmanRequests.flag;
import static io.opsledger.web.bitblast.BarmanRequests.hostCall;
import static io.opsledger.web.bitblast.BarmanRequests.owner;
import static io.opsledger.web.bitblast.BarmanRequests.text;

import io.opsledger.backup.BarmanOperations;
import io.opsledger.backup.BarmanOperations.RemoteHost;
import io.opsledger.backup.api.BackupMessages;
import io.opsledger.backup.api.BackupQueries.BackupJob;
import io.opsledger.backup.api.BackupMessages.ServerConnection;
import io.opsledger.backup.api.BackupQueries.BackupServerView;
import io.opsledger.backup.api.BackupQueries.ListBackupSchedules;
import io.opsledger.backup.api.BackupTimetable;
import io.opsledger.backup.api.RetentionPolicy;
import io.opsledger.backup.api.BackupQueries.FindBackupServer;
import io.opsledger.common.Actor;
import io.opsledger.common.Queries;
import io.opsledger.gateway.barman.BarmanGateway.Backup;
import io.opsledger.gateway.barman.BarmanGateway.Check;
import io.opsledger.gateway.barman.BarmanGateway.RestoreCheck;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.barman.SshAccess;
import io.opsledger.identity.Principal;
import io.opsledger.identity.Users;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BitBlast's Barman endpoints (bitblast-api.md, Backup_app) on the backup context. Parameters come
 * from the query string, a form or JSON; errors are {"status": "error", "message": ...}. Everyone
 * works on their own servers; an Admin may name another user with {@code username}. Barman failing
 * is a 502 that carries Barman's reason.
 *
 * <p><b>add-server</b> beyond the contract: {@code backup_method} is {@code postgres} (the default:
 * base backups and WAL both streamed by PostgreSQL's protocol) or {@code rsync} (base backups by
 * rsync over SSH from the server's data directory, {@code reuse_backup = link}; WAL still
 * streamed). For rsync, {@code ssh_key} must be the private key (OpenSSH or PEM text) Barman logs
 * in with, as {@code ssh_user} (default {@code postgres}, the owner of the data directory) on port
 * {@code ssh_port} (default 22) of the host in {@code ssh_host} (whose {@code :port} is
 * PostgreSQL's). The host key is accepted on first use and pinned. {@code ssh_key} is write-only:
 * it is stored encrypted and never answered or logged.
 *
 * <p><b>add-server</b> with {@code cluster_name} instead of {@code ssh_host}, {@code db_name} and
 * {@code db_pass}: the caller's (or the named user's) cluster of the dbaas context of that name,
 * in project {@code project_id} when given (needed when several projects have one of that name),
 * is registered as a streaming server with its connection and its db_password, named
 * {@code server_name} or else the cluster's name; {@code storage_method} is still required. The
 * cluster must be ready (409) and on a virtual machine platform: clusters on Kubernetes and
 * OpenShift are CloudNativePG's, which backs them up with its own Barman (400).
 *
 * <p><b>recover</b> with {@code verify=true} (this host only) proves the restore: OpsLedger starts a
 * PostgreSQL on the restored data, lets it replay to its end or target, lists its databases (in the
 * answer's {@code verification} and a RestoreVerified event) and stops it; data that does not start
 * is a 502 and a RestoreVerificationFailed event.
 *
 * <p><b>recover</b>: a {@code target_server_name} of {@code localhost}, {@code 127.0.0.1} or
 * {@code ::1} restores on this host, as before. Anything else is a host to restore onto over SSH,
 * written {@code [ssh://][user@]host[:port]} (an IPv6 address in brackets), e.g.
 * {@code ssh://postgres@127.0.0.1:2222} or {@code db2.example.org}; Barman logs in with the
 * server's {@code ssh_key}, which must then be a private key. A missing user or port is the
 * server's {@code ssh_user} and {@code ssh_port} (rsync servers), else {@code postgres} and 22.
 * {@code destination_directory} is then a folder on that host (absent or empty), and
 * {@code target_time} works the same.
 */
@RestController
public class BitBlastBarmanController {

    static final String SERVER_NAME_REQUIRED = "Server name is required.";
    static final String ALL_REQUIRED = "All parameters are required.";
    private static final List<String> STORAGES = List.of("nfs", "s3");
    private static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1", "::1");
    private static final String SSH_USER = "[A-Za-z_][A-Za-z0-9_.-]{0,31}";
    private static final String SERVER_NAME = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
    /** {@code [ssh://][user@]host[:port]}, host a name, IPv4 address or bracketed IPv6 address. */
    private static final Pattern SSH_TARGET = Pattern.compile("(?:ssh://)?(?:(" + SSH_USER + ")@)?"
            + "([A-Za-z0-9_][A-Za-z0-9._-]{0,252}|\\[[0-9A-Fa-f:]{2,39}])(?::(\\d{1,5}))?/?");

    private final Web web;
    private final Queries queries;
    private final Users accounts;
    private final BarmanOperations barman;
    private final Duration answerWithin;

    public BitBlastBarmanController(Web web, Queries queries, Users accounts, BarmanOperations barman,
                                    @Value("${opsledger.backup.answer-within}") Duration answerWithin) {
        this.web = web;
        this.queries = queries;
        this.accounts = accounts;
        this.barman = barman;
        this.answerWithin = answerWithin;
    }

    @GetMapping("/api/v1/barman/check")
    public Mono<ResponseEntity<?>> check(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            BackupServerView server = server(ctx, f);
            Map<String, Check> checks = hostCall(() -> barman.check(server));
            List<String> failing = checks.entrySet().stream().filter(e -> !e.getValue().ok()).map(Map.Entry::getKey).toList();
            Map<String, Object> details = new LinkedHashMap<>();
            checks.forEach((name, check) -> details.put(name, Map.of("status", check.ok() ? "OK" : "FAILED", "hint", check.hint())));
            return ResponseEntity.ok(body(failing.isEmpty() ? "success" : "error", failing.isEmpty()
                    ? "Server is online and accessible." : "Barman reports failing checks: " + String.join(", ", failing),
                    "details", details));
        });
    }

    @GetMapping("/api/v1/barman/list-servers")
    public Mono<ResponseEntity<?>> servers(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            String owner = owner(ctx, f, accounts);
            String storage = storage(f, "Storage method is required.");
            return ResponseEntity.ok(Map.of("servers", hostCall(() -> barman.servers(owner, storage))));
        });
    }

    @GetMapping("/api/v1/barman/list-backups")
    public Mono<ResponseEntity<?>> backups(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            BackupServerView server = server(ctx, f);
            List<Map<String, Object>> listed = hostCall(() -> barman.backups(server)).stream().map(BitBlastBarmanController::shown).toList();
            return ResponseEntity.ok(Map.of("backups", listed));
        });
    }

    /**
     * Starts a backup job (with the optional retention lines applied once it is done) and answers
     * when it is done, as the original did; a backup still running after
     * {@code opsledger.backup.answer-within} answers 202 with the job, which backup-status follows.
     */
    @PostMapping("/api/v1/barman/backup")
    public Mono<ResponseEntity<?>> backup(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            BackupServerView server = server(ctx, f);
            String retention = text(f, "retention");
            String policy = retention == null ? null : RetentionPolicy.parse(retention).barmanPolicy();
            String jobId = barman.startBackup(ctx, server, text(f, "backup_name"), policy);
            BackupJob job = barman.awaitJob(server.id(), jobId, answerWithin);
            if (job == null || !job.finished()) {
                return ResponseEntity.status(HttpStatus.ACCEPTED).body(body("success",
                        "Backup started; it is still running (job " + jobId + ").", "job", shown(job, jobId)));
            }
            if (!"completed".equals(job.status())) {
                throw ApiException.of(HttpStatus.BAD_GATEWAY, "Backup failed: " + job.message());
            }
            Map<String, Object> backup = new LinkedHashMap<>();
            backup.put("name", job.backupId());
            backup.put("timestamp", job.finishedAt());
            backup.put("size", size(job.sizeBytes()));
            backup.put("size_bytes", job.sizeBytes());
            backup.put("status", "DONE");
            backup.put("begin_wal", job.beginWal());
            backup.put("end_wal", job.endWal());
            return ResponseEntity.ok(body("success", "Backup created successfully.", "backup", backup, "job", shown(job, jobId)));
        });
    }

    /** The server's latest backup job: running (with how long so far), completed or failed. */
    @GetMapping("/api/v1/barman/backup-status")
    public Mono<ResponseEntity<?>> backupStatus(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            BackupServerView server = server(ctx, f);
            if (server.lastJob() == null) {
                throw ApiException.notFound("No backup of this server has been started.");
            }
            return ResponseEntity.ok(body("success", "Backup " + server.lastJob().status() + ".", "job",
                    shown(server.lastJob(), server.lastJob().jobId())));
        });
    }

    @PostMapping("/api/v1/barman/schedule-backup")
    public Mono<ResponseEntity<?>> scheduleBackup(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            ctx.requireUser();
            if (text(f, "server_name") == null || text(f, "storage_method") == null) {
                throw ApiException.badRequest(ALL_REQUIRED);
            }
            BackupServerView server = applySchedule(ctx, f, barman::schedule);
            return ResponseEntity.ok(body("success", "Backup scheduled for " + server.name()));
        });
    }

    /** Changes the schedule and retention, or with {@code remove=true} removes the schedule. */
    @PostMapping("/api/v1/barman/update-scheduled-backups")
    public Mono<ResponseEntity<?>> updateScheduledBackups(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            ctx.requireUser();
            if (text(f, "server_name") == null || text(f, "storage_method") == null) {
                throw ApiException.badRequest("Server name and storage method are required.");
            }
            if (flag(f, "remove")) {
                BackupServerView server = server(ctx, f);
                hostCall(() -> {
                    barman.removeSchedule(ctx, server);
                    return null;
                });
                return ResponseEntity.ok(body("success", "Scheduled backup removed successfully."));
            }
            applySchedule(ctx, f, barman::changeSchedule);
            return ResponseEntity.ok(body("success", "Retention period updated successfully."));
        });
    }

    /** The caller's scheduled servers in that storage (an Admin's: everyone's, with their owner). */
    @GetMapping("/api/v1/barman/get-scheduled-servers")
    public Mono<ResponseEntity<?>> scheduledServers(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            String storage = storage(f, "Storage method is required.");
            boolean everyone = caller.has(Role.ADMIN) && text(f, "username") == null;
            String owner = everyone ? null : owner(ctx, f, accounts);
            Instant now = Instant.now();
            List<Map<String, Object>> shown = queries.list(new ListBackupSchedules(owner, storage), BackupServerView.class)
                    .stream().map(server -> {
                        Map<String, Object> one = new LinkedHashMap<>();
                        one.put("server_name", server.name());
                        one.put("retention_period", server.schedule().retention().shown());
                        one.put("scheduled_time", server.schedule().timetable().cronLine());
                        one.put("retention", String.join("\n", server.schedule().retention().lines()));
                        one.put("next_run", server.schedule().timetable().nextAfter(now));
                        if (everyone) {
                            UserView user = accounts.byId(server.ownerId());
                            one.put("username", user == null ? null : user.username());
                        }
                        return one;
                    }).toList();
            return ResponseEntity.ok(Map.of("status", "success", "message", shown));
        });
    }

    @PostMapping("/api/v1/barman/add-server")
    public Mono<ResponseEntity<?>> addServer(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            String owner = owner(ctx, f, accounts);
            if (text(f, "cluster_name") != null) {
                return addCluster(ctx, f, owner);
            }
            String name = text(f, "server_name");
            String sshHost = text(f, "ssh_host");
            String database = text(f, "db_name");
            String password = f.text("db_pass");
            String sshKey = text(f, "ssh_key");
            String storage = text(f, "storage_method");
            String method = text(f, "backup_method") == null ? ServerConnection.STREAMING
                    : text(f, "backup_method").toLowerCase(Locale.ROOT);
            if (!List.of(ServerConnection.STREAMING, ServerConnection.RSYNC).contains(method)) {
                throw ApiException.badRequest("backup_method must be postgres or rsync.");
            }
            String sshUser = text(f, "ssh_user") == null ? "postgres" : text(f, "ssh_user");
            int sshPort = port(text(f, "ssh_port"), SshAccess.DEFAULT_PORT, "ssh_port");
            if (name == null || sshHost == null || database == null || password == null || password.isEmpty()
                    || sshKey == null || storage == null) {
                throw ApiException.badRequest(ALL_REQUIRED);
            }
            storage = checkedStorage(storage);
            if (!name.matches(SERVER_NAME)) {
                throw ApiException.badRequest("server_name may hold letters, digits, - and _ (at most 64).");
            }
            if (!sshHost.matches("[A-Za-z0-9._:-]{1,255}") || !database.matches("[A-Za-z0-9_.-]{1,63}")) {
                throw ApiException.badRequest("ssh_host must be a host name or address (with :port) and db_name a database name.");
            }
            String host = sshHost;
            int port = 5432;
            int colon = sshHost.lastIndexOf(':');
            if (colon > 0 && sshHost.substring(colon + 1).matches("\\d{1,5}")) {
                host = sshHost.substring(0, colon);
                port = Integer.parseInt(sshHost.substring(colon + 1));
            }
            boolean rsync = ServerConnection.RSYNC.equals(method);
            if (rsync && !SshAccess.isPrivateKey(sshKey)) {
                throw ApiException.badRequest("backup_method rsync needs ssh_key: the private key (OpenSSH or PEM text) Barman logs in with.");
            }
            if (rsync && !sshUser.matches(SSH_USER)) {
                throw ApiException.badRequest("ssh_user must be a user name.");
            }
            if (rsync && host.startsWith("-")) {
                throw ApiException.badRequest("ssh_host must be a host name or address (with :port) and db_name a database name.");
            }
            String s = storage;
            String h = host;
            int p = port;
            hostCall(() -> {
                barman.configure(ctx, owner, s, name, h, p, database, password, sshKey, method, sshUser, sshPort);
                return null;
            });
            return ResponseEntity.ok(body("success", "Configuration file created for " + name));
        });
    }

    /**
     * add-server with {@code cluster_name}: the owner's dbaas cluster of that name (in project
     * {@code project_id} when given), ready, on a virtual machine platform, becomes a streaming
     * server named {@code server_name} (default: the cluster's name).
     */
    private ResponseEntity<?> addCluster(RequestContext ctx, Fields f, String owner) {
        String clusterName = text(f, "cluster_name");
        String storage = text(f, "storage_method");
        if (storage == null) {
            throw ApiException.badRequest("Storage method is required.");
        }
        String s = checkedStorage(storage);
        String name = text(f, "server_name");
        if (name != null && !name.matches(SERVER_NAME)) {
            throw ApiException.badRequest("server_name may hold letters, digits, - and _ (at most 64).");
        }
        if (name == null && !clusterName.matches(SERVER_NAME)) {
            throw ApiException.badRequest("The cluster's name is not a Barman server name (letters, digits, - and _, at most 64): "
                    + "give server_name.");
        }
        Long project = null;
        if (text(f, "project_id") != null) {
            project = BitBlastIds.parse(text(f, "project_id"));
            if (project < 0) {
                throw ApiException.badRequest("project_id must be a project's id.");
            }
        }
        Long p = project;
        String added = hostCall(() -> barman.configureCluster(ctx, owner, s, name, clusterName, p));
        return ResponseEntity.ok(body("success", "Configuration file created for " + added));
    }

    @PostMapping("/api/v1/barman/recover")
    public Mono<ResponseEntity<?>> recover(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            ctx.requireUser();
            String backupId = text(f, "backup_id");
            String destination = text(f, "destination_directory");
            String target = text(f, "target_server_name");
            if (text(f, "server_name") == null || backupId == null || destination == null || target == null) {
                throw ApiException.badRequest(ALL_REQUIRED);
            }
            RemoteHost remote = remoteHost(target);
            Instant targetTime = null;
            String time = text(f, "target_time");
            if (time != null) {
                try {
                    targetTime = Instant.parse(time);
                } catch (DateTimeParseException e) {
                    throw ApiException.badRequest("target_time must be an ISO-8601 instant such as 2026-03-03T14:00:00Z.");
                }
            }
            boolean verify = flag(f, "verify");
            if (verify && remote != null) {
                throw ApiException.badRequest("verify starts the restored data on this host: it works for target_server_name "
                        + "localhost only.");
            }
            BackupServerView server = server(ctx, f);
            if (remote != null && !barman.hasPrivateKey(server)) {
                throw ApiException.badRequest("Recovery onto another host logs in over SSH with the server's ssh_key, which is not "
                        + "a private key; add the server again with one.");
            }
            Instant at = targetTime;
            hostCall(() -> barman.recover(ctx, server, backupId, destination, target, at, remote));
            if (!verify) {
                return ResponseEntity.ok(body("success", "Recovery process initiated."));
            }
            RestoreCheck check;
            try {
                check = barman.verifyRestore(ctx, server, backupId, destination);
            } catch (PlatformCallFailed e) {
                throw ApiException.of(HttpStatus.BAD_GATEWAY, "Recovered, but the restored data did not start: " + e.getMessage());
            }
            List<Map<String, Object>> databases = check.databaseSizes().entrySet().stream()
                    .map(d -> Map.<String, Object>of("name", d.getKey(), "size_bytes", d.getValue())).toList();
            return ResponseEntity.ok(body("success", "Recovery process initiated.", "verification", Map.of("status", "started",
                    "server_version", String.valueOf(check.serverVersion()), "start_seconds",
                    check.startTime().toMillis() / 1000.0, "databases", databases)));
        });
    }

    @PostMapping("/api/v1/barman/switch-wal")
    public Mono<ResponseEntity<?>> switchWal(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            BackupServerView server = server(ctx, f);
            hostCall(() -> barman.switchWal(ctx, server));
            return ResponseEntity.ok(body("success", "WAL switch executed successfully."));
        });
    }

    /** The caller's (or, for an Admin naming one, that user's) server named in server_name and storage_method. */
    private BackupServerView server(RequestContext ctx, Fields f) {
        String owner = owner(ctx, f, accounts);
        String name = text(f, "server_name");
        if (name == null) {
            throw ApiException.badRequest(SERVER_NAME_REQUIRED);
        }
        String storage = storage(f, "Storage method is required.");
        BackupServerView server = queries.one(new FindBackupServer(BackupMessages.serverId(owner, storage, name)),
                BackupServerView.class);
        if (server == null) {
            throw ApiException.notFound("Server not found.");
        }
        return server;
    }

    /** Null for this host; else the SSH host of {@code [ssh://][user@]host[:port]}. */
    private static RemoteHost remoteHost(String target) {
        if (LOCAL_HOSTS.contains(target.toLowerCase(Locale.ROOT))) {
            return null;
        }
        Matcher m = SSH_TARGET.matcher(target);
        if (!m.matches()) {
            throw ApiException.badRequest("target_server_name must be localhost or a host to restore onto over SSH: "
                    + "[ssh://][user@]host[:port].");
        }
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        return new RemoteHost(m.group(1), host, m.group(3) == null ? null : port(m.group(3), 0, "The port of target_server_name"));
    }

    private static int port(String text, int otherwise, String what) {
        if (text == null) {
            return otherwise;
        }
        int port = text.matches("\\d{1,5}") ? Integer.parseInt(text) : 0;
        if (port < 1 || port > 65535) {
            throw ApiException.badRequest(what + " must be a port number (1-65535).");
        }
        return port;
    }


    private static String storage(Fields f, String whenMissing) {
        String storage = text(f, "storage_method");
        if (storage == null) {
            throw ApiException.badRequest(whenMissing);
        }
        return checkedStorage(storage);
    }

    private static String checkedStorage(String storage) {
        String s = storage.toLowerCase(Locale.ROOT);
        if (!STORAGES.contains(s)) {
            throw ApiException.badRequest("storage_method must be nfs or s3.");
        }
        return s;
    }


    /** A schedule's timetable and retention lines from the request, given by {@code change} to the named server. */
    private BackupServerView applySchedule(RequestContext ctx, Fields f, ScheduleChange change) {
        if (text(f, "retention") == null) {
            throw ApiException.badRequest(ALL_REQUIRED);
        }
        BackupTimetable timetable = BackupTimetable.of(text(f, "schedule_day"), text(f, "schedule_hour"), text(f, "schedule_minute"));
        RetentionPolicy retention = RetentionPolicy.parse(text(f, "retention"));
        BackupServerView server = server(ctx, f);
        hostCall(() -> {
            change.apply(ctx, server, timetable, retention);
            return null;
        });
        return server;
    }

    @FunctionalInterface
    private interface ScheduleChange {
        void apply(Actor actor, BackupServerView server, BackupTimetable timetable, RetentionPolicy retention);
    }

    private static Map<String, Object> shown(Backup b) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("name", b.id());
        shown.put("timestamp", b.endTime());
        shown.put("size", size(b.sizeBytes()));
        shown.put("size_bytes", b.sizeBytes());
        shown.put("status", b.status());
        if (b.retentionStatus() != null) {
            shown.put("retention_status", b.retentionStatus());
        }
        return shown;
    }

    private static String size(Long bytes) {
        if (bytes == null) {
            return null;
        }
        return bytes >= 1 << 30 ? String.format(Locale.ROOT, "%.1fGB", bytes / (double) (1 << 30))
                : String.format(Locale.ROOT, "%.1fMB", bytes / (double) (1 << 20));
    }

    /** A job as backup and backup-status show it; {@code job} is null when its start is not yet read. */
    private static Map<String, Object> shown(BackupJob job, String jobId) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("job_id", jobId);
        shown.put("status", job == null ? "running" : job.status());
        if (job != null) {
            shown.put("started_at", job.startedAt());
            shown.put("finished_at", job.finishedAt());
            Instant end = job.finishedAt() == null ? Instant.now() : job.finishedAt();
            shown.put("elapsed_seconds", job.startedAt() == null ? null : Duration.between(job.startedAt(), end).toSeconds());
            shown.put("bytes_copied", job.bytesCopied());
            shown.put("percent", job.percent());
            shown.put("backup_id", job.backupId());
            shown.put("message", job.message());
        }
        return shown;
    }

    private static Map<String, Object> body(String status, String message, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

}
