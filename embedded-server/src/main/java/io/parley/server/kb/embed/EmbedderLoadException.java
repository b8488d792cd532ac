package io.parley.server.kb.embed;

/**
 * An embedding model could not be loaded: its files are missing from the class path, the graph
 * is not one we can drive, or the native runtime failed. The message names the model and says
 * what is wrong, so it can be shown as is.
 */
public final class EmbedderLoadException extends RuntimeException {

    public EmbedderLoadException(EmbeddingModel model, String problem, Throwable cause) {
        super("Could not load the embedding model '" + model.id() + "': " + problem, cause);
    }

    public EmbedderLoadException(EmbeddingModel model, String problem) {
        this(model, problem, null);
    }
}
