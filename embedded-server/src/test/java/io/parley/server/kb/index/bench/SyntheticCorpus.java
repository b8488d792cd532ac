package io.parley.server.kb.index.bench;

import io.parley.server.kb.index.IndexedChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic stand-in for an embedded knowledge base: vectors drawn around {@code clusters}
 * Gaussian centres (so nearest neighbours are meaningful, unlike uniform noise), text from a
 * pseudo-word vocabulary with Zipf frequencies, each cluster over-using its own topic words (so
 * keyword and vector search agree only partly, as with real text).
 */
final class SyntheticCorpus {

    static final int VOCABULARY = 5000;
    static final double ZIPF_EXPONENT = 1.07;
    static final int TOPIC_WORDS = 30;
    static final double TOPIC_SHARE = 0.25;
    static final int CHUNKS_PER_DOCUMENT = 10;
    final int dimensions;
    /** Per-dimension noise around a centre: a member's cosine to its centre is about 1/sqrt(1 + dim·σ²). */
    final double sigma;
    final float[][] centres;
    final String[] words;
    final int[][] topicWords;
    private final double[] zipfCumulative;

    SyntheticCorpus(int dimensions, int clusters, double sigma, long seed) {
        this.dimensions = dimensions;
        this.sigma = sigma;
        Random random = new Random(seed);
        centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = unit(gaussian(random, dimensions, 1.0));
        }
        words = new String[VOCABULARY];
        for (int w = 0; w < VOCABULARY; w++) {
            words[w] = pseudoWord(w);
        }
        zipfCumulative = new double[VOCABULARY];
        double sum = 0;
        for (int w = 0; w < VOCABULARY; w++) {
            sum += 1 / Math.pow(w + 1, ZIPF_EXPONENT);
            zipfCumulative[w] = sum;
        }
        for (int w = 0; w < VOCABULARY; w++) {
            zipfCumulative[w] /= sum;
        }
        topicWords = new int[clusters][TOPIC_WORDS];
        for (int c = 0; c < clusters; c++) {
            for (int t = 0; t < TOPIC_WORDS; t++) {
                topicWords[c][t] = 200 + random.nextInt(VOCABULARY - 200); // content words, not the commonest
            }
        }
    }

    /** Chunk {@code i}; the same i always gives the same chunk. */
    IndexedChunk chunk(int i, Random random) {
        int cluster = random.nextInt(centres.length);
        int document = i / CHUNKS_PER_DOCUMENT;
        StringBuilder text = new StringBuilder();
        int length = 120 + random.nextInt(100);
        for (int n = 0; n < length; n++) {
            text.append(n % 14 == 0 && n > 0 ? ". " : n > 0 ? " " : "");
            text.append(random.nextDouble() < TOPIC_SHARE ? words[topicWords[cluster][random.nextInt(TOPIC_WORDS)]]
                    : words[zipfWord(random)]);
        }
        text.append('.');
        List<String> tags = document % 10 == 0 ? List.of(words[topicWords[cluster][0]]) : List.of();
        return new IndexedChunk("c" + i, "d" + document, "Document " + words[document % VOCABULARY], i % 10,
                text.toString(), vectorNear(cluster, random), 1 + (i % 10) / 3,
                List.of("Part " + (document % 7), words[zipfWord(random)]), 1f, tags);
    }

    record Query(String text, float[] vector) {
    }

    Query query(Random random) {
        int cluster = random.nextInt(centres.length);
        List<String> terms = new ArrayList<>();
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            terms.add(words[topicWords[cluster][random.nextInt(TOPIC_WORDS)]]);
        }
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            terms.add(words[50 + random.nextInt(1950)]);
        }
        return new Query(String.join(" ", terms), vectorNear(cluster, random));
    }

    private float[] vectorNear(int cluster, Random random) {
        float[] v = gaussian(random, dimensions, sigma);
        for (int d = 0; d < dimensions; d++) {
            v[d] += centres[cluster][d];
        }
        return unit(v);
    }

    private int zipfWord(Random random) {
        int w = java.util.Arrays.binarySearch(zipfCumulative, random.nextDouble());
        return Math.min(w < 0 ? -w - 1 : w, VOCABULARY - 1);
    }

    private static String pseudoWord(int n) {
        String[] onsets = {"b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st"};
        String[] vowels = {"a", "e", "i", "o", "u", "ai", "ou"};
        StringBuilder word = new StringBuilder();
        int x = n + 7;
        do { // base-112 syllables: every n gets a distinct word
            word.append(onsets[x % onsets.length]).append(vowels[(x / onsets.length) % vowels.length]);
            x /= onsets.length * vowels.length;
        } while (x > 0);
        return word.append(n % 3 == 0 ? "n" : "").toString();
    }

    private static float[] gaussian(Random random, int dimensions, double sigma) {
        float[] v = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            v[d] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= inv;
        }
        return v;
    }
}
