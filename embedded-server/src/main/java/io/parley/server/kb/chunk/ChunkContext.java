package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.ParsedDocument;

/** What every strategy works with while chunking one document. */
record ChunkContext(ParsedDocument document, TokenCounter counter, DocumentOutline outline, PieceSplitter splitter,
                    WindowMerger merger, ChunkList out) {

    static ChunkContext of(ParsedDocument document, TokenCounter counter) {
        DocumentOutline outline = new DocumentOutline(document);
        String text = document.text();
        return new ChunkContext(document, counter, outline, new PieceSplitter(text, counter),
                new WindowMerger(text, counter, outline::pageAt), new ChunkList(outline, text));
    }

    String text() {
        return document.text();
    }
}
