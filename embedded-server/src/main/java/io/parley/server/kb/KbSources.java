package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.draft.Draft;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sources of a knowledge-base draft: uploaded files and pasted text are stored in the
 * draft's upload area; web pages are crawled when the knowledge base is finalized. The draft's
 * {@code sources} list (server-owned) describes them.
 */
public final class KbSources {

    public static final int MAX_SOURCES = 200;

    private final DraftService drafts;
    private final KbFiles files;
    private final Clock clock;

    public KbSources(DraftService drafts, KbFiles files, Clock clock) {
        this.drafts = drafts;
        this.files = files;
        this.clock = clock;
    }

    /** 404, 403 or 409 before an upload is read, when the draft could not take it anyway. */
    public void checkCanAdd(Principal caller, String draftId) {
        requireRoom(drafts.require(caller, DraftType.KB, draftId, Role.EDITOR));
    }

    /** Commits a staged upload to the draft's area and lists it. */
    public ObjectNode addFile(Principal caller, String draftId, StagedUpload upload) {
        Draft draft = drafts.require(caller, DraftType.KB, draftId, Role.EDITOR);
        requireRoom(draft);
        if (upload.content().sizeBytes() == 0) {
            throw new ParleyException(ParleyException.Kind.INVALID_INPUT, "empty_file",
                    "'" + upload.fileName() + "' is empty", null);
        }
        String sourceId = Ids.newId();
        ObjectNode source = base(sourceId, "file", upload.fileName(), upload.annotations());
        source.put("size_bytes", upload.content().sizeBytes());
        source.put("sha256", upload.content().sha256());
        if (upload.mediaType() != null) {
            source.put("media_type", upload.mediaType());
        }
        Path target = files.draftSource(draft.id(), sourceId);
        files.commit(upload.content(), target);
        return append(caller, draft.id(), source, target);
    }

    /** Adds pasted text or a web address (crawled at finalize). */
    public ObjectNode add(Principal caller, String draftId, SourceRequest request) {
        Draft draft = drafts.require(caller, DraftType.KB, draftId, Role.EDITOR);
        requireRoom(draft);
        return switch (request) {
            case SourceRequest.PastedText text -> addText(caller, draft, text);
            case SourceRequest.WebAddress web -> {
                ObjectNode source = base(Ids.newId(), "url", web.url().toString(), web.annotations());
                source.put("url", web.url().toString());
                source.set("crawl", web.crawl());
                yield append(caller, draft.id(), source, null);
            }
        };
    }

    private ObjectNode addText(Principal caller, Draft draft, SourceRequest.PastedText text) {
        String sourceId = Ids.newId();
        Path target = files.draftSource(draft.id(), sourceId);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, text.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode source = base(sourceId, "text", text.title(), text.annotations());
        source.put("size_bytes", text.text().getBytes(StandardCharsets.UTF_8).length);
        source.put("media_type", "text/plain");
        return append(caller, draft.id(), source, target);
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

    private ObjectNode base(String id, String type, String name, ObjectNode annotations) {
        ObjectNode source = Json.mapper().createObjectNode();
        source.put("id", id);
        source.put("type", type);
        source.put("name", name);
        source.set("annotations", annotations);
        source.put("added_at", clock.now().toString());
        return source;
    }

    /** Lists the source in the draft; when the save is refused its stored {@code file} goes too. */
    private ObjectNode append(Principal caller, String draftId, ObjectNode source, Path file) {
        try {
            drafts.update(caller, DraftType.KB, draftId, data -> {
                requireRoom(KbSettings.sources(data).size()); // another request may have filled it meanwhile
                ArrayNode list = data.path("sources").isArray() ? (ArrayNode) data.get("sources") : data.putArray("sources");
                list.add(source);
                return data;
            });
        } catch (RuntimeException e) {
            if (file != null) {
                files.deleteQuietly(file);
            }
            throw e;
        }
        return source;
    }

    private static void requireRoom(Draft draft) {
        requireRoom(KbSettings.sources(draft.data()).size());
    }

    private static void requireRoom(int sources) {
        if (sources >= MAX_SOURCES) {
            throw ParleyException.conflict("too_many_sources", "A draft holds at most " + MAX_SOURCES
                    + " sources; finalize this knowledge base and add more to it afterwards");
        }
    }
}
