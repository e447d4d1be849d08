package com.goodwill.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "goodwill.audit")
public interface AuditConfig {

    Checkpoints checkpoints();

    Signing signing();

    interface Checkpoints {

        /** A checkpoint once this many entries were appended since the last one. */
        @WithDefault("1000")
        long everyEntries();

        /** A checkpoint once this long has passed since the last one, if any entry is new. */
        @WithDefault("PT60S")
        Duration every();

        /** How often the sweep looks whether a checkpoint is due (bounds how late one can be). */
        @WithDefault("PT5S")
        Duration sweep();
    }

    /** The Ed25519 key pair that signs checkpoints. */
    interface Signing {

        /** Names the key in every checkpoint, so verifiers know which public key to use after a rotation. */
        String keyId();

        /** PKCS#8, base64. */
        String privateKey();

        /** X.509 SubjectPublicKeyInfo, base64. */
        String publicKey();
    }
}
