package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Adds documents to a finalized knowledge base: each is stored, written as pending, and ingested by the job. */
public final class KbIntake {

    /** What adding a document answers. */
    public record Added(KbDocumentView document, String jobId) {
    }

    private final Database db;
    private final KnowledgeBaseService knowledgeBases;
    private final KbStore store;
    private final KbFiles files;
    private final Clock clock;

    public KbIntake(Database db, KnowledgeBaseService knowledgeBases, KbStore store, KbFiles files, Clock clock) {
        this.db = db;
        this.knowledgeBases = knowledgeBases;
        this.store = store;
        this.files = files;
        this.clock = clock;
    }

    public Added addFile(Principal caller, String kbId, String fileName, String contentType, InputStream in,
                         long maxBytes, ObjectNode annotations) {
        KnowledgeBase kb = knowledgeBases.require(caller, kbId, Role.EDITOR);
        ObjectNode source = source("file", KbSources.cleanFileName(fileName), annotations);
        if (contentType != null) {
            source.put("media_type", contentType);
        }
        String docId = Ids.newId();
        Path target = files.document(kb.id(), docId);
        try {
            KbFiles.Stored stored = files.store(in, target, maxBytes);
            if (stored.sizeBytes() == 0) {
                files.deleteQuietly(target);
                throw new ParleyException(ParleyException.Kind.INVALID_INPUT, "empty_file",
                        "'" + source.path("name").asText() + "' is empty", null);
            }
            source.put("size_bytes", stored.sizeBytes());
            source.put("sha256", stored.sha256());
        } catch (KbFiles.TooLargeException e) {
            throw new ParleyException(ParleyException.Kind.TOO_LARGE, "file_too_large",
                    "The file is larger than the limit of " + (e.limit / (1024 * 1024)) + " MB", null);
        } catch (IOException e) {
            throw ParleyException.invalidInput("The upload was interrupted; try again");
        }
        return insert(kb, docId, source);
    }

    public Added addText(Principal caller, String kbId, String title, String text, ObjectNode annotations) {
        KnowledgeBase kb = knowledgeBases.require(caller, kbId, Role.EDITOR);
        if (text == null || text.isBlank()) {
            throw ParleyException.invalidField("text", "'text' is required: paste the text to add");
        }
        if (text.length() > KbSources.MAX_TEXT_CHARS) {
            throw ParleyException.invalidField("text", "The text is too long; upload it as a file instead");
        }
        ObjectNode source = source("text", io.parley.server.common.Text.required("title",
                title == null || title.isBlank() ? "Pasted text" : title, 300), annotations);
        source.put("media_type", "text/plain");
        source.put("size_bytes", text.getBytes(StandardCharsets.UTF_8).length);
        String docId = Ids.newId();
        try {
            Path target = files.document(kb.id(), docId);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return insert(kb, docId, source);
    }

    public Added addUrl(Principal caller, String kbId, String url, JsonNode crawl, ObjectNode annotations) {
        KnowledgeBase kb = knowledgeBases.require(caller, kbId, Role.EDITOR);
        String checked = KbSources.checkUrl(url).toString();
        ObjectNode source = source("url", checked, annotations);
        source.put("url", checked);
        source.set("crawl", KbSources.crawlSettings(crawl));
        return insert(kb, Ids.newId(), source);
    }

    private Added insert(KnowledgeBase kb, String docId, ObjectNode source) {
        Instant now = clock.now();
        KbDocument pending = KbFinalizer.document(kb.id(), kb.workspaceId(), source, now);
        KbDocument doc = new KbDocument(docId, pending.kbId(), pending.workspaceId(), pending.sourceType(), pending.name(),
                pending.uri(), pending.mediaType(), pending.sizeBytes(), pending.contentHash(), pending.status(), null,
                null, 0, pending.annotations(), now, now);
        try {
            db.runInTransaction(tx -> store.insert(tx, doc));
        } catch (RuntimeException e) {
            files.deleteQuietly(files.document(kb.id(), docId));
            throw e;
        }
        String jobId = knowledgeBases.enqueueIngestion(kb.id(), kb.workspaceId());
        return new Added(KbDocumentView.of(doc), jobId);
    }

    private ObjectNode source(String type, String name, ObjectNode annotations) {
        ObjectNode source = Json.mapper().createObjectNode();
        source.put("type", type);
        source.put("name", name);
        source.set("annotations", Annotations.clean(annotations));
        return source;
    }

}
