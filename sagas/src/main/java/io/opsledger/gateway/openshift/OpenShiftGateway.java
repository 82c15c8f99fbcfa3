package io.opsledger.gateway.openshift;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Port to an OpenShift cluster, reached with a user's name and password through the cluster's
 * OAuth server (as {@code oc login} does). Every method throws
 * {@link io.opsledger.gateway.PlatformCallFailed} when the login or the call fails.
 */
public interface OpenShiftGateway {

    /** Logs in through the cluster's OAuth server with username/password, then reads the API's version with that token; answers the version. */
    String check(String apiUrl, String username, String password);

    /** The names of the cluster's storage classes, after the same login. */
    List<String> storageClassNames(String apiUrl, String username, String password);

    /**
     * Logs in, hands {@code work} the API's address and the session's token (for a Kubernetes
     * client), and logs out afterwards, also when {@code work} fails.
     */
    <T> T withToken(String apiUrl, String username, String password, BiFunction<String, String, T> work);
}
