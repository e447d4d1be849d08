package com.goodwill.decision.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What is still configuration: how the service bootstraps its policy and how often the review timer looks. Every business number (shares, caps,
 * cost centre, owner) lives in the policy document, versioned in the database.
 */
@ConfigMapping(prefix = "goodwill.decision")
public interface DecisionConfig {

    /** The policy created and activated for every market when the database holds none yet (first start). */
    @WithDefault("policy/sample-policy.json")
    String initialPolicy();

    /** Recorded as creator and activator of the initial policy. */
    @WithDefault("decision-service")
    String initialPolicyActor();

    /**
     * The most incidents decided in one transaction (and asked of Kafka in one poll). Larger batches cost fewer round
     * trips per decision but make every decision of a batch wait for the whole batch's commit.
     */
    @WithDefault("100")
    int batchSize();

    /**
     * Pieces a poll is split into, decided side by side, each in transactions of its own (and threads deciding them).
     * A record waits for its piece's commit rather than the whole poll's; one order's records and one customer's
     * incidents always share a piece.
     */
    @WithDefault("4")
    int parallelPieces();

    /** The review timer: pending decisions past their time limit are escalated or settled by the policy's fallback. */
    Reviews reviews();

    interface Reviews {

        /** Off in tests, which sweep explicitly after moving the clock. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("30s")
        java.time.Duration every();

        /** Decisions expired per transaction. */
        @WithDefault("100")
        int batchSize();
    }
}
