package io.opsledger.web.bitblast;

import static io.opsledger.web.bitblast.BarmanRequests.hostCall;
import static io.opsledger.web.bitblast.BarmanRequests.owner;
import static io.opsledger.web.bitblast.BarmanRequests.text;

import io.opsledger.backup.MountOperations;
import io.opsledger.backup.api.MountMessages;
import io.opsledger.backup.api.MountMessages.StorageMountView;
import io.opsledger.common.Masked;
import io.opsledger.identity.Users;
import io.opsledger.web.ApiException;
import io.opsledger.web.Web;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BitBlast's mount endpoints (bitblast-api.md 11-14) on the backup context: a user's nfs or s3
 * Barman home mounted from an NFS export or an S3 bucket. Parameters come from the query string,
 * a form or JSON; errors are {"status": "error", "message": ...}. Everyone manages their own
 * mounts; an Admin may name another user with {@code username}. The S3 secret key is write-only
 * (NOTES.md): listed as "********". A mount the host refuses is a 502 with the tool's reason.
 */
@RestController
public class BitBlastMountsController {

    static final String ALL_REQUIRED = "All parameters are required.";

    private final Web web;
    private final Users accounts;
    private final MountOperations mounts;

    public BitBlastMountsController(Web web, Users accounts, MountOperations mounts) {
        this.web = web;
        this.accounts = accounts;
        this.mounts = mounts;
    }

    @PostMapping("/api/v1/barman/mount-nfs")
    public Mono<ResponseEntity<?>> mountNfs(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            String owner = owner(ctx, f, accounts);
            String host = text(f, "remote_host");
            String path = text(f, "remote_path");
            if (host == null || path == null) {
                throw ApiException.badRequest(ALL_REQUIRED);
            }
            if (!host.matches("[A-Za-z0-9\\[][A-Za-z0-9._:\\[\\]-]{0,254}")) {
                throw ApiException.badRequest("remote_host must be a host name or address.");
            }
            if (!path.matches("/[A-Za-z0-9._/@+-]{0,1023}") || path.contains("..")) {
                throw ApiException.badRequest("remote_path must be an absolute path of letters, digits and . _ / @ + -.");
            }
            Path mountPoint = hostCall(() -> mounts.mountNfs(ctx, owner, host, path));
            return ResponseEntity.ok(body("NFS mount point " + mountPoint + " added successfully"));
        });
    }

    @PostMapping("/api/v1/barman/mount-s3")
    public Mono<ResponseEntity<?>> mountS3(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            String owner = owner(ctx, f, accounts);
            String bucket = text(f, "bucket_name");
            String accessKey = text(f, "access_key");
            String secretKey = f.text("secret_key");
            String url = text(f, "url");
            if (bucket == null || accessKey == null || secretKey == null || secretKey.isEmpty() || url == null) {
                throw ApiException.badRequest(ALL_REQUIRED);
            }
            if (!bucket.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,254}")) {
                throw ApiException.badRequest("bucket_name must be a bucket name: letters, digits, . _ and -.");
            }
            if (!isEndpoint(url)) {
                throw ApiException.badRequest("url must be the S3 endpoint's http:// or https:// URL.");
            }
            if (accessKey.matches(".*[:\\s].*") || secretKey.matches("(?s).*[\\r\\n].*")) {
                throw ApiException.badRequest("access_key may hold no ':' or blank, secret_key no line break.");
            }
            hostCall(() -> mounts.mountS3(ctx, owner, bucket, url, accessKey, secretKey));
            return ResponseEntity.ok(body("S3 bucket " + bucket + " mounted successfully"));
        });
    }

    @GetMapping("/api/v1/barman/list-mount-points")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            String owner = owner(ctx, f, accounts);
            List<Map<String, Object>> nfs = new ArrayList<>();
            List<Map<String, Object>> s3 = new ArrayList<>();
            for (StorageMountView mount : mounts.mounts(owner)) {
                Map<String, Object> shown = new LinkedHashMap<>();
                if (MountMessages.S3.equals(mount.storage())) {
                    shown.put("bucket_name", mount.source().bucket());
                    shown.put("url", mount.source().url());
                    shown.put("access_key", mounts.accessKey(mount));
                    shown.put("secret_key", Masked.MASK);
                    shown.put("mount_point", mount.mountPoint());
                    s3.add(shown);
                } else {
                    shown.put("host_path", mount.source().remoteHost() + ":" + mount.source().remotePath());
                    shown.put("mount_point", mount.mountPoint());
                    nfs.add(shown);
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "success");
            body.put("nfs_mount_points", nfs);
            body.put("s3_mount_points", s3);
            return ResponseEntity.ok(body);
        });
    }

    @PostMapping("/api/v1/barman/unmount")
    public Mono<ResponseEntity<?>> unmount(ServerWebExchange exchange) {
        return web.runWithQueryParameters(exchange, (ctx, f) -> {
            String owner = owner(ctx, f, accounts);
            String storage = text(f, "storage_method");
            if (storage == null) {
                storage = text(f, "bucket_name") != null ? MountMessages.S3 : text(f, "remote_host") != null ? MountMessages.NFS : null;
            }
            if (storage == null) {
                throw ApiException.badRequest("Invalid parameters.");
            }
            String s = storage.toLowerCase(Locale.ROOT);
            if (!List.of(MountMessages.NFS, MountMessages.S3).contains(s)) {
                throw ApiException.badRequest("Invalid parameters.");
            }
            StorageMountView unmounted = hostCall(() -> mounts.unmount(ctx, owner, s));
            return ResponseEntity.ok(Map.of("status", "success", "message", unmounted.mountPoint() + " unmounted successfully."));
        });
    }


    private static boolean isEndpoint(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && List.of("http", "https").contains(uri.getScheme()) && uri.getRawUserInfo() == null
                    && !url.contains(",");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }


    private static Map<String, Object> body(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("status", "success");
        return body;
    }

}
