package io.parley.server.kb.embed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cheap pre-cut of long texts; tokenizer behaviour is covered through OnnxEmbedder. */
class WordPieceTokenizerTest {

    @Test
    void headEndsAfterTheWordPastTheLimit() {
        assertThat(WordPieceTokenizer.head("a b c d e", 2)).isEqualTo("a b c");
        assertThat(WordPieceTokenizer.head("  a\tb\n\nc  d", 2)).isEqualTo("  a\tb\n\nc");
    }

    @Test
    void shortTextsAreKeptWhole() {
        assertThat(WordPieceTokenizer.head("a b c", 2)).isEqualTo("a b c");
        assertThat(WordPieceTokenizer.head("a b c ", 3)).isEqualTo("a b c ");
        assertThat(WordPieceTokenizer.head("", 2)).isEmpty();
    }

    @Test
    void cutsOnlyAtPlainWhitespace() {
        // A no-break space may be whitespace to BERT but is not a cut point here.
        assertThat(WordPieceTokenizer.head("a\u00a0b c d", 1)).isEqualTo("a\u00a0b c");
    }
}
