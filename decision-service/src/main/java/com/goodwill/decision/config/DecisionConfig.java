package com.goodwill.decision.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What is still configuration: how the service bootstraps its policy. Every business number (shares, caps,
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
}
