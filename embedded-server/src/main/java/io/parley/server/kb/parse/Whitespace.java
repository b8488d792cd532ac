package io.parley.server.kb.parse;

import java.util.regex.Pattern;

/** Whitespace clean-up shared by the parsers. */
final class Whitespace {

    // \s misses the no-break and other Unicode spaces common in HTML and PDF text.
    private static final Pattern RUN = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u200B\\uFEFF]+");

    private Whitespace() {
    }

    /** Runs of any whitespace become one space; the ends are trimmed. Null becomes empty. */
    static String collapse(String text) {
        return text == null ? "" : RUN.matcher(text).replaceAll(" ").strip();
    }
}
