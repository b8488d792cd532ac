package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.ParleyException;
import io.parley.server.http.ApiRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the multipart upload both upload routes take: a part named {@code file} and, optionally, a
 * part named {@code annotations} holding a JSON object. The file goes to the staging area while the
 * body streams in; only a body read to its end and found complete yields a {@link StagedUpload}.
 * A body refused anywhere (too large, cut short, a second file, bad annotations, too many parts)
 * discards what was staged, so nothing of it reaches the draft or the knowledge base.
 */
public final class KbUploads {

    private static final int MAX_ANNOTATIONS_BYTES = 64 * 1024;

    private final KbFiles files;

    public KbUploads(KbFiles files) {
        this.files = files;
    }

    /** The staged upload of a multipart request; close it when the request is done. */
    public StagedUpload read(ApiRequest req) {
        Parts parts = new Parts();
        try {
            req.multipart(parts::accept);
            if (parts.file == null) {
                throw ParleyException.invalidField("file", "The multipart body has no part named 'file'");
            }
            return new StagedUpload(parts.fileName, parts.mediaType, parts.file,
                    parts.annotations == null ? Annotations.defaults() : parts.annotations);
        } catch (RuntimeException e) {
            if (parts.file != null) {
                files.discard(parts.file);
            }
            throw e;
        }
    }

    /** What the parts said so far. */
    private final class Parts {
        KbFiles.Staged file;
        String fileName;
        String mediaType;
        ObjectNode annotations;

        void accept(String field, String partFileName, String contentType, InputStream content) throws IOException {
            if ("annotations".equals(field) && partFileName == null) {
                annotations = Annotations.parse(readSmall(content));
            } else if ("file".equals(field)) {
                if (file != null) {
                    throw ParleyException.invalidField("file", "Send one file per request");
                }
                fileName = cleanFileName(partFileName);
                mediaType = contentType == null || contentType.isBlank() ? null : contentType;
                // a broken or oversized stream throws here; the multipart reader answers 400 or 413
                file = files.stage(content);
            }
            // other parts are skipped
        }
    }

    private static String readSmall(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_ANNOTATIONS_BYTES) {
                throw ParleyException.invalidField("annotations", "'annotations' is too large");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The last path segment of an uploaded file name, at most 255 characters; 400 when empty. */
    static String cleanFileName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) {
            throw ParleyException.invalidField("file",
                    "Send the file in a multipart part named 'file', with its file name");
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}
