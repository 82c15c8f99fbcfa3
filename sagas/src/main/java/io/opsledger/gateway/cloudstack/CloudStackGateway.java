package io.opsledger.gateway.cloudstack;

import java.util.List;
import java.util.Optional;

/**
 * Port to an Apache CloudStack management server (signed API calls with an API key and secret
 * key). Every method throws {@link io.opsledger.gateway.PlatformCallFailed} when the call fails;
 * its message names the platform's address, what was tried and CloudStack's errortext, never the
 * secret key or a signature.
 */
public interface CloudStackGateway {

    /** A signed listZones; answers the zones' names. */
    List<String> zones(CloudStackLogin login);

    /** A signed listServiceOfferings. */
    List<ComputeOffering> computeOfferings(CloudStackLogin login);

    /**
     * deployVirtualMachine with zoneid, serviceofferingid, templateid, diskofferingid (when not
     * null), name and displayname, and the user data Base64-encoded as CloudStack wants it (sent by
     * POST when the request would be long). Answers the VM id and the async job id of CloudStack's
     * immediate answer. Before deploying, looks for a VM of that name (listVirtualMachines
     * name=...) that is not being destroyed and answers that one instead, with a null job id, so
     * that a retry never makes two.
     */
    Deployment deployVirtualMachine(CloudStackLogin login, VmSpec spec);

    /** queryAsyncJobResult: pending (jobstatus 0), succeeded (1) or failed (2, with its errortext). */
    AsyncJob asyncJob(CloudStackLogin login, String jobId);

    /**
     * listVirtualMachines id=...: the VM's state (Running, Starting, Error...) and its first NIC's
     * address; empty when CloudStack no longer has it.
     */
    Optional<VirtualMachine> virtualMachine(CloudStackLogin login, String vmId);

    /** The VM of exactly that name that is not being destroyed; empty when there is none. */
    Optional<VirtualMachine> virtualMachineNamed(CloudStackLogin login, String name);

    /**
     * destroyVirtualMachine id=... expunge=true; answers the async job id, or null when the VM no
     * longer exists (an empty listVirtualMachines, or CloudStack's 431 "Unable to find ..."): it
     * is already gone.
     */
    String destroyVirtualMachine(CloudStackLogin login, String vmId);

    /** The id of the zone of that name (or id), or of the first zone when the name is null or blank (listZones available=true). */
    String zoneId(CloudStackLogin login, String zoneName);

    /** The id of the service offering of that name or id (listServiceOfferings); fails naming the value when there is none. */
    String serviceOfferingId(CloudStackLogin login, String nameOrId);

    /** The id of the disk offering of that name or id (listDiskOfferings); fails naming the value when there is none. */
    String diskOfferingId(CloudStackLogin login, String nameOrId);

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

    /**
     * What to deploy: ids of the zone, service offering, template and (optional) disk offering;
     * userData is the plain text (e.g. cloud-config), encoded by the gateway; null for none.
     */
    record VmSpec(String name, String zoneId, String serviceOfferingId, String templateId, String diskOfferingId,
                  String userData) {

        /** Keeps the user data (which may carry a password) out of logs and messages. */
        @Override
        public String toString() {
            return "VmSpec[name=" + name + ", zoneId=" + zoneId + ", serviceOfferingId=" + serviceOfferingId
                    + ", templateId=" + templateId + ", diskOfferingId=" + diskOfferingId + "]";
        }
    }

    /** A deployed (or already existing) VM; jobId is null when an existing VM was found. */
    record Deployment(String vmId, String jobId) {}

    /** An async job: status 0 pending, 1 succeeded, 2 failed (errorText then says why). */
    record AsyncJob(String jobId, int status, String errorText) {

        public static final int PENDING = 0;
        public static final int SUCCEEDED = 1;
        public static final int FAILED = 2;

        public boolean pending() {
            return status == PENDING;
        }

        public boolean succeeded() {
            return status == SUCCEEDED;
        }

        public boolean failed() {
            return status == FAILED;
        }
    }

    /** A VM: CloudStack's state name and the first NIC's IP address (null when it has none yet). */
    record VirtualMachine(String id, String name, String state, String address) {}
}
