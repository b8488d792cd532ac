package io.parley.server.kb.chunk;

/**
 * Counts tokens the way the embedding model will see them, so chunk sizes and overlaps are in
 * the model's own word pieces (special tokens excluded).
 */
@FunctionalInterface
public interface TokenCounter {
    int count(String text);
}
