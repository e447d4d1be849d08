package com.goodwill.decision.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who approves what and how long they have.
 *
 * @param roles         in ascending authority; a role may act on decisions waiting for it or for a role before it
 * @param tiers         the role each approval tier waits for
 * @param riskReviewTier the tier a decision goes to at least when the abuse-risk score or a velocity limit says so
 * @param budgetReviewTier the tier a decision goes to at least when it spends beyond an exhausted budget
 * @param fallback      what the review timer grants when a decision's time runs out with {@code onTimeout} FALLBACK
 */
public record Approvals(List<Role> roles, Map<Tier, String> tiers, Tier riskReviewTier, Tier budgetReviewTier,
                        Fallback fallback) {

    /**
     * @param reviewWithinMinutes the time limit of a decision waiting for this role
     * @param onTimeout           ESCALATE to {@code escalateTo}, or apply the FALLBACK
     * @param caseNoteRequired    approving needs a case note
     */
    public record Role(String name, long reviewWithinMinutes, OnTimeout onTimeout, String escalateTo,
                       Boolean caseNoteRequired) {

        public boolean needsCaseNote() {
            return Boolean.TRUE.equals(caseNoteRequired);
        }
    }

    public enum OnTimeout {
        ESCALATE,
        FALLBACK
    }

    /** What a decision whose review ran out gets, by why it was waiting. */
    public record Fallback(FallbackRemedy amountReview, FallbackRemedy riskReview) {
    }

    public enum FallbackRemedy {
        /** The largest cheaper remedy of the playbook that the AUTO tier grants. */
        AUTO_TIER_CANDIDATE,
        /** An apology. */
        APOLOGY_ONLY
    }

    public Optional<Role> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Role roleFor(Tier tier) {
        return role(tiers.get(tier)).orElseThrow(() -> new IllegalStateException("no role for tier " + tier));
    }

    /** Whether {@code actorRole} may act on a decision waiting for {@code requiredRole}. */
    public boolean mayAct(String actorRole, String requiredRole) {
        int actor = indexOf(actorRole);
        int required = indexOf(requiredRole);
        return actor >= 0 && required >= 0 && actor >= required;
    }

    private int indexOf(String name) {
        for (int i = 0; i < roles.size(); i++) {
            if (roles.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
