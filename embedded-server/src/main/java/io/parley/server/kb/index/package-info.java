/**
 * The search index of knowledge bases: one Lucene index per KB, a copy of the chunks the
 * database holds (the source of truth), rebuildable from it at any time.
 *
 * <p><b>Entry points.</b> {@link io.parley.server.kb.index.IndexRegistry} opens one
 * {@link io.parley.server.kb.index.KnowledgeIndex} per KB under {@code <data>/indexes/<kbId>/},
 * rebuilds and deletes them; {@link io.parley.server.kb.index.SearchQuery} in,
 * {@link io.parley.server.kb.index.SearchHit}s out.
 *
 * <p><b>Decisions.</b>
 * <ul>
 *   <li>Vectors: DOT_PRODUCT on unit vectors (cosine without the per-comparison norms); the index
 *       normalises any vector that is not unit length. HNSW M=16, beamWidth=100, and the search
 *       collects 100 candidates: recall@10 against exact search of 0.99 or more on the 100k-chunk
 *       benchmark (see {@code IndexBenchmark}).</li>
 *   <li>Text: EnglishAnalyzer (stop words, Porter stemming) for indexing, queries, tags and
 *       snippets alike; body text weight 1, headings and tags 0.5, document name 0.3. Queries are
 *       built from analysed terms, never parsed, so user text is never query syntax.</li>
 *   <li>Hybrid: convex combination of BM25 normalised by the best hit and cosine min-max
 *       normalised over the candidates, weight 0.5 each; reciprocal rank fusion is the
 *       alternative ({@link io.parley.server.kb.index.IndexTuning.Fusion}). Why: see
 *       {@code Ranking}.</li>
 *   <li>Threshold: on the raw cosine for vector and hybrid search (hybrid computes it exactly
 *       for keyword-only hits too), relative to the best BM25 score for keyword search; always
 *       before boosts.</li>
 *   <li>Boosts: importance (clamped to [0.5, 2]) times 1 + 0.5 × share of query terms found
 *       in the chunk's tags, multiplying the score of candidates the retrievers found.</li>
 *   <li>Durability: commit per batch; near-real-time searching through a SearcherManager, so a
 *       KB still indexing answers from what is committed. A rebuild builds a new generation
 *       folder and switches an atomically replaced {@code CURRENT} file.</li>
 * </ul>
 */
package io.parley.server.kb.index;
