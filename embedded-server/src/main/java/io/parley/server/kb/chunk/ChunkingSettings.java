package io.parley.server.kb.chunk;

import io.parley.server.common.ParleyException;

/**
 * How a knowledge base cuts documents into chunks. Sizes are in the embedding model's tokens.
 *
 * @param strategy  how to cut
 * @param chunkSize the most tokens in a chunk (for {@link Strategy#PARENT_CHILD}: in a parent), 32..2048
 * @param overlap   tokens repeated from the end of one chunk at the start of the next (for
 *                  parent-child: between children); less than half of the size it overlaps
 * @param childSize for {@link Strategy#PARENT_CHILD} only: the most tokens in a child, 16..chunkSize/2; else 0
 */
public record ChunkingSettings(Strategy strategy, int chunkSize, int overlap, int childSize) {

    public static final int MIN_SIZE = 32;
    public static final int MAX_SIZE = 2048;
    public static final int MIN_CHILD_SIZE = 16;

    public enum Strategy {
        /** Paragraphs, then lines, sentences and words, merged up to the size with overlap. */
        RECURSIVE,
        /** One section per heading, split recursively when long; the heading path leads every chunk. */
        HEADINGS,
        /** Windows of a fixed number of tokens, cut between words, ignoring structure. */
        FIXED,
        /** Small children are searched; their larger parent passage is what the answer receives. */
        PARENT_CHILD,
        /** Tables become chunks of whole rows with the header repeated; the prose around them is recursive. */
        TABLE_AWARE
    }

    public ChunkingSettings {
        if (strategy == null) {
            throw ParleyException.invalidField("chunk_strategy", "'chunk_strategy' is required: one of "
                    + java.util.Arrays.toString(Strategy.values()));
        }
        if (chunkSize < MIN_SIZE || chunkSize > MAX_SIZE) {
            throw ParleyException.invalidField("chunk_size", "'chunk_size' must be between " + MIN_SIZE + " and "
                    + MAX_SIZE + " tokens (was " + chunkSize + ")");
        }
        if (strategy == Strategy.PARENT_CHILD) {
            if (childSize < MIN_CHILD_SIZE || childSize * 2 > chunkSize) {
                throw ParleyException.invalidField("child_size", "'child_size' must be between " + MIN_CHILD_SIZE
                        + " and half of 'chunk_size' (" + chunkSize / 2 + ") tokens (was " + childSize + ")");
            }
        } else if (childSize != 0) {
            throw ParleyException.invalidField("child_size", "'child_size' applies only to the PARENT_CHILD strategy");
        }
        int overlapped = strategy == Strategy.PARENT_CHILD ? childSize : chunkSize;
        if (overlap < 0 || overlap * 2 >= overlapped) {
            throw ParleyException.invalidField("chunk_overlap", "'chunk_overlap' must be at least 0 and less than "
                    + "half of " + (strategy == Strategy.PARENT_CHILD ? "'child_size'" : "'chunk_size'") + " ("
                    + (overlapped + 1) / 2 + " tokens; was " + overlap + ")");
        }
    }

    /** Sizes that suit the small English embedding models Parley ships (256-512 token windows). */
    public static ChunkingSettings defaults() {
        return recursive(256, 32);
    }

    public static ChunkingSettings recursive(int chunkSize, int overlap) {
        return new ChunkingSettings(Strategy.RECURSIVE, chunkSize, overlap, 0);
    }

    public static ChunkingSettings parentChild(int parentSize, int childSize, int childOverlap) {
        return new ChunkingSettings(Strategy.PARENT_CHILD, parentSize, childOverlap, childSize);
    }
}
