package io.parley.studio;

import io.parley.studio.testsupport.RealDisplay;
import io.parley.studio.testsupport.Screenshots;
import io.parley.studio.testsupport.ServerProcess;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second Parley on the same data folder: the studio must say so plainly, and start once the
 * other one has gone and the builder clicks "Try again". Needs a display, like {@link StudioWindowTest}.
 */
class DataFolderInUseWindowTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    private final FxRobot robot = new FxRobot();
    private ParleyStudioApp app;

    @BeforeAll
    static void needsADisplay() {
        RealDisplay.require();
    }

    @AfterEach
    void closeStudio() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void explainsThatAnotherParleyHoldsTheFolderAndRecoversOnTryAgain() throws Exception {
        ServerProcess otherParley = ServerProcess.serve(dataDir, logs.resolve("other-parley.log"));
        try {
            FxToolkit.registerPrimaryStage();
            app = (ParleyStudioApp) FxToolkit.setupApplication(
                    () -> new ParleyStudioApp(StudioOptions.forDataDir(dataDir)));
            Labeled status = robot.lookup("#status-message").queryLabeled();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !status.getText().startsWith("Starting"));

            assertThat(status.getText())
                    .isEqualTo("Server could not start: the data folder is in use by another Parley");
            assertThat(robot.lookup("#problem-text").queryLabeled().getText()).isEqualTo("The data folder "
                    + dataDir + " is in use by another running Parley. Close the other Parley and click Try "
                    + "again, or start Studio with --data-dir to use another folder.");
            assertThat(robot.lookup("#workspace-name").queryLabeled().getText()).isEqualTo("Not connected");
            Screenshots.save(robot, FxToolkit.toolkitContext().getRegisteredStage(), "data-folder-in-use");

            otherParley.close(); // what the banner asks the builder to do
            robot.clickOn("#retry-server");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Server running"));

            assertThat(robot.lookup("#workspace-name").queryLabeled().getText()).isEqualTo("Default");
            assertThat(robot.lookup(".problem-banner").query().isVisible()).isFalse();
        } finally {
            otherParley.close();
        }
    }
}
