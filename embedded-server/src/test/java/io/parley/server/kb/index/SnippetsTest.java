package io.parley.server.kb.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetsTest {

    final TextAnalysis analysis = new TextAnalysis();

    @AfterEach
    void close() {
        analysis.close();
    }

    String snippet(String text, String query) {
        return Snippets.of(text, analysis.queryTerms(query), analysis);
    }

    static String filler(int sentences) {
        return "This sentence is only here to pad the chunk with words that matter to nobody. ".repeat(sentences);
    }

    @Test
    void picksTheSentenceWithTheMostQueryTerms() {
        String text = filler(3) + "The warranty covers parts. The warranty covers parts and labour for two years. "
                + filler(5);

        String snippet = snippet(text, "warranty labour");

        assertThat(snippet).contains("The warranty covers parts and labour for two years.")
                .hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void matchesStemmedForms() {
        String text = filler(4) + "Refunded orders are marked in grey. " + filler(4);

        assertThat(snippet(text, "refunds")).contains("Refunded orders");
    }

    @Test
    void cutsAnOverlongSentenceAroundTheMatch() {
        String longSentence = "word ".repeat(120) + "kubernetes " + "word ".repeat(120) + "end.";

        String snippet = snippet(longSentence, "kubernetes");

        assertThat(snippet).contains("kubernetes").startsWith("…").endsWith("…").hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void withoutAMatchStartsAtTheBeginning() {
        String text = "First sentence opens the chunk. " + filler(10);

        assertThat(snippet(text, "zeppelin")).startsWith("First sentence opens the chunk.")
                .hasSizeLessThanOrEqualTo(300);
        assertThat(Snippets.of(text, List.of(), analysis)).startsWith("First sentence");
    }

    @Test
    void shortTextIsWholeAndLineBreaksAreFlattened() {
        assertThat(snippet("Line one\nof the same sentence.\n\nAnother.", "sentence"))
                .isEqualTo("Line one of the same sentence. Another.");
        assertThat(snippet("  ", "x")).isEmpty();
    }
}
