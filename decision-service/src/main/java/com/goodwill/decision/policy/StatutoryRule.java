package com.goodwill.decision.policy;

/**
 * A legal duty (warranty for a defect, a refund on withdrawal or non-delivery): which cases count is policy data.
 * A duty is granted automatically, never drawn from a goodwill budget and never counted against the customer;
 * goodwill may come on top.
 *
 * @param kind          e.g. WARRANTY, WITHDRAWAL; recorded in the reason code
 * @param when          the cases the duty arises in (incident classes and the like)
 * @param remedy        what the duty is (its conditions are not used)
 * @param goodwillOnTop whether the class's playbook is applied on top of the duty
 */
public record StatutoryRule(String kind, Conditions when, Candidate remedy, boolean goodwillOnTop) {
}
