package io.opsledger.gateway.openstack;

import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.exceptions.RegionEndpointNotFoundException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.compute.Address;
import org.openstack4j.model.compute.BDMDestType;
import org.openstack4j.model.compute.BDMSourceType;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.compute.builder.ServerCreateBuilder;
import org.openstack4j.model.network.SecurityGroup;
import org.openstack4j.model.network.SecurityGroupRule;
import org.openstack4j.model.storage.block.Volume;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.compute.internal.BaseComputeServices;

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
        String nova = nova(login);
        return call(login, nova, "list its flavors", () -> client.compute().flavors().list(true)).stream()
                .map(f -> new Flavor(f.getId(), f.getName(), f.getRam(), f.getVcpus(), f.getDisk(),
                        !Boolean.FALSE.equals(f.isPublic())))
                .toList();
    }

    @Override
    public String ensureSecurityGroup(OpenStackLogin login, String name, int port, String cidr) {
        OSClientV3 client = login(login);
        String neutron = neutron(login);
        SecurityGroup group = securityGroupNamed(client, login, neutron, name).orElse(null);
        if (group == null) {
            group = answered(neutron, "create security group " + name, call(login, neutron,
                    "create security group " + name, () -> client.networking().securitygroup().create(
                            Builders.securityGroup().name(name)
                                    .description("OpsLedger: TCP " + port + " from " + cidr).build())));
        }
        boolean ruled = group.getRules() != null && group.getRules().stream()
                .anyMatch(r -> isIngressTcpFrom(r, port, cidr));
        if (!ruled) {
            String groupId = group.getId();
            String what = "add the rule TCP " + port + " from " + cidr + " to security group " + name;
            try {
                answered(neutron, what, call(login, neutron, what, () -> client.networking().securityrule().create(
                        Builders.securityGroupRule().securityGroupId(groupId).direction("ingress")
                                .ethertype("IPv4").protocol("tcp").portRangeMin(port).portRangeMax(port)
                                .remoteIpPrefix(cidr).build())));
            } catch (PlatformCallFailed e) {
                // 409 SecurityGroupRuleExists: someone (a retry of ours) added it meanwhile
                if (!(e.getCause() instanceof ResponseException re && re.getStatus() == 409)) {
                    throw e;
                }
            }
        }
        return group.getId();
    }

    private Optional<SecurityGroup> securityGroupNamed(OSClientV3 client, OpenStackLogin login, String neutron, String name) {
        String projectId = client.getToken().getProject().getId();
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("name", name);
        filter.put("project_id", projectId);
        return call(login, neutron, "look for security group " + name,
                () -> client.networking().securitygroup().list(filter)).stream()
                .filter(g -> name.equals(g.getName()))
                .filter(g -> g.getTenantId() == null || projectId.equals(g.getTenantId()))
                .map(g -> (SecurityGroup) g)
                .findFirst();
    }

    @Override
    public Optional<String> securityGroupId(OpenStackLogin login, String name) {
        OSClientV3 client = login(login);
        return securityGroupNamed(client, login, neutron(login), name).map(SecurityGroup::getId);
    }

    @Override
    public Optional<String> volumeId(OpenStackLogin login, String name) {
        OSClientV3 client = login(login);
        return volumeNamed(client, login, cinder(login), name);
    }

    @Override
    public Optional<String> serverId(OpenStackLogin login, String name) {
        OSClientV3 client = login(login);
        return serverNamed(client, login, nova(login), name);
    }

    private Optional<String> volumeNamed(OSClientV3 client, OpenStackLogin login, String cinder, String name) {
        return call(login, cinder, "look for volume " + name,
                () -> client.blockStorage().volumes().list(Map.of("name", name))).stream()
                .filter(v -> name.equals(v.getName()))
                .filter(v -> v.getStatus() != Volume.Status.DELETING)
                .map(Volume::getId)
                .findFirst();
    }

    private Optional<String> serverNamed(OSClientV3 client, OpenStackLogin login, String nova, String name) {
        // Nova's name filter is a regular expression; the exact match is checked here too
        return call(login, nova, "look for server " + name,
                () -> client.compute().servers().list(Map.of("name", "^" + regexQuoted(name) + "$"))).stream()
                .filter(s -> name.equals(s.getName()))
                .map(Server::getId)
                .findFirst();
    }

    private static boolean isIngressTcpFrom(SecurityGroupRule rule, int port, String cidr) {
        return "ingress".equalsIgnoreCase(rule.getDirection())
                && "IPv4".equalsIgnoreCase(rule.getEtherType())
                && "tcp".equalsIgnoreCase(rule.getProtocol())
                && Objects.equals(rule.getPortRangeMin(), port)
                && Objects.equals(rule.getPortRangeMax(), port)
                && cidr.equals(rule.getRemoteIpPrefix());
    }

    @Override
    public String ensureVolume(OpenStackLogin login, String name, int sizeGb) {
        OSClientV3 client = login(login);
        String cinder = cinder(login);
        Optional<String> found = volumeNamed(client, login, cinder, name);
        if (found.isPresent()) {
            return found.get();
        }
        String what = "create volume " + name + " (" + sizeGb + " GB)";
        return answered(cinder, what, call(login, cinder, what, () -> client.blockStorage().volumes().create(
                Builders.volume().name(name).size(sizeGb).description("OpsLedger").build()))).getId();
    }

    @Override
    public String ensureServer(OpenStackLogin login, ServerSpec spec) {
        OSClientV3 client = login(login);
        String nova = nova(login);
        String name = spec.name();
        Optional<String> found = serverNamed(client, login, nova, name);
        if (found.isPresent()) {
            return found.get();
        }
        ServerCreateBuilder boot = client.compute().servers().serverBuilder()
                .name(name)
                .flavor(spec.flavorId())
                .image(spec.imageId())
                // the image is the root disk; the volume is a data disk that outlives the server
                .blockDevice(Builders.blockDeviceMapping().uuid(spec.imageId()).sourceType(BDMSourceType.IMAGE)
                        .destinationType(BDMDestType.LOCAL).bootIndex(0).deleteOnTermination(true).build())
                .blockDevice(Builders.blockDeviceMapping().uuid(spec.volumeId()).sourceType(BDMSourceType.VOLUME)
                        .destinationType(BDMDestType.VOLUME).bootIndex(-1).deleteOnTermination(false).build());
        if (spec.securityGroupName() != null) {
            boot.addSecurityGroup(spec.securityGroupName());
        }
        if (spec.userData() != null) {
            boot.userData(Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)));
        }
        if (spec.metadata() != null && !spec.metadata().isEmpty()) {
            boot.addMetadata(spec.metadata());
        }
        String what = "boot server " + name;
        return answered(nova, what, call(login, nova, what, () -> client.compute().servers().boot(boot.build())))
                .getId();
    }

    @Override
    public Optional<ServerState> server(OpenStackLogin login, String serverId) {
        OSClientV3 client = login(login);
        String nova = nova(login);
        // openstack4j answers null for a 404
        Server server = call(login, nova, "read server " + serverId, () -> client.compute().servers().get(serverId));
        if (server == null) {
            return Optional.empty();
        }
        String status = server.getStatus() == null ? null : server.getStatus().name();
        String fault = server.getFault() == null ? null : server.getFault().getMessage();
        return Optional.of(new ServerState(server.getId(), status, firstIpv4(server), fault));
    }

    private static String firstIpv4(Server server) {
        if (server.getAddresses() == null || server.getAddresses().getAddresses() == null) {
            return null;
        }
        return server.getAddresses().getAddresses().values().stream()
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .filter(a -> a.getVersion() == 4)
                .map(Address::getAddr)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void deleteServer(OpenStackLogin login, String serverId) {
        login(login);
        String nova = nova(login);
        String what = "delete server " + serverId;
        deleted(nova, what, call(login, nova, what, () -> new NovaServerDeletion().delete(serverId)));
    }

    @Override
    public void deleteVolume(OpenStackLogin login, String volumeId) {
        OSClientV3 client = login(login);
        String cinder = cinder(login);
        String what = "delete volume " + volumeId;
        deleted(cinder, what, call(login, cinder, what, () -> client.blockStorage().volumes().delete(volumeId)));
    }

    @Override
    public void deleteSecurityGroup(OpenStackLogin login, String securityGroupId) {
        OSClientV3 client = login(login);
        String neutron = neutron(login);
        String what = "delete security group " + securityGroupId;
        deleted(neutron, what, call(login, neutron, what,
                () -> client.networking().securitygroup().delete(securityGroupId)));
    }

    /**
     * Nova's DELETE /servers/{id} answered as it came: openstack4j's own ServerService.delete
     * reports a 502, 503 or 504 as success, which would leave a server running unseen.
     */
    private static final class NovaServerDeletion extends BaseComputeServices {
        ActionResponse delete(String serverId) {
            return deleteWithResponse(uri("/servers/%s", serverId)).execute();
        }
    }

    /** A delete's answer: success, or a 404 (already gone), or a failure naming what OpenStack said. */
    private void deleted(String platform, String what, ActionResponse response) {
        if (response == null || response.isSuccess() || response.getCode() == 404) {
            return;
        }
        throw new PlatformCallFailed(describe(response.getCode(), response.getFault(), platform, what));
    }

    /** openstack4j answers null when a POST meets a 404 (e.g. a catalog URL that points nowhere). */
    private <T> T answered(String platform, String what, T answer) {
        if (answer == null) {
            throw new PlatformCallFailed(describe(404, null, platform, what));
        }
        return answer;
    }

    /** Escapes what a regular expression (Python's or the database's) would read as syntax. */
    static String regexQuoted(String text) {
        StringBuilder quoted = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (".^$*+?()[]{}|\\-".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }

    private static String nova(OpenStackLogin login) {
        return "OpenStack Nova (compute) of " + CallFailures.where(identityV3(login.authUrl()));
    }

    private static String neutron(OpenStackLogin login) {
        return "OpenStack Neutron (network) of " + CallFailures.where(identityV3(login.authUrl()));
    }

    private static String cinder(OpenStackLogin login) {
        return "OpenStack Cinder (block storage) of " + CallFailures.where(identityV3(login.authUrl()));
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
            if (e.getStatus() == 0) {
                throw new PlatformCallFailed(CallFailures.transport(e, platform, timeout)
                        .orElse(platform + " could not " + what + ": " + messageOf(e)), e);
            }
            throw new PlatformCallFailed(describe(e.getStatus(), e.getMessage(), platform, what), e);
        } catch (RuntimeException e) {
            // openstack4j reports a missing catalog entry or an unreadable answer in its own ways
            throw new PlatformCallFailed(CallFailures.transport(e, platform, timeout)
                    .orElse(platform + " could not " + what + ": " + messageOf(e)), e);
        }
    }

    /** What OpenStack answered {@code status} (with its fault message, if any) to {@code what}. */
    private static String describe(int status, String message, String platform, String what) {
        boolean said = message != null && !message.isBlank();
        if (status == 404) {
            return platform + " has nothing at the address it was asked to " + what + " (404); is the URL right?";
        }
        if (status == 403 && !said) {
            return platform + " does not allow the user to " + what + " (403)";
        }
        if (status >= 400 && status < 500) {
            return platform + " refused to " + what + (said ? ": " + message.strip() : "") + " (" + status + ")";
        }
        return platform + " answered " + status + " when asked to " + what + (said ? ": " + message.strip() : "");
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
