package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.Block;

import java.util.ArrayList;
import java.util.List;

/**
 * One section per heading: the blocks under a heading (down to the next heading of any level)
 * are chunked on their own, recursively when they exceed the size, so no chunk mixes sections.
 *
 * <p>Every chunk's text starts with its heading path as a breadcrumb line, e.g.
 * {@code "Guide > Installation > Linux\n"} followed by the section text: a passage such as "run
 * the installer" only says which installer through its headings, for the embedding and for the
 * answer model alike. The breadcrumb counts toward the size; a path longer than a quarter of
 * the size keeps only its last heading (cut at words if still too long). The chunk's offsets
 * cover the section text only.
 */
final class HeadingChunker {

    private final ChunkContext context;

    HeadingChunker(ChunkContext context) {
        this.context = context;
    }

    void chunk(int size, int overlap) {
        List<Block> blocks = context.outline().blocks();
        List<Block> body = new ArrayList<>();
        List<String> path = List.of();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Block.Heading) {
                section(path, body, size, overlap);
                body = new ArrayList<>();
                path = context.outline().pathOf(i);
            } else {
                body.add(blocks.get(i));
            }
        }
        section(path, body, size, overlap);
    }

    private void section(List<String> path, List<Block> body, int size, int overlap) {
        if (body.isEmpty()) {
            return; // a heading directly above a subheading: it lives on in the subheading's path
        }
        String prefix = Breadcrumb.of(path, size / 4, context.counter());
        int prefixTokens = prefix.isEmpty() ? 0 : context.counter().count(prefix);
        int budget = size - prefixTokens;
        String text = context.text();
        List<Span> pieces = context.splitter().pieces(body, budget);
        List<Span> windows = context.merger().merge(pieces, budget, overlap,
                span -> context.counter().count(prefix + text.substring(span.start(), span.end())) - prefixTokens);
        for (Span window : windows) {
            String chunk = prefix + text.substring(window.start(), window.end());
            context.out().add(ChunkDraft.Role.CHUNK, chunk, window.tokens() + prefixTokens, window.start(),
                    window.end(), path, null, context.outline().insideTable(window.start(), window.end()));
        }
    }
}
