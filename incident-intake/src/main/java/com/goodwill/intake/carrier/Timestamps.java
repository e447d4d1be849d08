package com.goodwill.intake.carrier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * ISO-8601 timestamps as carriers write them. A value with an offset is exact. A value without
 * one is the carrier's local time with the zone left out; there is nothing to recover it from, so
 * it is read as UTC (off by the local offset at most). A bare date is midnight UTC for an event and
 * the end of that day for an estimated delivery, since "delivery on the 21st" means by its end.
 */
final class Timestamps {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /** When an event happened. */
    static Instant event(String text, String path) {
        return parse(text, path, LocalTime.MIDNIGHT);
    }

    /** An estimated time of delivery. */
    static Instant eta(String text, String path) {
        return parse(text, path, LocalTime.of(23, 59, 59));
    }

    private static Instant parse(String text, String path, LocalTime timeOfBareDate) {
        if (text == null) {
            throw new CarrierPayloadException(path, "is missing");
        }
        try {
            TemporalAccessor parsed = ISO.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime withOffset) {
                return withOffset.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atTime(timeOfBareDate).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                throw new CarrierPayloadException(path, "is not an ISO-8601 timestamp: '" + text + "'");
            }
        }
    }
}
