package io.parley.server.kb.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BeirLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheMiniCollection() {
        BeirDataset mini = BeirLoader.load(MiniBeir.dir());

        assertThat(mini.name()).isEqualTo("mini-beir");
        assertThat(mini.documents()).hasSize(MiniBeir.DOCUMENTS);
        assertThat(mini.queries()).hasSize(MiniBeir.QUERIES);
        assertThat(mini.judgedQueries()).hasSize(MiniBeir.QUERIES);
        assertThat(mini.documents().getFirst().id()).isEqualTo("coffee-01");
        assertThat(mini.qrels().of("q14")).isEqualTo(Map.of("network-01", 2, "network-03", 2, "network-02", 1));
    }

    @Test
    void readsGradesSkipsTheHeaderAndIgnoresOtherFields() throws IOException {
        write("""
                {"_id": "d1", "title": "Lift", "text": "Wings make lift.", "metadata": {"author": "x"}}

                {"_id": 2, "text": "No title here."}
                """, """
                {"_id": "q1", "text": "what makes lift"}
                {"_id": "q2", "text": "unjudged"}
                {"_id": "q3", "text": "judged, nothing relevant"}
                """, "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\t2\t1\nq3\td1\t0\n");

        BeirDataset data = BeirLoader.load(dir);

        assertThat(data.documents()).containsExactly(new BeirDocument("d1", "Lift", "Wings make lift."),
                new BeirDocument("2", "", "No title here."));
        assertThat(data.qrels().of("q1")).isEqualTo(Map.of("d1", 2, "2", 1));
        assertThat(data.qrels().of("q2")).isEmpty();
        assertThat(data.judgedQueries()).extracting(BeirQuery::id).containsExactly("q1");
    }

    @Test
    void qrelsWithoutAHeaderOrWithSpacesAreRead() throws IOException {
        write("{\"_id\": \"d1\", \"text\": \"t\"}\n", "{\"_id\": \"q1\", \"text\": \"q\"}\n", "q1 d1 1\n");

        assertThat(BeirLoader.load(dir).qrels().of("q1")).isEqualTo(Map.of("d1", 1));
    }

    @Test
    void aBadLineNamesItsFileAndLine() throws IOException {
        write("{\"_id\": \"d1\", \"text\": \"t\"}\n{\"text\": \"no id\"}\n", "{\"_id\": \"q1\", \"text\": \"q\"}\n",
                "q1\td1\t1\n");
        assertThatThrownBy(() -> BeirLoader.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corpus.jsonl:2: ").hasMessageContaining("_id");

        write("{\"_id\": \"d1\", \"text\": \"t\"}\n", "{\"_id\": \"q1\", \"text\": \"q\"}\n", "q1\td1\thigh\n");
        assertThatThrownBy(() -> BeirLoader.load(dir)).hasMessageContaining("test.tsv:1: ")
                .hasMessageContaining("'high'");

        write("{not json\n", "{\"_id\": \"q1\", \"text\": \"q\"}\n", "q1\td1\t1\n");
        assertThatThrownBy(() -> BeirLoader.load(dir)).hasMessageContaining("corpus.jsonl:1: not JSON");
    }

    @Test
    void aMissingFileSaysTheLayoutIsWrong() {
        assertThatThrownBy(() -> BeirLoader.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in BEIR layout").hasMessageContaining("corpus.jsonl is missing");
    }

    @Test
    void theQueryLimitKeepsTheFirstJudgedQueries() {
        BeirDataset mini = BeirLoader.load(MiniBeir.dir());

        assertThat(mini.withQueryLimit(3).queries()).extracting(BeirQuery::id).containsExactly("q01", "q02", "q03");
        assertThat(mini.withQueryLimit(1000).queries()).hasSize(MiniBeir.QUERIES);
        assertThatThrownBy(() -> mini.withQueryLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIndexedTextIsTheTitleThenTheText() {
        assertThat(new BeirDocument("d", "Lift", "Wings make lift.").indexText()).isEqualTo("Lift\n\nWings make lift.");
        assertThat(new BeirDocument("d", null, "Only text.").indexText()).isEqualTo("Only text.");
        assertThat(new BeirDocument("d", "Only a title", "").indexText()).isEqualTo("Only a title");
    }

    private void write(String corpus, String queries, String qrels) throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("queries.jsonl"), queries);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), qrels);
    }
}
