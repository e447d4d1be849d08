package com.goodwill.decision.budget;

/**
 * How one command's result moves its decision's reservation. A command holds a share of the reservation; when it is
 * settled that share stops being reserved, what was executed is consumed (a fallback may cost less than the share,
 * or more: consumption is recorded as it happened, never capped), and what is left of the share goes back to the
 * budget. Once no command of the decision is open, whatever the reservation still holds goes back too.
 *
 * @param unreserved what stops being reserved (the command's held share)
 * @param consumed   what was executed
 * @param released   what goes back to the budget: the unused share plus, when this was the last open command, the
 *                   reservation's remainder
 */
public record Settlement(long unreserved, long consumed, long released) {

    /** The state of a registered command. */
    public enum CommandState { OPEN, CONSUMED, RELEASED }

    /**
     * @param state          the command's state; null when the command was not registered
     * @param share          the registered share (ignored for an unregistered command)
     * @param anyRegistered  whether the decision registered its commands at all
     * @param held           what the reservation still holds
     * @param actual         what was executed; 0 when the command failed
     * @param othersOpen     whether another registered command of the decision is still open
     * @return null when the command was consumed before: a second result changes nothing
     */
    public static Settlement of(CommandState state, long share, boolean anyRegistered, long held, long actual,
                                boolean othersOpen) {
        if (actual < 0 || held < 0 || share < 0) {
            throw new IllegalArgumentException("amounts are never negative");
        }
        if (state == CommandState.CONSUMED) {
            return null;
        }
        long heldShare;
        if (state == CommandState.OPEN) {
            heldShare = Math.min(share, held);
        } else if (state == CommandState.RELEASED) {
            // Released before (it failed), executed after all (an operator's retry): its share went back already.
            heldShare = 0;
        } else {
            // Not registered: the decision's only command takes the whole reservation; a stray extra command none.
            heldShare = anyRegistered ? 0 : held;
        }
        long remainder = othersOpen ? 0 : held - heldShare;
        return new Settlement(heldShare + remainder, actual, Math.max(0, heldShare - actual) + remainder);
    }
}
