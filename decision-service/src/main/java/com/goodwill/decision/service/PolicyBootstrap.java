package com.goodwill.decision.service;

import com.goodwill.decision.config.DecisionConfig;
import com.goodwill.decision.persistence.PolicyVersionEntity;
import com.goodwill.decision.policy.PolicyDocument;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The service decides out of the box: on a first start (no policy version in the database) the shipped sample
 * policy becomes version 1 and is activated for every market. Later starts find versions and leave them alone.
 */
@ApplicationScoped
public class PolicyBootstrap {

    private final PolicyService policies;
    private final DecisionConfig config;
    private final EntityManager entityManager;

    public PolicyBootstrap(PolicyService policies, DecisionConfig config, EntityManager entityManager) {
        this.policies = policies;
        this.config = config;
        this.entityManager = entityManager;
    }

    @Transactional
    void onStart(@Observes StartupEvent started) {
        // Two instances starting at once: the second waits here, then finds the first one's version.
        entityManager.createNativeQuery("lock table policy_version in share row exclusive mode").executeUpdate();
        if (PolicyVersionEntity.count() > 0) {
            return;
        }
        PolicyVersionEntity version = policies.create(read(config.initialPolicy()), config.initialPolicyActor());
        policies.activate(version.version, PolicyDocument.DEFAULT_MARKET, config.initialPolicyActor());
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Initial policy " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
