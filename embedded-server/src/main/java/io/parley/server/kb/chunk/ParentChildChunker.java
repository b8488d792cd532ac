package io.parley.server.kb.chunk;

import java.util.List;

/**
 * Parents are recursive chunks of the full size without overlap (they are what the answer
 * reads, and overlapping parents would repeat text in its context); each parent is then cut
 * into small overlapping children, which are what gets embedded and searched. A child never
 * crosses its parent's range, so it has exactly one parent.
 */
final class ParentChildChunker {

    private ParentChildChunker() {
    }

    static void chunk(ChunkContext context, ChunkingSettings settings) {
        List<Span> parents = context.merger().merge(
                context.splitter().pieces(context.outline().blocks(), settings.chunkSize()), settings.chunkSize(), 0);
        for (Span parent : parents) {
            int parentPosition = context.out().addProse(ChunkDraft.Role.PARENT, parent, null);
            List<Span> pieces = context.splitter().split(parent.start(), parent.end(), settings.childSize());
            for (Span child : context.merger().merge(pieces, settings.childSize(), settings.overlap())) {
                context.out().addProse(ChunkDraft.Role.CHILD, child, parentPosition);
            }
        }
    }
}
