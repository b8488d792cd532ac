package io.parley.server.kb.eval;

import io.parley.server.cli.ParleyCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsTheTableForAQuickRun() {
        int code = run("eval", "--beir", MiniBeir.dir().toString(), "--model", "all-minilm-l6-v2-q",
                "--limit-queries", "5");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("queries     5 with relevance judgements", "model       all-minilm-l6-v2-q")
                .containsPattern("keyword +\\| +[01]\\.\\d{4} \\|")
                .containsPattern("vector +\\| +[01]\\.\\d{4} \\|")
                .containsPattern("hybrid +\\| +[01]\\.\\d{4} \\|");
        assertThat(err.toString()).contains("indexed 59/59 documents");
    }

    @Test
    void badInputFailsWithUsageCodeAndAMessage() {
        assertThat(run("eval", "--beir", MiniBeir.dir().toString(), "--model", "gpt-9")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown model 'gpt-9'", "bge-small-en-v1.5");

        assertThat(run("eval", "--beir", MiniBeir.dir().resolve("qrels").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not in BEIR layout");

        assertThat(run("eval", "--beir", MiniBeir.dir().toString(), "--fusion", "max")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fusion 'max'");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ParleyCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
