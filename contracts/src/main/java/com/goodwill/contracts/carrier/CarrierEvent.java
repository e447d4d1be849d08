package com.goodwill.contracts.carrier;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A carrier tracking event in the platform's canonical shape. The carrier's own code and text are
 * kept beside the canonical status, so nothing the carrier said is lost in translation.
 */
public record CarrierEvent(
        @NotBlank @Size(max = 128) String eventId,
        @NotBlank @Size(max = 32) String carrier,
        @NotBlank @Size(max = 64) String trackingNumber,
        @NotNull TrackingStatus status,
        @NotNull Instant occurredAt,
        @Size(max = 200) String location,
        Instant revisedEta,
        @Size(max = 64) String rawCode,
        @Size(max = 500) String rawText) {
}
