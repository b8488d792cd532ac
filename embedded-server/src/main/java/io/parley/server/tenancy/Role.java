package io.parley.server.tenancy;

import io.parley.server.common.ParleyException;

import java.util.Locale;

/** Membership roles, weakest first: each role may do everything the ones before it may. */
public enum Role {
    /** Reads everything in the workspace. */
    VIEWER,
    /** Creates and edits knowledge bases, chatbots and chatflows. */
    EDITOR,
    /** Also manages members, workspaces and API keys. */
    ADMIN,
    /** Also deletes the organization and manages other owners. */
    OWNER;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role stronger(Role a, Role b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.atLeast(b) ? a : b;
    }

    /** Reads a role from the database or from a request (400 for an unknown name). */
    public static Role parse(String field, String value) {
        if (value != null) {
            for (Role r : values()) {
                if (r.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw ParleyException.invalidField(field, "'" + field + "' must be one of owner, admin, editor, viewer");
    }

    public static Role fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
