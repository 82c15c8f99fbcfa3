package io.opsledger.gateway.openstack;

import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.exceptions.RegionEndpointNotFoundException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.openstack.OSFactory;

/**
 * {@link OpenStackGateway} over openstack4j (OkHttp connector): every call logs in to Keystone
 * afresh (v3 password, project scope) and then asks the service the token's catalog names.
 */
public final class Openstack4jGateway implements OpenStackGateway {

    private static final String DEFAULT_DOMAIN = "Default";

    private final Duration timeout;

    /** @param timeout how long connecting and each read may take */
    public Openstack4jGateway(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String check(OpenStackLogin login) {
        return login(login).getToken().getProject().getId();
    }

    @Override
    public List<Flavor> flavors(OpenStackLogin login) {
        OSClientV3 client = login(login);
        String nova = "OpenStack Nova (compute) of " + CallFailures.where(identityV3(login.authUrl()));
        return call(login, nova, "list its flavors", () -> client.compute().flavors().list(true)).stream()
                .map(f -> new Flavor(f.getId(), f.getName(), f.getRam(), f.getVcpus(), f.getDisk(),
                        !Boolean.FALSE.equals(f.isPublic())))
                .toList();
    }

    private OSClientV3 login(OpenStackLogin login) {
        if (login.authUrl() == null || login.authUrl().isBlank()) {
            throw new PlatformCallFailed("The OpenStack auth URL is missing");
        }
        String keystone = "OpenStack Keystone at " + CallFailures.where(identityV3(login.authUrl()));
        OSClientV3 client = call(login, keystone, "log in", () -> OSFactory.builderV3()
                .endpoint(identityV3(login.authUrl()))
                .credentials(login.username(), login.password(), Identifier.byName(orDefault(login.userDomain())))
                .scopeToProject(Identifier.byName(login.projectName()), Identifier.byName(orDefault(login.projectDomain())))
                .withConfig(Config.newConfig()
                        .withConnectionTimeout(millis())
                        .withReadTimeout(millis()))
                .authenticate());
        if (login.region() != null && !login.region().isBlank()) {
            client.useRegion(login.region());
        }
        return client;
    }

    /** Keystone's v3 root: users often paste the bare identity URL ({@code https://h:5000}). */
    static String identityV3(String authUrl) {
        String url = authUrl.strip().replaceAll("/+$", "");
        return url.endsWith("/v3") ? url : url + "/v3";
    }

    private <T> T call(OpenStackLogin login, String platform, String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (AuthenticationException e) {
            throw new PlatformCallFailed(platform + " refused the credentials (" + e.getStatus() + ")", e);
        } catch (RegionEndpointNotFoundException e) {
            throw new PlatformCallFailed(platform + ": the project's catalog has no endpoint in region \""
                    + login.region() + "\"", e);
        } catch (ResponseException e) {
            throw new PlatformCallFailed(describe(e, platform, what), e);
        } catch (RuntimeException e) {
            // openstack4j reports a missing catalog entry or an unreadable answer in its own ways
            throw new PlatformCallFailed(CallFailures.transport(e, platform, timeout)
                    .orElse(platform + " could not " + what + ": " + messageOf(e)), e);
        }
    }

    private String describe(ResponseException e, String platform, String what) {
        return switch (e.getStatus()) {
            case 0 -> CallFailures.transport(e, platform, timeout).orElse(platform + " could not " + what + ": "
                    + messageOf(e));
            case 403 -> platform + " does not allow the user to " + what + " (403)";
            case 404 -> platform + " has nothing at the address it was asked to " + what + " (404); is the URL right?";
            default -> platform + " answered " + e.getStatus() + " when asked to " + what + ": " + messageOf(e);
        };
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String orDefault(String domain) {
        return domain == null || domain.isBlank() ? DEFAULT_DOMAIN : domain;
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
