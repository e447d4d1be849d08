package com.goodwill.audit.ledger;

import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fast canonical form must be byte for byte the reference's: every ledger hashed so far was hashed over the
 * reference implementation's output, and exported ledgers are verified offline with it.
 */
class CanonicalJsonTest {

    @Test
    void rfc8785SampleOfNumbersStringsAndLiteralsCanonicalisesAsTheRfcShows() {
        // RFC 8785, section 3.2.2.
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        assertThat(CanonicalJson.canonical(input)).isEqualTo(expected).isEqualTo(reference(input));
    }

    @Test
    void rfc8785SortingSampleOrdersNamesByUtf16CodeUnits() {
        // RFC 8785, section 3.2.3: a surrogate pair sorts by its code units, before U+FB33.
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        assertThat(CanonicalJson.canonical(input)).isEqualTo(expected).isEqualTo(reference(input));
    }

    @Test
    void numbersPrintAsEcmaScriptDoesAsTheReferencePrintsThem() {
        String input = "[0, -0, -0.0, 1, -1, 12999, 9007199254740992, 9007199254740993, 123456789012345678901234567890,"
                + " 1e21, 1e20, 0.1, 1.5e-7, 0.000001, 5e-324, 1.7976931348623157e308, 100.0, -2.50, 1E2, 4.35]";

        assertThat(CanonicalJson.canonical(input)).isEqualTo(reference(input));
    }

    @Test
    void platformEventCanonicalisesAsTheReferenceDoes() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"2e16501a\",\"source\":\"/goodwill/bench\","
                + "\"type\":\"com.goodwill.order.placed.v1\",\"subject\":\"o-1\",\"time\":\"2026-11-01T00:00:00Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"kind\":\"placed\",\"orderValue\":{\"amountMinor\":12999,"
                + "\"currency\":\"EUR\"},\"items\":[{\"sku\":\"SKU-0\",\"quantity\":1}],\"customerEmail\":null,"
                + "\"city\":\"M\u00fcnchen\",\"note\":\"tab\\there \\\"quoted\\\" \\u0001\"}}";

        assertThat(CanonicalJson.canonical(event)).isEqualTo(reference(event));
    }

    @Test
    void generatedDocumentsCanonicaliseAsTheReferenceDoes() {
        Random random = new Random(8785);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder json = new StringBuilder();
            object(random, json, 0);
            String document = json.toString();
            assertThat(CanonicalJson.canonical(document)).as(document).isEqualTo(reference(document));
        }
    }

    @Test
    void duplicateNamesTrailingContentAndNonJsonAreRefusedAsByTheReference() {
        for (String bad : new String[]{"{\"a\":1,\"a\":2}", "{\"a\":1} {}", "{not json", "{\"a\":1e400}", ""}) {
            assertThatThrownBy(() -> CanonicalJson.canonical(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new JsonCanonicalizer(bad)).as(bad).isInstanceOf(Exception.class);
        }
    }

    private static String reference(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (Exception e) {
            throw new AssertionError("the reference refuses " + json, e);
        }
    }

    private static void object(Random random, StringBuilder json, int depth) {
        json.append(random.nextBoolean() ? "{ " : "{");
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                json.append(random.nextBoolean() ? ", " : ",");
            }
            // A distinct prefix per member keeps names unique, the rest exercises the sort.
            json.append('"').append((char) ('a' + i)).append(text(random)).append("\" :");
            value(random, json, depth + 1);
        }
        json.append('}');
    }

    private static void value(Random random, StringBuilder json, int depth) {
        switch (random.nextInt(depth < 4 ? 9 : 7)) {
            case 0 -> json.append('"').append(text(random)).append('"');
            case 1 -> json.append(random.nextLong());
            case 2 -> json.append(random.nextInt(100_000));
            case 3 -> json.append(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> json.append(random.nextBoolean() ? "true" : "false");
            case 5 -> json.append("null");
            case 6 -> json.append(random.nextInt(1000)).append('.').append(random.nextInt(1000)).append("e")
                    .append(random.nextInt(40) - 20);
            case 7 -> object(random, json, depth);
            default -> {
                json.append('[');
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    value(random, json, depth + 1);
                }
                json.append(']');
            }
        }
    }

    /** Letters, non-ASCII, escapes of control characters, quotes and backslashes, and a surrogate pair. */
    private static String text(Random random) {
        String[] pieces = {"a", "Z", "7", " ", "\u00e9", "\u20ac", "\\u0007", "\\n", "\\t", "\\\"", "\\\\", "\\/",
                "\\ud83d\\ude00", "\u4e2d", "\\u001f", "\\b", "\\f", "\\r", "\u007f", "\\u00e9"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
