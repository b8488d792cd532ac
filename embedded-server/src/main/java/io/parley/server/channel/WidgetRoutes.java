package io.parley.server.channel;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the website widget, {@code GET /widget.js}, and the studio's preview page that shows it on
 * a draft, {@code GET /widget-preview.html}. The widget goes out plain or gzip, with an ETag and a short cache
 * lifetime, so a fix reaches every site within minutes. The body is not JSON, so this registers on
 * the routing itself rather than through {@code ApiRoutes}. (A script tag needs no CORS; the widget's
 * calls to the public API get theirs from {@link PublicCors}.)
 */
public final class WidgetRoutes {

    static final String RESOURCE = "/widget/widget.js";
    static final String PREVIEW_RESOURCE = "/widget/preview.html";
    static final String CONTENT_TYPE = "application/javascript; charset=utf-8";
    static final String CACHE_CONTROL = "public, max-age=300";

    private final byte[] plain;
    private final byte[] gzipped;
    private final String etag;
    private final byte[] previewPage;

    WidgetRoutes(byte[] script, byte[] previewPage) {
        this.plain = script;
        this.previewPage = previewPage;
        this.gzipped = gzip(script);
        this.etag = "\"" + sha256(script).substring(0, 32) + "\"";
    }

    /** Reads the widget from the class path once; it never changes while the server runs. */
    public static WidgetRoutes load() {
        return new WidgetRoutes(readResource(), read(PREVIEW_RESOURCE));
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/widget.js", this::serve);
        routing.get("/widget-preview.html", this::preview);
    }

    /** The studio's live preview: the widget filling a page, on a draft (see preview.html). */
    private void preview(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8"));
        res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
        res.send(previewPage);
    }

    private void serve(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, CACHE_CONTROL));
        res.header(HeaderValues.create(HeaderNames.ETAG, etag));
        res.header(HeaderValues.create(HeaderNames.VARY, "Accept-Encoding"));
        boolean unchanged = req.headers().value(HeaderNames.IF_NONE_MATCH)
                .map(tags -> tags.contains(etag) || tags.trim().equals("*"))
                .orElse(false);
        if (unchanged) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, CONTENT_TYPE));
        boolean gzip = req.headers().value(HeaderNames.ACCEPT_ENCODING)
                .map(v -> v.toLowerCase(java.util.Locale.ROOT).contains("gzip"))
                .orElse(false);
        if (gzip) {
            res.header(HeaderValues.create(HeaderNames.CONTENT_ENCODING, "gzip"));
            res.send(gzipped);
        } else {
            res.send(plain);
        }
    }

    static byte[] readResource() {
        return read(RESOURCE);
    }

    private static byte[] read(String resource) {
        try (InputStream in = WidgetRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
