package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.Block;
import io.parley.server.kb.parse.MarkdownTable;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as chunks of whole rows, each chunk starting with the table's header.
 *
 * <p>Rows are written as Markdown pipe lines under a {@code | - |} line rather than as
 * {@code column: value} lines: the header costs its tokens once per chunk instead of once per
 * cell, so a chunk holds two to three times more rows of a wide table; answer models read pipe
 * tables natively; and a row stays one line, visibly whole. The heading path, when there is
 * one, leads as a breadcrumb line so a bare table of numbers still says what it is about.
 *
 * <p>A row too long for a chunk on its own is the one exception to "whole rows": it is written
 * as {@code column: value} lines (so every value still carries its column name) and cut at
 * lines and words into as many chunks as it needs. Table chunks do not overlap: the repeated
 * header is their context.
 */
final class TableChunker {

    private final ChunkContext context;

    TableChunker(ChunkContext context) {
        this.context = context;
    }

    void chunk(Block.Table table, int size) {
        List<String> path = context.outline().pathAt(table.start());
        String lead = Breadcrumb.of(path, size / 4, context.counter()) + headerLines(table.header());
        TokenCounter counter = context.counter();
        int leadTokens = counter.count(lead);
        if (table.rows().isEmpty()) {
            add(lead.stripTrailing(), counter.count(lead), table.start(), table.end(), path);
            return;
        }
        List<Block.Row> group = new ArrayList<>();
        int groupTokens = leadTokens;
        for (Block.Row row : table.rows()) {
            int rowTokens = counter.count(rowLine(table, row));
            if (leadTokens + rowTokens > size) {
                emit(table, lead, group, size, path);
                group.clear();
                groupTokens = leadTokens;
                oversizedRow(table, row, size, path);
                continue;
            }
            if (groupTokens + rowTokens > size) {
                emit(table, lead, group, size, path);
                group.clear();
                groupTokens = leadTokens;
            }
            group.add(row);
            groupTokens += rowTokens;
        }
        emit(table, lead, group, size, path);
    }

    /** One chunk of rows; halved (at row boundaries) in the rare case the joined text counts more than its parts. */
    private void emit(Block.Table table, String lead, List<Block.Row> rows, int size, List<String> path) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(lead);
        for (Block.Row row : rows) {
            text.append(rowLine(table, row)).append('\n');
        }
        String chunk = text.toString().stripTrailing();
        int tokens = context.counter().count(chunk);
        if (tokens > size && rows.size() > 1) {
            int half = rows.size() / 2;
            emit(table, lead, new ArrayList<>(rows.subList(0, half)), size, path);
            emit(table, lead, new ArrayList<>(rows.subList(half, rows.size())), size, path);
            return;
        }
        add(chunk, tokens, rows.getFirst().start(), rows.getLast().end(), path);
    }

    private void oversizedRow(Block.Table table, Block.Row row, int size, List<String> path) {
        String crumb = Breadcrumb.of(path, size / 4, context.counter());
        StringBuilder lines = new StringBuilder();
        List<String> cells = row.cells();
        for (int i = 0; i < cells.size(); i++) {
            String column = i < table.header().size() ? table.header().get(i) : "column " + (i + 1);
            lines.append(MarkdownTable.cell(column)).append(": ").append(MarkdownTable.cell(cells.get(i))).append('\n');
        }
        String rendered = lines.toString();
        TokenCounter counter = context.counter();
        int budget = size - (crumb.isEmpty() ? 0 : counter.count(crumb));
        List<Span> pieces = new PieceSplitter(rendered, counter).split(0, rendered.length(), budget);
        for (Span part : new WindowMerger(rendered, counter).merge(pieces, budget, 0,
                span -> counter.count(crumb + rendered.substring(span.start(), span.end())))) {
            String chunk = crumb + rendered.substring(part.start(), part.end());
            add(chunk, part.tokens(), row.start(), row.end(), path);
        }
    }

    private void add(String text, int tokens, int start, int end, List<String> path) {
        context.out().add(ChunkDraft.Role.CHUNK, text, tokens, start, end, path, null, true);
    }

    private static String headerLines(List<String> header) {
        return header.isEmpty() ? "" : MarkdownTable.row(header) + "\n" + MarkdownTable.separator(header.size()) + "\n";
    }

    private static String rowLine(Block.Table table, Block.Row row) {
        return MarkdownTable.row(MarkdownTable.fit(row.cells(), table.header().size()));
    }
}
