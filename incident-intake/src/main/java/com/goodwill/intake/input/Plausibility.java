package com.goodwill.intake.input;

import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.kit.problem.Problem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Values that are well-formed but absurd: a date in the year 9999 or 1970 would arm timers that never or
 * always fire and skew every delay. Bean Validation checks the shape; this checks the times against the clock.
 */
public final class Plausibility {

    public static final String IMPLAUSIBLE = "is implausible";
    /** Older than this is not an event of a live shipment (and before the platform's records begin). */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** A promise or revised ETA may lie ahead; this far ahead it is a typo. */
    private static final Duration FURTHEST_AHEAD = Duration.ofDays(400);
    /** Clocks of carriers and shops drift; an event from slightly in the future is accepted. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(24);

    private Plausibility() {
    }

    public static List<Problem.FieldError> check(Object event, Instant now) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (event instanceof OrderEvent order) {
            happened("occurredAt", order.occurredAt(), now, errors);
            if (order instanceof OrderPlaced placed && placed.promisedDeliveryBy() != null) {
                ahead("promisedDeliveryBy", placed.promisedDeliveryBy(), now, errors);
                if (placed.occurredAt() != null && placed.promisedDeliveryBy().isBefore(placed.occurredAt())) {
                    errors.add(new Problem.FieldError("promisedDeliveryBy", IMPLAUSIBLE + ": it lies before the order was placed"));
                }
            }
        } else if (event instanceof CarrierEvent scan) {
            happened("occurredAt", scan.occurredAt(), now, errors);
            if (scan.revisedEta() != null) {
                ahead("revisedEta", scan.revisedEta(), now, errors);
            }
        }
        return errors;
    }

    private static void happened(String field, Instant at, Instant now, List<Problem.FieldError> errors) {
        if (at != null && (at.isBefore(EARLIEST) || at.isAfter(now.plus(CLOCK_SKEW)))) {
            errors.add(new Problem.FieldError(field, IMPLAUSIBLE + ": " + at + " is not between " + EARLIEST + " and now"));
        }
    }

    private static void ahead(String field, Instant at, Instant now, List<Problem.FieldError> errors) {
        if (at.isBefore(EARLIEST) || at.isAfter(now.plus(FURTHEST_AHEAD))) {
            errors.add(new Problem.FieldError(field, IMPLAUSIBLE + ": " + at + " is more than "
                    + FURTHEST_AHEAD.toDays() + " days away"));
        }
    }
}
