package io.parley.studio.testsupport;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** What the window tests do with the studio: find a control once it is usable, bring it into view, click it. */
public final class UiDriver {

    private final FxRobot robot;
    private final Stage stage;

    public UiDriver(FxRobot robot, Stage stage) {
        this.robot = robot;
        this.stage = stage;
    }

    public FxRobot robot() {
        return robot;
    }

    /** The visible, enabled node {@code query} finds in the window, waiting up to 20 s for it. */
    public Node node(String query) {
        waitFor(20, () -> robot.from(stage.getScene().getRoot()).lookup(query).tryQuery()
                .filter(n -> n.getScene() != null && n.isVisible() && !n.isDisabled()).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.from(stage.getScene().getRoot()).lookup(query).query();
    }

    public boolean present(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query).tryQuery()
                .filter(n -> n.getScene() != null && n.isVisible()).isPresent();
    }

    public FxRobotInterface click(String query) {
        Node target = node(query);
        reveal(target);
        return robot.clickOn(target);
    }

    public String text(String query) {
        return ((Labeled) node(query)).getText();
    }

    /** The centre of a node on screen. */
    public static Point2D centre(Node n) {
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    /** Scrolls the nearest scroll pane so {@code target} is on screen, as the builder would with the wheel. */
    public void reveal(Node target) {
        robot.interact(() -> {
            for (Node up = target.getParent(); up != null; up = up.getParent()) {
                if (up instanceof ScrollPane scroll && scroll.getContent() != null) {
                    Node content = scroll.getContent();
                    Bounds at = content.sceneToLocal(target.localToScene(target.getBoundsInLocal()));
                    double hidden = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                    double top = scroll.getVvalue() * Math.max(0, hidden);
                    if (hidden > 0 && (at.getMinY() < top || at.getMaxY() > top + scroll.getViewportBounds().getHeight())) {
                        scroll.setVvalue(Math.min(1, Math.max(0, (at.getMinY() - 20) / hidden)));
                    }
                    return;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether a popup menu item reading exactly {@code text} is showing. */
    public static boolean menuItemShowing(String text) {
        return Window.getWindows().stream().anyMatch(w -> w.isShowing() && w.getScene() != null
                && w.getScene().getRoot().lookupAll(".menu-item").stream()
                .anyMatch(n -> n.lookupAll(".label").stream().anyMatch(l -> l instanceof Labeled lab
                        && text.equals(lab.getText()))));
    }

    public static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void waitFor(int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("still not so after " + seconds + " s", e);
        }
    }
}
