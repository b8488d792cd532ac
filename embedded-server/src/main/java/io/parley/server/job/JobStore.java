package io.parley.server.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.common.Json;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SQL for jobs. A worker claims a job with a conditional UPDATE (the row must still be queued,
 * or running with an expired lease), which is atomic on both databases, so two workers — or two
 * nodes on one PostgreSQL — never run the same job at once.
 */
final class JobStore {

    private static final String COLUMNS = "id, workspace_id, type, subject_id, status, progress, attempts, "
            + "max_attempts, error, created_at, updated_at";

    private final Database db;

    JobStore(Database db) {
        this.db = db;
    }

    void insert(DbExecute tx, Job job, Instant runAfter) {
        tx.insert("""
                        INSERT INTO jobs (id, workspace_id, type, subject_id, status, progress, attempts, max_attempts,
                                          run_after, created_at, updated_at)
                        VALUES (?, ?, ?, ?, 'queued', ?, 0, ?, ?, ?, ?)""",
                job.id(), job.workspaceId(), job.type(), job.subjectId(), write(job.progress()), job.maxAttempts(),
                Rows.timestamp(runAfter), Rows.timestamp(job.createdAt()), Rows.timestamp(job.createdAt()));
    }

    Optional<Job> find(String id) {
        return db.execute().get("SELECT " + COLUMNS + " FROM jobs WHERE id = ?", id).map(JobStore::job);
    }

    List<Job> forSubject(String subjectId) {
        return db.execute().query("SELECT " + COLUMNS + " FROM jobs WHERE subject_id = ? ORDER BY created_at DESC",
                subjectId).map(JobStore::job).toList();
    }

    /** Ids of jobs a worker could take now, oldest first. */
    List<String> candidates(Instant now, int limit) {
        return db.execute().query("""
                        SELECT id FROM jobs
                        WHERE (status = 'queued' AND run_after <= ?) OR (status = 'running' AND locked_until < ?)
                        ORDER BY created_at FETCH FIRST %d ROWS ONLY""".formatted(limit),
                Rows.timestamp(now), Rows.timestamp(now)).map(r -> Rows.string(r, "id")).toList();
    }

    boolean claim(String id, String worker, Instant now, Duration lease) {
        return db.execute().update("""
                        UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1,
                                        updated_at = ?
                        WHERE id = ? AND ((status = 'queued' AND run_after <= ?) OR (status = 'running' AND locked_until < ?))""",
                worker, Rows.timestamp(now.plus(lease)), Rows.timestamp(now), id, Rows.timestamp(now),
                Rows.timestamp(now)) == 1;
    }

    /** Puts every running job back in the queue (embedded mode at start: no other process can hold one). */
    int requeueRunning(Instant now) {
        return (int) db.execute().update("""
                        UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, run_after = ?, updated_at = ?
                        WHERE status = 'running'""", Rows.timestamp(now), Rows.timestamp(now));
    }

    /** Extends the lease and records progress; false when the job is no longer this worker's. */
    boolean heartbeat(String id, String worker, ObjectNode progress, Instant now, Duration lease) {
        return db.execute().update("""
                        UPDATE jobs SET progress = ?, locked_until = ?, updated_at = ?
                        WHERE id = ? AND status = 'running' AND locked_by = ?""",
                write(progress), Rows.timestamp(now.plus(lease)), Rows.timestamp(now), id, worker) == 1;
    }

    void finish(String id, String worker, Job.Status status, ObjectNode progress, String error, Instant now) {
        db.execute().update("""
                        UPDATE jobs SET status = ?, progress = ?, error = ?, locked_by = NULL, locked_until = NULL,
                                        updated_at = ?
                        WHERE id = ? AND locked_by = ?""",
                status.name().toLowerCase(Locale.ROOT), write(progress), error, Rows.timestamp(now), id, worker);
    }

    void retryLater(String id, String worker, String error, Instant runAfter, Instant now) {
        db.execute().update("""
                        UPDATE jobs SET status = 'queued', error = ?, locked_by = NULL, locked_until = NULL,
                                        run_after = ?, updated_at = ?
                        WHERE id = ? AND locked_by = ?""",
                error, Rows.timestamp(runAfter), Rows.timestamp(now), id, worker);
    }

    private static Job job(DbRow r) {
        try {
            return new Job(Rows.string(r, "id"), Rows.string(r, "workspace_id"), Rows.string(r, "type"),
                    Rows.string(r, "subject_id"), Job.Status.valueOf(Rows.string(r, "status").toUpperCase(Locale.ROOT)),
                    (ObjectNode) Json.mapper().readTree(Rows.string(r, "progress")), (int) Rows.number(r, "attempts"),
                    (int) Rows.number(r, "max_attempts"), Rows.string(r, "error"), Rows.instant(r, "created_at"),
                    Rows.instant(r, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(ObjectNode progress) {
        try {
            return Json.mapper().writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
