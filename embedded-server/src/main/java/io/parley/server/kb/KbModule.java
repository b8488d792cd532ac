package io.parley.server.kb;

import io.parley.server.common.Clock;
import io.parley.server.config.ParleyConfig;
import io.parley.server.draft.DraftRoutes;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.http.ApiRoutes;
import io.parley.server.job.JobQueue;
import io.parley.server.kb.embed.EmbedderRegistry;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Wires the knowledge-base feature by hand and owns its long-lived resources (models, indexes). */
public final class KbModule implements AutoCloseable {

    /** Older staged uploads belong to no request still running. */
    private static final Duration STAGED_UPLOAD_AGE = Duration.ofHours(1);

    private final EmbedderRegistry embedders;
    private final IndexRegistry indexes;
    private final KbReadiness readiness;
    private final DraftRoutes draftRoutes;
    private final KbDraftRoutes kbDraftRoutes;
    private final KbRoutes routes;
    private final KbIndexRebuild rebuild;
    private final KbCatalogRoutes catalogRoutes = new KbCatalogRoutes();
    private final KbSearch search;

    public KbModule(ParleyConfig config, Database db, DraftService drafts, JobQueue jobs, AccessPolicy policy,
                    Clock clock) {
        this.embedders = EmbedderRegistry.create();
        this.indexes = new IndexRegistry(config.dataDir().resolve("indexes"));
        this.readiness = new KbReadiness(db, config.dataDir().resolve("indexes"), indexes, embedders);
        KbStore store = new KbStore(db);
        ChunkStore chunks = new ChunkStore(db);
        KbFiles files = new KbFiles(config.dataDir());
        Supplier<DocumentParser> parser = lazy(DocumentParser::new);
        KbCrawls crawls = new KbCrawls(db, store, files, clock);
        long maxDocument = config.maxUploadBytes();

        files.clearStaging(STAGED_UPLOAD_AGE); // what a crash in the middle of an upload left
        KbUploads uploads = new KbUploads(files);
        drafts.onRemoved(DraftType.KB, draft -> files.deleteDraft(draft.id()));
        KnowledgeBaseService knowledgeBases = new KnowledgeBaseService(db, store, chunks, files, jobs, indexes, policy, clock);
        this.rebuild = new KbIndexRebuild(store, chunks, indexes);
        jobs.register(KbFinalizer.INGEST_JOB,
                new KbIngestion(db, store, chunks, files, embedders, indexes, parser, crawls, maxDocument, clock));
        jobs.register(KbIndexRebuild.JOB, rebuild);

        this.draftRoutes = new DraftRoutes(drafts, DraftType.KB, Set.of("sources"), KbSettings::checkSave);
        this.kbDraftRoutes = new KbDraftRoutes(new KbSources(drafts, files, clock), uploads,
                new KbPreview(drafts, files, parser, crawls, embedders, maxDocument),
                new KbFinalizer(db, drafts, store, files, jobs, clock));
        this.search = new KbSearch(knowledgeBases, store, chunks, embedders, indexes);
        this.routes = new KbRoutes(knowledgeBases, new KbIntake(db, knowledgeBases, store, files, clock), uploads,
                search);
    }

    /** Made once, on first use, by whichever thread needs it first. */
    private static <T> Supplier<T> lazy(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }

    public void register(ApiRoutes api) {
        catalogRoutes.register(api); // before /kb/{kb_id}, which would take 'options' for an id
        draftRoutes.register(api);
        kbDraftRoutes.register(api);
        routes.register(api);
    }

    public KbIndexRebuild indexRebuild() {
        return rebuild;
    }

    /** Retrieval for other features (chatbots, flows). */
    /** What {@code /health/ready} checks for knowledge bases: indexes present, models available. */
    public List<io.parley.server.ops.ReadinessCheck> readinessChecks() {
        return readiness.checks();
    }

    public KbSearch search() {
        return search;
    }

    public EmbedderRegistry embedders() {
        return embedders;
    }

    @Override
    public void close() {
        indexes.close();
        embedders.close();
    }
}
