package io.parley.server.common;

import java.util.UUID;

/** Identifiers are random UUIDs in text form: portable across H2 and PostgreSQL, not guessable. */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** True when {@code s} has the shape of an id; anything else cannot name a resource. */
    public static boolean looksLikeId(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
