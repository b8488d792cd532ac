package io.parley.server.kb.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The model's own tokenizer (DJL's binding of HuggingFace tokenizers), set up the way
 * sentence-transformers feeds the model: special tokens added, no padding, at most
 * {@link EmbeddingModel#maxTokens()} ids with the closing special token kept. Thread-safe.
 */
final class WordPieceTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final int leadingSpecials;
    private final int trailingSpecials;

    private WordPieceTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        long[] specialMask = tokenizer.encode("a").getSpecialTokenMask();
        this.leadingSpecials = run(specialMask, 0, 1);
        this.trailingSpecials = run(specialMask, specialMask.length - 1, -1);
        if (leadingSpecials + trailingSpecials >= maxTokens) {
            throw new IllegalStateException("the token limit leaves no room for text");
        }
    }

    static WordPieceTokenizer load(EmbeddingModel model) {
        optOutOfTelemetry();
        byte[] json = ModelResources.readAll(model, model.tokenizerResource());
        // The jars' MiniLM tokenizer.json pads every input to 128 and truncates at 128. Both are
        // switched off: we pad per batch ourselves, and truncate in ids() because DJL leaks the
        // native "overflowing" encodings of every text its own truncation cuts.
        Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "false",
                "padding", "false");
        try {
            return new WordPieceTokenizer(
                    HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options), model.maxTokens());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new EmbedderLoadException(model, "the tokenizer failed to start (" + e.getMessage() + ")", e);
        }
    }

    /** Ids of each text, special tokens included, cut to the model's limit. */
    long[][] ids(List<String> texts) {
        String[] heads = new String[texts.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = head(texts.get(i), maxTokens);
        }
        // One native call: the tokenizer spreads a batch over its own threads.
        Encoding[] encodings = tokenizer.batchEncode(heads);
        long[][] ids = new long[heads.length][];
        for (int i = 0; i < heads.length; i++) {
            long[] full = encodings[i].getIds();
            if (full.length < maxTokens && heads[i].length() < texts.get(i).length()) {
                // Rare: words that tokenise to nothing (control characters only); use the whole text.
                full = tokenizer.encode(texts.get(i)).getIds();
            }
            ids[i] = truncate(full);
        }
        return ids;
    }

    /** Word pieces of the whole text, special tokens excluded, never truncated. */
    int count(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    int maxTokens() {
        return maxTokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** Like HF truncation of a single sequence: the first pieces, then the closing special token(s). */
    private long[] truncate(long[] ids) {
        if (ids.length <= maxTokens) {
            return ids;
        }
        long[] cut = Arrays.copyOf(ids, maxTokens);
        System.arraycopy(ids, ids.length - trailingSpecials, cut, maxTokens - trailingSpecials, trailingSpecials);
        return cut;
    }

    /**
     * The text up to the end of its (limit + 1)-th space-separated word, or the whole text. Each
     * such word yields at least one word piece, so the head holds every piece the model will read,
     * and a 1 MB text is not tokenised in full only to keep its first 512 pieces.
     */
    static String head(String text, int limit) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = isBreak(text.charAt(i));
            if (!space && !inWord) {
                words++;
            } else if (space && inWord && words > limit) {
                return text.substring(0, i);
            }
            inWord = !space;
        }
        return text;
    }

    /** Only characters every BERT pre-tokenizer splits on, so no word piece straddles the cut. */
    private static boolean isBreak(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    private static int run(long[] mask, int from, int step) {
        int n = 0;
        for (int i = from; i >= 0 && i < mask.length && mask[i] == 1; i += step) {
            n++;
        }
        return n;
    }

    /**
     * DJL's tokenizer otherwise probes the EC2 metadata address (1 s time-outs) and reports usage
     * when it finds one; Parley makes no network calls of its own accord. An explicit setting wins.
     */
    private static void optOutOfTelemetry() {
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
