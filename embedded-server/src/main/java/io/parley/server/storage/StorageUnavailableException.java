package io.parley.server.storage;

/** The database cannot be reached or opened; the server answers 503 rather than 500. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
