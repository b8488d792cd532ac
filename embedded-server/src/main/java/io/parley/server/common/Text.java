package io.parley.server.common;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks for text fields of requests, with messages that name the field. */
public final class Text {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private Text() {
    }

    /** A trimmed, non-empty value of at most {@code maxLength} characters. */
    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ParleyException.invalidField(field, "'" + field + "' is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw ParleyException.invalidField(field, "'" + field + "' must be at most " + maxLength + " characters");
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ParleyException.invalidField(field, "'" + field + "' must not contain control characters");
        }
        return trimmed;
    }

    public static String email(String field, String value) {
        String email = required(field, value, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw ParleyException.invalidField(field, "'" + field + "' must be an email address like name@example.com");
        }
        return email;
    }

    /** Emails compare case-insensitively: one account per address whatever its capitals. */
    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
