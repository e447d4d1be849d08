package com.goodwill.kit.ids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids derived from what caused them (a name-based UUID). The same cause always yields the same id,
 * which is what turns a redelivered or re-posted event into a no-op everywhere downstream.
 */
public final class DerivedId {

    private DerivedId() {
    }

    /** The id for the parts, joined by {@code |}: {@code DerivedId.of("decision", incidentId)}. */
    public static String of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
