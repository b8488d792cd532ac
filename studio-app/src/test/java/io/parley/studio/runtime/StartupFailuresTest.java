package io.parley.studio.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class StartupFailuresTest {

    private static final Path DATA = Path.of("/home/ada/.parley");

    @Test
    void aFolderHeldByAnotherParleyGetsItsOwnAdvice() {
        var failure = new IllegalStateException("Cannot open the database",
                new SQLException("Database may be already in use: \"/home/ada/.parley/db/parley.mv.db\". "
                        + "Possible solutions: close all other connection(s) [90020-232]"));

        StartupProblem problem = StartupFailures.explain(failure, DATA);

        assertThat(problem.summary()).isEqualTo("Server could not start: the data folder is in use by another Parley");
        assertThat(problem.explanation())
                .contains("/home/ada/.parley", "in use by another running Parley", "Try again", "--data-dir");
    }

    @Test
    void recognisesTheServersOwnWording() {
        var failure = new RuntimeException("The data folder is in use by another Parley process (jdbc:h2:file:x).");

        assertThat(StartupFailures.isDataFolderInUse(failure)).isTrue();
    }

    @Test
    void otherFailuresShowTheFirstLineOfTheOutermostMessage() {
        var failure = new IllegalStateException("Cannot open the database: disk full\nat line 2",
                new java.io.IOException("No space left on device"));

        StartupProblem problem = StartupFailures.explain(failure, DATA);

        assertThat(problem.summary()).isEqualTo("Server could not start");
        assertThat(problem.explanation()).isEqualTo("The server could not start: Cannot open the database: disk full");
    }

    @Test
    void aFailureWithoutAnyMessageIsNamedByItsType() {
        assertThat(StartupFailures.explain(new NullPointerException(), DATA).explanation())
                .isEqualTo("The server could not start: NullPointerException");
    }
}
