package com.goodwill.fulfillment.execution;

import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Remedy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command may execute, in order: its own remedy, then the fallbacks the decision allowed (tried when the one
 * before cannot be executed, e.g. a replacement out of stock). Each remedy has an idempotency key of its own, derived
 * from the command's, so the same remedy is the same call at the provider on every retry and restart, and a fallback
 * refund is never mistaken for the command's own.
 */
public record ExecutionPlan(List<Step> steps) {

    /** @param index 0 for the command's own remedy, 1.. for fallbacks */
    public record Step(int index, Remedy remedy, String idempotencyKey) {
        public boolean isFallback() {
            return index > 0;
        }
    }

    public static ExecutionPlan of(CompensationRequested command) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(0, new Remedy(command.instrument(), command.amount(), command.validForDays(),
                command.memoryAnchor()), command.idempotencyKey()));
        List<Remedy> fallbacks = command.fallbacks() == null ? List.of() : command.fallbacks();
        for (int i = 0; i < fallbacks.size(); i++) {
            Remedy fallback = fallbacks.get(i);
            steps.add(new Step(i + 1, fallback, command.idempotencyKey() + "/fallback-" + (i + 1) + "-" + fallback.instrument()));
        }
        return new ExecutionPlan(List.copyOf(steps));
    }

    public Step step(int index) {
        return steps.stream().filter(s -> s.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no remedy " + index + " in the plan"));
    }

    /** The steps from the one with this index on. */
    public List<Step> from(int index) {
        return steps.stream().filter(s -> s.index() >= index).toList();
    }
}
