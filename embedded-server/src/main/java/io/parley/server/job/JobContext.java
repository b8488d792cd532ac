package io.parley.server.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a running job can tell the queue: its progress, which also renews its lease. */
public interface JobContext {

    /** Records progress (shown by {@code GET jobs/{id}}) and renews the lease. */
    void progress(ObjectNode progress);

    /** The latest progress recorded, to resume from after a restart. */
    ObjectNode lastProgress();

    /** True once the queue has stopped or the job was taken away: stop at the next safe point. */
    boolean cancelled();
}
