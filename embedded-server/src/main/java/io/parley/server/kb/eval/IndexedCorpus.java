package io.parley.server.kb.eval;

import java.time.Duration;

/**
 * What indexing a corpus produced.
 *
 * @param documents documents indexed
 * @param skipped   documents without any text, or that the parser rejected (nothing to index)
 * @param chunks    chunks indexed, each with its vector
 * @param elapsed   parse, chunk, embed, add and commit together
 */
public record IndexedCorpus(int documents, int skipped, int chunks, Duration elapsed) {

    public double chunksPerSecond() {
        return chunks / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
