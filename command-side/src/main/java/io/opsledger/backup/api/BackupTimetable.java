package io.opsledger.backup.api;

import io.opsledger.common.RuleViolation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * When a server's scheduled backup runs, in UTC: every day, on a weekday, or on a day of the month
 * (a month without that day is skipped, as cron does), at {@code hour}:{@code minute}.
 *
 * @param day null (every day), a weekday in lower case ("sunday") or a day of the month ("1".."31")
 */
public record BackupTimetable(String day, int hour, int minute) {

    public BackupTimetable {
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            throw RuleViolation.invalid("schedule_hour", "schedule_hour must be 0-23 and schedule_minute 0-59.");
        }
    }

    /** From the contract's schedule_day, schedule_hour and schedule_minute (hour and minute default to 0). */
    public static BackupTimetable of(String day, String hour, String minute) {
        return new BackupTimetable(day(day), number(hour, "schedule_hour"), number(minute, "schedule_minute"));
    }

    /** The crontab line the contract shows ({@code 30 2 * * 0} for Sundays at 02:30). */
    public String cronLine() {
        if (day == null) {
            return minute + " " + hour + " * * *";
        }
        if (day.chars().allMatch(Character::isDigit)) {
            return minute + " " + hour + " " + day + " * *";
        }
        return minute + " " + hour + " * * " + weekday().getValue() % 7;
    }

    /** The first time after {@code after} that this timetable names. */
    public Instant nextAfter(Instant after) {
        ZonedDateTime from = after.atZone(ZoneOffset.UTC);
        LocalDate date = from.toLocalDate();
        for (int i = 0; i < 800; i++, date = date.plusDays(1)) {
            if (!matches(date)) {
                continue;
            }
            Instant at = date.atTime(hour, minute).toInstant(ZoneOffset.UTC);
            if (at.isAfter(after)) {
                return at;
            }
        }
        throw new IllegalStateException("no day matches " + cronLine());
    }

    private boolean matches(LocalDate date) {
        if (day == null) {
            return true;
        }
        if (day.chars().allMatch(Character::isDigit)) {
            return date.getDayOfMonth() == Integer.parseInt(day);
        }
        return date.getDayOfWeek() == weekday();
    }

    private DayOfWeek weekday() { return DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)); }

    private static String day(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("\\d{1,2}") && Integer.parseInt(t) >= 1 && Integer.parseInt(t) <= 31) {
            return String.valueOf(Integer.parseInt(t));
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (t.equals(name) || t.equals(name.substring(0, 3))) {
                return name;
            }
        }
        throw RuleViolation.invalid("schedule_day", "schedule_day must be a day of the month (1-31) or a weekday name.");
    }

    private static int number(String text, String field) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        if (!text.strip().matches("\\d{1,2}")) {
            throw RuleViolation.invalid(field, "schedule_hour must be 0-23 and schedule_minute 0-59.");
        }
        return Integer.parseInt(text.strip());
    }
}
