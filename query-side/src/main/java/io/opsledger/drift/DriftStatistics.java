package io.opsledger.drift;

import io.opsledger.drift.DriftDetectionQueries.DriftResultView;
import io.opsledger.drift.api.DriftDetectionMessages;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the drift results add up to: the history per day and the summary of the latest results. A
 * suppressed or ignored result's drifts do not count, nor does an unmanaged resource as checked.
 */
public final class DriftStatistics {
    private DriftStatistics() {}

    /** One day (UTC): the drifts found and the resources checked on it. */
    public record Day(LocalDate date, int driftCount, int resourcesChecked) {}

    /** The days that have results, newest first; their drifts in all, per day on average, and the trend. */
    public record History(List<Day> days, int totalDrifts, double averageDaily, String trend) {}

    /**
     * Over the latest results and the managed resources: how many have drift, as a percentage of
     * all, the active drifts by severity (critical, high, medium, low) and the unmanaged resources.
     */
    public record Summary(int totalResources, int resourcesWithDrift, double driftPercentage,
                          Map<String, Integer> severities, int unmanagedResources) {}

    public static History history(List<DriftResultView> results) {
        TreeMap<LocalDate, int[]> byDay = new TreeMap<>();
        for (DriftResultView r : results) {
            LocalDate day = r.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
            int[] counts = byDay.computeIfAbsent(day, d -> new int[2]);
            if (!DriftDetectionMessages.SUPPRESSED.equals(r.driftStatus()) && !DriftDetectionMessages.IGNORED.equals(r.driftStatus())) {
                counts[0] += r.driftCount();
            }
            if (!DriftDetectionMessages.UNMANAGED.equals(r.presence())) {
                counts[1]++;
            }
        }
        List<Day> days = new ArrayList<>();
        int total = 0;
        for (Map.Entry<LocalDate, int[]> e : byDay.descendingMap().entrySet()) {
            days.add(new Day(e.getKey(), e.getValue()[0], e.getValue()[1]));
            total += e.getValue()[0];
        }
        double averageDaily = days.isEmpty() ? 0.0
                : BigDecimal.valueOf(total).divide(BigDecimal.valueOf(days.size()), 2, RoundingMode.HALF_UP).doubleValue();
        return new History(days, total, averageDaily, trend(days));
    }

    /** The newer half of the listed days against the older half: increasing, decreasing or stable. */
    static String trend(List<Day> newestFirst) {
        int n = newestFirst.size();
        if (n < 2) {
            return "stable";
        }
        double newer = 0;
        double older = 0;
        int half = n / 2;
        for (int i = 0; i < half; i++) {
            newer += newestFirst.get(i).driftCount();
            older += newestFirst.get(n - 1 - i).driftCount();
        }
        return newer > older ? "increasing" : newer < older ? "decreasing" : "stable";
    }

    /** @param managed the resources the state files hold; {@code latest} adds the unmanaged ones */
    public static Summary summary(int managed, List<DriftResultView> latest) {
        int unmanaged = 0;
        int withDrift = 0;
        Map<String, Integer> severities = new LinkedHashMap<>();
        for (String s : List.of("critical", "high", "medium", "low")) {
            severities.put(s, 0);
        }
        for (DriftResultView r : latest) {
            if (DriftDetectionMessages.UNMANAGED.equals(r.presence())) {
                unmanaged++;
            }
            if (DriftDetectionMessages.ACTIVE.equals(r.driftStatus())) {
                withDrift++;
                r.drifts().forEach(d -> severities.merge(d.severity(), 1, Integer::sum));
            }
        }
        int total = managed + unmanaged;
        double percentage = total == 0 ? 0.0
                : BigDecimal.valueOf(100.0 * withDrift / total).setScale(2, RoundingMode.HALF_UP).doubleValue();
        return new Summary(total, withDrift, percentage, severities, unmanaged);
    }
}
