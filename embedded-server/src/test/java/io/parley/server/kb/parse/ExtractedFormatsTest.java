package io.parley.server.kb.parse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.server.kb.parse.DocumentAssertions.assertConsistent;
import static io.parley.server.kb.parse.TextFormatsTest.headings;
import static io.parley.server.kb.parse.TextFormatsTest.paragraphs;
import static io.parley.server.kb.parse.TextFormatsTest.tables;
import static org.assertj.core.api.Assertions.assertThat;

/** HTML (jsoup), PDF, Word and Excel (Tika): text built from blocks, pages for PDF. */
class ExtractedFormatsTest {

    private final DocumentParser parser = new DocumentParser();

    @Test
    void htmlKeepsTheArticleAndDropsTheChrome() {
        ParsedDocument doc = TestDocuments.parseResource("page.html");

        assertThat(doc.mediaType()).isEqualTo("text/html");
        assertThat(doc.title()).isEqualTo("Shipping and Returns | Example Shop");
        assertThat(doc.text()).doesNotContain("NAV-LINK", "HEADER-LOGO", "SEARCH-BUTTON", "SIDEBAR-PROMO",
                "FOOTER-COPYRIGHT", "TRACKING-SCRIPT", "END-SCRIPT", "font-family", "Imprint");
        assertThat(headings(doc)).containsExactly("1 Shipping and returns", "2 Delivery times", "2 Returns");
        assertThat(paragraphs(doc)).contains(
                "We ship to every country in the European Union. Orders placed before 2 pm leave the warehouse the same day.",
                "Delivery by region", "Print the return label from your account.",
                "Pack the item in its original box.", "Refunds arrive within five working days.");
        Block.Table table = tables(doc).getFirst();
        assertThat(table.header()).containsExactly("Region", "Days", "Cost");
        assertThat(table.cellRows()).containsExactly(List.of("Germany", "1-2", "Free"),
                List.of("France", "2-3", "4.90 EUR"), List.of("Rest of EU", "3-5", "9.90 EUR"));
        assertThat(doc.text()).contains("| Region | Days | Cost |\n| - | - | - |\n| Germany | 1-2 | Free |");
        assertConsistent(doc);
    }

    @Test
    void pdfBlocksKnowTheirPage() {
        byte[] pdf = TestDocuments.pdf("Opening hours", List.of(
                List.of("The shop opens at nine.", "It closes at six."),
                List.of("On Sundays the shop is closed.")));

        ParsedDocument doc = parser.parse("hours.pdf", pdf);

        assertThat(doc.mediaType()).isEqualTo("application/pdf");
        assertThat(doc.title()).isEqualTo("Opening hours");
        assertThat(doc.pageCount()).isEqualTo(2);
        assertThat(doc.blocks()).extracting(Block::page).containsOnly(1, 2).contains(1, 2);
        Block sunday = doc.blocks().stream().filter(b -> doc.sourceOf(b).contains("Sundays")).findFirst().orElseThrow();
        Block nine = doc.blocks().stream().filter(b -> doc.sourceOf(b).contains("nine")).findFirst().orElseThrow();
        assertThat(sunday.page()).isEqualTo(2);
        assertThat(nine.page()).isEqualTo(1);
        assertConsistent(doc);
    }

    @Test
    void docxHeadingsAndTableComeThroughTika() {
        ParsedDocument doc = parser.parse("warranty.docx", TestDocuments.docx());

        assertThat(doc.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(doc.title()).isEqualTo("Warranty"); // no document title: the first heading
        assertThat(headings(doc)).containsExactly("1 Warranty", "2 Claims");
        assertThat(paragraphs(doc)).containsExactly("Every appliance comes with a two-year warranty.",
                "Send the receipt with your claim.");
        Block.Table table = tables(doc).getFirst();
        assertThat(table.header()).containsExactly("Product", "Years");
        assertThat(table.cellRows()).containsExactly(List.of("Kettle", "2"), List.of("Blender", "3"));
        assertThat(doc.blocks()).allMatch(b -> b.page() == null);
        assertConsistent(doc);
    }

    @Test
    void xlsxSheetsBecomeTablesUnderTheSheetName() {
        ParsedDocument doc = parser.parse("stock.xlsx", TestDocuments.xlsx());

        assertThat(headings(doc)).containsExactly("1 Stock");
        Block.Table table = tables(doc).getFirst();
        assertThat(table.header()).containsExactly("Item", "Count");
        assertThat(table.cellRows()).containsExactly(List.of("Kettle", "12"), List.of("Toaster", "7"));
        assertThat(doc.pageCount()).isNull(); // sheets are not pages
        assertConsistent(doc);
    }
}
