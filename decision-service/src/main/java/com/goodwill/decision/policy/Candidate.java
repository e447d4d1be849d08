package com.goodwill.decision.policy;

import com.goodwill.contracts.decision.Instrument;

import java.util.List;

/**
 * One remedy a playbook may grant.
 *
 * @param id               names the candidate in decisions and reviews
 * @param when             where it is offered and for which size of problem
 * @param reasonCode       recorded on the decision
 * @param cappedReasonCode recorded instead when the amount rule's cap cut the amount down; null: {@code reasonCode}
 * @param messageTemplate  the customer message template; null: the policy's default for the instrument
 * @param alternatives     what the customer may choose instead, each with its price tag
 * @param choiceHours      how long the customer may choose one of the alternatives; the remedy waits until then
 * @param fallbacks        what fulfilment executes instead, in order, when the instrument cannot be executed
 */
public record Candidate(String id, Instrument instrument, AmountRule amount, Integer validForDays, Conditions when,
                        String reasonCode, String cappedReasonCode, String messageTemplate,
                        List<RemedyOption> alternatives, Integer choiceHours, List<RemedyOption> fallbacks) {

    public Candidate {
        when = when == null ? Conditions.ALWAYS : when;
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    public AmountRule amountRule() {
        return amount == null ? AmountRule.NONE : amount;
    }
}
