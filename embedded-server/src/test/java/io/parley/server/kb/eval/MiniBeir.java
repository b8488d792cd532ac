package io.parley.server.kb.eval;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small collection written for these tests (see its README). */
final class MiniBeir {

    static final int DOCUMENTS = 59;
    static final int QUERIES = 28;

    private MiniBeir() {
    }

    static Path dir() {
        try {
            return Path.of(MiniBeir.class.getResource("/kb/eval/mini-beir/corpus.jsonl").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
