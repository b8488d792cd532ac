package io.parley.server.kb.parse;

import java.util.ArrayList;
import java.util.List;

/** Plain text: paragraphs are separated by blank lines; offsets point into the file's own text. */
final class PlainTextParser {

    private PlainTextParser() {
    }

    static ParsedDocument parse(String fileName, String text, String mediaType) {
        List<Block> blocks = new ArrayList<>();
        int paragraphStart = -1;
        int paragraphEnd = -1;
        for (Lines.Line line : Lines.of(text)) {
            if (line.isBlank()) {
                addParagraph(text, paragraphStart, paragraphEnd, blocks);
                paragraphStart = -1;
            } else {
                if (paragraphStart < 0) {
                    paragraphStart = line.contentStart();
                }
                paragraphEnd = line.contentEnd();
            }
        }
        addParagraph(text, paragraphStart, paragraphEnd, blocks);
        if (blocks.isEmpty()) {
            throw DocumentParseException.empty(fileName, null);
        }
        return new ParsedDocument(FileNames.baseName(fileName), mediaType, text, blocks, null);
    }

    private static void addParagraph(String text, int start, int end, List<Block> blocks) {
        if (start >= 0) {
            blocks.add(new Block.Paragraph(text.substring(start, end), null, start, end));
        }
    }
}
