package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.Block;
import io.parley.server.kb.parse.ParsedDocument;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Guarantees every strategy keeps. */
final class ChunkAssertions {

    private ChunkAssertions() {
    }

    static List<ChunkDraft> chunk(ParsedDocument document, ChunkingSettings settings) {
        List<ChunkDraft> chunks = Chunker.chunk(document, settings, SimpleTokenCounter.INSTANCE);
        assertThat(Chunker.chunk(document, settings, SimpleTokenCounter.INSTANCE)).as("deterministic").isEqualTo(chunks);
        assertBasics(document, settings, chunks);
        return chunks;
    }

    /** Numbered in order, counted right, within the size, offsets inside the text, nothing blank. */
    static void assertBasics(ParsedDocument document, ChunkingSettings settings, List<ChunkDraft> chunks) {
        assertThat(chunks).isNotEmpty();
        for (int i = 0; i < chunks.size(); i++) {
            ChunkDraft chunk = chunks.get(i);
            assertThat(chunk.position()).isEqualTo(i);
            assertThat(chunk.text()).isNotBlank().isEqualTo(chunk.text().strip());
            assertThat(chunk.tokenCount()).as("token count of %s", chunk).isEqualTo(SimpleTokenCounter.INSTANCE.count(chunk.text()));
            int limit = chunk.role() == ChunkDraft.Role.CHILD ? settings.childSize() : settings.chunkSize();
            assertThat(chunk.tokenCount()).as("size of %s", chunk).isLessThanOrEqualTo(limit);
            assertThat(chunk.startOffset()).isBetween(0, chunk.endOffset() - 1);
            assertThat(chunk.endOffset()).isLessThanOrEqualTo(document.text().length());
        }
    }

    static String source(ParsedDocument document, ChunkDraft chunk) {
        return document.text().substring(chunk.startOffset(), chunk.endOffset());
    }

    /** Every non-blank character of every block (headings too, unless they live on as heading paths) is in a chunk's range. */
    static void assertCovers(ParsedDocument document, List<ChunkDraft> chunks, boolean headings) {
        boolean[] covered = new boolean[document.text().length()];
        for (ChunkDraft chunk : chunks) {
            for (int i = chunk.startOffset(); i < chunk.endOffset(); i++) {
                covered[i] = true;
            }
        }
        for (Block block : document.blocks()) {
            if (block instanceof Block.Heading && !headings) {
                continue;
            }
            for (int i = block.start(); i < block.end(); i++) {
                if (!Character.isWhitespace(document.text().charAt(i))) {
                    assertThat(covered[i]).as("offset %d ('%s') of %s is in a chunk", i,
                            document.text().charAt(i), block).isTrue();
                }
            }
        }
    }
}
