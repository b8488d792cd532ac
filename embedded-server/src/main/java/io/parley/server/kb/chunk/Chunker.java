package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.ParsedDocument;

import java.util.List;
import java.util.Objects;

/**
 * Cuts a parsed document into chunks with one of the {@link ChunkingSettings.Strategy strategies}.
 * Deterministic: the same document, settings and counter always give the same chunks.
 *
 * <pre>{@code
 * List<ChunkDraft> chunks = Chunker.chunk(document, ChunkingSettings.recursive(256, 32), embedder);
 * chunks.stream().filter(ChunkDraft::searchable)...   // embed these; store all
 * }</pre>
 */
public final class Chunker {

    private Chunker() {
    }

    public static List<ChunkDraft> chunk(ParsedDocument document, ChunkingSettings settings, TokenCounter counter) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(counter, "counter");
        ChunkContext context = ChunkContext.of(document, counter);
        switch (settings.strategy()) {
            case RECURSIVE -> recursive(context, settings.chunkSize(), settings.overlap());
            case FIXED -> fixed(context, settings.chunkSize(), settings.overlap());
            case HEADINGS -> new HeadingChunker(context).chunk(settings.chunkSize(), settings.overlap());
            case PARENT_CHILD -> ParentChildChunker.chunk(context, settings);
            case TABLE_AWARE -> new TableAwareChunker(context).chunk(settings.chunkSize(), settings.overlap());
        }
        if (context.out().isEmpty()) {
            // Only headings and nothing under them: still searchable as plain text.
            recursive(context, settings.chunkSize(), 0);
        }
        return context.out().toList();
    }

    private static void recursive(ChunkContext context, int size, int overlap) {
        List<Span> pieces = context.splitter().pieces(context.outline().blocks(), size);
        for (Span window : context.merger().merge(pieces, size, overlap)) {
            context.out().addProse(ChunkDraft.Role.CHUNK, window, null);
        }
    }

    /** Windows of words over the whole text, blind to its structure. */
    private static void fixed(ChunkContext context, int size, int overlap) {
        List<Span> words = context.splitter().words(0, context.text().length(), size);
        for (Span window : context.merger().merge(words, size, overlap)) {
            context.out().addProse(ChunkDraft.Role.CHUNK, window, null);
        }
    }
}
