package com.goodwill.audit.ledger;

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
            return CanonicalJson.canonical(eventJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event is not canonicalisable JSON: " + e.getMessage(), e);
        }
    }

    public static String chain(String previousHash, String eventJson) {
        return chainCanonical(previousHash, canonical(eventJson));
    }

    /** {@link #chain} for an event already in canonical form. */
    public static String chainCanonical(String previousHash, String canonicalEvent) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(canonicalEvent.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Checks one link of the chain: the entry must point at its predecessor's hash and its own hash must
     * be the one recomputed from that predecessor and the stored event.
     *
     * @return why the link is broken, or null if it holds
     */
    public static String brokenLink(String expectedPrevious, String storedPrevious, String eventJson, String storedHash) {
        if (!expectedPrevious.equals(storedPrevious)) {
            return "previous hash does not match the entry before it";
        }
        String recomputed;
        try {
            recomputed = chain(expectedPrevious, eventJson);
        } catch (IllegalArgumentException e) {
            return "stored event is not readable: " + e.getMessage();
        }
        return recomputed.equals(storedHash) ? null : "stored hash does not match the stored event";
    }
}
