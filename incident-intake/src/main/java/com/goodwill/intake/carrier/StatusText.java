package com.goodwill.intake.carrier;

import com.goodwill.contracts.carrier.TrackingStatus;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads carriers' free-text status lines (English, the APIs' default language) where their codes
 * are too coarse: DHL's {@code failure} and UPS's {@code X} say "something went wrong", only the
 * text says what. The checks run in order of severity, so "damaged, returning to sender" is
 * DAMAGED and "delivery attempted, address incorrect" is ADDRESS_PROBLEM.
 */
final class StatusText {

    private static final Pattern LOST = Pattern.compile("\\blost\\b|could not be located|unable to locate");
    private static final Pattern DAMAGED = Pattern.compile("damage");
    private static final Pattern RETURNED = Pattern.compile(
            "\\breturn(?:ed|ing)? to (?:the )?(?:sender|shipper|origin)\\b|being returned|\\breturned\\b");
    private static final Pattern CUSTOMS = Pattern.compile("customs|clearance|\\bduties\\b|import tax");
    private static final Pattern HELD = Pattern.compile(
            "\\bhold\\b|\\bheld\\b|pending|awaiting|inspection|delay|required|not (?:been )?cleared|documents|payment");
    private static final Pattern ADDRESS = Pattern.compile("address|\\bmoved\\b");
    private static final Pattern BAD_ADDRESS = Pattern.compile(
            "incorrect|insufficient|incomplete|invalid|wrong|unknown|not found|\\bmoved\\b|does not exist");
    private static final Pattern ATTEMPT = Pattern.compile(
            "attempt|not present|not at home|not available|could not be delivered|unable to deliver|refused|business (?:was )?closed");
    private static final Pattern DELAY = Pattern.compile("delay|rescheduled");
    private static final Pattern PICKUP_POINT = Pattern.compile(
            "ready for (?:pick ?-?up|collection)|available for (?:pick ?-?up|collection)|awaiting (?:customer )?(?:pick ?-?up|collection)"
                    + "|(?:can|may|to) be (?:picked up|collected)|packstation|parcel locker|retail outlet|post office"
                    + "|parcel ?shop|service ?point|access point|pick ?-?up point");
    private static final Pattern COLLECTED = Pattern.compile(
            "(?:picked up|collected) by (?:the )?(?:recipient|receiver|customer|consignee|addressee)"
                    + "|(?:picked up|collected) from (?:the )?(?:retail outlet|packstation|parcel|post office|service point"
                    + "|access point|pick ?-?up point|locker)"
                    + "|(?:recipient|receiver|customer|consignee) (?:has )?(?:picked up|collected)");
    private static final Pattern OUT_FOR_DELIVERY = Pattern.compile(
            "out for delivery|with (?:the )?courier for delivery|delivery vehicle|on (?:the )?vehicle for delivery");
    private static final Pattern PICKED_UP = Pattern.compile("picked up|pickup scan|collected from (?:the )?(?:sender|shipper)");

    private StatusText() {
    }

    /** The texts, lowercased and joined, for matching. */
    static String of(String... texts) {
        StringBuilder joined = new StringBuilder();
        for (String text : texts) {
            if (text != null) {
                joined.append(' ').append(text.toLowerCase(Locale.ROOT));
            }
        }
        return joined.toString();
    }

    /**
     * What went wrong, if the text says.
     *
     * @param reportedProblem whether the carrier's code already marks this as an exception; then a bare
     *                        "customs" or "address" is enough, in a routine scan it needs a qualifier
     *                        ("pending customs inspection", "incorrect address")
     */
    static Optional<TrackingStatus> problem(String text, boolean reportedProblem) {
        if (LOST.matcher(text).find()) {
            return Optional.of(TrackingStatus.LOST);
        }
        if (DAMAGED.matcher(text).find()) {
            return Optional.of(TrackingStatus.DAMAGED);
        }
        if (RETURNED.matcher(text).find()) {
            return Optional.of(TrackingStatus.RETURNED_TO_SENDER);
        }
        if (CUSTOMS.matcher(text).find() && (reportedProblem || HELD.matcher(text).find())) {
            return Optional.of(TrackingStatus.CUSTOMS_HOLD);
        }
        if (ADDRESS.matcher(text).find() && (reportedProblem || BAD_ADDRESS.matcher(text).find())) {
            return Optional.of(TrackingStatus.ADDRESS_PROBLEM);
        }
        if (ATTEMPT.matcher(text).find()) {
            return Optional.of(TrackingStatus.FAILED_ATTEMPT);
        }
        if (DELAY.matcher(text).find()) {
            return Optional.of(TrackingStatus.DELAY_ANNOUNCED);
        }
        return Optional.empty();
    }

    /** The parcel waits at a locker, shop or counter for the recipient. */
    static boolean atPickupPoint(String text) {
        return PICKUP_POINT.matcher(text).find() && !COLLECTED.matcher(text).find();
    }

    static boolean outForDelivery(String text) {
        return OUT_FOR_DELIVERY.matcher(text).find();
    }

    static boolean pickedUpFromSender(String text) {
        return PICKED_UP.matcher(text).find() && !COLLECTED.matcher(text).find();
    }
}
