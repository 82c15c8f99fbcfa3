package io.opsledger.web.bitblast;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.common.Commands;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.Masked;
import io.opsledger.common.Queries;
import io.opsledger.common.WriteOnlySecrets;
import io.opsledger.common.WriteOnlySecrets.Blank;
import io.opsledger.dbaas.ProviderRegistration;
import io.opsledger.dbaas.api.CatalogueMessages;
import io.opsledger.dbaas.api.CatalogueMessages.ToggleCatalogueEntry;
import io.opsledger.dbaas.api.DbaasQueries.*;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.identity.Principal;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * BitBlast's Providers endpoints (bitblast-api.md, Provider_api) on the dbaas context. A second
 * POST for the same provider_name updates the caller's record (fields it leaves out keep their
 * values); credentials are write-only and answer as "********" when set, "" when not. Standard
 * users and admins save providers; everyone signed in reads their own (admins: everyone's).
 */
@RestController
public class BitBlastProvidersController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final WriteOnlySecrets secrets;
    private final ProviderRegistration registration;

    public BitBlastProvidersController(Web web, Commands commands, Queries queries, WriteOnlySecrets secrets,
                                       ProviderRegistration registration) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.secrets = secrets;
        this.registration = registration;
    }

    @PostMapping("/api/v1/providers")
    public Mono<ResponseEntity<?>> save(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.require(Role.STANDARD);
            String name = f.requireText("provider_name");
            f.validate();
            ProviderView current = queries.one(new FindOwnProvider(caller.userId(), name), ProviderView.class);
            ProviderRegistration.Saved saved = registration.save(ctx, caller.userId(), settings(f, current == null ? null : current.settings()));
            ProviderView view = queries.one(new FindOwnProvider(caller.userId(), name), ProviderView.class);
            return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(Shown.of(view, caller.user().userNumber()));
        });
    }

    @GetMapping("/api/v1/providers")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            String owner = caller.has(Role.ADMIN) ? null : caller.userId();
            return ResponseEntity.ok(shown(queries.list(new ListProviders(owner), ProviderView.class)));
        });
    }

    @GetMapping("/api/v1/providers/user-providers")
    public Mono<ResponseEntity<?>> own(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            return ResponseEntity.status(HttpStatus.CREATED).body(shown(queries.list(new ListProviders(caller.userId()), ProviderView.class)));
        });
    }

    @GetMapping("/api/v1/providers/by-username-and-name/{providerName}")
    public Mono<ResponseEntity<?>> byName(@PathVariable String providerName, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            ProviderView view = queries.one(new FindOwnProvider(caller.userId(), providerName), ProviderView.class);
            if (view == null) {
                throw ApiException.notFound("Not found.");
            }
            return ResponseEntity.status(HttpStatus.CREATED).body(Shown.of(view, caller.user().userNumber()));
        });
    }

    /** The catalogue: every platform, enabled or not, and whether the caller has a connected provider of it. */
    @GetMapping("/api/v1/provider-list")
    public Mono<ResponseEntity<?>> catalogue(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            List<ProviderView> own = queries.list(new ListProviders(caller.userId()), ProviderView.class);
            return ResponseEntity.status(HttpStatus.CREATED).body(queries.list(new ListCatalogue(), CatalogueView.class).stream()
                    .map(entry -> Shown.of(entry, own.stream().anyMatch(p -> p.settings().platform() == entry.platform() && p.isConnected())))
                    .toList());
        });
    }

    @PostMapping("/api/v1/toggle-provider-status/{id}")
    public Mono<ResponseEntity<?>> toggle(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            Platform platform = Platform.numbered(BitBlastIds.parse(id));
            if (platform == null) {
                throw ApiException.notFound("Not found.");
            }
            boolean enabled = commands.send(new ToggleCatalogueEntry(CatalogueMessages.id(platform), platform), ctx);
            return ResponseEntity.ok(new Toggled(platform.number(), enabled, platform.displayName()));
        });
    }

    /** What the request sets, over {@code current} (null for a new record): fields left out keep their values. */
    private ProviderSettings settings(Fields f, ProviderSettings current) {
        ProviderSettings c = current != null ? current
                : new ProviderSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        ProviderSettings settings = new ProviderSettings(f.text("provider_name"), text(f, "key_name", c.keyName()),
                text(f, "provider_url", c.providerUrl()), secret(f, "secret_key", c.secretKey()),
                secret(f, "access_token", c.accessToken()), secret(f, "kubeconfig_data", c.kubeconfig()),
                text(f, "OpenstackUsername", c.openstackUsername()), text(f, "tenant_name", c.tenantName()),
                secret(f, "OpenstackPassword", c.openstackPassword()), text(f, "auth_url", c.authUrl()),
                text(f, "region", c.region()), text(f, "OpenShift_username", c.openshiftUsername()),
                secret(f, "OpenShift_password", c.openshiftPassword()), text(f, "api_url", c.apiUrl()));
        f.validate();
        return settings;
    }

    private static String text(Fields f, String name, String current) {
        return f.present(name) ? f.text(name) : current;
    }

    private EncryptedSecret secret(Fields f, String name, EncryptedSecret current) {
        return f.present(name) ? secrets.after(current, f.text(name), Blank.KEEPS) : current;
    }

    private List<Shown> shown(List<ProviderView> views) {
        return views.stream().map(v -> Shown.of(v, null)).toList();
    }

    record Toggled(@JsonProperty("provider_id") long providerId, @JsonProperty("is_enabled") boolean enabled,
                   @JsonProperty("provider_name") String providerName) {}

    /** A provider on the wire (the contract's field names, credentials masked); user_id only where the contract shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Shown(long id, @JsonProperty("user_id") Long userId, @JsonProperty("provider_name") String providerName,
                 @JsonProperty("key_name") String keyName, @JsonProperty("provider_url") String providerUrl,
                 @JsonProperty("secret_key") String secretKey, @JsonProperty("access_token") String accessToken,
                 @JsonProperty("kubeconfig_data") String kubeconfig, String openStackuser,
                 @JsonProperty("tenant_name") String tenantName, String openstackpassword,
                 @JsonProperty("auth_url") String authUrl, String region,
                 @JsonProperty("OpenShift_username") String openshiftUsername,
                 @JsonProperty("OpenShift_password") String openshiftPassword, @JsonProperty("api_url") String apiUrl,
                 @JsonProperty("is_connected") boolean connected, @JsonProperty("is_enabled") Boolean enabled,
                 @JsonProperty("connection_detail") String connectionDetail, @JsonProperty("checked_at") Instant checkedAt) {

        static Shown of(ProviderView v, Long userNumber) {
            ProviderSettings s = v.settings();
            return new Shown(v.number(), userNumber, s.providerName(), orEmpty(s.keyName()), orEmpty(s.providerUrl()),
                    mask(s.secretKey()), mask(s.accessToken()), mask(s.kubeconfig()), orEmpty(s.openstackUsername()),
                    orEmpty(s.tenantName()), mask(s.openstackPassword()), orEmpty(s.authUrl()), orEmpty(s.region()),
                    orEmpty(s.openshiftUsername()), mask(s.openshiftPassword()), orEmpty(s.apiUrl()), v.isConnected(), null,
                    orEmpty(v.connectionDetail()), v.checkedAt());
        }

        static Shown of(CatalogueView entry, boolean connected) {
            Platform p = entry.platform();
            return new Shown(p.number(), null, p.displayName(), "", "", "", "", "", "", "", "", "", "", "", "", "",
                    connected, entry.enabled(), null, null);
        }

        private static String mask(EncryptedSecret secret) { return secret == null ? "" : Masked.MASK; }

        private static String orEmpty(String value) { return value == null ? "" : value; }
    }
}
