package io.opsledger.web.bitblast;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.common.Queries;
import io.opsledger.dbaas.PlatformLogins;
import io.opsledger.dbaas.PlatformReads;
import io.opsledger.dbaas.api.DbaasQueries.ListProviders;
import io.opsledger.dbaas.api.DbaasQueries.ProviderView;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.identity.Principal;
import io.opsledger.web.ApiException;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * BitBlast's live catalogue reads (compute_offerings, flavors, list_storage_classes,
 * k8s_storage_classes), through the caller's provider record of the platform (the server's
 * defaults when there is none). A platform that cannot be reached answers 502 with the cause in
 * the contract's {"error": ...}; credentials that are missing answer 400.
 */
@RestController
public class BitBlastPlatformReadsController {

    private final Web web;
    private final Queries queries;
    private final PlatformReads reads;

    public BitBlastPlatformReadsController(Web web, Queries queries, PlatformReads reads) {
        this.web = web;
        this.queries = queries;
        this.reads = reads;
    }

    @GetMapping("/api/v1/compute_offerings")
    public Mono<ResponseEntity<?>> computeOfferings(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ProviderSettings provider = own(ctx.requireUser(), Platform.CLOUDSTACK);
            List<Offering> offerings = live(() -> reads.computeOfferings(provider)).stream()
                    .map(o -> new Offering(o.name(), o.cpuNumber(), o.cpuSpeed(), o.memory())).toList();
            return ResponseEntity.ok(Map.of("compute_offerings", offerings));
        });
    }

    @GetMapping("/api/v1/flavors")
    public Mono<ResponseEntity<?>> flavors(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ProviderSettings provider = own(ctx.requireUser(), Platform.OPENSTACK);
            return ResponseEntity.ok(live(() -> reads.flavors(provider)).stream()
                    .map(v -> new Flavor(new FlavorName(v.id(), v.name()), v.ram(), v.vcpus(), v.disk(), v.isPublic())).toList());
        });
    }

    /** With the body's OpenShift credentials, as the contract has it; without them, the caller's OpenShift provider. */
    @PostMapping("/api/v1/list_storage_classes")
    public Mono<ResponseEntity<?>> openShiftStorageClasses(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            String apiUrl = f.text("api_url");
            String username = f.text("OpenShift_username");
            String password = f.text("OpenShift_password");
            f.validate();
            return ResponseEntity.ok(live(() -> {
                PlatformLogins.OpenShiftLogin login = apiUrl != null || username != null || password != null
                        ? new PlatformLogins.OpenShiftLogin(required("api_url", apiUrl), required("OpenShift_username", username),
                        required("OpenShift_password", password))
                        : loginOf(own(caller, Platform.OPENSHIFT));
                return reads.openShiftStorageClasses(login);
            }).stream().map(name -> Map.of("name", name)).toList());
        });
    }

    @GetMapping("/api/v1/k8s_storage_classes")
    public Mono<ResponseEntity<?>> kubernetesStorageClasses(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ProviderSettings provider = own(ctx.requireUser(), Platform.KUBERNETES);
            List<StorageClass> classes = live(() -> reads.kubernetesStorageClasses(provider)).stream()
                    .map(c -> new StorageClass(c.name(), c.provisioner(), c.reclaimPolicy(), c.volumeBindingMode(),
                            c.allowVolumeExpansion(), c.creationTimestamp())).toList();
            return ResponseEntity.ok(Map.of("storage_classes", classes));
        });
    }

    /** The caller's provider record of {@code platform}, or null. */
    private ProviderSettings own(Principal caller, Platform platform) {
        return queries.list(new ListProviders(caller.userId()), ProviderView.class).stream()
                .map(ProviderView::settings).filter(s -> s.platform() == platform).findFirst().orElse(null);
    }

    private PlatformLogins.OpenShiftLogin loginOf(ProviderSettings provider) {
        if (provider == null) {
            throw ApiException.badRequest("api_url, OpenShift_username and OpenShift_password are required"
                    + " (or register an OpenShift provider).");
        }
        return reads.openShiftLogin(provider);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    /** A platform call: its failure is the platform's (502), missing credentials the caller's (400). */
    private static <T> T live(Supplier<T> call) {
        try {
            return call.get();
        } catch (PlatformCallFailed e) {
            throw ApiException.of(HttpStatus.BAD_GATEWAY, e.getMessage());
        } catch (PlatformLogins.MissingCredentials e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    record Offering(String name, int cpunumber, int cpuspeed, int memory) {}

    record FlavorName(@JsonProperty("flavor_id") String flavorId, String name) {}

    record Flavor(FlavorName flavors, int ram, int vcpus, int disk, @JsonProperty("is_public") boolean isPublic) {}

    record StorageClass(String name, String provisioner, @JsonProperty("reclaim_policy") String reclaimPolicy,
                        @JsonProperty("volume_binding_mode") String volumeBindingMode,
                        @JsonProperty("allow_volume_expansion") Boolean allowVolumeExpansion,
                        @JsonProperty("creation_timestamp") String creationTimestamp) {}
}
