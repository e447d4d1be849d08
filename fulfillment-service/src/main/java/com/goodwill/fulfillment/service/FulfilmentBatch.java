package com.goodwill.fulfillment.service;

import com.goodwill.fulfillment.persistence.CommandEntity;

import java.util.List;

/**
 * Fired (CDI, synchronously, inside the transaction) around the recording of the steps of many commands in one
 * transaction ({@link StepRecorder#together}): {@link Phase#OPENING} before the first of their {@link FulfilmentStep}s,
 * {@link Phase#CLOSING} after the last. Observers of the steps may look up what they need for all the commands at
 * once when it opens and write what the steps asked for in one go when it closes, still in the same transaction.
 *
 * @param rows the commands whose steps are recorded
 */
public record FulfilmentBatch(Phase phase, List<CommandEntity> rows) {

    public enum Phase { OPENING, CLOSING }
}
