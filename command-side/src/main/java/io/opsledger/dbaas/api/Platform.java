package io.opsledger.dbaas.api;

import java.util.Locale;

/**
 * The platforms BitBlast's catalogue (provider-list) names, in its order: the number is the
 * catalogue entry's id. A provider record's provider_name says which one it is, in any case.
 */
public enum Platform {
    OPENSTACK("OpenStack"), CLOUDSTACK("CloudStack"), HARVESTER("Harvester"), NUTANIX("Nutanix"),
    OPENSHIFT("OpenShift"), KUBERNETES("Kubernetes"), VMWARE("VMware");

    private final String displayName;

    Platform(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() { return displayName; }

    /** The catalogue entry's id: 1 for the first. */
    public long number() { return ordinal() + 1L; }

    /** The platform a provider_name names ("Openstack", "kubernetes", ...), or null for none of them. */
    public static Platform named(String providerName) {
        if (providerName == null) {
            return null;
        }
        String key = providerName.trim().toLowerCase(Locale.ROOT);
        for (Platform platform : values()) {
            if (platform.displayName.toLowerCase(Locale.ROOT).equals(key)) {
                return platform;
            }
        }
        return null;
    }

    /** The platform with this catalogue id, or null. */
    public static Platform numbered(long number) {
        return number >= 1 && number <= values().length ? values()[(int) number - 1] : null;
    }
}
