package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.Block;
import io.parley.server.kb.parse.ParsedDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.parley.server.kb.chunk.ChunkAssertions.assertCovers;
import static io.parley.server.kb.chunk.ChunkAssertions.chunk;
import static io.parley.server.kb.chunk.ChunkAssertions.source;
import static org.assertj.core.api.Assertions.assertThat;

class RecursiveChunkingTest {

    private final ParsedDocument doc = Documents.parse("long.md", Documents.markdown(1, 12));

    @Test
    void chunksAreExactSourceRangesWithinTheSizeCoveringEverything() {
        List<ChunkDraft> chunks = chunk(doc, ChunkingSettings.recursive(64, 16));

        assertThat(chunks).hasSizeGreaterThan(20).allSatisfy(c -> {
            assertThat(c.text()).isEqualTo(source(doc, c));
            assertThat(c.role()).isEqualTo(ChunkDraft.Role.CHUNK);
            assertThat(c.parentPosition()).isNull();
        });
        assertCovers(doc, chunks, true);
    }

    @Test
    void consecutiveChunksShareUpToTheOverlap() {
        List<ChunkDraft> chunks = chunk(doc, ChunkingSettings.recursive(64, 16));

        int overlapping = 0;
        for (int i = 1; i < chunks.size(); i++) {
            ChunkDraft previous = chunks.get(i - 1);
            ChunkDraft next = chunks.get(i);
            assertThat(next.startOffset()).isGreaterThan(previous.startOffset());
            assertThat(next.endOffset()).isGreaterThan(previous.endOffset());
            if (next.startOffset() < previous.endOffset()) {
                overlapping++;
                String shared = doc.text().substring(next.startOffset(), previous.endOffset());
                assertThat(SimpleTokenCounter.INSTANCE.count(shared)).isBetween(1, 16);
                assertThat(previous.text()).endsWith(shared);
                assertThat(next.text()).startsWith(shared);
            }
        }
        assertThat(overlapping).as("chunk pairs that overlap").isGreaterThan(chunks.size() * 3 / 4);
    }

    @Test
    void withoutOverlapParagraphsThatFitStayWholeAndHeadingsStayWithTheirText() {
        List<ChunkDraft> chunks = chunk(doc, ChunkingSettings.recursive(256, 0));
        List<Integer> blockStarts = doc.blocks().stream().map(Block::start).toList();
        List<Integer> blockEnds = doc.blocks().stream().map(Block::end).toList();

        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startOffset()).isGreaterThanOrEqualTo(chunks.get(i - 1).endOffset());
        }
        assertThat(chunks).allSatisfy(c -> {
            assertThat(blockStarts).contains(c.startOffset());
            assertThat(blockEnds).contains(c.endOffset());
            Block last = doc.blocks().get(blockEnds.indexOf(c.endOffset()));
            assertThat(last).as("chunk ends on a heading: %s", c.text()).isNotInstanceOf(Block.Heading.class);
        });
    }

    @Test
    void aLongParagraphIsCutBetweenSentences() {
        String paragraph = Documents.paragraph(new Random(3), 80);
        ParsedDocument single = Documents.parse("one.txt", paragraph);

        List<ChunkDraft> chunks = chunk(single, ChunkingSettings.recursive(48, 0));

        assertThat(chunks).hasSizeGreaterThan(5).allSatisfy(c -> assertThat(c.text()).endsWith("."));
        assertCovers(single, chunks, true);
    }

    @Test
    void textWithoutSentencesOrSpacesIsStillCutToSize() {
        String words = "alpha beta gamma delta ".repeat(200);
        String blob = "a-".repeat(3000); // 6000 tokens, not one space or sentence end
        ParsedDocument doc = Documents.parse("blob.txt", words + "\n\n" + blob);

        List<ChunkDraft> chunks = chunk(doc, ChunkingSettings.recursive(32, 8));

        assertCovers(doc, chunks, true);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).isEqualTo(source(doc, c)));
    }

    @Test
    void headingPathAndPageAreThoseWhereTheChunkStarts() {
        List<ChunkDraft> chunks = chunk(doc, ChunkingSettings.recursive(64, 0));

        assertThat(chunks.getFirst().headingPath()).isEmpty(); // the preface
        assertThat(chunks).anySatisfy(c -> assertThat(c.headingPath()).containsExactly("Part 3", "Topic 3.2"));
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.page()).isNull();
            if (c.text().startsWith("## Topic ")) {
                String topic = c.text().lines().findFirst().orElseThrow().substring(3);
                assertThat(c.headingPath()).endsWith(topic);
            }
        });
    }
}
