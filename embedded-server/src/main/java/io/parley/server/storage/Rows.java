package io.parley.server.storage;

import io.helidon.dbclient.DbRow;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads columns the same way whatever JDBC type H2 or PostgreSQL hands back. */
public final class Rows {
    private Rows() {
    }

    /** The column's JDBC value, null for SQL NULL ({@code DbColumn.get()} refuses nulls). */
    public static Object raw(DbRow row, String column) {
        return row.column(column).get(Object.class);
    }

    public static String string(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? null : value.toString();
    }

    public static boolean bool(DbRow row, String column) {
        Object value = raw(row, column);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    public static long number(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static Instant instant(DbRow row, String column) {
        Object value = raw(row, column);
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("column " + column + " is not a timestamp: " + value.getClass());
    }

    /** The JDBC value to bind for a timestamp column: both drivers accept {@link OffsetDateTime}. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
