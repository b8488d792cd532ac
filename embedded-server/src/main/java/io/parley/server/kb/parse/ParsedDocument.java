package io.parley.server.kb.parse;

import java.util.List;

/**
 * A document reduced to what chunking needs: its text and the blocks laid over that text.
 *
 * <p>For text formats (plain text, Markdown, CSV) {@code text} is the file's own content, so block
 * offsets point into the original file. For the others (HTML, PDF, Word, Excel…) it is the
 * extracted text: headings and paragraphs separated by blank lines, tables as {@code | a | b |}
 * lines. Either way {@code text.substring(block.start(), block.end())} is the block's source.
 *
 * @param title     the document's own title, else its first heading, else the file name
 * @param mediaType the detected media type, e.g. {@code application/pdf}
 * @param pageCount number of pages for paged formats (PDF), else null
 */
public record ParsedDocument(String title, String mediaType, String text, List<Block> blocks, Integer pageCount) {

    public ParsedDocument {
        blocks = List.copyOf(blocks);
        for (Block block : blocks) {
            if (block.end() > text.length()) {
                throw new IllegalArgumentException("block ends after the text: " + block);
            }
        }
    }

    /** The source text of one block. */
    public String sourceOf(Block block) {
        return text.substring(block.start(), block.end());
    }
}
