package io.parley.server.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/** A job as {@code GET jobs/{id}} shows it. */
public record JobView(String id, String type, String subjectId, String status, ObjectNode progress, int attempts,
                      String error, Instant createdAt, Instant updatedAt) {

    public static JobView of(Job j) {
        return new JobView(j.id(), j.type(), j.subjectId(), j.status().name().toLowerCase(Locale.ROOT), j.progress(),
                j.attempts(), j.error(), j.createdAt(), j.updatedAt());
    }
}
