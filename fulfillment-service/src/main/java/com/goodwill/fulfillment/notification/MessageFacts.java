package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.decision.Remedy;

/**
 * Everything a message is worded from, kept with the message until it is sent (never the address: that is read
 * from the contact book when sending).
 *
 * @param command        the command; left out (null) in the facts stored for a command executed here, whose own row
 *                       keeps it ({@code compensation_command.command_json}): the dispatcher reads it from there
 * @param first          the first message about this command: it opens with what went wrong and the apology
 * @param appliedInstead the remedy carried out instead of the command's own: for {@link MessageKind#FALLBACK_APPLIED}
 *                       the fallback, otherwise the alternative the customer chose; null for the command's own
 */
public record MessageFacts(MessageKind kind, CompensationRequested command, FulfilmentRecorded step, boolean first,
                           Remedy appliedInstead) {
}
