package com.goodwill.audit.ledger;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerHashTest {

    private static final String COMPACT = "{\"a\":\"x\",\"b\":1,\"city\":\"M\u00fcnchen\",\"n\":{\"p\":true,\"q\":[1,2]}}";
    private static final String SHUFFLED = "{ \"n\" : { \"q\" : [ 1 , 2 ], \"p\" : true },\n\t\"city\":\"M\\u00fcnchen\", \"b\": 1, \"a\" :\"x\" }";

    @Test
    void canonicalFormDoesNotDependOnKeyOrderOrWhitespace() {
        assertThat(LedgerHash.canonical(SHUFFLED)).isEqualTo(COMPACT);
        assertThat(LedgerHash.canonical(COMPACT)).isEqualTo(COMPACT);
        assertThat(LedgerHash.chain(LedgerHash.GENESIS, SHUFFLED)).isEqualTo(LedgerHash.chain(LedgerHash.GENESIS, COMPACT));
    }

    @Test
    void hashIsSha256OfThePreviousHashANewlineAndTheCanonicalEvent() throws Exception {
        String event = "{ \"b\": 1, \"city\": \"M\u00fcnchen\", \"a\": \"x\" }";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                (LedgerHash.GENESIS + "\n" + "{\"a\":\"x\",\"b\":1,\"city\":\"M\u00fcnchen\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(LedgerHash.chain(LedgerHash.GENESIS, event))
                .isEqualTo(HexFormat.of().formatHex(digest))
                // The same vector from coreutils: printf '%s\n%s' "$(printf '0%.0s' $(seq 64))" '{"a":"x","b":1,"city":"München"}' | sha256sum
                .isEqualTo("056fa39e511cdce4007d3281ec50b5497829f40faae1cf5ca4ed05c90831b1fa");
    }

    @Test
    void chainDependsOnThePreviousHash() {
        String first = LedgerHash.chain(LedgerHash.GENESIS, COMPACT);
        String second = LedgerHash.chain(first, COMPACT);

        assertThat(first).hasSize(64).isNotEqualTo(second);
        assertThat(LedgerHash.chain(first, COMPACT)).isEqualTo(second);
        assertThat(LedgerHash.chain("f".repeat(64), COMPACT)).isNotEqualTo(first);
    }

    @Test
    void chainDependsOnEveryValueOfTheEvent() {
        assertThat(LedgerHash.chain(LedgerHash.GENESIS, COMPACT.replace("\"b\":1", "\"b\":2")))
                .isNotEqualTo(LedgerHash.chain(LedgerHash.GENESIS, COMPACT));
    }

    @Test
    void textThatIsNotJsonCannotBeHashed() {
        assertThatThrownBy(() -> LedgerHash.chain(LedgerHash.GENESIS, "{not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
