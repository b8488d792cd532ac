package io.parley.server.kb.eval;

import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.index.IndexTuning;

import java.util.Locale;

/** Prints an {@link EvalReport} as a few lines of context and a method | nDCG@10 | Recall@100 table. */
public final class EvalTable {

    private EvalTable() {
    }

    public static String format(EvalReport r) {
        StringBuilder out = new StringBuilder();
        ChunkingSettings chunking = r.settings().chunking();
        IndexedCorpus corpus = r.corpus();
        line(out, "collection  %s: %d documents%s -> %d chunks (%s %d/%d)", r.dataset(), r.corpusSize(),
                corpus.skipped() == 0 ? "" : " (" + corpus.skipped() + " empty or unreadable, skipped)",
                corpus.chunks(),
                chunking.strategy().name().toLowerCase(Locale.ROOT), chunking.chunkSize(), chunking.overlap());
        line(out, "queries     %d with relevance judgements", r.queries());
        line(out, "model       %s", r.model());
        line(out, "search      %d chunk hits per query, merged into documents; hybrid fusion %s",
                r.settings().depth(), fusion(r.settings().tuning()));
        line(out, "timing      indexed in %.1f s (%.1f chunks/s), queries embedded in %.1f s",
                seconds(corpus.elapsed().toNanos()), corpus.chunksPerSecond(), seconds(r.queryEmbedding().toNanos()));
        out.append('\n');
        line(out, "%-8s | %7s | %10s | %8s", "method", "nDCG@10", "Recall@100", "ms/query");
        line(out, "%s-+-%s-+-%s-+-%s", "-".repeat(8), "-".repeat(7), "-".repeat(10), "-".repeat(8));
        for (MethodScores m : r.methods()) {
            line(out, "%-8s | %7.4f | %10.4f | %8.1f", m.method().name().toLowerCase(Locale.ROOT), m.ndcgAt10(),
                    m.recallAt100(), m.millisPerQuery());
        }
        for (MethodScores m : r.methods()) {
            if (m.shortRankings() > 0) {
                line(out, "note: for %d %s queries the hits held fewer than 100 documents; raise --depth",
                        m.shortRankings(), m.method().name().toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static String fusion(IndexTuning t) {
        String how = t.fusion() == IndexTuning.Fusion.CONVEX
                ? String.format(Locale.ROOT, "convex (keyword weight %.2f)", t.keywordWeight())
                : "RRF (k=" + t.rrfK() + ")";
        return how + ", candidates per retriever at least " + t.keywordCandidates() + "/" + t.vectorCandidates();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
