package io.parley.server.kb.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.parley.server.kb.parse.DocumentAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Markdown, CSV and plain text: read natively, offsets into the file's own text. */
class TextFormatsTest {

    private final DocumentParser parser = new DocumentParser();

    @Test
    void markdownHasHeadingsParagraphsCodeAndPipeTable() {
        ParsedDocument doc = TestDocuments.parseResource("guide.md");

        assertThat(doc.mediaType()).isEqualTo("text/x-web-markdown");
        assertThat(doc.title()).isEqualTo("Parley Field Guide"); // from the front matter
        assertThat(doc.text()).isEqualTo(new String(TestDocuments.resource("guide.md"), StandardCharsets.UTF_8));
        assertThat(headings(doc)).containsExactly("1 Getting started", "2 Installation", "3 Linux", "2 Pricing",
                "2 Setext Heading");
        assertThat(paragraphs(doc)).contains("- Windows: run the MSI package.", "Prices exclude VAT.",
                "Text under a setext heading.");
        assertThat(paragraphs(doc)).noneMatch(p -> p.contains("author: docs team"));
        assertThat(paragraphs(doc)).anyMatch(p -> p.startsWith("```bash") && p.contains("# this is a comment"));

        Block.Table table = tables(doc).getFirst();
        assertThat(table.header()).containsExactly("Plan", "Price per month", "Seats");
        assertThat(table.cellRows()).containsExactly(List.of("Free", "0 EUR", "1"), List.of("Team", "49 EUR", "10"),
                List.of("Business | Plus", "199 EUR", "50"));
        assertThat(doc.text().substring(table.rows().get(1).start(), table.rows().get(1).end()))
                .isEqualTo("| Team | 49 EUR | 10 |");
        assertConsistent(doc);
    }

    @Test
    void markdownWithoutFrontMatterTakesItsTitleFromTheFirstH1() {
        ParsedDocument doc = parser.parse("faq.md", "Intro line.\n\n# FAQ\n\nText.\n".getBytes(StandardCharsets.UTF_8));

        assertThat(doc.title()).isEqualTo("FAQ");
        assertThat(doc.blocks()).hasSize(3);
    }

    @Test
    void csvIsOneTableWithQuotedValuesAndRowOffsets() {
        ParsedDocument doc = TestDocuments.parseResource("products.csv");

        assertThat(doc.mediaType()).isEqualTo("text/csv");
        assertThat(doc.title()).isEqualTo("products");
        Block.Table table = tables(doc).getFirst();
        assertThat(table.header()).containsExactly("sku", "name", "description", "price");
        assertThat(table.cellRows()).containsExactly(
                List.of("A-100", "Kettle", "Electric kettle, 1.7 litres", "29.90"),
                List.of("A-200", "Toaster", "Two slots; \"extra wide\"", "39.00"),
                List.of("A-300", "Blender", "Glass jar\nwith a lid", "59.50"),
                List.of("A-400", "Mixer", "Hand mixer", "24.99"));
        assertThat(doc.text().substring(table.rows().get(2).start(), table.rows().get(2).end()))
                .isEqualTo("A-300,Blender,\"Glass jar\nwith a lid\",59.50");
        assertConsistent(doc);
    }

    @Test
    void csvDelimiterIsSniffed() {
        ParsedDocument semicolons = parser.parse("de.csv", "Name;Preis\nKessel;29,90\nToaster;39,00\n"
                .getBytes(StandardCharsets.UTF_8));
        ParsedDocument tabs = parser.parse("stock.tsv", "item\tcount\nkettle\t3\n".getBytes(StandardCharsets.UTF_8));

        assertThat(tables(semicolons).getFirst().cellRows()).containsExactly(List.of("Kessel", "29,90"),
                List.of("Toaster", "39,00"));
        assertThat(tables(tabs).getFirst().header()).containsExactly("item", "count");
    }

    @Test
    void csvWithAnUnclosedQuoteOrOnlyAHeaderIsAClearError() {
        assertThatThrownBy(() -> parser.parse("bad.csv", "a,b\n1,\"open\n2,3\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo("corrupt_file");
                    assertThat(e.getMessage()).contains("bad.csv", "line 2");
                });
        assertThatThrownBy(() -> parser.parse("header.csv", "a,b\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DocumentParseException.class,
                        e -> assertThat(e.code()).isEqualTo("empty_document"));
    }

    @Test
    void plainTextParagraphsAreSeparatedByBlankLines() {
        ParsedDocument doc = TestDocuments.parseResource("notes.txt");

        assertThat(doc.mediaType()).isEqualTo("text/plain");
        assertThat(paragraphs(doc)).containsExactly("Opening hours",
                "The shop is open Monday to Friday from 9 to 18.\nOn Saturday it closes at 14.",
                "Closed on public holidays.");
        assertThat(doc.blocks()).allMatch(b -> b.page() == null);
        assertConsistent(doc);
    }

    @Test
    void textInALegacyEncodingAndWindowsLineBreaksIsRead() {
        byte[] latin1 = "Caf\u00e9 cr\u00e8me\r\n\r\nSecond paragraph \u00fcber alles.\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        ParsedDocument doc = parser.parse("menu.txt", latin1);

        assertThat(paragraphs(doc)).containsExactly("Caf\u00e9 cr\u00e8me", "Second paragraph \u00fcber alles.");
        assertConsistent(doc);
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheText() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'};

        assertThat(parser.parse("bom.txt", bom).text()).isEqualTo("hi");
    }

    static List<String> headings(ParsedDocument doc) {
        return doc.blocks().stream().filter(b -> b instanceof Block.Heading)
                .map(b -> ((Block.Heading) b).level() + " " + ((Block.Heading) b).text()).toList();
    }

    static List<String> paragraphs(ParsedDocument doc) {
        return doc.blocks().stream().filter(b -> b instanceof Block.Paragraph)
                .map(b -> ((Block.Paragraph) b).text()).toList();
    }

    static List<Block.Table> tables(ParsedDocument doc) {
        return doc.blocks().stream().filter(b -> b instanceof Block.Table).map(b -> (Block.Table) b).toList();
    }
}
