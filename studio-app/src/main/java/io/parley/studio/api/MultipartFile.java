package io.parley.studio.api;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body holding one file in the part {@code file}, streamed from
 * disk (the JDK's HTTP client has no multipart support; one file part is all the studio sends).
 */
record MultipartFile(String boundary, Path file) {

    static MultipartFile of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParleyApiException(ParleyApiException.NO_RESPONSE, "file_not_found",
                    "The file " + file + " does not exist or is not a file");
        }
        return new MultipartFile("parley-" + UUID.randomUUID(), file);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + quoted(file.getFileName().toString())
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        try {
            return HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            throw new ParleyApiException(ParleyApiException.NO_RESPONSE, "file_not_found",
                    "The file " + file + " can no longer be read", e);
        }
    }

    // A file name is sent raw in UTF-8, as browsers do; only the characters that would end the
    // quoted string or the header line are escaped.
    private static String quoted(String name) {
        return name.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
