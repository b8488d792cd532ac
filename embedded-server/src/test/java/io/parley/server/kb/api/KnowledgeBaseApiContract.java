package io.parley.server.kb.api;

import io.parley.server.testing.Await;
import io.parley.server.testing.Multipart;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.kb.parse.TestDocuments;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A knowledge base built through the HTTP API the way the studio or curl would: a PDF, a DOCX, a
 * Markdown file, a CSV, pasted text and a small website on loopback; chunk preview, validate,
 * finalize, ingestion progress, hybrid search with citations, document removal. Run on H2 and
 * on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KnowledgeBaseApiContract {

    static final String MODEL = "all-minilm-l6-v2-q"; // the fastest model keeps the suite quick

    private TestServer server;
    private LoopbackSite site;
    private Account ann;
    private Account bob;
    private String draftId;
    private String kbId;
    private String jobId;

    protected abstract TestServer start(Path dataDir);

    protected abstract Path dataDir();

    @BeforeAll
    void startServer() {
        server = start(dataDir());
        site = new LoopbackSite();
        ann = server.signup("Ann");
        bob = server.signup("Bob");
    }

    @AfterAll
    void stopServer() {
        site.close();
        server.close();
    }

    @Test
    @Order(1)
    @DisplayName("a draft collects files, pasted text and a web address")
    void buildDraft() {
        Response created = server.post("/api/v1/kb/draft", ann.accessToken(), Map.of("name", "Kettle Co help",
                "description", "Everything customers ask", "embedding_config", Map.of("model", MODEL),
                "chunking_config", Map.of("strategy", "table_aware", "chunk_size", 160, "chunk_overlap", 16)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        draftId = created.json().path("draft_id").asText();

        upload("guide.md", "text/markdown", TestDocuments.resource("guide.md"), "{\"importance\": 2, \"tags\": [\"pricing\"]}");
        upload("warranty.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                TestDocuments.docx(), null);
        upload("manual.pdf", "application/pdf", TestDocuments.pdf("Kettle manual", List.of(
                filler("Fill the kettle with fresh water up to the MAX line and switch it on."),
                filler("Descale the kettle every month with white vinegar to keep it quiet."))), null);
        upload("products.csv", "text/csv", TestDocuments.resource("products.csv"), null);
        Response text = server.post(sourcesPath(), ann.accessToken(), Map.of("type", "text", "title", "Opening hours",
                "text", "Our support desk is open Monday to Friday from 9:00 to 17:00."));
        assertThat(text.status()).as(text.body()).isEqualTo(201);
        Response url = server.post(sourcesPath(), ann.accessToken(), Map.of("type", "url",
                "url", site.url("/").toString(), "crawl", Map.of("max_pages", 5, "max_depth", 1)));
        assertThat(url.status()).as(url.body()).isEqualTo(201);

        JsonNode sources = server.get(sourcesPath(), ann.accessToken()).json().path("sources");
        assertThat(sources).hasSize(6);
        assertThat(sources.get(0).path("annotations").path("importance").asDouble()).isEqualTo(2.0);
    }

    @Test
    @Order(2)
    @DisplayName("chunk preview shows the chunks before anything is committed, tables keep their header")
    void preview() {
        Response preview = server.get(draftPath() + "/preview-chunks?limit=500", ann.accessToken());
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode chunks = preview.json().path("chunks");
        assertThat(preview.json().path("total_chunks").asInt()).isGreaterThan(5);
        assertThat(preview.json().path("problems")).isEmpty();
        List<String> tables = new ArrayList<>();
        chunks.forEach(c -> {
            if (c.path("table").asBoolean()) {
                tables.add(c.path("text").asText());
            }
        });
        assertThat(tables).isNotEmpty().allSatisfy(t -> assertThat(t).containsAnyOf("| Plan |", "| Product |",
                "| sku |", "| name |", "| SKU |", "| Name |"));
        assertThat(chunks.findValues("page")).anySatisfy(p -> assertThat(p.asInt()).isEqualTo(2));

        Response tryOther = server.get(draftPath() + "/preview-chunks?strategy=fixed&chunk_size=64&chunk_overlap=8",
                ann.accessToken());
        assertThat(tryOther.status()).isEqualTo(200);
        assertThat(tryOther.json().path("settings").path("strategy").asText()).isEqualTo("fixed");
        assertThat(server.get(draftPath() + "/preview-chunks?chunk_size=5", ann.accessToken()).status()).isEqualTo(400);
    }

    @Test
    @Order(3)
    @DisplayName("validate reports errors and warnings; another tenant cannot see the draft")
    void validate() {
        JsonNode result = server.post(draftPath() + "/validate", ann.accessToken(), null).json();
        assertThat(result.path("valid").asBoolean()).isTrue();
        assertThat(result.path("warnings").toString()).contains("crawled");
        assertThat(server.get(draftPath(), bob.accessToken()).status()).isEqualTo(404);
        assertThat(server.post(draftPath() + "/finalize", bob.accessToken(), null).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    @DisplayName("finalize creates the knowledge base, removes the draft and ingests in the background")
    void finalizeAndIngest() {
        Response finalized = server.post(draftPath() + "/finalize", ann.accessToken(), null);
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(201);
        kbId = finalized.json().path("kb_id").asText();
        jobId = finalized.json().path("job_id").asText();
        assertThat(server.get(draftPath(), ann.accessToken()).status()).isEqualTo(404);
        assertThat(dataDir().resolve("uploads").resolve("kb-drafts").resolve(draftId)).doesNotExist();

        Await.until("ingestion", Duration.ofMinutes(3), () -> {
            JsonNode job = server.get("/api/v1/jobs/" + jobId, ann.accessToken()).json();
            assertThat(job.path("status").asText()).isNotEqualTo("failed");
            return job.path("status").asText().equals("succeeded");
        });
        JsonNode job = server.get("/api/v1/jobs/" + jobId, ann.accessToken()).json();
        assertThat(job.path("progress").path("chunks_embedded").asInt()).isGreaterThan(5);
        assertThat(server.get("/api/v1/jobs/" + jobId, bob.accessToken()).status()).isEqualTo(404);

        JsonNode kb = server.get("/api/v1/kb/" + kbId, ann.accessToken()).json();
        assertThat(kb.path("status").asText()).isEqualTo("ready");
        assertThat(kb.path("embedding_model").asText()).isEqualTo(MODEL);
        JsonNode documents = server.get("/api/v1/kb/" + kbId + "/documents", ann.accessToken()).json().path("documents");
        List<String> names = new ArrayList<>();
        documents.forEach(d -> {
            names.add(d.path("name").asText());
            assertThat(d.path("status").asText()).as(d.toString()).isEqualTo("ready");
            assertThat(d.path("chunk_count").asInt()).as(d.toString()).isPositive();
        });
        assertThat(names).contains("guide.md", "warranty.docx", "manual.pdf", "products.csv", "Opening hours",
                "Kettle Co", "Returns policy").doesNotContain("Staff only");
    }

    @Test
    @Order(5)
    @DisplayName("hybrid search finds the right passages with citations: document, page, heading")
    void search() {
        JsonNode top = search("How much does the Team plan cost per month?", "hybrid").path("results").get(0);
        assertThat(top.path("document_name").asText()).isEqualTo("guide.md");
        assertThat(top.path("heading_path").toString()).contains("Pricing");
        assertThat(top.path("text").asText()).contains("49");

        JsonNode descale = search("how often should I descale", "hybrid").path("results").get(0);
        assertThat(descale.path("document_name").asText()).isEqualTo("manual.pdf");
        assertThat(descale.path("page").asInt()).isEqualTo(2);

        JsonNode refund = search("refund money back", "vector").path("results").get(0);
        assertThat(refund.path("document_name").asText()).isEqualTo("Returns policy");

        JsonNode warranty = search("warranty", "keyword");
        assertThat(warranty.path("results").get(0).path("document_name").asText()).isEqualTo("warranty.docx");
        assertThat(warranty.path("indexing").path("in_progress").asBoolean()).isFalse();
    }

    @Test
    @Order(6)
    @DisplayName("bad searches are clear 400s; other tenants get 404")
    void badSearches() {
        String path = "/api/v1/kb/" + kbId + "/search";
        assertThat(server.post(path, ann.accessToken(), Map.of("query", "  ")).status()).isEqualTo(400);
        assertThat(server.post(path, ann.accessToken(), Map.of("query", "x".repeat(5000))).status()).isEqualTo(400);
        assertThat(server.post(path, ann.accessToken(), Map.of("query", "kettle", "top_k", 0)).status()).isEqualTo(400);
        assertThat(server.post(path, ann.accessToken(), Map.of("query", "kettle", "search_method", "magic")).status())
                .isEqualTo(400);
        assertThat(server.post(path, bob.accessToken(), Map.of("query", "kettle")).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/kb/" + kbId, bob.accessToken()).status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    @DisplayName("removing a document removes its chunks from search; a broken file fails alone")
    void documents() {
        String docx = documentId("warranty.docx");
        assertThat(server.delete("/api/v1/kb/" + kbId + "/documents/" + docx, ann.accessToken()).status()).isEqualTo(204);
        JsonNode after = search("warranty years kettle blender", "keyword").path("results");
        after.forEach(hit -> assertThat(hit.path("document_name").asText()).isNotEqualTo("warranty.docx"));

        byte[] truncated = java.util.Arrays.copyOf(TestDocuments.pdf("Cut short", List.of(List.of("Half a file."))), 300);
        Multipart brokenPdf = new Multipart().file("file", "broken.pdf", "application/pdf", truncated);
        Response broken = server.sendBytes("POST", "/api/v1/kb/" + kbId + "/documents", ann.accessToken(),
                brokenPdf.contentType(), brokenPdf.bytes());
        assertThat(broken.status()).as(broken.body()).isEqualTo(201);
        String job = broken.json().path("job_id").asText();
        Await.until("ingestion of the broken file", Duration.ofMinutes(1), () ->
                !server.get("/api/v1/jobs/" + job, ann.accessToken()).json().path("status").asText().matches("queued|running"));
        JsonNode doc = document("broken.pdf");
        assertThat(doc.path("status").asText()).isEqualTo("error");
        assertThat(doc.path("error_code").asText()).isEqualTo("corrupt_file");
        assertThat(server.get("/api/v1/kb/" + kbId, ann.accessToken()).json().path("status").asText())
                .isEqualTo("ready_with_errors");
        assertThat(search("descale", "hybrid").path("results")).isNotEmpty();
    }

    @Test
    @Order(8)
    @DisplayName("finalizing a draft without sources is a validation error; empty uploads are refused")
    void badDrafts() {
        String empty = server.post("/api/v1/kb/draft", ann.accessToken(), Map.of("name", "Empty")).json()
                .path("draft_id").asText();
        Response refused = server.post("/api/v1/kb/draft/" + empty + "/finalize", ann.accessToken(), null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("error").path("details").path("errors").toString()).contains("No sources");
        Multipart nothing = new Multipart().file("file", "empty.txt", "text/plain", new byte[0]);
        Response emptyUpload = server.sendBytes("POST", "/api/v1/kb/draft/" + empty + "/sources", ann.accessToken(),
                nothing.contentType(), nothing.bytes());
        assertThat(emptyUpload.status()).isEqualTo(400);
        assertThat(emptyUpload.errorCode()).isEqualTo("empty_file");
        assertThat(server.patch("/api/v1/kb/draft/" + empty, ann.accessToken(),
                Map.of("data", Map.of("sources", List.of()))).status()).isEqualTo(400);
        assertThat(server.post("/api/v1/kb/draft/" + empty + "/sources", ann.accessToken(),
                Map.of("type", "url", "url", "ftp://example.com")).status()).isEqualTo(400);
    }

    /** A page long enough that the next page starts a chunk of its own. */
    private static List<String> filler(String sentence) {
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            paragraphs.add(sentence + " Paragraph " + (i + 1) + " repeats it so the page fills a whole chunk.");
        }
        return paragraphs;
    }

    private JsonNode search(String query, String method) {
        Response r = server.post("/api/v1/kb/" + kbId + "/search", ann.accessToken(),
                Map.of("query", query, "search_method", method, "top_k", 5));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String documentId(String name) {
        return document(name).path("id").asText();
    }

    private JsonNode document(String name) {
        for (JsonNode d : server.get("/api/v1/kb/" + kbId + "/documents", ann.accessToken()).json().path("documents")) {
            if (d.path("name").asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no document " + name);
    }

    private void upload(String name, String type, byte[] content, String annotations) {
        Multipart body = new Multipart().file("file", name, type, content);
        if (annotations != null) {
            body = new Multipart().field("annotations", annotations).file("file", name, type, content);
        }
        Response r = server.sendBytes("POST", sourcesPath(), ann.accessToken(), body.contentType(), body.bytes());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("size_bytes").asLong()).isEqualTo(content.length);
    }

    private String draftPath() {
        return "/api/v1/kb/draft/" + draftId;
    }

    private String sourcesPath() {
        return draftPath() + "/sources";
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
