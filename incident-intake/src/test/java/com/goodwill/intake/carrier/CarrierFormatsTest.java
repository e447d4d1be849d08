package com.goodwill.intake.carrier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierFormatsTest {

    @Test
    void namesAreSorted() {
        assertThat(CarrierFormats.names()).containsExactly("aftership", "canonical", "dhl", "ups");
    }

    @Test
    void lookupIgnoresCase() {
        assertThat(CarrierFormats.byName("DHL")).get().isInstanceOf(DhlShipmentTracking.class);
        assertThat(CarrierFormats.byName(" Ups ")).get().isInstanceOf(UpsTrackingActivity.class);
        assertThat(CarrierFormats.byName("AfterShip")).get().isInstanceOf(AfterShipCheckpoint.class);
        assertThat(CarrierFormats.byName("canonical")).get().isInstanceOf(CanonicalCarrierEvent.class);
    }

    @Test
    void unknownNamesFindNothing() {
        assertThat(CarrierFormats.byName("fedex")).isEmpty();
        assertThat(CarrierFormats.byName("")).isEmpty();
        assertThat(CarrierFormats.byName(null)).isEmpty();
    }

    @Test
    void everyFormatIsRegisteredUnderItsOwnNameWithADescription() {
        for (String name : CarrierFormats.names()) {
            CarrierFormat format = CarrierFormats.byName(name).orElseThrow();
            assertThat(format.name()).isEqualTo(name).isLowerCase();
            assertThat(format.description()).isNotBlank().doesNotContain("\n");
        }
    }
}
