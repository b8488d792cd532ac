package io.parley.server.kb.chunk;

import java.util.List;

/**
 * A heading path as the line that leads a chunk: {@code "Guide > Installation > Linux\n"}. It
 * costs tokens in every chunk, so it is shortened to a budget: first to the last heading alone,
 * then to that heading's first words.
 */
final class Breadcrumb {

    private Breadcrumb() {
    }

    /** The line ending in a line break, at most {@code maxTokens}; empty for an empty path. */
    static String of(List<String> path, int maxTokens, TokenCounter counter) {
        if (path.isEmpty()) {
            return "";
        }
        String line = String.join(" > ", path) + "\n";
        if (counter.count(line) <= maxTokens) {
            return line;
        }
        StringBuilder shortened = new StringBuilder();
        for (String word : path.getLast().split("\\s+")) {
            String longer = shortened.isEmpty() ? word : shortened + " " + word;
            if (counter.count(longer + "\n") > maxTokens) {
                break;
            }
            shortened.setLength(0);
            shortened.append(longer);
        }
        return shortened.isEmpty() ? "" : shortened + "\n";
    }
}
