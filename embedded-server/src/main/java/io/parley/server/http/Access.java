package io.parley.server.http;

/** Who may call a route, checked before the handler runs. Resource-level rules live in the services. */
public enum Access {
    /** Anyone: health, sign-up, login. */
    PUBLIC,
    /** A valid access token, local token or API key. */
    AUTHENTICATED
}
