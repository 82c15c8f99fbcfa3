package io.opsledger.drift.rules;

import java.util.Map;

/** The region a Terraform resource lives in, read from its attributes. */
public final class Regions {
    private Regions() {}

    /** attributes.region, else the ARN's region, else the availability zone's, else {@code fallback}. */
    public static String of(Map<String, ?> attributes, String fallback) {
        if (attributes == null) {
            return fallback;
        }
        Object region = attributes.get("region");
        if (region instanceof String r && !r.isBlank()) {
            return r;
        }
        Object arn = attributes.get("arn");
        if (arn instanceof String a && a.startsWith("arn:")) {
            String[] parts = a.split(":", 6);
            if (parts.length > 3 && !parts[3].isBlank()) {
                return parts[3];
            }
        }
        Object az = attributes.get("availability_zone");
        if (az instanceof String z && z.length() > 1 && Character.isLetter(z.charAt(z.length() - 1))
                && Character.isDigit(z.charAt(z.length() - 2))) {
            return z.substring(0, z.length() - 1);
        }
        return fallback;
    }
}
