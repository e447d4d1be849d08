package com.goodwill.audit.config;

import com.goodwill.audit.ledger.CheckpointSigner;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The checkpoint signer from configuration, made at start so a broken key stops the service before it signs anything. */
@ApplicationScoped
public class SigningKey {

    @Produces
    @Singleton
    @Startup
    CheckpointSigner signer(AuditConfig config) {
        AuditConfig.Signing signing = config.signing();
        try {
            return new CheckpointSigner(signing.keyId(), signing.privateKey(), signing.publicKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cannot sign ledger checkpoints with goodwill.audit.signing.private-key and "
                    + "goodwill.audit.signing.public-key (key id " + signing.keyId() + "): " + e.getMessage(), e);
        }
    }
}
