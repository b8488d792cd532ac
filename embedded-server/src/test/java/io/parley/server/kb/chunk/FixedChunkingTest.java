package io.parley.server.kb.chunk;

import io.parley.server.kb.chunk.ChunkingSettings.Strategy;
import io.parley.server.kb.parse.ParsedDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.server.kb.chunk.ChunkAssertions.assertCovers;
import static io.parley.server.kb.chunk.ChunkAssertions.chunk;
import static io.parley.server.kb.chunk.ChunkAssertions.source;
import static org.assertj.core.api.Assertions.assertThat;

class FixedChunkingTest {

    private final ParsedDocument doc = Documents.parse("long.md", Documents.markdown(5, 8));

    @Test
    void windowsAreFullAndOverlapByAtMostTheOverlap() {
        List<ChunkDraft> chunks = chunk(doc, new ChunkingSettings(Strategy.FIXED, 40, 10, 0));

        for (int i = 0; i < chunks.size(); i++) {
            ChunkDraft chunk = chunks.get(i);
            assertThat(chunk.text()).isEqualTo(source(doc, chunk));
            if (i < chunks.size() - 1) {
                assertThat(chunk.tokenCount()).as("a full window").isGreaterThanOrEqualTo(37);
            }
            if (i > 0) {
                ChunkDraft previous = chunks.get(i - 1);
                assertThat(chunk.startOffset()).isBetween(previous.startOffset() + 1, previous.endOffset() - 1);
                int shared = SimpleTokenCounter.INSTANCE.count(doc.text().substring(chunk.startOffset(), previous.endOffset()));
                assertThat(shared).isBetween(5, 10);
            }
        }
        assertCovers(doc, chunks, true);
    }

    @Test
    void windowsIgnoreParagraphsAndHeadings() {
        List<ChunkDraft> chunks = chunk(doc, new ChunkingSettings(Strategy.FIXED, 64, 0, 0));

        assertThat(chunks).anySatisfy(c -> assertThat(c.text()).contains("\n\n## Topic"));
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startOffset()).isGreaterThan(chunks.get(i - 1).endOffset());
        }
    }
}
