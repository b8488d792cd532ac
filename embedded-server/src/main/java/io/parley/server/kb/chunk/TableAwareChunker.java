package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.Block;

import java.util.ArrayList;
import java.util.List;

/**
 * Tables become chunks of whole rows with the header repeated ({@link TableChunker}); the prose
 * between tables is chunked recursively, with overlap, never across a table.
 */
final class TableAwareChunker {

    private final ChunkContext context;

    TableAwareChunker(ChunkContext context) {
        this.context = context;
    }

    void chunk(int size, int overlap) {
        TableChunker tables = new TableChunker(context);
        List<Block> prose = new ArrayList<>();
        for (Block block : context.outline().blocks()) {
            if (block instanceof Block.Table table) {
                // Headings right above a table lead its chunks as their heading path: no chunk of their own.
                while (!prose.isEmpty() && prose.getLast() instanceof Block.Heading) {
                    prose.removeLast();
                }
                prose(prose, size, overlap);
                prose.clear();
                tables.chunk(table, size);
            } else {
                prose.add(block);
            }
        }
        prose(prose, size, overlap);
    }

    private void prose(List<Block> blocks, int size, int overlap) {
        List<Span> pieces = context.splitter().pieces(blocks, size);
        for (Span window : context.merger().merge(pieces, size, overlap)) {
            context.out().addProse(ChunkDraft.Role.CHUNK, window, null);
        }
    }
}
