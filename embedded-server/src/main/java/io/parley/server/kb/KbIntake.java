package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.io.IOException;
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

    /** 404 or 403 before an upload is read, when the knowledge base could not take it anyway. */
    public void checkCanAdd(Principal caller, String kbId) {
        knowledgeBases.require(caller, kbId, Role.EDITOR);
    }

    /** Commits a staged upload as a pending document. */
    public Added addFile(Principal caller, String kbId, StagedUpload upload) {
        KnowledgeBase kb = knowledgeBases.require(caller, kbId, Role.EDITOR);
        if (upload.content().sizeBytes() == 0) {
            throw new ParleyException(ParleyException.Kind.INVALID_INPUT, "empty_file",
                    "'" + upload.fileName() + "' is empty", null);
        }
        ObjectNode source = source("file", upload.fileName(), upload.annotations());
        if (upload.mediaType() != null) {
            source.put("media_type", upload.mediaType());
        }
        source.put("size_bytes", upload.content().sizeBytes());
        source.put("sha256", upload.content().sha256());
        String docId = Ids.newId();
        files.commit(upload.content(), files.document(kb.id(), docId));
        return insert(kb, docId, source);
    }

    /** Adds pasted text, or a web address that ingestion crawls. */
    public Added add(Principal caller, String kbId, SourceRequest request) {
        KnowledgeBase kb = knowledgeBases.require(caller, kbId, Role.EDITOR);
        return switch (request) {
            case SourceRequest.PastedText text -> addText(kb, text);
            case SourceRequest.WebAddress web -> {
                ObjectNode source = source("url", web.url().toString(), web.annotations());
                source.put("url", web.url().toString());
                source.set("crawl", web.crawl());
                yield insert(kb, Ids.newId(), source);
            }
        };
    }

    private Added addText(KnowledgeBase kb, SourceRequest.PastedText text) {
        ObjectNode source = source("text", text.title(), text.annotations());
        source.put("media_type", "text/plain");
        source.put("size_bytes", text.text().getBytes(StandardCharsets.UTF_8).length);
        String docId = Ids.newId();
        try {
            Path target = files.document(kb.id(), docId);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return insert(kb, docId, source);
    }

    /** Writes the pending document; when that fails, its stored file goes too. */
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
        source.set("annotations", annotations);
        return source;
    }
}
