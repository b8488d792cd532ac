package io.parley.server.kb.index;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The Lucene index of one knowledge base: a BM25 text field and an HNSW vector field per chunk.
 *
 * <p>Writes become visible to searches after {@link #refresh()} or {@link #commit()} (near real
 * time, no reopening), so a KB that is still indexing answers from what is indexed so far.
 * {@link #commit()} is the durability point: it fsyncs, and a crash afterwards loses nothing
 * committed; a crash before it loses only what came since the last commit (the database, the
 * source of truth, still has it). Closing commits pending changes.
 *
 * <p>Thread-safe: searches run concurrently with each other and with writes; {@link #close()}
 * waits for operations in flight. I/O failures surface as {@link UncheckedIOException}, bad input
 * as {@link IllegalArgumentException}, use after close as {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (var index = KnowledgeIndex.open(dir, 384)) {
 *     index.addAll(chunks);
 *     index.commit();
 *     List<SearchHit> hits = index.search(SearchQuery.hybrid(text, queryVector, 5));
 * }
 * }</pre>
 */
public final class KnowledgeIndex implements AutoCloseable {

    private final Path path;
    private final int dimensions;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final TextAnalysis analysis;
    private final ChunkSearch chunkSearch;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle

    private KnowledgeIndex(Path path, int dimensions, Directory directory, IndexWriter writer,
                           SearcherManager searchers, TextAnalysis analysis, IndexTuning tuning) {
        this.path = path;
        this.dimensions = dimensions;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.analysis = analysis;
        this.chunkSearch = new ChunkSearch(analysis, tuning);
    }

    public static KnowledgeIndex open(Path dir, int dimensions) {
        return open(dir, dimensions, IndexTuning.DEFAULT);
    }

    /** Opens the index in {@code dir}, creating it (and the folder) when absent. */
    public static KnowledgeIndex open(Path dir, int dimensions, IndexTuning tuning) {
        if (dimensions < 1 || dimensions > KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS) {
            throw new IllegalArgumentException("vector dimensions must be between 1 and "
                    + KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS + ", was " + dimensions);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Directory directory = IndexFiles.track(opened, FSDirectory.open(dir));
            boolean exists = DirectoryReader.indexExists(directory);
            if (exists) {
                IndexFiles.checkDimensions(dir, directory, dimensions);
            }
            TextAnalysis analysis = IndexFiles.track(opened, new TextAnalysis());
            IndexWriter writer = IndexFiles.track(opened,
                    new IndexWriter(directory, IndexFiles.writerConfig(analysis, tuning)));
            writer.setLiveCommitData(Map.of(IndexFiles.DIMENSIONS_KEY, Integer.toString(dimensions)).entrySet());
            if (!exists) {
                writer.commit(); // an empty but valid index, carrying its dimensions
            }
            SearcherManager searchers = new SearcherManager(writer, null);
            return new KnowledgeIndex(dir, dimensions, directory, writer, searchers, analysis, tuning);
        } catch (IOException | RuntimeException e) {
            IndexFiles.closeQuietly(opened, e);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open the search index at " + dir + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    public int dimensions() {
        return dimensions;
    }

    public Path path() {
        return path;
    }

    /** Adds or replaces (by chunk id) the chunks. All are checked before any is written. */
    public void addAll(List<IndexedChunk> chunks) {
        guarded(() -> {
            List<Document> docs = new ArrayList<>(chunks.size());
            for (IndexedChunk chunk : chunks) {
                float[] unit = Vectors.unit(chunk.vector(), dimensions, "the vector of chunk " + chunk.chunkId());
                docs.add(ChunkSchema.toDocument(chunk, unit, analysis));
            }
            for (int i = 0; i < docs.size(); i++) {
                writer.updateDocument(new Term(ChunkSchema.CHUNK_ID, chunks.get(i).chunkId()), docs.get(i));
            }
            return null;
        });
    }

    /**
     * Removes every chunk of the document. Re-indexing a document calls this first, or chunks
     * beyond its new length would remain.
     */
    public void deleteDocument(String documentId) {
        guarded(() -> writer.deleteDocuments(new Term(ChunkSchema.DOCUMENT_ID, documentId)));
    }

    public void deleteAll() {
        guarded(writer::deleteAll);
    }

    /** Makes everything written so far durable and visible to searches. */
    public void commit() {
        guarded(() -> {
            writer.commit();
            searchers.maybeRefreshBlocking();
            return null;
        });
    }

    /**
     * Merges the index into one segment and commits. Searches get faster (one HNSW graph instead
     * of several) but everything is rewritten, so this suits the end of a rebuild or bulk import,
     * not every batch. Concurrent searches keep running on the old segments meanwhile.
     */
    public void compact() {
        guarded(() -> {
            writer.forceMerge(1);
            writer.commit();
            searchers.maybeRefreshBlocking();
            return null;
        });
    }

    /** Makes everything written so far visible to searches, without the cost of durability. */
    public void refresh() {
        guarded(() -> {
            searchers.maybeRefreshBlocking();
            return null;
        });
    }

    /** Chunks visible to searches (as of the last refresh or commit). */
    public int count() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** Chunks of the document visible to searches. */
    public int documentChunkCount(String documentId) {
        return withSearcher(searcher -> searcher.count(new TermQuery(new Term(ChunkSchema.DOCUMENT_ID, documentId))));
    }

    public List<SearchHit> search(SearchQuery query) {
        float[] vector = query.vector() == null ? null : Vectors.unit(query.vector(), dimensions, "the query vector");
        return withSearcher(searcher -> chunkSearch.run(searcher, query, vector));
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IndexFiles.closeQuietly(List.of(analysis, directory, writer, searchers), null); // reverse order of opening
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private interface SearcherCall<T> {
        T call(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherCall<T> call) {
        return guarded(() -> {
            IndexSearcher searcher = searchers.acquire();
            try {
                return call.call(searcher);
            } finally {
                searchers.release(searcher);
            }
        });
    }

    private <T> T guarded(IoCall<T> call) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the search index at " + path + " is closed");
            }
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException("search index at " + path + ": " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }
}
