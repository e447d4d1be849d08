package com.goodwill.fulfillment.notification;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How long a remedy takes to reach the customer, as promised in the message: "within 3 to 5 banking days".
 * Banking and business days skip weekends (public holidays are not known to this service, hence the range).
 */
public record Horizon(int min, int max, Unit unit) {

    public enum Unit {
        HOURS, DAYS, BUSINESS_DAYS, BANKING_DAYS
    }

    public Horizon {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("horizon needs 0 <= min <= max, got " + min + " to " + max);
        }
    }

    /** The last calendar day the promise covers, counted from {@code from} in the customer's zone. */
    public LocalDate latestBy(Instant from, ZoneId zone) {
        LocalDate start = from.atZone(zone).toLocalDate();
        return switch (unit) {
            case HOURS -> from.plusSeconds(3600L * max).atZone(zone).toLocalDate();
            case DAYS -> start.plusDays(max);
            case BUSINESS_DAYS, BANKING_DAYS -> plusWorkingDays(start, max);
        };
    }

    private static LocalDate plusWorkingDays(LocalDate start, int days) {
        LocalDate date = start;
        int left = days;
        while (left > 0) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return date;
    }
}
