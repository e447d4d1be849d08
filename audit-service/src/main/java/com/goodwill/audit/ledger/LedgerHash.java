package com.goodwill.audit.ledger;

import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a ledger entry is hashed: SHA-256 over the previous entry's hash, a newline, and the event in
 * RFC 8785 canonical JSON. Canonical form makes the hash independent of key order and whitespace, so
 * anyone can recompute it from the event alone.
 */
public final class LedgerHash {

    public static final String GENESIS = "0".repeat(64);

    private LedgerHash() {
    }

    public static String canonical(String eventJson) {
        try {
            return new JsonCanonicalizer(eventJson).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("event is not canonicalisable JSON: " + e.getMessage(), e);
        }
    }

    public static String chain(String previousHash, String eventJson) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(canonical(eventJson).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
