package io.parley.studio.shell;

import io.parley.studio.home.HomeSection;
import io.parley.studio.runtime.LocalServerLauncher;
import io.parley.studio.runtime.ServerLifecycle;
import io.parley.studio.testsupport.DeferredTasks;
import io.parley.studio.testsupport.FakeLocalServer;
import io.parley.studio.testsupport.FakeParleyHttpServer;
import io.parley.studio.testsupport.ManualScheduler;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellViewModelTest {

    private static final Path DATA = Path.of("/tmp/parley-data");

    private final FakeParleyHttpServer http = FakeParleyHttpServer.start();
    private final FakeLocalServer server = new FakeLocalServer(http);

    @AfterEach
    void stopHttp() {
        http.close();
    }

    private ShellViewModel shell(LocalServerLauncher launcher) {
        return new ShellViewModel(new ServerLifecycle(launcher, DATA), new SameThreadTasks(), new ManualScheduler());
    }

    @Test
    void beforeStartingItSaysNothingIsRunningAndShowsTheFirstSection() {
        ShellViewModel shell = shell(dir -> server);

        assertThat(shell.status().getState()).isEqualTo(ServerState.STOPPED);
        assertThat(shell.status().getProblem()).isEmpty();
        assertThat(shell.status().dataFolderProperty().get()).isEqualTo("Data folder: " + DATA);
        assertThat(shell.getSelectedSection().section()).isEqualTo(HomeSection.KNOWLEDGE_BASES);
        assertThat(shell.sections()).extracting(s -> s.section())
                .containsExactly(HomeSection.KNOWLEDGE_BASES, HomeSection.CHATBOTS, HomeSection.CHATFLOWS);
    }

    @Test
    void saysStartingUntilTheBackgroundWorkReports() {
        DeferredTasks tasks = new DeferredTasks();
        ShellViewModel shell = new ShellViewModel(new ServerLifecycle(dir -> server, DATA), tasks, new ManualScheduler());

        shell.start();

        assertThat(shell.status().getState()).isEqualTo(ServerState.STARTING);
        assertThat(shell.status().getMessage()).isEqualTo("Starting server…");
        assertThat(shell.workspace().getWorkspaceName()).isEqualTo("Connecting…");

        tasks.runAll();

        assertThat(shell.status().getState()).isEqualTo(ServerState.RUNNING);
    }

    @Test
    void onceStartedShowsTheServerAddressDatabaseAndWorkspace() {
        ShellViewModel shell = shell(dir -> server);

        shell.start();

        assertThat(shell.status().getState()).isEqualTo(ServerState.RUNNING);
        assertThat(shell.status().getMessage())
                .isEqualTo("Server running · " + http.baseUri() + " · database H2 ready");
        assertThat(shell.workspace().getWorkspaceName()).isEqualTo("Default");
        assertThat(shell.workspace().getOrganizationName()).isEqualTo("Personal");
        assertThat(shell.workspace().getUserName()).isEqualTo("Local owner");
        assertThat(shell.client()).isPresent();
        assertThat(shell.status().canRetryProperty().get()).isFalse();
    }

    @Test
    void aDatabaseThatIsNotReadyIsSaidSo() {
        http.answer("/health/ready", 503, FakeParleyHttpServer.READY_DATABASE_DOWN);
        ShellViewModel shell = shell(dir -> server);

        shell.start();

        assertThat(shell.status().getState()).isEqualTo(ServerState.NOT_READY);
        assertThat(shell.status().getMessage()).endsWith("database H2 not ready");
    }

    @Test
    void aMissingSearchIndexIsNamedInTheStatus() {
        http.answer("/health/ready", 503, """
                {"status":"DOWN","checks":[{"name":"database","status":"UP"},{"name":"indexes","status":"DOWN"},
                {"name":"models","status":"UP"}]}""");
        ShellViewModel shell = shell(dir -> server);

        shell.start();

        assertThat(shell.status().getState()).isEqualTo(ServerState.NOT_READY);
        assertThat(shell.status().getMessage()).endsWith("database H2 ready, but a knowledge base's search index is "
                + "missing (/health/ready says which)");
    }

    @Test
    void aFolderInUseExplainsWhatToDoAndOffersToTryAgain() {
        List<String> attempts = new ArrayList<>();
        ShellViewModel shell = shell(dir -> {
            attempts.add("start");
            if (attempts.size() == 1) {
                throw new IllegalStateException("The data folder is in use by another Parley process (h2).");
            }
            return server;
        });

        shell.start();

        assertThat(shell.status().getState()).isEqualTo(ServerState.FAILED);
        assertThat(shell.status().getMessage()).contains("data folder is in use");
        assertThat(shell.status().getProblem()).contains(DATA.toString(), "another running Parley");
        assertThat(shell.status().canRetryProperty().get()).isTrue();
        assertThat(shell.workspace().getWorkspaceName()).isEqualTo("Not connected");

        shell.retry();

        assertThat(shell.status().getState()).isEqualTo(ServerState.RUNNING);
        assertThat(shell.status().getProblem()).isEmpty();
        assertThat(shell.workspace().getWorkspaceName()).isEqualTo("Default");
    }

    @Test
    void tryingAgainSaysConnectingWhileItWorks() {
        DeferredTasks tasks = new DeferredTasks();
        boolean[] folderFree = {false};
        ShellViewModel shell = new ShellViewModel(new ServerLifecycle(dir -> {
            if (!folderFree[0]) {
                throw new IllegalStateException("Database may be already in use [90020-232]");
            }
            return server;
        }, DATA), tasks, new ManualScheduler());
        shell.start();
        tasks.runAll();
        folderFree[0] = true;

        shell.retry();

        assertThat(shell.status().getState()).isEqualTo(ServerState.STARTING);
        assertThat(shell.status().getProblem()).isEmpty();
        assertThat(shell.workspace().getWorkspaceName()).isEqualTo("Connecting…");
        tasks.runAll();
        assertThat(shell.status().getState()).isEqualTo(ServerState.RUNNING);
    }

    @Test
    void retryDoesNothingUnlessTheStartFailed() {
        DeferredTasks tasks = new DeferredTasks();
        ShellViewModel shell = new ShellViewModel(new ServerLifecycle(dir -> server, DATA), tasks, new ManualScheduler());
        shell.start();

        shell.retry();

        assertThat(tasks.pendingCount()).isEqualTo(1);
    }

    @Test
    void anApiFailureAfterTheServerStartedIsToldApartFromAFailedStart() {
        http.answer("/api/v1/auth/me", 401, """
                {"error":{"code":"unauthorized","message":"The local token was not accepted"}}""");
        ShellViewModel shell = shell(dir -> server);

        shell.start();

        assertThat(shell.status().getState()).isEqualTo(ServerState.FAILED);
        assertThat(shell.status().getMessage()).isEqualTo("Server running, but not answering as expected");
        assertThat(shell.status().getProblem())
                .isEqualTo("The server started but did not answer as expected: The local token was not accepted");
    }

    @Test
    void shutdownStopsTheServerAndSaysSo() {
        ShellViewModel shell = shell(dir -> server);
        shell.start();

        shell.shutdown();
        shell.shutdown();

        assertThat(server.isClosed()).isTrue();
        assertThat(shell.status().getState()).isEqualTo(ServerState.STOPPED);
        assertThat(shell.status().getMessage()).isEqualTo("Server stopped");
    }

    @Test
    void closingWhileStartingNeverLeavesAServerRunning() {
        DeferredTasks tasks = new DeferredTasks();
        List<Path> launches = new ArrayList<>();
        ShellViewModel shell = new ShellViewModel(new ServerLifecycle(dir -> {
            launches.add(dir);
            return server;
        }, DATA), tasks, new ManualScheduler());
        shell.start();

        shell.shutdown();
        tasks.runAll(); // the start that was already queued now runs, and must not bring the server back

        assertThat(shell.status().getState()).isEqualTo(ServerState.STOPPED);
        assertThat(launches).isEmpty(); // the lifecycle refused to start after stop
        assertThat(shell.client()).isEmpty();
    }

    @Test
    void selectingASectionShowsIt() {
        ShellViewModel shell = shell(dir -> server);

        shell.select(HomeSection.CHATFLOWS);

        assertThat(shell.getSelectedSection().section()).isEqualTo(HomeSection.CHATFLOWS);
        assertThat(shell.getSelectedSection()).isSameAs(shell.section(HomeSection.CHATFLOWS));
    }
}
