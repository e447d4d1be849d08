package com.goodwill.fulfillment.execution;

import java.security.SecureRandom;

/**
 * Voucher codes nobody can guess: 80 random bits from {@link SecureRandom}, written in Crockford's base 32 (no I, L,
 * O, U: nothing to misread) in four groups, e.g. {@code GW-7K2D-Q9XM-4TRB-H1ZC}.
 */
public final class VoucherCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private VoucherCodes() {
    }

    public static String next() {
        StringBuilder code = new StringBuilder("GW");
        for (int i = 0; i < 16; i++) {
            if (i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    public static boolean wellFormed(String code) {
        return code != null && code.matches("GW(-[0-9A-HJKMNP-TV-Z]{4}){4}");
    }
}
