package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.job.Job;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.index.SearchQuery;
import io.parley.server.testing.WordHashEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingestion job on a real H2 database and index, with a stand-in embedder. */
class KbIngestionTest {

    @TempDir
    Path dir;

    private final WordHashEmbedder embedder = new WordHashEmbedder();
    private IngestionRig rig;

    @BeforeEach
    void open() {
        rig = IngestionRig.open(dir, embedder, ChunkingSettings.recursive(64, 8));
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void chunksOfManyDocumentsAreEmbeddedTogetherInGroups() {
        List<String> shortOnes = addShortNotes(300);
        String longOne = rig.addText("Long", "Supersonic flutter of panels. ".repeat(60));

        Job job = rig.ingest();

        long total = rig.chunkCount();
        assertThat(rig.document(longOne).chunkCount()).isGreaterThan(1);
        // the first 256 one-chunk notes close a group; the rest and the long document make the last
        assertThat(embedder.callSizes()).containsExactly(DocumentGroup.TARGET_CHUNKS,
                (int) total - DocumentGroup.TARGET_CHUNKS);
        assertThat(rig.documents()).allSatisfy(d -> assertThat(d.status()).isEqualTo(KbDocument.Status.READY));
        assertThat(rig.documents().stream().mapToLong(KbDocument::chunkCount).sum()).isEqualTo(total);
        assertThat(rig.indexedChunks()).isEqualTo(total);
        assertThat(rig.chunks(shortOnes.get(7))).singleElement()
                .satisfies(c -> assertThat(c.text()).contains("note number 7 "));
        assertThat(job.status()).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(job.progress().path("documents_done").asInt()).isEqualTo(301);
        assertThat(job.progress().path("documents_total").asInt()).isEqualTo(301);
        assertThat(job.progress().path("chunks_embedded").asLong()).isEqualTo(total);
        assertThat(rig.search(SearchQuery.keyword("note number 7 gliders", 1)).getFirst().documentId())
                .isEqualTo(shortOnes.get(7));
    }

    @Test
    void aDocumentThatCannotBeReadFailsAloneAndTheRestOfItsGroupIsIndexed() throws IOException {
        String first = rig.addText("First", "Gliders ride thermals.");
        String empty = rig.addFile("empty.txt", "   \n".getBytes(StandardCharsets.UTF_8));
        String missing = rig.addText("Missing", "This stored copy will be gone.");
        Files.delete(dir.resolve("kb").resolve(rig.kbId()).resolve("documents").resolve(missing));
        String last = rig.addText("Last", "Sailplanes have long wings.");

        Job job = rig.ingest();

        assertThat(job.status()).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(rig.document(first).status()).isEqualTo(KbDocument.Status.READY);
        assertThat(rig.document(last).status()).isEqualTo(KbDocument.Status.READY);
        assertThat(rig.document(empty).status()).isEqualTo(KbDocument.Status.ERROR);
        assertThat(rig.document(empty).errorCode()).isEqualTo("empty_document");
        assertThat(rig.document(missing).errorCode()).isEqualTo("missing_file");
        assertThat(embedder.callSizes()).containsExactly(2); // the two readable ones, still together
        assertThat(rig.indexedChunks()).isEqualTo(2);
        assertThat(job.progress().path("documents_failed").asInt()).isEqualTo(2);
    }

    @Test
    void documentsAreReadyAndSearchableOnlyOnceTheirGroupIsCommitted() {
        List<String> ids = addShortNotes(300);
        List<String> seenDuringSecondGroup = new ArrayList<>();
        embedder.onCall = call -> {
            if (call == 2) {
                seenDuringSecondGroup.add(rig.document(ids.get(0)).status() + " " + rig.indexedChunks(ids.get(0)));
                seenDuringSecondGroup.add(rig.document(ids.get(299)).status() + " " + rig.indexedChunks(ids.get(299)));
                seenDuringSecondGroup.add("indexed " + rig.indexedChunks());
            }
        };

        rig.ingest();

        assertThat(seenDuringSecondGroup).containsExactly("READY 1", "PROCESSING 0", "indexed 256");
        assertThat(rig.document(ids.get(299)).status()).isEqualTo(KbDocument.Status.READY);
    }

    @Test
    void aDocumentRemovedWhileItsGroupIsEmbeddedIsLeftOutAndTheOthersAreIndexed() {
        List<String> ids = addShortNotes(3);
        embedder.onCall = call -> rig.service().removeDocument(rig.caller(), rig.kbId(), ids.get(1));

        Job job = rig.ingest();

        assertThat(job.status()).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(rig.documents()).extracting(KbDocument::id).containsExactly(ids.get(0), ids.get(2));
        assertThat(rig.documents()).allSatisfy(d -> assertThat(d.status()).isEqualTo(KbDocument.Status.READY));
        assertThat(rig.chunkCount()).isEqualTo(2);
        assertThat(rig.indexedChunks()).isEqualTo(2);
        assertThat(rig.indexedChunks(ids.get(1))).isZero();
    }

    @Test
    void aDocumentAnnotatedWhileItsGroupIsEmbeddedIsIndexedAgainWithItsNewTags() {
        List<String> ids = addShortNotes(2);
        ObjectNode tags = Json.mapper().createObjectNode();
        tags.putArray("tags").add("zeppelin");
        embedder.onCall = call -> {
            if (call == 1) {
                rig.service().annotate(rig.caller(), rig.kbId(), ids.get(1), tags);
            }
        };

        rig.ingest();

        assertThat(embedder.embeddedTimes("note number 1 ")).isEqualTo(2);
        assertThat(rig.document(ids.get(1)).status()).isEqualTo(KbDocument.Status.READY);
        assertThat(rig.indexedChunks(ids.get(1))).isEqualTo(1);
        assertThat(rig.search(SearchQuery.keyword("zeppelin", 3))).singleElement()
                .satisfies(hit -> assertThat(hit.documentId()).isEqualTo(ids.get(1)));
    }

    @Test
    void aGroupThatFailsLeavesItsDocumentsToTheNextRunWithoutDuplicates() {
        addShortNotes(300);
        embedder.onCall = call -> {
            if (call == 2) {
                throw new IllegalStateException("the model run failed");
            }
        };

        assertThat(rig.ingest().status()).isEqualTo(Job.Status.FAILED);
        assertThat(rig.indexedChunks()).isEqualTo(256);
        assertThat(rig.documents()).filteredOn(d -> d.status() == KbDocument.Status.PROCESSING).hasSize(44);

        embedder.onCall = call -> { };
        assertThat(rig.ingest().status()).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(rig.documents()).allSatisfy(d -> assertThat(d.status()).isEqualTo(KbDocument.Status.READY));
        assertThat(rig.chunkCount()).isEqualTo(300);
        assertThat(rig.indexedChunks()).isEqualTo(300);
    }

    /** Documents of one chunk each; note {@code i} says "note number i". */
    private List<String> addShortNotes(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(rig.addText("Note " + i, "A short note number " + i + " about gliders."));
        }
        return ids;
    }
}
