package io.parley.server.kb.parse;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every parsed document must pass, whatever its format. */
final class DocumentAssertions {

    private DocumentAssertions() {
    }

    /** Blocks are in order, inside the text, and their text is what their offsets point at. */
    static void assertConsistent(ParsedDocument document) {
        int previousEnd = 0;
        for (Block block : document.blocks()) {
            assertThat(block.start()).as("blocks in order: %s", block).isGreaterThanOrEqualTo(previousEnd);
            String source = document.sourceOf(block);
            switch (block) {
                case Block.Paragraph p -> assertThat(source).isEqualTo(p.text());
                case Block.Heading h -> assertThat(source).contains(h.text().split(" ")[0]);
                case Block.Table t -> t.rows().forEach(row -> {
                    assertThat(row.start()).isGreaterThanOrEqualTo(t.start());
                    assertThat(row.end()).isLessThanOrEqualTo(t.end());
                    String rowSource = document.text().substring(row.start(), row.end());
                    row.cells().forEach(cell -> assertThat(rowSource).contains(cell.split("\\s")[0]));
                });
            }
            previousEnd = block.end();
        }
    }
}
