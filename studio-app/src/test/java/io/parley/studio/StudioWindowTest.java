package io.parley.studio;

import io.parley.studio.home.HomeSection;
import io.parley.studio.testsupport.RealDisplay;
import io.parley.studio.testsupport.Screenshots;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives the real studio window with the real embedded server in a temporary data folder.
 * Needs a display: run the build under {@code xvfb-run -a}. Screenshots go to
 * {@code target/screenshots}.
 */
class StudioWindowTest {

    private static final Pattern RUNNING =
            Pattern.compile("Server running · http://127\\.0\\.0\\.1:(\\d+) · database H2 ready");

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private ParleyStudioApp app;
    private Set<String> threadsBefore;

    @BeforeAll
    static void needsADisplay() {
        RealDisplay.require();
    }

    @BeforeEach
    void openStudio() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        threadsBefore = liveNonDaemonThreads();
        app = (ParleyStudioApp) FxToolkit.setupApplication(
                () -> new ParleyStudioApp(StudioOptions.forDataDir(dataDir)));
    }

    @AfterEach
    void closeStudio() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void showsTheDefaultWorkspaceWithEmptySectionsAndStopsTheServerOnClose() throws Exception {
        Labeled status = robot.lookup("#status-message").queryLabeled();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !status.getText().startsWith("Starting"));
        Matcher running = RUNNING.matcher(status.getText());
        assertThat(running.matches()).as("status bar says: %s", status.getText()).isTrue();
        int port = Integer.parseInt(running.group(1));

        assertThat(stage.getTitle()).isEqualTo("Parley Studio");
        assertThat(text("#app-name")).isEqualTo("Parley");
        assertThat(text("#workspace-name")).isEqualTo("Default");
        assertThat(text("#organization-name")).isEqualTo("Personal");
        assertThat(text("#data-folder")).isEqualTo("Data folder: " + dataDir);
        Screenshots.save(robot, stage, "home");

        for (HomeSection section : HomeSection.values()) {
            robot.clickOn("#nav-" + section.id());
            WaitForAsyncUtils.waitForFxEvents();

            Node shown = robot.lookup("#section-" + section.id()).query();
            assertThat(robot.from(shown).lookup(".section-title").queryLabeled().getText()).isEqualTo(section.title());
            assertThat(robot.from(shown).lookup(".empty-state-title").queryLabeled().getText())
                    .isEqualTo(section.emptyTitle());
            Button create = robot.from(shown).lookup("#create-" + section.id()).queryButton();
            assertThat(create.getText()).isEqualTo(section.createLabel());
            assertThat(create.isDisabled()).as("%s can be created", section).isFalse();
            Screenshots.save(robot, stage, section.id());
        }

        // The workspace's model and keys: offline until a model server is chosen; a key saved once, value hidden.
        robot.clickOn("#nav-models");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#models-current").contains("offline"));
        robot.clickOn("#models-key-name").write("OpenAI key");
        robot.clickOn("#models-key-value").write("sk-window-test-123");
        robot.clickOn("#models-key-add");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#models-key-result").contains("never shown again"));
        javafx.scene.control.ListView<?> keys = robot.lookup("#models-keys").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> keys.getItems().size() == 1);
        assertThat(robot.lookup("#models-key-value").queryTextInputControl().getText()).isEmpty();
        robot.interact(() -> robot.lookup("#models-provider").queryComboBox().getSelectionModel().selectLast());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot, stage, "models");

        // Back up… in the status bar; the save dialog is the system's, so the test names the file
        assertThat(robot.lookup("#back-up").queryAs(javafx.scene.control.Hyperlink.class).isDisabled()).isFalse();
        Path backup = dataDir.resolve("backup.zip");
        robot.interact(() -> app.shell().backup(backup));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text("#backup-notice").startsWith("Backed up to backup.zip"));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(backup.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName).toList())
                    .contains("database/parley.mv.db", "secrets/credentials.keyset.json", "manifest.json");
        }
        Screenshots.save(robot, stage, "backup");

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !stage.isShowing());

        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> newNonDaemonThreads().isEmpty());
    }

    private String text(String query) {
        return robot.lookup(query).queryLabeled().getText();
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }

    private Set<String> newNonDaemonThreads() {
        Set<String> now = liveNonDaemonThreads();
        now.removeAll(threadsBefore);
        return now;
    }

    private static Set<String> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .map(t -> t.getName() + "#" + t.threadId())
                .collect(Collectors.toSet());
    }
}
