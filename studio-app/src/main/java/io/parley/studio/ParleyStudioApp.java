package io.parley.studio;

import io.parley.studio.concurrent.FxBackgroundTasks;
import io.parley.studio.concurrent.FxScheduler;
import io.parley.studio.embedded.EmbeddedServerHandle;
import io.parley.studio.runtime.ServerLifecycle;
import io.parley.studio.shell.ShellView;
import io.parley.studio.shell.ShellViewModel;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The composition root: builds the background executor, the server lifecycle and the shell,
 * shows the window at once, then starts the server behind it. Closing the window stops the server.
 * Launched by {@link StudioMain}; tests construct it with their own options.
 */
public final class ParleyStudioApp extends Application {

    static final String TITLE = "Parley Studio";
    private static final double WIDTH = 1200;
    private static final double HEIGHT = 780;
    private static final double MIN_WIDTH = 900;
    private static final double MIN_HEIGHT = 600;

    private StudioOptions options;
    private FxBackgroundTasks tasks;
    private ShellViewModel shell;

    /** Used by {@link Application#launch}; options come from the command line. */
    public ParleyStudioApp() {
    }

    public ParleyStudioApp(StudioOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void init() {
        if (options == null) {
            options = StudioOptions.parse(getParameters().getRaw(), System.getenv(),
                    Path.of(System.getProperty("user.home")));
        }
    }

    @Override
    public void start(Stage stage) {
        tasks = new FxBackgroundTasks();
        shell = new ShellViewModel(new ServerLifecycle(EmbeddedServerHandle::start, options.dataDir()), tasks,
                new FxScheduler());

        // Never larger than the screen: on a small laptop a fixed size would hang off the edge.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(new ShellView(shell), Math.min(WIDTH, screen.getWidth()),
                Math.min(HEIGHT, screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(
                ParleyStudioApp.class.getResource("studio.css"), "studio.css").toExternalForm());
        stage.setTitle(TITLE);
        stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
        stage.setScene(scene);
        // Stop the server as soon as the window goes away, not only when the toolkit exits.
        stage.setOnHidden(event -> shell.shutdown());
        stage.show();

        shell.start();
    }

    /** The shell, for window tests that prepare data through the same API client. */
    ShellViewModel shell() {
        return shell;
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
        if (tasks != null) {
            tasks.close();
        }
    }
}
