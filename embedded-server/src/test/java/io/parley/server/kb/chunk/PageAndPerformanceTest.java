package io.parley.server.kb.chunk;

import io.parley.server.kb.chunk.ChunkingSettings.Strategy;
import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.kb.parse.ParsedDocument;
import io.parley.server.kb.parse.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static io.parley.server.kb.chunk.ChunkAssertions.chunk;
import static org.assertj.core.api.Assertions.assertThat;

class PageAndPerformanceTest {

    @Test
    void pdfChunksKnowTheirPage() {
        List<List<String>> pages = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            pages.add(List.of("Page " + p + " opens with this sentence about kettles.",
                    "Page " + p + " goes on with a second paragraph about toasters.",
                    "Page " + p + " ends with a third paragraph about blenders."));
        }
        ParsedDocument pdf = new DocumentParser().parse("three.pdf", TestDocuments.pdf("Three pages", pages));

        List<ChunkDraft> chunks = chunk(pdf, ChunkingSettings.recursive(32, 0));

        assertThat(chunks).extracting(ChunkDraft::page).containsOnly(1, 2, 3).contains(1, 2, 3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).startsWith("Page " + c.page()));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aChunkNeverCrossesAPageBreakSoItsPageIsWhereAllItsWordsAre(Strategy strategy) {
        List<List<String>> pages = List.of(
                List.of("Fill the water tank before switching the machine on."),
                List.of("Descale the machine every three months with citric acid."));
        ParsedDocument pdf = new DocumentParser().parse("two.pdf", TestDocuments.pdf("Manual", pages));
        ChunkingSettings roomy = strategy == Strategy.PARENT_CHILD ? ChunkingSettings.parentChild(512, 128, 16)
                : new ChunkingSettings(strategy, 512, 64, 0);

        List<ChunkDraft> chunks = chunk(pdf, roomy);

        assertThat(chunks).filteredOn(c -> c.text().contains("Descale"))
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.page()).isEqualTo(2);
                    assertThat(c.text()).doesNotContain("water tank");
                });
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aMegabyteOfTextChunksInWellUnderASecond(Strategy strategy) {
        StringBuilder text = new StringBuilder();
        for (long seed = 0; text.length() < 1_000_000; seed++) {
            text.append(Documents.markdown(seed, 10));
        }
        ParsedDocument doc = Documents.parse("big.md", text.toString());
        ChunkingSettings settings = strategy == Strategy.PARENT_CHILD ? ChunkingSettings.parentChild(512, 128, 16)
                : new ChunkingSettings(strategy, 256, 32, 0);
        Chunker.chunk(doc, settings, SimpleTokenCounter.INSTANCE); // warm up the JIT

        long started = System.nanoTime();
        List<ChunkDraft> chunks = Chunker.chunk(doc, settings, SimpleTokenCounter.INSTANCE);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(chunks).hasSizeGreaterThan(300);
        assertThat(millis).as("%s took %d ms", strategy, millis).isLessThan(1000);
    }
}
