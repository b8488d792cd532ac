package io.parley.server.job;

/**
 * Does the work of one job type. It must be safe to run again after a crash part-way (the
 * lease expires and another worker resumes): write in steps that can be repeated.
 */
@FunctionalInterface
public interface JobHandler {
    void run(Job job, JobContext context) throws Exception;
}
