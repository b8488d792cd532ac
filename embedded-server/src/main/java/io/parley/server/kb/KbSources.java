package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.draft.Draft;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * The sources of a knowledge-base draft: uploaded files and pasted text are stored in the
 * draft's upload area; web pages are crawled when the knowledge base is finalized. The draft's
 * {@code sources} list (server-owned) describes them.
 */
public final class KbSources {

    public static final int MAX_TEXT_CHARS = 2_000_000;
    public static final int MAX_SOURCES = 200;

    private final DraftService drafts;
    private final KbFiles files;
    private final Clock clock;

    public KbSources(DraftService drafts, KbFiles files, Clock clock) {
        this.drafts = drafts;
        this.files = files;
        this.clock = clock;
    }

    /** Streams an upload into the draft's area and lists it. */
    public ObjectNode addFile(Principal caller, String draftId, String fileName, String contentType, InputStream in,
                              long maxBytes, ObjectNode annotations) {
        Draft draft = drafts.require(caller, DraftType.KB, draftId, Role.EDITOR);
        requireRoom(draft);
        String name = cleanFileName(fileName);
        String sourceId = Ids.newId();
        KbFiles.Stored stored;
        try {
            stored = files.store(in, files.draftSource(draft.id(), sourceId), maxBytes);
        } catch (KbFiles.TooLargeException e) {
            throw new ParleyException(ParleyException.Kind.TOO_LARGE, "file_too_large",
                    "'" + name + "' is larger than the limit of " + (e.limit / (1024 * 1024)) + " MB", null);
        } catch (IOException e) {
            throw ParleyException.invalidInput("The upload of '" + name + "' was interrupted; try again");
        }
        if (stored.sizeBytes() == 0) {
            files.deleteQuietly(files.draftSource(draft.id(), sourceId));
            throw new ParleyException(ParleyException.Kind.INVALID_INPUT, "empty_file", "'" + name + "' is empty", null);
        }
        ObjectNode source = base(sourceId, "file", name, annotations);
        source.put("size_bytes", stored.sizeBytes());
        source.put("sha256", stored.sha256());
        if (contentType != null && !contentType.isBlank()) {
            source.put("media_type", contentType);
        }
        return append(caller, draft.id(), source);
    }

    public ObjectNode addText(Principal caller, String draftId, String title, String text, ObjectNode annotations) {
        Draft draft = drafts.require(caller, DraftType.KB, draftId, Role.EDITOR);
        requireRoom(draft);
        String name = Text.required("title", title == null || title.isBlank() ? "Pasted text" : title, 300);
        if (text == null || text.isBlank()) {
            throw ParleyException.invalidField("text", "'text' is required: paste the text to add");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw ParleyException.invalidField("text", "The text is longer than " + MAX_TEXT_CHARS
                    + " characters; upload it as a file instead");
        }
        String sourceId = Ids.newId();
        try {
            var target = files.draftSource(draft.id(), sourceId);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode source = base(sourceId, "text", name, annotations);
        source.put("size_bytes", text.getBytes(StandardCharsets.UTF_8).length);
        source.put("media_type", "text/plain");
        return append(caller, draft.id(), source);
    }

    public ObjectNode addUrl(Principal caller, String draftId, String url, JsonNode crawl, ObjectNode annotations) {
        Draft draft = drafts.require(caller, DraftType.KB, draftId, Role.EDITOR);
        requireRoom(draft);
        URI uri = checkUrl(url);
        ObjectNode source = base(Ids.newId(), "url", uri.toString(), annotations);
        source.put("url", uri.toString());
        source.set("crawl", crawlSettings(crawl));
        return append(caller, draft.id(), source);
    }

    public List<JsonNode> list(Principal caller, String draftId) {
        return KbSettings.sources(drafts.require(caller, DraftType.KB, draftId, Role.VIEWER).data());
    }

    public void remove(Principal caller, String draftId, String sourceId) {
        Draft draft = drafts.require(caller, DraftType.KB, draftId, Role.EDITOR);
        boolean present = KbSettings.sources(draft.data()).stream().anyMatch(s -> s.path("id").asText().equals(sourceId));
        if (!present) {
            throw ParleyException.notFound("Source");
        }
        drafts.update(caller, DraftType.KB, draftId, data -> {
            ArrayNode kept = Json.mapper().createArrayNode();
            KbSettings.sources(data).stream().filter(s -> !s.path("id").asText().equals(sourceId)).forEach(kept::add);
            data.set("sources", kept);
            return data;
        });
        files.deleteQuietly(files.draftSource(draftId, sourceId));
    }

    static URI checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ParleyException.invalidField("url", "'url' is required");
        }
        if (url.length() > 900) {
            throw ParleyException.invalidField("url", "'url' must be at most 900 characters");
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

    static ObjectNode crawlSettings(JsonNode crawl) {
        ObjectNode out = Json.mapper().createObjectNode();
        int maxPages = crawl != null && crawl.has("max_pages") ? crawl.path("max_pages").asInt(-1) : 20;
        int maxDepth = crawl != null && crawl.has("max_depth") ? crawl.path("max_depth").asInt(-1) : 2;
        if (maxPages < 1 || maxPages > 500) {
            throw ParleyException.invalidField("crawl.max_pages", "'crawl.max_pages' must be between 1 and 500");
        }
        if (maxDepth < 0 || maxDepth > 10) {
            throw ParleyException.invalidField("crawl.max_depth", "'crawl.max_depth' must be between 0 and 10");
        }
        out.put("max_pages", maxPages);
        out.put("max_depth", maxDepth);
        out.put("same_site", crawl == null || !crawl.has("same_site") || crawl.path("same_site").asBoolean(true));
        return out;
    }

    private ObjectNode base(String id, String type, String name, ObjectNode annotations) {
        ObjectNode source = Json.mapper().createObjectNode();
        source.put("id", id);
        source.put("type", type);
        source.put("name", name);
        source.set("annotations", Annotations.clean(annotations));
        source.put("added_at", clock.now().toString());
        return source;
    }

    private ObjectNode append(Principal caller, String draftId, ObjectNode source) {
        drafts.update(caller, DraftType.KB, draftId, data -> {
            ArrayNode list = data.path("sources").isArray() ? (ArrayNode) data.get("sources") : data.putArray("sources");
            list.add(source);
            return data;
        });
        return source;
    }

    private static void requireRoom(Draft draft) {
        if (KbSettings.sources(draft.data()).size() >= MAX_SOURCES) {
            throw ParleyException.conflict("too_many_sources", "A draft holds at most " + MAX_SOURCES
                    + " sources; finalize this knowledge base and add more to it afterwards");
        }
    }

    /** The last path segment of an uploaded file name, at most 255 characters; 400 when empty. */
    static String cleanFileName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) {
            throw ParleyException.invalidField("file", "Send the file in a multipart part named 'file', with its file name");
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}
