package io.opsledger.drift.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compliance checks on a resource's attributes (live ones where known, else the state's), in
 * Terraform's attribute names: encryption, backup, monitoring and public exposure. A check that
 * means nothing for a type is left out; the score is the share of passed checks (100 with none).
 *
 * <ul>
 *   <li>aws_instance: encryption_enabled (every root/EBS block device encrypted),
 *       monitoring_enabled (detailed monitoring), not_publicly_exposed (no public IP),
 *       backup_enabled (a "Backup" tag that is not false/none/off).</li>
 *   <li>aws_db_instance: encryption_enabled (storage_encrypted), backup_enabled
 *       (backup_retention_period &gt; 0), monitoring_enabled (monitoring_interval &gt; 0 or
 *       performance insights), not_publicly_exposed (publicly_accessible false).</li>
 *   <li>aws_s3_bucket: encryption_enabled (a server-side encryption rule), backup_enabled
 *       (versioning enabled), monitoring_enabled (access logging), not_publicly_exposed (no
 *       public-read/public-read-write ACL).</li>
 *   <li>aws_ebs_volume: encryption_enabled; aws_security_group: not_publicly_exposed (no ingress
 *       from 0.0.0.0/0 or ::/0).</li>
 * </ul>
 */
public final class ComplianceEvaluator {

    public static final String COMPLIANT = "compliant";
    public static final String NON_COMPLIANT = "non_compliant";

    public record Check(String name, String status, String description) {
        static Check of(String name, boolean pass, String passText, String failText) {
            return new Check(name, pass ? "pass" : "fail", pass ? passText : failText);
        }
    }

    public record Report(String overallStatus, int score, List<Check> checks) {}

    private ComplianceEvaluator() {}

    public static Report evaluate(String type, Map<String, ?> attributes) {
        Map<String, Object> a = DriftComparator.flatten(attributes == null ? Map.of() : attributes);
        List<Check> checks = new ArrayList<>();
        switch (type == null ? "" : type) {
            case "aws_instance" -> {
                boolean any = false;
                boolean allEncrypted = true;
                for (Map.Entry<String, Object> e : a.entrySet()) {
                    if ((e.getKey().startsWith("root_block_device.") || e.getKey().startsWith("ebs_block_device."))
                            && e.getKey().endsWith(".encrypted")) {
                        any = true;
                        allEncrypted &= truthy(e.getValue());
                    }
                }
                checks.add(Check.of("encryption_enabled", any && allEncrypted, "Resource is encrypted",
                        "Block devices are not encrypted"));
                checks.add(Check.of("backup_enabled", backupTag(a), "Backup is configured", "Backup not configured"));
                checks.add(Check.of("monitoring_enabled", truthy(a.get("monitoring")), "Detailed monitoring is enabled",
                        "Monitoring not configured"));
                checks.add(Check.of("not_publicly_exposed", blank(a.get("public_ip")) && !truthy(a.get("associate_public_ip_address")),
                        "Resource has no public address", "Resource has a public IP address"));
            }
            case "aws_db_instance" -> {
                checks.add(Check.of("encryption_enabled", truthy(a.get("storage_encrypted")), "Resource is encrypted",
                        "Storage is not encrypted"));
                checks.add(Check.of("backup_enabled", number(a.get("backup_retention_period")) > 0, "Backup is configured",
                        "Backup not configured"));
                checks.add(Check.of("monitoring_enabled", number(a.get("monitoring_interval")) > 0
                                || truthy(a.get("performance_insights_enabled")), "Monitoring is enabled",
                        "Monitoring not configured"));
                checks.add(Check.of("not_publicly_exposed", !truthy(a.get("publicly_accessible")),
                        "Resource is not publicly accessible", "Resource is publicly accessible"));
            }
            case "aws_s3_bucket" -> {
                boolean sse = a.keySet().stream().anyMatch(k -> k.startsWith("server_side_encryption_configuration.")
                        && k.endsWith("sse_algorithm") && !blank(a.get(k)));
                checks.add(Check.of("encryption_enabled", sse, "Resource is encrypted", "No server-side encryption rule"));
                boolean versioning = a.keySet().stream().anyMatch(k -> k.startsWith("versioning.") && k.endsWith(".enabled")
                        && truthy(a.get(k)));
                checks.add(Check.of("backup_enabled", versioning, "Versioning keeps previous object versions",
                        "Backup not configured (versioning disabled)"));
                boolean logging = a.keySet().stream().anyMatch(k -> k.startsWith("logging.") && k.endsWith("target_bucket")
                        && !blank(a.get(k)));
                checks.add(Check.of("monitoring_enabled", logging, "Access logging is enabled", "Monitoring not configured"));
                String acl = String.valueOf(a.getOrDefault("acl", "private")).toLowerCase(Locale.ROOT);
                checks.add(Check.of("not_publicly_exposed", !acl.startsWith("public"), "Bucket is not public",
                        "Bucket ACL is " + acl));
            }
            case "aws_ebs_volume" -> checks.add(Check.of("encryption_enabled", truthy(a.get("encrypted")),
                    "Resource is encrypted", "Volume is not encrypted"));
            case "aws_security_group" -> {
                boolean open = a.entrySet().stream().anyMatch(e -> e.getKey().startsWith("ingress.")
                        && (e.getKey().contains("cidr_blocks") || e.getKey().contains("ipv6_cidr_blocks"))
                        && String.valueOf(e.getValue()).matches(".*(0\\.0\\.0\\.0/0|::/0).*"));
                checks.add(Check.of("not_publicly_exposed", !open, "No ingress from the whole internet",
                        "Ingress is open to 0.0.0.0/0"));
            }
            default -> { }
        }
        long passed = checks.stream().filter(c -> c.status().equals("pass")).count();
        int score = checks.isEmpty() ? 100 : (int) Math.round(100.0 * passed / checks.size());
        return new Report(passed == checks.size() ? COMPLIANT : NON_COMPLIANT, score, List.copyOf(checks));
    }

    private static boolean backupTag(Map<String, Object> a) {
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (e.getKey().equalsIgnoreCase("tags.backup")) {
                String v = String.valueOf(e.getValue()).toLowerCase(Locale.ROOT);
                return !v.isBlank() && !v.equals("false") && !v.equals("none") && !v.equals("off") && !v.equals("no");
            }
        }
        return false;
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v != null && "true".equalsIgnoreCase(v.toString());
    }

    private static boolean blank(Object v) { return v == null || v.toString().isBlank(); }

    private static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return v == null ? 0 : Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
