package io.parley.server.kb.index;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** How a knowledge index is laid out and opened on disk: codec, writer settings, stored metadata. */
final class IndexFiles {

    /** Commit user data: the vector dimensions, so opening with another model fails clearly. */
    static final String DIMENSIONS_KEY = "parley.dimensions";

    private IndexFiles() {
    }

    static IndexWriterConfig writerConfig(TextAnalysis analysis, IndexTuning tuning) {
        KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(tuning.hnswMaxConn(), tuning.hnswBeamWidth());
        // Same codec name as the default, so any Lucene 10 reader opens the index: per-field formats
        // are recorded by name, and M/beamWidth only matter when writing.
        Codec codec = new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return hnsw;
            }
        };
        return new IndexWriterConfig(analysis.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(codec)
                .setRAMBufferSizeMB(64) // fewer, larger flushed segments: fewer HNSW graphs to search and merge
                .setCommitOnClose(true);
    }

    static void checkDimensions(Path dir, Directory directory, int dimensions) throws IOException {
        String stored = SegmentInfos.readLatestCommit(directory).getUserData().get(DIMENSIONS_KEY);
        if (stored != null && Integer.parseInt(stored) != dimensions) {
            throw new IllegalArgumentException("the search index at " + dir + " holds " + stored
                    + "-dimensional vectors, not " + dimensions + ": rebuild it for the new embedding model");
        }
    }

    static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    /** Closes in reverse order of opening; the first failure is rethrown unless {@code cause} is already on its way. */
    static void closeQuietly(List<AutoCloseable> resources, Exception cause) {
        Exception first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(first);
        }
    }
}
