package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.draft.Draft;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.job.JobQueue;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a knowledge-base draft into a knowledge base: in one transaction it writes the knowledge
 * base, a pending document per source and the ingestion job, and removes the draft. The source
 * files are copied next to the knowledge base first, so a failed transaction leaves the draft whole.
 */
public final class KbFinalizer {

    public static final String INGEST_JOB = "kb.ingest";

    /** What {@code finalize} answers. */
    public record Finalized(String kbId, String status, String jobId, int documents) {
    }

    private final Database db;
    private final DraftService drafts;
    private final KbStore store;
    private final KbFiles files;
    private final JobQueue jobs;
    private final Clock clock;

    public KbFinalizer(Database db, DraftService drafts, KbStore store, KbFiles files, JobQueue jobs, Clock clock) {
        this.db = db;
        this.drafts = drafts;
        this.store = store;
        this.files = files;
        this.jobs = jobs;
        this.clock = clock;
    }

    public KbValidation.Result validate(Principal caller, String draftId) {
        return KbValidation.validate(drafts.require(caller, DraftType.KB, draftId, Role.VIEWER).data());
    }

    public Finalized finalizeDraft(Principal caller, String draftId) {
        Draft draft = drafts.require(caller, DraftType.KB, draftId, Role.EDITOR);
        KbValidation.Result validation = KbValidation.validate(draft.data());
        if (!validation.valid()) {
            throw new ParleyException(ParleyException.Kind.VALIDATION_FAILED, "validation_failed",
                    "The knowledge base cannot be finalized yet: " + validation.errors().get(0).message(),
                    validation.details());
        }
        Instant now = clock.now();
        String kbId = Ids.newId();
        ObjectNode data = draft.data();
        KnowledgeBase kb = new KnowledgeBase(kbId, draft.workspaceId(), KbSettings.name(data), KbSettings.description(data),
                KbSettings.model(data).id(), KbSettings.normalized(KbSettings.toSettings(KbSettings.chunking(data))),
                KbSettings.retrieval(data).toJson(),
                caller.isApiKey() ? null : caller.userId(), now, now);
        List<KbDocument> documents = new ArrayList<>();
        try {
            for (JsonNode source : KbSettings.sources(data)) {
                KbDocument doc = document(kbId, draft.workspaceId(), source, now);
                if (doc.sourceType() != KbDocument.SourceType.URL) {
                    files.copy(files.draftSource(draft.id(), source.path("id").asText()), files.document(kbId, doc.id()));
                }
                documents.add(doc);
            }
            String jobId = db.inTransaction(tx -> {
                store.insert(tx, kb);
                documents.forEach(d -> store.insert(tx, d));
                String id = jobs.enqueue(tx, draft.workspaceId(), INGEST_JOB, kbId, IngestionProgress.initial(documents.size()), 5);
                drafts.consume(tx, draft);
                return id;
            });
            drafts.released(draft);
            jobs.poke();
            return new Finalized(kbId, "processing", jobId, documents.size());
        } catch (RuntimeException e) {
            files.deleteKnowledgeBase(kbId);
            throw e;
        }
    }

    /** A pending document for a draft source; a web address becomes a pending crawl. */
    static KbDocument document(String kbId, String workspaceId, JsonNode source, Instant now) {
        KbDocument.SourceType type = KbDocument.SourceType.valueOf(source.path("type").asText().toUpperCase(Locale.ROOT));
        ObjectNode annotations = source.path("annotations").isObject()
                ? (ObjectNode) source.get("annotations").deepCopy() : Annotations.defaults();
        if (type == KbDocument.SourceType.URL) {
            annotations.set("crawl", source.path("crawl").isObject() ? source.get("crawl") : Json.mapper().createObjectNode());
        }
        return new KbDocument(Ids.newId(), kbId, workspaceId, type, source.path("name").asText(),
                source.hasNonNull("url") ? source.get("url").asText() : null,
                source.hasNonNull("media_type") ? source.get("media_type").asText() : null,
                source.path("size_bytes").asLong(0), source.hasNonNull("sha256") ? source.get("sha256").asText() : null,
                KbDocument.Status.PENDING, null, null, 0, annotations, now, now);
    }
}
