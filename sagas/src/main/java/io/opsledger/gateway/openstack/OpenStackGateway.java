package io.opsledger.gateway.openstack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port to an OpenStack cloud (Keystone v3 password login scoped to a project). Every method
 * throws {@link io.opsledger.gateway.PlatformCallFailed} when the login or the call fails.
 */
public interface OpenStackGateway {

    /** Keystone v3 password authentication scoped to the project; answers the project's id. */
    String check(OpenStackLogin login);

    /** Nova's flavors (details). */
    List<Flavor> flavors(OpenStackLogin login);

    /**
     * Finds the Neutron security group of that name in the project or creates it, with one ingress
     * rule: TCP {@code port} from {@code cidr} (IPv4); adds the rule to a group found without it.
     * Answers its id. Idempotent.
     */
    String ensureSecurityGroup(OpenStackLogin login, String name, int port, String cidr);

    /** Finds the Cinder volume of that name or creates it ({@code sizeGb}); answers its id. Idempotent by name. */
    String ensureVolume(OpenStackLogin login, String name, int sizeGb);

    /**
     * Finds the Nova server of that name or boots it: flavor, image (by id), the security group (by
     * name), the volume attached as a block device (by id, not deleted on termination), user-data
     * (plain text; sent base64 as Nova wants), metadata. Answers its id. Idempotent by name.
     */
    String ensureServer(OpenStackLogin login, ServerSpec spec);

    /**
     * The server's state: Nova status (ACTIVE, BUILD, ERROR...), its first IPv4 address or null,
     * the fault message or null; empty when it does not exist.
     */
    Optional<ServerState> server(OpenStackLogin login, String serverId);

    /** The id of the project's security group, Cinder volume or Nova server of exactly that name; empty when there is none. */
    Optional<String> securityGroupId(OpenStackLogin login, String name);

    Optional<String> volumeId(OpenStackLogin login, String name);

    Optional<String> serverId(OpenStackLogin login, String name);

    /** Deletes the Nova server; a 404 (already gone) is success. */
    void deleteServer(OpenStackLogin login, String serverId);

    /** Deletes the Cinder volume; a 404 (already gone) is success. */
    void deleteVolume(OpenStackLogin login, String volumeId);

    /** Deletes the Neutron security group; a 404 (already gone) is success. */
    void deleteSecurityGroup(OpenStackLogin login, String securityGroupId);

    /** What {@link #ensureServer} boots; userData is plain text (or null), metadata may be null. */
    record ServerSpec(String name, String flavorId, String imageId, String securityGroupName, String volumeId,
                      String userData, Map<String, String> metadata) {

        /** Keeps the user-data (which may carry a database password) out of logs and messages. */
        @Override
        public String toString() {
            return "ServerSpec[name=" + name + ", flavorId=" + flavorId + ", imageId=" + imageId
                    + ", securityGroupName=" + securityGroupName + ", volumeId=" + volumeId + ", userData="
                    + (userData == null ? "null" : "(" + userData.length() + " chars)") + ", metadata=" + metadata + "]";
        }
    }

    /** A Nova server as seen now: address and fault are null when Nova names none. */
    record ServerState(String id, String status, String address, String fault) {}

    /** Where and as whom to log in; null domains mean "Default", a null or blank region means any. */
    record OpenStackLogin(String authUrl, String username, String password, String projectName,
                          String userDomain, String projectDomain, String region) {

        /** Keeps the password out of logs and exception messages. */
        @Override
        public String toString() {
            return "OpenStackLogin[authUrl=" + authUrl + ", username=" + username + ", projectName=" + projectName
                    + ", userDomain=" + userDomain + ", projectDomain=" + projectDomain + ", region=" + region + "]";
        }
    }

    /** One Nova flavor: ram in MB, disk in GB. */
    record Flavor(String id, String name, int ram, int vcpus, int disk, boolean isPublic) {}
}
