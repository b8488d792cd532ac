package io.parley.studio.testsupport;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * Saves what a window shows as a PNG under {@code target/screenshots}. Captures the real screen
 * (tooltips and all) when the window lies fully on it; otherwise, since a screen capture would
 * be cut off, it renders the scene off screen instead.
 */
public final class Screenshots {

    public static final Path FOLDER = Path.of("target", "screenshots");

    private Screenshots() {
    }

    public static Path save(FxRobot robot, Window window, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D bounds = new Rectangle2D(window.getX(), window.getY(), window.getWidth(), window.getHeight());
        Image image = fitsOnScreen(bounds) ? robot.capture(bounds).getImage() : snapshot(window);
        Files.createDirectories(FOLDER);
        Path file = FOLDER.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        return file;
    }

    private static boolean fitsOnScreen(Rectangle2D bounds) {
        return Screen.getPrimary().getBounds().contains(bounds);
    }

    private static Image snapshot(Window window) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> window.getScene().getRoot().snapshot(null, null)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
