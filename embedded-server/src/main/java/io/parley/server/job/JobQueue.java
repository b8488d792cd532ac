package io.parley.server.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background work over the jobs table: in-process workers claim queued jobs, run their handler,
 * retry transient failures with backoff, and — because a claim is a lease — pick up jobs whose
 * worker died. Tests call {@link #runUntilIdle()} instead of starting workers.
 */
public final class JobQueue implements AutoCloseable {

    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(JobQueue.class.getName());

    private final JobStore store;
    private final AccessPolicy policy;
    private final Clock clock;
    private final String workerId;
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopped;

    public JobQueue(Database db, AccessPolicy policy, Clock clock) {
        this.store = new JobStore(db);
        this.policy = policy;
        this.clock = clock;
        this.workerId = "node-" + ProcessHandle.current().pid() + "-" + Ids.newId().substring(0, 8);
    }

    public void register(String type, JobHandler handler) {
        handlers.put(type, handler);
    }

    /** Queues a job inside the caller's transaction, so it exists exactly when the caller's writes do. */
    public String enqueue(DbExecute tx, String workspaceId, String type, String subjectId, ObjectNode progress,
                          int maxAttempts) {
        Instant now = clock.now();
        Job job = new Job(Ids.newId(), workspaceId, type, subjectId, Job.Status.QUEUED, progress, 0, maxAttempts,
                null, now, now);
        store.insert(tx, job, now);
        return job.id();
    }

    /** Wakes the workers after a commit that queued work. */
    public void poke() {
        wake.release();
    }

    public Job get(Principal caller, String jobId) {
        Job job = Optional.ofNullable(jobId).filter(Ids::looksLikeId).flatMap(store::find)
                .orElseThrow(() -> ParleyException.notFound("Job"));
        policy.resource(caller, job.workspaceId(), Role.VIEWER, "Job");
        return job;
    }

    public List<Job> forSubject(String subjectId) {
        return store.forSubject(subjectId);
    }

    /**
     * After a crash of the only process that uses this database (embedded mode), its running jobs
     * are resumed at once instead of after their lease runs out.
     */
    public int recoverAbandoned() {
        return store.requeueRunning(clock.now());
    }

    /** Starts background workers (the server does; tests usually don't). */
    public synchronized void start(int count) {
        for (int i = 0; i < count; i++) {
            Thread worker = Thread.ofPlatform().daemon().name("parley-jobs-" + i).start(this::workLoop);
            workers.add(worker);
        }
        wake.release(count);
    }

    /** Runs every job that can run now on the calling thread; returns how many ran. */
    public int runUntilIdle() {
        int ran = 0;
        while (!stopped && runOne()) {
            ran++;
        }
        return ran;
    }

    private void workLoop() {
        while (!stopped) {
            try {
                if (!runOne()) {
                    wake.tryAcquire(1, TimeUnit.SECONDS); // poll: jobs queued by other nodes, expired leases
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "job worker error; continuing", e);
            }
        }
    }

    private boolean runOne() {
        Instant now = clock.now();
        for (String id : store.candidates(now, 5)) {
            if (store.claim(id, workerId, now, LEASE)) {
                store.find(id).ifPresent(this::execute);
                return true;
            }
        }
        return false;
    }

    private void execute(Job job) {
        JobHandler handler = handlers.get(job.type());
        Context context = new Context(job);
        if (handler == null) {
            store.finish(job.id(), workerId, Job.Status.FAILED, job.progress(), "no handler for " + job.type(), clock.now());
            return;
        }
        try {
            handler.run(job, context);
            if (!context.cancelled()) {
                store.finish(job.id(), workerId, Job.Status.SUCCEEDED, context.lastProgress(), null, clock.now());
            }
        } catch (RetryableJobException e) {
            if (job.attempts() < job.maxAttempts()) {
                Instant later = clock.now().plusSeconds(1L << Math.min(job.attempts(), 8));
                store.retryLater(job.id(), workerId, e.getMessage(), later, clock.now());
            } else {
                store.finish(job.id(), workerId, Job.Status.FAILED, context.lastProgress(), e.getMessage(), clock.now());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "job " + job.id() + " (" + job.type() + ") failed", e);
            store.finish(job.id(), workerId, Job.Status.FAILED, context.lastProgress(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clock.now());
        }
    }

    @Override
    public void close() {
        stopped = true;
        wake.release(Math.max(1, workers.size()));
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Context implements JobContext {
        private final Job job;
        private volatile ObjectNode last;
        private volatile boolean lost;

        Context(Job job) {
            this.job = job;
            this.last = job.progress();
        }

        @Override
        public void progress(ObjectNode progress) {
            last = progress.deepCopy();
            if (!store.heartbeat(job.id(), workerId, last, clock.now(), LEASE)) {
                lost = true;
            }
        }

        @Override
        public ObjectNode lastProgress() {
            return last;
        }

        @Override
        public boolean cancelled() {
            return stopped || lost;
        }
    }
}
