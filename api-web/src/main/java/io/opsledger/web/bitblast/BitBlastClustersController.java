package io.opsledger.web.bitblast;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.ClusterProvisioner;
import io.opsledger.dbaas.api.ClusterMessages;
import io.opsledger.dbaas.api.ClusterMessages.ClusterRequested;
import io.opsledger.dbaas.api.ClusterMessages.ClusterSpec;
import io.opsledger.dbaas.api.ClusterMessages.ClusterType;
import io.opsledger.dbaas.api.ClusterMessages.Connection;
import io.opsledger.dbaas.api.ClusterMessages.RequestCluster;
import io.opsledger.dbaas.api.ClusterMessages.RequestClusterTeardown;
import io.opsledger.dbaas.api.DbaasQueries.ClusterView;
import io.opsledger.dbaas.api.DbaasQueries.FindCluster;
import io.opsledger.dbaas.api.DbaasQueries.FindClusterById;
import io.opsledger.dbaas.api.DbaasQueries.FindClustersNamed;
import io.opsledger.dbaas.api.DbaasQueries.FindOwnProvider;
import io.opsledger.dbaas.api.DbaasQueries.FindProject;
import io.opsledger.dbaas.api.DbaasQueries.ListClusters;
import io.opsledger.dbaas.api.DbaasQueries.ProjectView;
import io.opsledger.dbaas.api.DbaasQueries.ProviderView;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.identity.Principal;
import io.opsledger.identity.Users;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.platform.IdSequences;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BitBlast's cluster endpoints (bitblast-api.md, Projects/Clusters) on the dbaas context. A POST
 * answers at once; the provisioning saga does the work, and the "pipeline status" endpoints, the
 * cluster's fields status/step/percent and the event stream report it. Everyone sees and deletes
 * their own clusters; admins list everyone's on GET /cluster/.
 */
@RestController
public class BitBlastClustersController {

    static final String NO_PROJECT = "No Project! has been selected..";
    static final String PROVIDER_NOT_FOUND = "Provider not found.";
    static final String CLUSTER_NOT_FOUND = "Cluster not found.";

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final QueryGateway queryGateway;
    private final IdSequences ids;
    private final Users accounts;
    private final SecretCipher cipher;
    private final ClusterProvisioner provisioner;

    public BitBlastClustersController(Web web, Commands commands, Queries queries, QueryGateway queryGateway,
                                      IdSequences ids, Users accounts, SecretCipher cipher, ClusterProvisioner provisioner) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.queryGateway = queryGateway;
        this.ids = ids;
        this.accounts = accounts;
        this.cipher = cipher;
        this.provisioner = provisioner;
    }

    /** The contract's URL is /cluster/; its curl example says /clusters/: both are served. */
    @PostMapping({"/api/v1/cluster", "/api/v1/clusters"})
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.require(Role.STANDARD);
            Integer projectNumber = f.integer("project");
            String providerName = f.requireText("provider");
            String name = f.requireText("cluster_name");
            String type = f.requireText("cluster_type");
            String version = f.requireText("postgres_version");
            String dbUser = f.requireText("db_user");
            String password = f.text("db_password");
            if (password == null || password.isEmpty()) {
                f.error("db_password", "This field is required.");
            }
            if (type != null && ClusterType.named(type) == null) {
                f.error("cluster_type", "cluster_type must be Standalone or Multiple.");
            }
            f.validate();
            ProjectView project = projectNumber == null || projectNumber < 1 ? null
                    : queries.one(new FindProject(projectNumber), ProjectView.class);
            if (project == null || !project.ownerId().equals(caller.userId())) {
                throw ApiException.notFound(NO_PROJECT);
            }
            ProviderView provider = queries.one(new FindOwnProvider(caller.userId(), providerName), ProviderView.class);
            if (provider == null) {
                throw ApiException.notFound(PROVIDER_NOT_FOUND);
            }
            Platform platform = provider.settings().platform();
            if (!provisioner.provisions(platform)) {
                throw ApiException.badRequest("OpsLedger cannot provision clusters on "
                        + (platform == null ? providerName.strip() : platform.displayName()) + " yet.");
            }
            ClusterSpec spec = new ClusterSpec(name, ClusterType.named(type), version, f.text("backup_method"), dbUser,
                    cipher.encrypt(password), firstText(f, "storageClass", "storage_class"), f.text("size"),
                    f.text("flavor_id"), f.text("computeOffering"), f.text("storageOffering"), f.text("mount_point"));
            long number = ids.next("dbaas_cluster");
            RequestCluster request = new RequestCluster(ClusterMessages.id(number), number, caller.userId(), project.id(),
                    project.number(), provider.id(), platform, spec);
            refuseUnplannable(request);
            commands.send(request, ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(Created.of(find(number), caller.user().userNumber()));
        });
    }

    @GetMapping({"/api/v1/cluster", "/api/v1/clusters"})
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            String owner = caller.has(Role.ADMIN) ? null : caller.userId();
            Map<String, Long> owners = new HashMap<>();
            return ResponseEntity.ok(queries.list(new ListClusters(owner, null), ClusterView.class).stream()
                    .map(c -> Created.of(c, owners.computeIfAbsent(c.ownerId(), this::userNumber))).toList());
        });
    }

    @GetMapping("/api/v1/cluster/user")
    public Mono<ResponseEntity<?>> own(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            return ResponseEntity.ok(listed(queries.list(new ListClusters(caller.userId(), null), ClusterView.class),
                    caller, false));
        });
    }

    @GetMapping("/api/v1/cluster/project/{projectId}")
    public Mono<ResponseEntity<?>> ofProject(@PathVariable String projectId, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            long number = BitBlastIds.parse(projectId);
            ProjectView project = number < 0 ? null : queries.one(new FindProject(number), ProjectView.class);
            if (project == null || !project.ownerId().equals(caller.userId()) && !caller.has(Role.ADMIN)) {
                throw ApiException.notFound("Not found");
            }
            return ResponseEntity.ok(listed(queries.list(new ListClusters(null, project.id()), ClusterView.class),
                    caller, false));
        });
    }

    /** The caller's clusters of that name with how to connect to each (never the password). */
    @GetMapping("/api/v1/result/content/{clusterName}")
    public Mono<ResponseEntity<?>> content(@PathVariable String clusterName, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            List<ClusterView> named = named(caller, clusterName);
            if (named.isEmpty()) {
                throw ApiException.notFound("Not found");
            }
            return ResponseEntity.ok(listed(named, caller, true));
        });
    }

    @GetMapping("/api/v1/get_backup_method/{clusterName}")
    public Mono<ResponseEntity<?>> backupMethod(@PathVariable String clusterName, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            ClusterView cluster = named(caller, clusterName).stream().reduce((a, b) -> b)
                    .orElseThrow(() -> ApiException.notFound("Cluster not found"));
            Map<String, Object> body = new HashMap<>();
            body.put("backup_method", cluster.backupMethod());
            return ResponseEntity.ok(body);
        });
    }

    /** Tears the cluster down: what provisioning made is removed; the cluster leaves the lists when that is done. */
    @PostMapping("/api/v1/delete-cluster")
    public Mono<ResponseEntity<?>> delete(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.require(Role.STANDARD);
            String clusterName = f.requireText("cluster_name");
            String providerName = f.requireText("provider_name");
            Integer projectNumber = f.integer("project_id");
            f.validate();
            List<ClusterView> named = named(caller, clusterName).stream()
                    .filter(c -> projectNumber == null || c.projectNumber() == projectNumber).toList();
            if (named.isEmpty()) {
                throw ApiException.notFound(CLUSTER_NOT_FOUND);
            }
            if (named.size() > 1) {
                throw ApiException.badRequest("Several of your projects have a cluster of this name; give project_id.");
            }
            ClusterView cluster = named.get(0);
            if (cluster.platform() != Platform.named(providerName)) {
                throw ApiException.notFound(PROVIDER_NOT_FOUND);
            }
            commands.send(new RequestClusterTeardown(cluster.id(), caller.userId()), ctx);
            return ResponseEntity.ok(Map.of("message", "Destroy pipeline triggered successfully."));
        });
    }

    /**
     * Where the caller's provisioning stands: of the cluster named in the body (in its project when
     * project_id is given), else of the caller's most recently changed cluster.
     */
    @PostMapping("/api/v1/get_pipeline_status")
    public Mono<ResponseEntity<?>> pipelineStatus(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            String clusterName = f.text("cluster_name");
            Integer projectNumber = f.integer("project_id");
            f.validate();
            List<ClusterView> candidates = clusterName == null || clusterName.isBlank()
                    ? queries.list(new ListClusters(caller.userId(), null), ClusterView.class)
                    : named(caller, clusterName.strip());
            ClusterView cluster = latest(candidates.stream()
                    .filter(c -> projectNumber == null || c.projectNumber() == projectNumber).toList());
            return ResponseEntity.ok(Pipeline.of(cluster));
        });
    }

    /** The status of the caller's latest provisioning or teardown (the original then forgot a finished one; events are kept). */
    @PostMapping("/api/v1/get_dele_pipeline_status")
    public Mono<ResponseEntity<?>> deletePipelineStatus(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            ClusterView cluster = latest(queries.list(new ListClusters(caller.userId(), null), ClusterView.class));
            return ResponseEntity.ok(Pipeline.of(cluster));
        });
    }

    /**
     * The cluster now and at every step of its provisioning or teardown, as Server-Sent Events
     * ("cluster"); the stream ends when the cluster is ready, has failed, or is gone. Our addition.
     */
    // through web.run like every endpoint: a refusal is the contract's JSON error, a success the stream
    @GetMapping("/api/v1/cluster/{id}/events")
    public Mono<ResponseEntity<?>> events(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            long number = BitBlastIds.parse(id);
            ClusterView cluster = number < 0 ? null : find(number);
            if (cluster == null || !cluster.ownerId().equals(caller.userId()) && !caller.has(Role.ADMIN)) {
                throw ApiException.notFound(CLUSTER_NOT_FOUND);
            }
            long owner = userNumber(cluster.ownerId());
            SubscriptionQueryResult<ClusterView, ClusterView> result = queryGateway.subscriptionQuery(
                    new FindClusterById(cluster.id()), ClusterView.class, ClusterView.class);
            Flux<ServerSentEvent<Listed>> events = Flux.concat(result.initialResult(), result.updates())
                    .takeUntil(c -> c == null || c.settled() || "deleted".equals(c.status()))
                    .filter(c -> c != null)
                    .map(c -> ServerSentEvent.<Listed>builder(Listed.of(c, owner, true)).event("cluster")
                            .id(c.status() + ":" + c.percent()).build())
                    .doFinally(signal -> result.cancel());
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events);
        });
    }

    /** What the platform needs and lacks (OpenStack's flavor_id, CloudStack's computeOffering, the server's image) is a 400 now, not a failed provisioning later. */
    private void refuseUnplannable(RequestCluster r) {
        try {
            provisioner.plan(new ClusterRequested(r.id(), r.number(), r.ownerId(), r.projectId(), r.projectNumber(),
                    r.providerId(), r.platform(), r.spec()));
        } catch (PlatformCallFailed e) {
            throw ApiException.badRequest(e.getMessage() + ".");
        } catch (RuntimeException e) {
            // the aggregate's own checks answer for a spec the platform cannot even read
        }
    }

    private List<ClusterView> named(Principal caller, String name) {
        return queries.list(new FindClustersNamed(caller.userId(), name == null ? "" : name.strip()), ClusterView.class);
    }

    private static ClusterView latest(List<ClusterView> clusters) {
        return clusters.stream().max(Comparator.comparing(ClusterView::updatedAt).thenComparing(ClusterView::number))
                .orElseThrow(() -> ApiException.notFound("No pipeline found."));
    }

    private ClusterView find(long number) { return queries.one(new FindCluster(number), ClusterView.class); }

    private List<Listed> listed(List<ClusterView> clusters, Principal caller, boolean withArtifacts) {
        Map<String, Long> owners = new HashMap<>();
        return clusters.stream().map(c -> Listed.of(c, owners.computeIfAbsent(c.ownerId(), this::userNumber), withArtifacts))
                .toList();
    }

    private long userNumber(String userId) {
        UserView user = accounts.byId(userId);
        return user == null ? 0 : user.userNumber();
    }

    private static String firstText(Fields f, String... names) {
        for (String name : names) {
            String value = f.text(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** The shape POST and GET /cluster/ answer, plus where provisioning stands (our addition). */
    record Created(long id, long user, long project, @JsonProperty("cluster_name") String clusterName,
                   @JsonProperty("cluster_type") String clusterType,
                   @JsonProperty("postgres_version") String postgresVersion,
                   @JsonProperty("backup_method") String backupMethod, String provider, String status, String step,
                   int percent, @JsonProperty("created_at") Instant createdAt,
                   @JsonProperty("updated_at") Instant updatedAt) {
        static Created of(ClusterView c, long user) {
            return new Created(c.number(), user, c.projectNumber(), c.name(), c.type(), c.postgresVersion(),
                    c.backupMethod(), c.platform().displayName(), c.status(), c.step(), c.percent(), c.createdAt(),
                    c.updatedAt());
        }
    }

    /** The shape of the by-user, by-project and by-name lists, plus status and, where asked, how to connect. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Listed(long id, @JsonProperty("user_id") long userId, @JsonProperty("project_id") long projectId,
                  @JsonProperty("cluster_name") String clusterName, @JsonProperty("cluster_type") String clusterType,
                  @JsonProperty("database_version") String databaseVersion,
                  @JsonProperty("provider_name") String providerName, String status, String step, Integer percent,
                  String reason, Connection artifacts, @JsonProperty("created_at") Instant createdAt) {
        static Listed of(ClusterView c, long user, boolean withArtifacts) {
            return new Listed(c.number(), user, c.projectNumber(), c.name(), c.type(), c.postgresVersion(),
                    c.platform().displayName(), c.status(), c.step(), c.percent(), c.reason(),
                    withArtifacts ? c.connection() : null, c.createdAt());
        }
    }

    /** The pipeline status answer: status, and artifacts = how to connect once it is ready. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pipeline(String status, Connection artifacts, @JsonProperty("cluster_id") long clusterId,
                    @JsonProperty("cluster_name") String clusterName, String step, int percent, String reason) {
        static Pipeline of(ClusterView c) {
            return new Pipeline(c.status(), c.connection(), c.number(), c.name(), c.step(), c.percent(), c.reason());
        }
    }
}
