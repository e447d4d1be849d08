package com.goodwill.fulfillment.service;

import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.fulfillment.persistence.CommandEntity;

/**
 * Fired (CDI, synchronously, inside the transaction that records it) for every step of every command, right after
 * the step is written and its {@link FulfilmentRecorded} event is in the outbox. Observers that write in the same
 * transaction (the customer's messages) commit or roll back with the step.
 *
 * @param command the command as it was received (facts, alternatives, fallbacks)
 * @param row     the command's state after this step
 * @param seq     the step's number within the command (1 = RECEIVED)
 * @param eventId the id of the step's FulfilmentRecorded event (the causation id of whatever follows from it)
 */
public record FulfilmentStep(CompensationRequested command, CommandEntity row, int seq, String eventId,
                             FulfilmentRecorded recorded) {
}
