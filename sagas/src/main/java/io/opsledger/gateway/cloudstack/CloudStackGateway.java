package io.opsledger.gateway.cloudstack;

import java.util.List;

/**
 * Port to an Apache CloudStack management server (signed API calls with an API key and secret
 * key). Every method throws {@link io.opsledger.gateway.PlatformCallFailed} when the call fails.
 */
public interface CloudStackGateway {

    /** A signed listZones; answers the zones' names. */
    List<String> zones(CloudStackLogin login);

    /** A signed listServiceOfferings. */
    List<ComputeOffering> computeOfferings(CloudStackLogin login);

    /** The API endpoint (e.g. {@code https://cloud.example.com/client/api}) and the user's keys. */
    record CloudStackLogin(String apiUrl, String apiKey, String secretKey) {

        /** Keeps the secret key out of logs and exception messages. */
        @Override
        public String toString() {
            return "CloudStackLogin[apiUrl=" + apiUrl + ", apiKey=" + apiKey + "]";
        }
    }

    /** One service offering: cpuSpeed in MHz, memory in MB. */
    record ComputeOffering(String name, int cpuNumber, int cpuSpeed, int memory) {}
}
