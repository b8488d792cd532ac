package io.parley.server.api;

import io.parley.server.testing.TestServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Bytes on a socket, for requests no well-behaved HTTP client would send. */
final class RawHttp {

    /** A parsed HTTP/1.1 answer. */
    record Answer(int status, String headers, String body) {
        /** The same answer as the test client's response type, so the usual assertions apply. */
        TestServer.Response toResponse() {
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    map.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
            return new TestServer.Response(status, body, HttpHeaders.of(map, (k, v) -> true));
        }

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} as ISO-8859-1 bytes, closes the sending side, and reads one answer. */
    static Answer exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            String text = out.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                String head = text.substring(0, end);
                int length = contentLength(head);
                if (length >= 0 && text.length() >= end + 4 + length) {
                    return answer(head, text.substring(end + 4, end + 4 + length));
                }
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new IllegalStateException("no complete answer; got: " + out.toString(StandardCharsets.ISO_8859_1));
            }
            if (n < 0) {
                String all = out.toString(StandardCharsets.ISO_8859_1);
                int split = all.indexOf("\r\n\r\n");
                if (split < 0) {
                    throw new IllegalStateException("connection closed without an answer: " + all);
                }
                return answer(all.substring(0, split), all.substring(split + 4));
            }
            out.write(buffer, 0, n);
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    private static Answer answer(String head, String body) {
        String statusLine = head.split("\r\n", 2)[0];
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String headers = head.contains("\r\n") ? head.substring(head.indexOf("\r\n") + 2) : "";
        return new Answer(status, headers, body);
    }
}
