package io.parley.server.job;

import io.parley.server.http.ApiRoutes;

import static io.parley.server.http.Access.AUTHENTICATED;

/** {@code GET jobs/{id}}: status and progress of background work. */
public final class JobRoutes {

    private final JobQueue jobs;

    public JobRoutes(JobQueue jobs) {
        this.jobs = jobs;
    }

    public void register(ApiRoutes api) {
        api.tagged("jobs").get("/jobs/{job_id}", AUTHENTICATED, "Status and progress of a background job",
                req -> JobView.of(jobs.get(req.principal(), req.path("job_id"))));
    }
}
