package io.parley.server.draft;

import java.util.Locale;

/** What a draft will become when it is deployed (or, for a knowledge base, finalized). */
public enum DraftType {
    CHATBOT, CHATFLOW, KB;

    /** The name used in URLs ({@code /api/v1/kb/draft}) and in the database. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first segment of the type's URLs: {@code chatbots/draft}, {@code chatflows/draft}, {@code kb/draft}. */
    public String urlName() {
        return this == KB ? "kb" : value() + "s";
    }

    public static DraftType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
