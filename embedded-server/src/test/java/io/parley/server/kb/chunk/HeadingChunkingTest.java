package io.parley.server.kb.chunk;

import io.parley.server.kb.chunk.ChunkingSettings.Strategy;
import io.parley.server.kb.parse.Block;
import io.parley.server.kb.parse.ParsedDocument;
import io.parley.server.kb.parse.TestDocuments;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.server.kb.chunk.ChunkAssertions.assertCovers;
import static io.parley.server.kb.chunk.ChunkAssertions.chunk;
import static io.parley.server.kb.chunk.ChunkAssertions.source;
import static org.assertj.core.api.Assertions.assertThat;

class HeadingChunkingTest {

    @Test
    void everySectionIsChunkedUnderItsHeadingPath() {
        ParsedDocument guide = TestDocuments.parseResource("guide.md");

        List<ChunkDraft> chunks = chunk(guide, new ChunkingSettings(Strategy.HEADINGS, 256, 0, 0));

        assertThat(chunks).extracting(c -> String.join(" > ", c.headingPath())).containsExactly(
                "Getting started", "Getting started > Installation", "Getting started > Installation > Linux",
                "Getting started > Pricing", "Getting started > Setext Heading");
        ChunkDraft linux = chunks.get(2);
        assertThat(linux.text()).isEqualTo("Getting started > Installation > Linux\n"
                + "On Linux the server needs glibc 2.31 or newer. Check it with `ldd --version`.");
        assertThat(source(guide, linux)).isEqualTo(
                "On Linux the server needs glibc 2.31 or newer. Check it with `ldd --version`.");
        assertThat(chunks.get(1).text()).contains("- macOS", "# this is a comment").doesNotContain("### Linux");
        assertThat(chunks.get(3).text()).contains("| Team | 49 EUR | 10 |", "Prices exclude VAT.");
        assertThat(chunks.get(3).table()).isFalse(); // a table mixed with prose
    }

    @Test
    void longSectionsAreSplitAndEveryPieceCarriesThePath() {
        ParsedDocument doc = Documents.parse("long.md", Documents.markdown(7, 6));

        List<ChunkDraft> chunks = chunk(doc, new ChunkingSettings(Strategy.HEADINGS, 48, 8, 0));

        assertThat(chunks.getFirst().headingPath()).isEmpty();
        assertThat(chunks.getFirst().text()).startsWith("Preface sentence");
        List<Block.Heading> headings = doc.blocks().stream().filter(b -> b instanceof Block.Heading)
                .map(b -> (Block.Heading) b).toList();
        for (ChunkDraft chunk : chunks.subList(1, chunks.size())) {
            String crumb = String.join(" > ", chunk.headingPath()) + "\n";
            assertThat(chunk.text()).startsWith(crumb).endsWith(source(doc, chunk));
            // never across a heading: no heading starts inside the chunk's range
            assertThat(headings).noneMatch(h -> h.start() > chunk.startOffset() && h.start() < chunk.endOffset());
        }
        assertThat(chunks).filteredOn(c -> c.headingPath().equals(List.of("Part 2", "Topic 2.1"))).hasSizeGreaterThan(1);
        assertCovers(doc, chunks, false);
    }

    @Test
    void aVeryLongHeadingPathIsShortenedToLeaveRoomForText() {
        String longTitle = "A heading with a great many words in it ".repeat(3).strip();
        ParsedDocument doc = Documents.parse("deep.md", "# " + longTitle + "\n\n## " + longTitle + " too\n\n"
                + "Body text of the section that needs a place to live.\n");

        ChunkDraft chunk = chunk(doc, new ChunkingSettings(Strategy.HEADINGS, 64, 0, 0)).getFirst();

        assertThat(chunk.headingPath()).hasSize(2); // the metadata keeps the full path
        assertThat(chunk.text()).endsWith("Body text of the section that needs a place to live.");
        assertThat(SimpleTokenCounter.INSTANCE.count(chunk.text().lines().findFirst().orElseThrow())).isLessThanOrEqualTo(16);
    }

    @Test
    void aDocumentOfHeadingsOnlyStillGetsChunks() {
        ParsedDocument doc = Documents.parse("toc.md", "# One\n\n## Two\n");

        List<ChunkDraft> chunks = chunk(doc, new ChunkingSettings(Strategy.HEADINGS, 64, 0, 0));

        assertThat(chunks).singleElement().satisfies(c -> assertThat(c.text()).isEqualTo("# One\n\n## Two"));
    }
}
