package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.kb.parse.CrawlLimits;
import io.parley.server.kb.parse.CrawlResult;
import io.parley.server.kb.parse.CrawlSettings;
import io.parley.server.kb.parse.DocumentParseException;
import io.parley.server.kb.parse.ParsedDocument;
import io.parley.server.kb.parse.WebCrawler;
import io.parley.server.storage.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Web sources. A web address is stored as a pending crawl; ingestion crawls it (bounded,
 * robots.txt respected) and each page becomes a document of its own, its HTML kept for
 * re-indexing. Pages a knowledge base already has are skipped, so a crawl interrupted by a crash
 * and run again adds no duplicates.
 */
public final class KbCrawls {

    private final Database db;
    private final KbStore store;
    private final KbFiles files;
    private final Clock clock;

    public KbCrawls(Database db, KbStore store, KbFiles files, Clock clock) {
        this.db = db;
        this.store = store;
        this.files = files;
        this.clock = clock;
    }

    boolean isPendingCrawl(KbDocument doc) {
        return doc.sourceType() == KbDocument.SourceType.URL && doc.annotations().has("crawl");
    }

    void expand(KnowledgeBase kb, KbDocument placeholder, BooleanSupplier cancelled) {
        JsonNode crawl = placeholder.annotations().get("crawl");
        CrawlSettings settings = new CrawlSettings(crawl.path("max_pages").asInt(20), crawl.path("max_depth").asInt(2),
                crawl.path("same_site").asBoolean(true));
        CrawlResult result;
        try (WebCrawler crawler = new WebCrawler(CrawlLimits.defaults())) {
            result = crawler.crawl(URI.create(placeholder.uri()), settings);
        }
        if (cancelled.getAsBoolean()) {
            return; // the placeholder stays pending; the next run crawls again
        }
        if (result.pages().isEmpty()) {
            String reason = result.failures().isEmpty() ? "no readable page was found"
                    : result.failures().get(0).reason();
            store.markDocument(placeholder.id(), KbDocument.Status.ERROR, "crawl_failed",
                    "Nothing could be read from " + placeholder.uri() + ": " + reason, 0, clock.now());
            return;
        }
        Set<String> known = store.documents(kb.id()).stream()
                .filter(d -> d.sourceType() == KbDocument.SourceType.URL && d.uri() != null && !isPendingCrawl(d))
                .map(KbDocument::uri).collect(Collectors.toCollection(HashSet::new));
        ObjectNode annotations = placeholder.annotations().deepCopy();
        annotations.remove("crawl");
        Instant now = clock.now();
        db.runInTransaction(tx -> {
            for (CrawlResult.Page page : result.pages()) {
                String url = page.url().toString();
                if (!known.add(url)) {
                    continue;
                }
                String docId = Ids.newId();
                byte[] body = page.source().getBytes(StandardCharsets.UTF_8);
                write(files.document(kb.id(), docId), body);
                store.insert(tx, new KbDocument(docId, kb.id(), kb.workspaceId(), KbDocument.SourceType.URL,
                        page.title() == null || page.title().isBlank() ? url : page.title(), url, page.mediaType(),
                        body.length, null, KbDocument.Status.PENDING, null, null, 0, annotations, now, now));
            }
            store.deleteDocument(tx, placeholder.id());
        });
    }

    /** The start page of a web source, for the chunk preview (no crawl beyond it). */
    ParsedDocument previewPage(String url) {
        try (WebCrawler crawler = new WebCrawler(CrawlLimits.defaults())) {
            CrawlResult result = crawler.crawl(URI.create(url), new CrawlSettings(1, 0, true));
            if (result.pages().isEmpty()) {
                String reason = result.failures().isEmpty() ? "no readable page" : result.failures().get(0).reason();
                throw new DocumentParseException(DocumentParseException.Reason.EMPTY_DOCUMENT,
                        "Nothing could be read from " + url + ": " + reason);
            }
            return result.pages().get(0).document();
        }
    }

    private static void write(Path target, byte[] body) {
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
