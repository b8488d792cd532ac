package io.parley.server.kb.embed;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HiddenStatePoolingTest {

    // Two rows × three positions × two dims; row 1 has two real tokens and one padded position.
    private final FloatBuffer hidden = FloatBuffer.wrap(new float[]{
            3, 4, 1, 1, 1, 1,
            0, 2, 6, 0, 100, 100});

    @Test
    void clsTakesTheFirstPositionOfTheRow() {
        assertThat(HiddenStatePooling.pool(EmbeddingModel.Pooling.CLS, hidden, 0, 3, 3, 2))
                .containsExactly(0.6f, 0.8f);
    }

    @Test
    void meanIgnoresPaddedPositions() {
        float[] v = HiddenStatePooling.pool(EmbeddingModel.Pooling.MEAN, hidden, 1, 3, 2, 2);

        // mean of (0,2) and (6,0) is (3,1); normalised by √10
        assertThat(v[0]).isCloseTo((float) (3 / Math.sqrt(10)), within(1e-6f));
        assertThat(v[1]).isCloseTo((float) (1 / Math.sqrt(10)), within(1e-6f));
    }

    @Test
    void normalisesToUnitLengthAndLeavesZeroAlone() {
        assertThat(HiddenStatePooling.normalize(new float[]{0, 0})).containsExactly(0f, 0f);
        float[] v = HiddenStatePooling.normalize(new float[]{1, 2, 2});
        assertThat(v).containsExactly(1 / 3f, 2 / 3f, 2 / 3f);
    }
}
