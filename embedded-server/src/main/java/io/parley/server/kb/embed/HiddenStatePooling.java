package io.parley.server.kb.embed;

import java.nio.FloatBuffer;

/**
 * Turns a row of the model's last hidden state ({@code [batch, positions, dims]}, row-major) into
 * one unit-length vector, the way each model was trained to be read.
 */
final class HiddenStatePooling {

    private HiddenStatePooling() {
    }

    /**
     * @param positions padded length of every row in the batch
     * @param tokens    real tokens of this row (the attention mask is 1 for the first {@code tokens})
     */
    static float[] pool(EmbeddingModel.Pooling pooling, FloatBuffer hidden, int row, int positions, int tokens,
                        int dims) {
        int rowStart = row * positions * dims;
        float[] vector = new float[dims];
        switch (pooling) {
            case CLS -> hidden.get(rowStart, vector); // the first position holds [CLS]
            case MEAN -> {
                // Sum in double: 512 positions of float sums drift in the 7th digit.
                double[] sum = new double[dims];
                for (int t = 0; t < tokens; t++) {
                    int at = rowStart + t * dims;
                    for (int d = 0; d < dims; d++) {
                        sum[d] += hidden.get(at + d);
                    }
                }
                for (int d = 0; d < dims; d++) {
                    vector[d] = (float) (sum[d] / tokens);
                }
            }
        }
        return normalize(vector);
    }

    /** Scales to length 1 in place, so a dot product is the cosine; a zero vector stays zero. */
    static float[] normalize(float[] vector) {
        double squares = 0;
        for (float v : vector) {
            squares += (double) v * v;
        }
        double norm = Math.sqrt(squares);
        if (norm > 0) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) (vector[d] / norm);
            }
        }
        return vector;
    }
}
