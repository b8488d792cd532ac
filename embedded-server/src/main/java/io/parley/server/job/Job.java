package io.parley.server.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A unit of background work about one subject (a knowledge base, a document…). */
public record Job(String id, String workspaceId, String type, String subjectId, Status status, ObjectNode progress,
                  int attempts, int maxAttempts, String error, Instant createdAt, Instant updatedAt) {

    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED }
}
