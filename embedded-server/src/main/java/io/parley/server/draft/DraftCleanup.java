package io.parley.server.draft;

/** Told when a draft goes away (deleted, expired or turned into the real thing), to free what it holds. */
@FunctionalInterface
public interface DraftCleanup {
    void draftRemoved(Draft draft);
}
