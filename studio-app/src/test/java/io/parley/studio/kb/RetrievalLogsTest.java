package io.parley.studio.kb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetrievalLogsTest {

    @TempDir
    Path folder;

    @Test
    void aLogComesBackAfterARestartNewestFirstAndCappedAtTheNewestHundred() {
        RetrievalLogs logs = new RetrievalLogs(folder.resolve("studio"));
        List<PastQuery> log = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            log.add(0, new PastQuery("query " + i, RetrievalTestViewModel.Method.KEYWORD, 5, 3, 0.8, 12,
                    LocalDateTime.of(2026, 11, 22, 8, 0).plusMinutes(i)));
        }

        logs.save("kb-1", log);
        List<PastQuery> loaded = new RetrievalLogs(folder.resolve("studio")).load("kb-1");

        assertThat(loaded).hasSize(RetrievalLogs.KEEP);
        assertThat(loaded.get(0)).isEqualTo(log.get(0));
        assertThat(loaded.get(0).query()).isEqualTo("query 119");
        assertThat(logs.load("kb-2")).isEmpty();
    }

    @Test
    void aDamagedFileIsAnEmptyLogNotAFailure() throws Exception {
        RetrievalLogs logs = new RetrievalLogs(folder);
        Files.writeString(folder.resolve("retrieval-log-kb-1.json"), "{not json");

        assertThat(logs.load("kb-1")).isEmpty();
    }
}
