package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;

import java.net.URI;
import java.util.Locale;

/**
 * The JSON body that adds content to a knowledge base, read the same way for a draft's sources and a
 * finalized knowledge base's documents: {@code {type:"text", title, text, annotations}} or
 * {@code {type:"url", url, crawl:{max_pages, max_depth, same_site}, annotations}}. Every field is
 * typed strictly and checked here, so a wrong value is a 400 naming it before anything is stored.
 *
 * <pre>{@code
 * SourceRequest source = SourceRequest.parse(req.body(JsonNode.class));
 * }</pre>
 */
public sealed interface SourceRequest permits SourceRequest.PastedText, SourceRequest.WebAddress {

    int MAX_TEXT_CHARS = 2_000_000;
    int MAX_URL_CHARS = 900;
    int MAX_TITLE_CHARS = 300;

    /** Checked annotations, as {@link Annotations#clean} makes them. */
    ObjectNode annotations();

    /** Pasted text with its title (a default when none was given). */
    record PastedText(String title, String text, ObjectNode annotations) implements SourceRequest {
    }

    /** A web address to crawl; {@code crawl} holds max_pages, max_depth and same_site, defaults filled in. */
    record WebAddress(URI url, ObjectNode crawl, ObjectNode annotations) implements SourceRequest {
    }

    /** The body as sent: every field typed, none checked yet. */
    record Body(String type, String title, String text, String url, Crawl crawl, Annotations.Input annotations) {
    }

    /** {@code crawl} as sent. */
    record Crawl(Integer maxPages, Integer maxDepth, Boolean sameSite) {
    }

    /** The request in {@code body}; 400 naming the field when one is missing, mistyped or out of range. */
    static SourceRequest parse(JsonNode body) {
        Body given = JsonBinding.bind(body, Body.class, null);
        return switch (given.type() == null ? "" : given.type()) {
            case "text" -> new PastedText(title(given.title()), text(given.text()),
                    Annotations.clean(given.annotations()));
            case "url" -> new WebAddress(url(given.url()), crawl(given.crawl()),
                    Annotations.clean(given.annotations()));
            case "file" -> throw ParleyException.invalidField("type",
                    "Upload files as multipart/form-data with a part named 'file'");
            default -> throw ParleyException.invalidField("type",
                    "'type' must be 'text' or 'url' (or upload a file as multipart)");
        };
    }

    private static String title(String title) {
        return Text.required("title", title == null || title.isBlank() ? "Pasted text" : title, MAX_TITLE_CHARS);
    }

    private static String text(String text) {
        if (text == null || text.isBlank()) {
            throw ParleyException.invalidField("text", "'text' is required: paste the text to add");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw ParleyException.invalidField("text", "The text is longer than " + MAX_TEXT_CHARS
                    + " characters; upload it as a file instead");
        }
        return text;
    }

    /** An http(s) address of at most {@value #MAX_URL_CHARS} characters. */
    private static URI url(String url) {
        if (url == null || url.isBlank()) {
            throw ParleyException.invalidField("url", "'url' is required");
        }
        if (url.length() > MAX_URL_CHARS) {
            throw ParleyException.invalidField("url", "'url' must be at most " + MAX_URL_CHARS + " characters");
        }
        try {
            URI uri = URI.create(url.strip()).normalize();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidField("url", "'url' must be a web address starting with http:// or https://");
        }
    }

    private static ObjectNode crawl(Crawl crawl) {
        int maxPages = crawl == null || crawl.maxPages() == null ? 20 : crawl.maxPages();
        int maxDepth = crawl == null || crawl.maxDepth() == null ? 2 : crawl.maxDepth();
        if (maxPages < 1 || maxPages > 500) {
            throw ParleyException.invalidField("crawl.max_pages", "'crawl.max_pages' must be between 1 and 500");
        }
        if (maxDepth < 0 || maxDepth > 10) {
            throw ParleyException.invalidField("crawl.max_depth", "'crawl.max_depth' must be between 0 and 10");
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("max_pages", maxPages);
        out.put("max_depth", maxDepth);
        out.put("same_site", crawl == null || crawl.sameSite() == null || crawl.sameSite());
        return out;
    }
}
