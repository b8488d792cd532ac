package io.parley.server.kb.chunk;

import java.util.ArrayList;
import java.util.List;

/** Collects the chunks of one document and numbers them in order. */
final class ChunkList {

    private final DocumentOutline outline;
    private final String text;
    private final List<ChunkDraft> chunks = new ArrayList<>();

    ChunkList(DocumentOutline outline, String text) {
        this.outline = outline;
        this.text = text;
    }

    /** A prose chunk whose text is exactly its source range. */
    int addProse(ChunkDraft.Role role, Span span, Integer parent) {
        return add(role, text.substring(span.start(), span.end()), span.tokens(), span.start(), span.end(),
                outline.pathAt(span.start()), parent, outline.insideTable(span.start(), span.end()));
    }

    int add(ChunkDraft.Role role, String chunkText, int tokens, int start, int end, List<String> headingPath,
            Integer parent, boolean table) {
        int position = chunks.size();
        chunks.add(new ChunkDraft(position, role, chunkText, tokens, outline.pageAt(start), headingPath, start, end,
                parent, table));
        return position;
    }

    boolean isEmpty() {
        return chunks.isEmpty();
    }

    List<ChunkDraft> toList() {
        return List.copyOf(chunks);
    }
}
