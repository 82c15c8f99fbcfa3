package io.opsledger.gateway.openstack;

import java.util.List;

/**
 * Port to an OpenStack cloud (Keystone v3 password login scoped to a project). Every method
 * throws {@link io.opsledger.gateway.PlatformCallFailed} when the login or the call fails.
 */
public interface OpenStackGateway {

    /** Keystone v3 password authentication scoped to the project; answers the project's id. */
    String check(OpenStackLogin login);

    /** Nova's flavors (details). */
    List<Flavor> flavors(OpenStackLogin login);

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
