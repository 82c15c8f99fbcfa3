package io.opsledger.backup.api;

import io.opsledger.common.RuleViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a server's backups are kept, from the contract's retention lines: {@code 7d}, {@code 2w},
 * {@code 3m}, {@code 1y} are recovery windows of days, weeks, months or years; a bare {@code N}
 * keeps the N newest backups (Barman's REDUNDANCY); {@code -1} disables a line. Barman keeps one
 * policy per server, so the lines' widest window wins (no line's wish loses a backup); with no
 * window, the largest redundancy; with neither, nothing is ever deleted.
 *
 * @param lines the lines as given, normalised
 * @param barmanPolicy Barman's {@code retention_policy} value, or null when disabled
 */
public record RetentionPolicy(List<String> lines, String barmanPolicy) {

    private static final Pattern LINE = Pattern.compile("(-1)|(\\d{1,4})([dwmy])?");
    private static final String INVALID =
            "retention lines are like 7d, 2w, 3m or 1y (a recovery window), N (keep the N newest backups) or -1 (off).";

    /** Lines separated by newlines (also a literal "\n", as the contract's curl example sends) or commas. */
    public static RetentionPolicy parse(String text) {
        List<String> lines = new ArrayList<>();
        long widestDays = 0;
        String window = null;
        int redundancy = 0;
        for (String raw : text.split("\\r?\\n|\\\\n|,")) {
            String line = raw.strip().toLowerCase(Locale.ROOT);
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || (m.group(2) != null && Integer.parseInt(m.group(2)) == 0)) {
                throw RuleViolation.invalid("retention", INVALID);
            }
            lines.add(line);
            if (m.group(1) != null) {
                continue;
            }
            int n = Integer.parseInt(m.group(2));
            if (m.group(3) == null) {
                redundancy = Math.max(redundancy, n);
                continue;
            }
            String unit = switch (m.group(3)) {
                case "d" -> "DAYS";
                case "w" -> "WEEKS";
                case "m" -> "MONTHS";
                default -> "YEARS";
            };
            long days = n * switch (m.group(3)) {
                case "d" -> 1L;
                case "w" -> 7L;
                case "m" -> 31L;
                default -> 366L;
            };
            if (days > widestDays) {
                widestDays = days;
                window = "RECOVERY WINDOW OF " + n + " " + unit;
            }
        }
        if (lines.isEmpty()) {
            throw RuleViolation.invalid("retention", INVALID);
        }
        return new RetentionPolicy(List.copyOf(lines),
                window != null ? window : redundancy > 0 ? "REDUNDANCY " + redundancy : null);
    }

    /** As get-scheduled-servers shows it: "7 DAYS", "REDUNDANCY 1" or "disabled". */
    public String shown() {
        if (barmanPolicy == null) {
            return "disabled";
        }
        return barmanPolicy.startsWith("RECOVERY WINDOW OF ") ? barmanPolicy.substring("RECOVERY WINDOW OF ".length()) : barmanPolicy;
    }
}
