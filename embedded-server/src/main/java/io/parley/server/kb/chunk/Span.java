package io.parley.server.kb.chunk;

/** A range {@code [start, end)} of the document text and its token count. */
record Span(int start, int end, int tokens) {
}
