package com.goodwill.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "goodwill.audit")
public interface AuditConfig {

    Checkpoints checkpoints();

    Verification verification();

    Signing signing();

    Kpis kpis();

    Tolerance tolerance();

    /** The KPIs over the ledger, and the gauges that show them over a recent window. */
    interface Kpis {

        /** A compensated customer who orders again within this long after the compensation counts as a repurchase. */
        @WithDefault("P90D")
        Duration repurchaseWithin();

        /** The gauges show the KPIs of the incidents opened in this window up to now. */
        @WithDefault("P7D")
        Duration metricsWindow();

        /** How often the gauges are recomputed (a scrape only reads them). */
        @WithDefault("PT1M")
        Duration refresh();
    }

    /**
     * The CRM cockpit's tolerance limits: an alert when a carrier's or a market's incident rate (incidents opened /
     * orders shipped with that carrier or to that market) over the sliding window exceeds its limit.
     */
    interface Tolerance {

        /** The length of the sliding window. */
        @WithDefault("P7D")
        Duration window();

        /**
         * The window slides in steps of this length (its end is the check's time rounded down to a step), so checks
         * within one step see one window and raise at most one alert per dimension value for it.
         */
        @WithDefault("PT1H")
        Duration step();

        /** How often the check runs. */
        @WithDefault("PT5M")
        Duration check();

        /** The limit for every carrier and market without one of its own. */
        @WithDefault("0.05")
        double limit();

        /** Limits of single carriers: {@code goodwill.audit.tolerance.carrier-limits.DHL=0.08}. */
        Map<String, Double> carrierLimits();

        /** Limits of single markets: {@code goodwill.audit.tolerance.market-limits.DE=0.03}. */
        Map<String, Double> marketLimits();

        /** Below this many orders in the window a rate says too little to alert on. */
        @WithDefault("50")
        long minOrders();
    }

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

    /** The scheduled verification of the whole chain, which keeps the goodwill.ledger.verification.* metrics fresh. */
    interface Verification {

        /** How often the whole chain is verified. */
        @WithDefault("PT1H")
        Duration every();

        /** How long after the start the first scheduled verification runs. */
        @WithDefault("PT1M")
        Duration delay();
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
