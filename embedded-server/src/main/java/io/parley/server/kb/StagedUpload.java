package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;

/**
 * A file upload received whole and accepted as a request, waiting in the staging area to be
 * committed to a draft or a knowledge base. Closing it removes the staged file unless it was
 * committed (moved away) first, so every way out of a request leaves nothing behind.
 *
 * @param fileName    the cleaned file name (last path segment, at most 255 characters)
 * @param mediaType   the part's Content-Type, or null
 * @param content     the staged bytes
 * @param annotations checked annotations (defaults when the upload had none)
 */
public record StagedUpload(String fileName, String mediaType, KbFiles.Staged content, ObjectNode annotations)
        implements AutoCloseable {

    @Override
    public void close() {
        try {
            Files.deleteIfExists(content.file());
        } catch (IOException ignored) {
            // the staging area is cleared of old files at start-up
        }
    }
}
