package com.goodwill.audit.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * RFC 8785 (JSON Canonicalization Scheme) on Jackson's parser: object members sorted by the UTF-16 code units of
 * their names, no whitespace, strings with only the escapes the RFC allows, numbers in ECMAScript's shortest form.
 * It produces exactly what the reference implementation ({@code org.erdtman.jcs.JsonCanonicalizer}, which the ledger
 * hashed with first) produces, several times faster; {@code CanonicalJsonTest} holds it to the RFC's vectors and to
 * the reference on generated documents, so the hashes of existing ledgers do not change.
 */
public final class CanonicalJson {

    /** 2^53: every integer up to it is a double exactly, and ECMAScript prints it as plain digits. */
    private static final long EXACT_INTEGER = 1L << 53;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // As strict as the reference: a duplicate member name or anything after the document is an error.
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private CanonicalJson() {
    }

    /** Parses a JSON document into the tree {@link #write} canonicalises (also usable to read fields from). */
    public static JsonNode parse(String json) {
        try {
            JsonNode tree = READER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new IllegalArgumentException("empty document");
            }
            return tree;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static String canonical(String json) {
        StringBuilder out = new StringBuilder(json.length());
        write(parse(json), out);
        return out.toString();
    }

    public static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                String[] names = new String[node.size()];
                Iterator<String> it = node.fieldNames();
                for (int i = 0; it.hasNext(); i++) {
                    names[i] = it.next();
                }
                // String.compareTo compares UTF-16 code units, which is the order RFC 8785 prescribes.
                Arrays.sort(names);
                out.append('{');
                for (int i = 0; i < names.length; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names[i], out);
                    out.append(':');
                    write(node.get(names[i]), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> number(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void number(JsonNode node, StringBuilder out) {
        if (node.canConvertToLong()) {
            long value = node.longValue();
            if ((node.isIntegralNumber()) && value >= -EXACT_INTEGER && value <= EXACT_INTEGER) {
                out.append(value);
                return;
            }
        }
        // Every JSON number is an IEEE 754 double in I-JSON; the reference reads it so, then prints it as ECMAScript does.
        try {
            out.append(NumberToJSON.serializeNumber(node.doubleValue()));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
