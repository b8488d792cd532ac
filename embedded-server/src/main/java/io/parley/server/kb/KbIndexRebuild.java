package io.parley.server.kb;

import io.parley.server.job.Job;
import io.parley.server.job.JobContext;
import io.parley.server.job.JobHandler;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.kb.index.IndexedChunk;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds a knowledge base's search index from the chunk rows (the database is the source of
 * truth): into a fresh folder, swapped in atomically, so searches go on meanwhile.
 */
public final class KbIndexRebuild implements JobHandler {

    public static final String JOB = "kb.rebuild-index";
    private static final int PAGE = 500;

    private final KbStore store;
    private final ChunkStore chunks;
    private final IndexRegistry indexes;

    public KbIndexRebuild(KbStore store, ChunkStore chunks, IndexRegistry indexes) {
        this.store = store;
        this.chunks = chunks;
        this.indexes = indexes;
    }

    @Override
    public void run(Job job, JobContext context) {
        rebuild(job.subjectId());
    }

    /** Also used by the CLI. Returns the number of chunks indexed. */
    public long rebuild(String kbId) {
        KnowledgeBase kb = store.find(kbId).orElseThrow(() -> new IllegalArgumentException("no knowledge base " + kbId));
        Map<String, KbDocument> documents = store.documents(kbId).stream()
                .collect(Collectors.toMap(KbDocument::id, Function.identity()));
        int dimensions = EmbeddingModel.byId(kb.embeddingModel()).orElse(EmbeddingModel.DEFAULT).dimensions();
        PagedChunks source = new PagedChunks(kbId, documents);
        indexes.rebuild(kbId, dimensions, source);
        return source.count;
    }

    /** Reads chunk rows a page at a time, so a large knowledge base never sits in memory whole. */
    private final class PagedChunks implements Iterator<IndexedChunk> {
        private final String kbId;
        private final Map<String, KbDocument> documents;
        private List<IndexedChunk> page = List.of();
        private int next;
        private String after = "";
        private boolean exhausted;
        long count;

        PagedChunks(String kbId, Map<String, KbDocument> documents) {
            this.kbId = kbId;
            this.documents = documents;
        }

        @Override
        public boolean hasNext() {
            while (next >= page.size() && !exhausted) {
                List<StoredChunk> rows = chunks.pageInKb(kbId, after, PAGE);
                exhausted = rows.size() < PAGE;
                if (!rows.isEmpty()) {
                    after = rows.get(rows.size() - 1).id();
                }
                List<IndexedChunk> converted = new ArrayList<>(rows.size());
                for (StoredChunk row : rows) {
                    KbDocument doc = documents.get(row.documentId());
                    if (doc != null) {
                        converted.addAll(KbIndexing.toIndexed(List.of(row), doc));
                    }
                }
                page = converted;
                next = 0;
            }
            return next < page.size();
        }

        @Override
        public IndexedChunk next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            count++;
            return page.get(next++);
        }
    }
}
