package io.parley.server.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a multipart/form-data body the way a browser or curl -F would, and names the routes that
 * take one. A route whose summary in /openapi mentions multipart must be listed here.
 */
final class Multipart {

    /** Routes that accept a file upload as multipart/form-data (besides a JSON body). */
    static final Set<String> UPLOAD_ROUTES = Set.of(
            "POST /api/v1/kb/draft/{draft_id}/sources",
            "POST /api/v1/kb/{kb_id}/documents");

    final String boundary = "----parley" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A small text file in a part named 'file': an upload that would succeed. */
    static Multipart textFile(String fileName, String text) {
        return new Multipart().file("file", fileName, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    Multipart file(String field, String fileName, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    Multipart field(String field, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The parts without the closing delimiter: what a client that hung up after the last part sent. */
    byte[] unterminated() {
        return out.toByteArray();
    }

    byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
