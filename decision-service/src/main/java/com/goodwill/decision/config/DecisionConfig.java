package com.goodwill.decision.config;

import com.goodwill.decision.policy.StoreCreditRule;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

@ConfigMapping(prefix = "goodwill.decision")
public interface DecisionConfig {

    StoreCredit storeCredit();

    /** Recorded on every decision, so each one can be traced to the rules that made it. */
    @WithDefault("config-1")
    String policyVersion();

    @WithDefault("CS-GOODWILL")
    String costCentre();

    @WithDefault("customer-care")
    String owner();

    interface StoreCredit {
        @WithDefault("5")
        int percent();

        /** Per ISO-4217 currency, e.g. {@code goodwill.decision.store-credit.cap-minor."EUR"=2000}. */
        Map<String, Long> capMinor();

        @WithDefault("2000")
        long defaultCapMinor();
    }

    default StoreCreditRule rule() {
        return new StoreCreditRule(storeCredit().percent(), storeCredit().capMinor(), storeCredit().defaultCapMinor(),
                policyVersion());
    }
}
