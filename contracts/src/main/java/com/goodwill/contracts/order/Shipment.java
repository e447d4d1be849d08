package com.goodwill.contracts.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One parcel of an order, as handed to a carrier. */
public record Shipment(
        @NotBlank @Size(max = 64) String shipmentId,
        @NotBlank @Size(max = 32) String carrier,
        @NotBlank @Size(max = 64) String trackingNumber,
        @Size(max = 32) String serviceLevel,
        @Pattern(regexp = "[A-Z]{2}") String originCountry,
        @Pattern(regexp = "[A-Z]{2}") String destinationCountry) {
}
