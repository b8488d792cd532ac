/**
 * Retrieval evaluation: how well keyword, vector and hybrid search find the documents a test
 * collection judges relevant. Behind {@code parley eval}; not used by the running server.
 *
 * <p><b>Entry points.</b> {@link io.parley.server.kb.eval.BeirLoader} reads a collection in BEIR
 * layout; {@link io.parley.server.kb.eval.RetrievalEvaluator} indexes it and scores the three
 * methods into an {@link io.parley.server.kb.eval.EvalReport};
 * {@link io.parley.server.kb.eval.EvalTable} prints it.
 *
 * <p><b>Decisions.</b>
 * <ul>
 *   <li>The corpus goes through the server's own parts (plain-text parser, recursive chunker with
 *       the model's token counter, ONNX embedder, Lucene index), so the figures are those of a
 *       knowledge base holding the same texts. Each corpus document is one document; its text is
 *       the title, a blank line, then the text, as BEIR evaluations usually embed title + text.</li>
 *   <li>A document ranks where its best chunk ranks. Each query asks for 300 chunk hits so that
 *       at least 100 distinct documents remain for Recall@100 (at 100 chunk hits, Cranfield's
 *       rankings held fewer and its Recall@100 read up to 0.03 low). The index draws at least as many
 *       candidates from each retriever, so the hybrid pool is 300 + 300 here rather than the
 *       product's 100 + 100; nDCG@10 moved by at most 0.002 between the two on Cranfield.</li>
 *   <li>nDCG@10 as trec_eval's {@code ndcg_cut} (linear gains, log2 discount, ideal from the
 *       qrels); Recall@100 counts every grade above 0 as relevant. Both are averaged over the
 *       queries with at least one relevant document.</li>
 * </ul>
 */
package io.parley.server.kb.eval;
