package io.parley.server.kb;

import io.parley.server.kb.chunk.TokenCounter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WordCountCacheTest {

    private final List<String> asked = new ArrayList<>();
    private final TokenCounter counter = text -> {
        asked.add(text);
        return text.length(); // any pure function of the text
    };

    @Test
    void aShortTextIsCountedOnceAndAnsweredFromMemoryAfterwards() {
        WordCountCache cache = new WordCountCache(counter);

        assertThat(cache.count("glider")).isEqualTo(6);
        assertThat(cache.count("glider")).isEqualTo(6);
        assertThat(cache.count("wing")).isEqualTo(4);

        assertThat(asked).containsExactly("glider", "wing");
    }

    @Test
    void aLongTextIsAlwaysCountedByTheTokenizer() {
        WordCountCache cache = new WordCountCache(counter);
        String sentence = "x".repeat(WordCountCache.MAX_CHARS + 1);

        cache.count(sentence);
        cache.count(sentence);

        assertThat(asked).containsExactly(sentence, sentence);
    }
}
