package io.parley.server.kb.chunk;

import io.parley.server.kb.chunk.ChunkingSettings.Strategy;
import io.parley.server.kb.parse.Block;
import io.parley.server.kb.parse.ParsedDocument;
import io.parley.server.kb.parse.TestDocuments;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.server.kb.chunk.ChunkAssertions.chunk;
import static io.parley.server.kb.chunk.ChunkAssertions.source;
import static org.assertj.core.api.Assertions.assertThat;

class TableAwareChunkingTest {

    private static ChunkingSettings tableAware(int size) {
        return new ChunkingSettings(Strategy.TABLE_AWARE, size, 0, 0);
    }

    @Test
    void aBigCsvBecomesChunksOfWholeRowsEachUnderTheHeader() {
        StringBuilder csv = new StringBuilder("id,product,region,stock\n");
        for (int i = 1; i <= 200; i++) {
            csv.append(i).append(",Kettle model ").append(i).append(",Region ").append(i % 7).append(',').append(i * 3)
                    .append('\n');
        }
        ParsedDocument doc = Documents.parse("stock.csv", csv.toString());
        Block.Table table = (Block.Table) doc.blocks().getFirst();

        List<ChunkDraft> chunks = chunk(doc, tableAware(128));

        assertThat(chunks).hasSizeGreaterThan(10).allSatisfy(c -> {
            assertThat(c.table()).isTrue();
            assertThat(c.text()).startsWith("| id | product | region | stock |\n| - | - | - | - |\n| ");
        });
        List<String> rowLines = chunks.stream().flatMap(c -> c.text().lines().skip(2)).toList();
        assertThat(rowLines).hasSize(200).first().isEqualTo("| 1 | Kettle model 1 | Region 1 | 3 |");
        assertThat(rowLines).last().isEqualTo("| 200 | Kettle model 200 | Region 4 | 600 |");
        for (ChunkDraft chunk : chunks) {
            String first = chunk.text().lines().skip(2).findFirst().orElseThrow();
            String id = first.substring(2, first.indexOf(' ', 2));
            assertThat(source(doc, chunk)).startsWith(id + ",Kettle model " + id + ",")
                    .doesNotContain("id,product"); // the range covers the rows, not the header
        }
        assertThat(chunks.getLast().endOffset()).isEqualTo(table.end());
    }

    @Test
    void proseAroundTablesIsChunkedSeparatelyAndTheTableLeadsWithItsHeadingPath() {
        ParsedDocument guide = TestDocuments.parseResource("guide.md");

        List<ChunkDraft> chunks = chunk(guide, tableAware(512));

        ChunkDraft table = chunks.stream().filter(ChunkDraft::table).findFirst().orElseThrow();
        assertThat(table.text()).isEqualTo("""
                Getting started > Pricing
                | Plan | Price per month | Seats |
                | - | - | - |
                | Free | 0 EUR | 1 |
                | Team | 49 EUR | 10 |
                | Business \\| Plus | 199 EUR | 50 |""");
        assertThat(table.headingPath()).containsExactly("Getting started", "Pricing");
        assertThat(chunks).filteredOn(c -> !c.table()).hasSize(2).allSatisfy(c -> {
            assertThat(c.text()).isEqualTo(source(guide, c)).doesNotContain("| Free |");
        });
        ChunkDraft before = chunks.get(chunks.indexOf(table) - 1);
        assertThat(before.text()).endsWith("`ldd --version`."); // "## Pricing" lives on in the table's path
        assertThat(chunks.getLast().text()).startsWith("Prices exclude VAT.");
    }

    @Test
    void htmlTablesKeepTheirHeaderToo() {
        ParsedDocument page = TestDocuments.parseResource("page.html");

        List<ChunkDraft> chunks = chunk(page, tableAware(48));

        List<ChunkDraft> tables = chunks.stream().filter(ChunkDraft::table).toList();
        assertThat(tables).hasSize(2).allSatisfy(c -> assertThat(c.text())
                .startsWith("Shipping and returns > Delivery times\n| Region | Days | Cost |\n| - | - | - |\n"));
    }

    @Test
    void aRowTooLongForAChunkIsSplitIntoColumnValueLines() {
        String longCell = "This description keeps going on and on about the product and its many features. ".repeat(8);
        ParsedDocument doc = Documents.parse("wide.csv", "name,description\nKettle,\"" + longCell + "\"\nToaster,Short\n");
        Block.Row longRow = ((Block.Table) doc.blocks().getFirst()).rows().getFirst();

        List<ChunkDraft> chunks = chunk(doc, tableAware(64));

        List<ChunkDraft> parts = chunks.stream().filter(c -> c.startOffset() == longRow.start()).toList();
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(c -> assertThat(c.endOffset()).isEqualTo(longRow.end()));
        assertThat(parts.getFirst().text()).startsWith("name: Kettle\ndescription: This description");
        assertThat(chunks.getLast().text()).isEqualTo("| name | description |\n| - | - |\n| Toaster | Short |");
    }

    @Test
    void aTableWithOnlyAHeaderIsOneChunk() {
        ParsedDocument doc = Documents.parse("empty-table.md", "| a | b |\n|---|---|\n");

        assertThat(chunk(doc, tableAware(64))).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo("| a | b |\n| - | - |"));
    }
}
