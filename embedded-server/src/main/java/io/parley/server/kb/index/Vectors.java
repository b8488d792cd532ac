package io.parley.server.kb.index;

import org.apache.lucene.util.VectorUtil;

/** Checks on vectors entering the index, with messages that say what to do. */
final class Vectors {

    /** float32 embeddings come out of a model normalised to about 1e-6; anything further is not unit. */
    private static final float UNIT_TOLERANCE = 1e-3f;

    private Vectors() {
    }

    /**
     * The vector itself when it is unit length, else a normalised copy (DOT_PRODUCT is cosine only
     * on unit vectors). Rejects wrong dimensions, NaN/infinite values and the zero vector.
     */
    static float[] unit(float[] vector, int dimensions, String what) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException(what + " has " + vector.length + " dimensions but this index holds "
                    + dimensions + "-dimensional vectors: was it embedded with another model?");
        }
        double squared = 0;
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " contains a NaN or infinite value");
            }
            squared += (double) v * v;
        }
        if (squared == 0) {
            throw new IllegalArgumentException(what + " is the zero vector, which has no direction to compare");
        }
        if (Math.abs(squared - 1) <= UNIT_TOLERANCE) {
            return vector;
        }
        return VectorUtil.l2normalize(vector.clone());
    }
}
