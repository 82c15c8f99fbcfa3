package io.opsledger.devices.api;

import io.opsledger.common.EncryptedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/**
 * Commands and events of the devices context (migasfree): platforms, projects and the computers
 * that register and sync through migasfree-client 5. Every sync step that changes something is an
 * event on the computer, so a fleet's history replays.
 */
public final class DevicesMessages {
    private DevicesMessages() {}

    /** The package managers a project may use (migasfree's PMS choices). */
    public static final List<String> PMS = List.of("apt", "dnf", "pacman", "wpt", "yum", "zypper");

    public static String platformId(String name) { return "devices-platform:" + name; }

    public static String projectId(String name) { return "devices-project:" + name; }

    public static String computerId(long number) { return "devices-computer:" + number; }

    // ---- platforms and projects (found or created by name on registration)

    public record RegisterPlatform(@TargetAggregateIdentifier String id, long number, String name) {}
    public record PlatformRegistered(String id, long number, String name) {}

    /** A project with its RSA-2048 key pair (migasfree-client.pri encrypted under the master key). */
    public record RegisterProject(@TargetAggregateIdentifier String id, long number, String name, String slug, String pms,
                                  String architecture, String platformId, long platformNumber, String platformName,
                                  String publicKeyPem, EncryptedSecret privateKeyPem) {}
    public record ProjectRegistered(String id, long number, String name, String slug, String pms, String architecture,
                                    String platformId, long platformNumber, String platformName, String publicKeyPem,
                                    EncryptedSecret privateKeyPem) {}

    // ---- computers

    public record RegisterComputer(@TargetAggregateIdentifier String id, long number, String projectId, long projectNumber,
                                   String uuid, String name, String ipAddress, String registeredBy) {}
    public record ComputerRegistered(String id, long number, String projectId, long projectNumber, String uuid, String name,
                                     String ipAddress, String registeredBy) {}

    /** The attributes a sync evaluated from the project's properties (prefix to output). */
    public record ReportAttributes(@TargetAggregateIdentifier String id, String uuid, String name, String fqdn, String ipAddress,
                                   String syncUser, String syncFullname, Map<String, String> attributes) {}
    public record AttributesReported(String id, String uuid, String name, String fqdn, String ipAddress, String syncUser,
                                     String syncFullname, Map<String, String> attributes) {}

    /** The installed packages; the event carries the diff against the last inventory, history is the client's own. */
    public record ReportSoftwareInventory(@TargetAggregateIdentifier String id, List<String> inventory, String historyJson) {}
    public record SoftwareInventoryReported(String id, List<String> inventory, List<String> installed, List<String> uninstalled,
                                            boolean first, String historyJson) {}

    /** lshw -json as the client sent it. */
    public record CaptureHardware(@TargetAggregateIdentifier String id, String lshwJson) {}
    public record HardwareCaptured(String id, String lshwJson) {}

    /** The faults a sync found (fault definition name to its output). */
    public record ReportFaults(@TargetAggregateIdentifier String id, Map<String, String> faults) {}
    public record FaultReported(String id, String fault, String output) {}

    public record ReportError(@TargetAggregateIdentifier String id, String description) {}
    public record ErrorReported(String id, String description) {}

    public record CompleteSynchronization(@TargetAggregateIdentifier String id, String startDate, String consumer,
                                          boolean pmsStatusOk) {}
    public record SynchronizationCompleted(String id, String startDate, String consumer, boolean pmsStatusOk) {}
}
