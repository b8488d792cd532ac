package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.Block;
import io.parley.server.kb.parse.ParsedDocument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The heading path and page of every block, and of any offset in the text (the block it falls
 * in, or the block before a gap), so every chunk can say where it sits.
 */
final class DocumentOutline {

    private final List<Block> blocks;
    private final int[] starts;
    private final List<List<String>> paths = new ArrayList<>();

    DocumentOutline(ParsedDocument document) {
        this.blocks = document.blocks();
        this.starts = blocks.stream().mapToInt(Block::start).toArray();
        Deque<Block.Heading> open = new ArrayDeque<>();
        for (Block block : blocks) {
            if (block instanceof Block.Heading heading) {
                while (!open.isEmpty() && open.peekLast().level() >= heading.level()) {
                    open.removeLast();
                }
                open.addLast(heading);
            }
            paths.add(open.stream().map(Block.Heading::text).toList());
        }
    }

    List<Block> blocks() {
        return blocks;
    }

    /** The headings above block {@code index}; a heading's own path ends with itself. */
    List<String> pathOf(int index) {
        return paths.get(index);
    }

    List<String> pathAt(int offset) {
        int index = indexAt(offset);
        return index < 0 ? List.of() : paths.get(index);
    }

    Integer pageAt(int offset) {
        int index = indexAt(offset);
        return index < 0 ? null : blocks.get(index).page();
    }

    /** Whether {@code [start, end)} lies inside one table. */
    boolean insideTable(int start, int end) {
        int index = indexAt(start);
        return index >= 0 && blocks.get(index) instanceof Block.Table table && end <= table.end();
    }

    private int indexAt(int offset) {
        if (starts.length == 0) {
            return -1;
        }
        int found = Arrays.binarySearch(starts, offset);
        return found >= 0 ? found : Math.max(0, -found - 2);
    }
}
