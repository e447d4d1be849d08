package com.goodwill.decision.policy;

import java.util.List;

/**
 * The remedies for one incident class, cheapest effective first: the first candidate offered for the case whose
 * dose conditions hold is the smallest remedy that works. When it does not pay for itself, exceeds a budget or a
 * cap, the candidates before it (cheaper ones still offered for the case) are tried in turn; an apology is always
 * the last step.
 *
 * @param flag a feature flag that switches the whole playbook on; null: always on
 */
public record Playbook(String flag, List<Candidate> candidates) {

    public Playbook {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
