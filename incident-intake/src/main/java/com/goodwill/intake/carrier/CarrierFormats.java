package com.goodwill.intake.carrier;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The known carrier payload shapes, by name. */
public final class CarrierFormats {

    private static final Map<String, CarrierFormat> BY_NAME = new TreeMap<>();

    static {
        for (CarrierFormat format : List.of(new DhlShipmentTracking(), new UpsTrackingActivity(),
                new AfterShipCheckpoint(), new CanonicalCarrierEvent())) {
            BY_NAME.put(format.name(), format);
        }
    }

    private CarrierFormats() {
    }

    /** The format of that name, ignoring case and surrounding blanks. */
    public static Optional<CarrierFormat> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** All format names, sorted. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
