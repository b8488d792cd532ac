package io.parley.server.credential;

import io.parley.server.common.ParleyException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a credential holds: a single API key or token, a user name and password, or named strings. */
public enum CredentialType {
    API_KEY, BASIC_AUTH, OAUTH2_TOKEN, CUSTOM;

    /** {@code "api_key"} and so on: the name in requests and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the types that hold one bearer token (an API key or an OAuth2 access token). */
    public boolean isToken() {
        return this == API_KEY || this == OAUTH2_TOKEN;
    }

    static CredentialType parse(String field, String value) {
        for (CredentialType t : values()) {
            if (t.wireName().equals(value)) {
                return t;
            }
        }
        throw ParleyException.invalidField(field, "'" + field + "' must be one of " + Arrays.stream(values())
                .map(CredentialType::wireName).collect(Collectors.joining(", ")));
    }

    static CredentialType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
