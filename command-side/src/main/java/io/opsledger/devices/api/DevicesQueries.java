package io.opsledger.devices.api;

import io.opsledger.common.EncryptedSecret;

import java.time.Instant;
import java.util.Map;

/** Queries and views of the devices context's read models. */
public final class DevicesQueries {
    private DevicesQueries() {}

    /** A platform by name, or null. */
    public record FindPlatformByName(String name) {}
    public record PlatformView(String id, long number, String name) {}

    /** A project by name, or null. */
    public record FindProjectByName(String name) {}
    public record ProjectView(String id, long number, String name, String slug, String pms, String architecture,
                              long platformNumber, String platformName, String publicKeyPem, EncryptedSecret privateKeyPem) {}

    /**
     * The computer migasfree would take for (uuid, name): by uuid, by the uuid with the byte order
     * of its first three groups swapped, by the MAC address in a uuid made of one
     * (00000000-0000-0000-0000-MAC), then by name; null if none.
     */
    public record FindComputer(String uuid, String name) {}
    public record FindComputerByNumber(long number) {}
    public record ComputerView(String id, long number, String projectId, long projectNumber, String uuid, String name,
                               String ipAddress, String fqdn, String syncUser, String status, Map<String, String> attributes,
                               int softwareCount, Instant hardwareCapturedAt, Instant lastSyncAt, Instant registeredAt) {}
}
