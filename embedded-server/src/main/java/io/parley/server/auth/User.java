package io.parley.server.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/** An account. The password hash never leaves the server: it is not part of the JSON. */
public record User(String id, String email, String name, @JsonIgnore String passwordHash, boolean isLocal,
                   Instant createdAt) {
}
