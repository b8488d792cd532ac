package io.parley.server.kb.chunk;

import io.parley.server.common.ParleyException;
import io.parley.server.kb.chunk.ChunkingSettings.Strategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkingSettingsTest {

    @Test
    void sensibleSettingsAreAccepted() {
        assertThat(ChunkingSettings.defaults().strategy()).isEqualTo(Strategy.RECURSIVE);
        assertThat(new ChunkingSettings(Strategy.FIXED, 32, 15, 0).overlap()).isEqualTo(15);
        assertThat(new ChunkingSettings(Strategy.HEADINGS, 2048, 0, 0).chunkSize()).isEqualTo(2048);
        assertThat(ChunkingSettings.parentChild(1024, 128, 32).childSize()).isEqualTo(128);
    }

    @Test
    void theSizeMustBeBetween32And2048Tokens() {
        assertInvalid(() -> new ChunkingSettings(Strategy.RECURSIVE, 31, 0, 0), "chunk_size", "between 32 and 2048");
        assertInvalid(() -> new ChunkingSettings(Strategy.RECURSIVE, 2049, 0, 0), "chunk_size", "was 2049");
    }

    @Test
    void theOverlapMustBeUnderHalfTheSize() {
        assertInvalid(() -> ChunkingSettings.recursive(256, 128), "chunk_overlap", "less than half of 'chunk_size'");
        assertInvalid(() -> ChunkingSettings.recursive(256, -1), "chunk_overlap", "was -1");
        assertInvalid(() -> ChunkingSettings.parentChild(1024, 64, 32), "chunk_overlap", "'child_size'");
    }

    @Test
    void childSizeBelongsToParentChildAndIsAtMostHalfTheParent() {
        assertInvalid(() -> ChunkingSettings.parentChild(512, 300, 16), "child_size", "half of 'chunk_size' (256)");
        assertInvalid(() -> ChunkingSettings.parentChild(512, 8, 0), "child_size", "was 8");
        assertInvalid(() -> new ChunkingSettings(Strategy.RECURSIVE, 512, 0, 64), "child_size", "only to the PARENT_CHILD");
    }

    @Test
    void aStrategyIsRequired() {
        assertInvalid(() -> new ChunkingSettings(null, 256, 0, 0), "chunk_strategy", "RECURSIVE");
    }

    private static void assertInvalid(Runnable creation, String field, String message) {
        assertThatThrownBy(creation::run).isInstanceOfSatisfying(ParleyException.class, e -> {
            assertThat(e.kind()).isEqualTo(ParleyException.Kind.INVALID_INPUT);
            assertThat(e.details()).containsEntry("field", field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
