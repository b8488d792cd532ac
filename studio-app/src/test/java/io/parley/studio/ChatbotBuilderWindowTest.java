package io.parley.studio;

import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.chatbot.PreviewPane;
import io.parley.studio.testsupport.RealDisplay;
import io.parley.studio.testsupport.Screenshots;
import io.parley.studio.testsupport.WidgetDriver;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A builder makes a chatbot in the real studio window with the real embedded server: on a small
 * knowledge base made through the API beforehand, step by step, with "/" to put a variable in
 * the instructions; chats with it in the live preview; deploys it and copies the embed code.
 * Screenshots go to {@code target/screenshots/chatbot-*.png}.
 */
class ChatbotBuilderWindowTest {

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private ParleyStudioApp app;
    private String kbId;

    @BeforeAll
    static void needsADisplay() {
        RealDisplay.require();
    }

    @BeforeEach
    void openStudioWithAKnowledgeBase() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (ParleyStudioApp) FxToolkit.setupApplication(
                () -> new ParleyStudioApp(StudioOptions.forDataDir(dataDir)));
        waitFor(60, () -> robot.lookup("#status-message").queryLabeled().getText().startsWith("Server running"));
        KnowledgeBaseApi kbs = new KnowledgeBaseApi(client());
        String draft = kbs.createDraft("Café facts", "");
        kbs.addText(draft, "Opening hours", "The café opens at seven on weekdays and at nine on Sundays. "
                + "Oat milk costs nothing extra.");
        kbId = kbs.finalizeDraft(draft).kbId();
        waitFor(120, () -> "ready".equals(kbs.get(kbId).status()));
        new io.parley.studio.api.ChatbotApi(client()).createCredential("Local model key", "api_key", "sk-test");
    }

    @AfterEach
    void closeStudio() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    private ParleyApiClient client() {
        return app.shell().client().orElseThrow();
    }

    @Test
    void buildsAChatbotOnAKnowledgeBaseChatsInThePreviewAndDeploysIt() throws Exception {
        click("#nav-chatbots");
        click("#create-chatbots");
        waitFor(20, () -> robot.lookup("#chatbot-builder").tryQuery().isPresent());
        waitFor(20, () -> !node("#builder-step-basic").isDisabled());

        click("#bot-name").write("Café helper");
        click("#bot-description").write("Answers questions at the counter.");
        waitFor(10, () -> text("#save-status").startsWith("Saved"));
        assertThat(text("#builder-step-basic")).isEqualTo("Basic");
        assertThat(((Labeled) node("#builder-step-basic")).getGraphic()).extracting(g -> ((Labeled) g).getText())
                .isEqualTo("✓");
        Screenshots.save(robot, stage, "chatbot-1-basic");

        click("#builder-next");
        click("#kb-use-" + kbId);
        click("#kb-advanced-" + kbId);
        Screenshots.save(robot, stage, "chatbot-2-knowledge");

        click("#builder-step-variables");
        click("#add-variable");
        click("#variable-name-0").eraseText(20).write("user_name");
        assertThat(((javafx.scene.control.TextField) node("#variable-name-0")).getText())
                .as("a preview reloading meanwhile does not take the keyboard").isEqualTo("user_name");
        click("#variable-default-0").write("friend");
        Screenshots.save(robot, stage, "chatbot-4-variables");

        click("#builder-step-instructions");
        TextArea prompt = (TextArea) node("#system-prompt");
        click("#system-prompt");
        waitFor(10, prompt::isFocused);
        robot.write("You help /");
        try {
            waitFor(10, () -> menuItemShowing("{{user_name}}"));
        } catch (AssertionError e) {
            Screenshots.save(robot, stage, "chatbot-3a-variable-menu-failed");
            throw new AssertionError("prompt: '" + prompt.getText() + "', focus: " + stage.getScene().getFocusOwner(), e);
        }
        Screenshots.save(robot, stage, "chatbot-3a-variable-menu");
        robot.clickOn("{{user_name}}");
        robot.write(" with questions about the café and/or its menu. Answer briefly.");
        waitFor(10, () -> prompt.getText().equals(
                "You help {{user_name}} with questions about the café and/or its menu. Answer briefly."));
        assertThat(menuItemShowing("{{user_name}}")).as("a slash inside a word opens nothing").isFalse();
        robot.write(" /x"); // typing on past the menu keeps both the slash and what follows
        waitFor(10, () -> prompt.getText().endsWith("Answer briefly. /x") && !menuItemShowing("{{user_name}}"));
        robot.push(javafx.scene.input.KeyCode.BACK_SPACE).push(javafx.scene.input.KeyCode.BACK_SPACE)
                .push(javafx.scene.input.KeyCode.BACK_SPACE);
        waitFor(10, () -> prompt.getText().equals(
                "You help {{user_name}} with questions about the café and/or its menu. Answer briefly."));
        click("#test-connection");
        waitFor(30, () -> !text("#test-result").isEmpty() && !text("#test-result").startsWith("Trying"));
        assertThat(text("#test-result")).startsWith("It works.");
        Screenshots.save(robot, stage, "chatbot-3-instructions");

        // A model server of one's own, its key picked by name; then back to the workspace default.
        click("#model-custom");
        javafx.scene.control.ComboBox<?> provider = (javafx.scene.control.ComboBox<?>) node("#provider-type");
        robot.interact(() -> provider.getSelectionModel().select(1));
        click("#provider-model").write("llama3.2");
        javafx.scene.control.ComboBox<?> key = (javafx.scene.control.ComboBox<?>) node("#provider-credential-choice");
        waitFor(10, () -> key.getItems().size() == 2);
        click("#provider-credential-choice");
        robot.clickOn("Local model key");
        waitFor(10, () -> text("#save-status").startsWith("Saved"));
        Screenshots.save(robot, stage, "chatbot-3b-own-model");
        click("#model-default");

        click("#builder-step-customize");
        click("#welcome-message").write("Hello! Ask me about the café.");
        click("#new-prompt").write("When do you open?");
        click("#add-prompt");
        javafx.scene.control.ComboBox<?> theme = (javafx.scene.control.ComboBox<?>) node("#theme");
        robot.interact(() -> theme.getSelectionModel().select(1)); // dark
        waitFor(10, () -> text("#save-status").startsWith("Saved"));

        chatInThePreview();

        click("#builder-step-deploy");
        click("#allowed-domains").write("example.com");
        click("#validate");
        Button deploy = (Button) node("#deploy");
        waitFor(30, () -> !deploy.isDisabled());
        assertThat(text("#validation-verdict")).startsWith("Ready to deploy");
        Screenshots.save(robot, stage, "chatbot-6-validated");
        robot.clickOn(deploy);
        TextArea embed = (TextArea) node("#embed-code");
        waitFor(30, () -> embed.getText().contains("widget.js"));
        assertThat(embed.getText()).contains("data-bot-id=").contains("data-key=\"wk_");
        click("#copy-embed-code");
        assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get())
                .isEqualTo(embed.getText());
        for (String step : new String[] {"basic", "knowledge", "instructions", "variables", "customize", "deploy"}) {
            assertThat(((Labeled) ((Labeled) node("#builder-step-" + step)).getGraphic()).getText())
                    .as(step).isEqualTo("✓");
        }
        waitFor(10, () -> text("#preview-note").startsWith("Your chatbot is live"));
        Screenshots.save(robot, stage, "chatbot-7-deployed");

        // A visitor talks to the live bot through its API and leaves an email; the page shows both.
        String apiKey = ((javafx.scene.control.TextInputControl) node("#api-key")).getText();
        String botId = embed.getText().replaceAll("(?s).*data-bot-id=\"([^\"]+)\".*", "$1");
        new io.parley.studio.api.ChatbotApi(client()).update(botId, java.util.Map.of("lead_capture",
                java.util.Map.of("enabled", true, "required_fields", java.util.List.of("email"))));
        visitorChats(botId, apiKey);

        click("#open-deployed");
        waitFor(20, () -> text("#chatbot-title").equals("Café helper"));
        waitFor(20, () -> ((TextArea) node("#chatbot-embed-code")).getText().contains("widget.js"));
        javafx.scene.control.ListView<?> conversations = (javafx.scene.control.ListView<?>) node("#bot-conversations");
        waitFor(20, () -> conversations.getItems().size() == 1);
        robot.interact(() -> conversations.getSelectionModel().select(0));
        javafx.scene.control.ListView<?> transcript = (javafx.scene.control.ListView<?>) node("#bot-transcript");
        waitFor(20, () -> transcript.getItems().size() == 2);
        assertThat(transcript.getItems().get(0).toString()).contains("When do you open on Sunday?");
        javafx.scene.control.TableView<?> leads = (javafx.scene.control.TableView<?>) node("#bot-leads");
        waitFor(20, () -> leads.getItems().size() == 1);
        assertThat(leads.getItems().get(0).toString()).contains("ada@example.com");
        reveal(node("#bot-conversations"));
        Screenshots.save(robot, stage, "chatbot-8-page");
        reveal(node("#bot-leads"));
        Screenshots.save(robot, stage, "chatbot-8b-leads");

        // Editing the live chatbot opens the builder on a draft of it; leaving keeps that draft listed.
        click("#chatbot-edit");
        waitFor(20, () -> text("#builder-title").equals("Café helper") && !text("#builder-editing").isEmpty());
        Screenshots.save(robot, stage, "chatbot-9-editing");
        double width = stage.getWidth();
        robot.interact(() -> stage.setWidth(900));
        waitFor(10, () -> !node("#chatbot-builder").lookup("#preview-pane").isVisible());
        Screenshots.save(robot, stage, "chatbot-9b-narrow");
        robot.interact(() -> stage.setWidth(width));
        click("#builder-close");
        javafx.scene.control.ListView<?> list = (javafx.scene.control.ListView<?>) node("#list-chatbots");
        waitFor(20, () -> list.getItems().size() == 2);
        Screenshots.save(robot, stage, "chatbot-10-list");
    }

    /** What a visitor's site does with the bot's secret key: one question, then contact details. */
    private void visitorChats(String botId, String apiKey) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI base = client().baseUri();
        for (String[] call : new String[][] {
                {"/api/v1/bots/" + botId + "/chat", "{\"message\": \"When do you open on Sunday?\"}"},
                {"/api/v1/leads/capture", "{\"bot_id\": \"" + botId + "\", \"email\": \"ada@example.com\", "
                        + "\"name\": \"Ada\"}"}}) {
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(base.resolve(call[0]))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(call[1])).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(call[0] + ": " + r.body()).isBetween(200, 201);
        }
    }

    /**
     * Chats with the draft through the real widget in the preview.
     */
    private void chatInThePreview() throws Exception {
        PreviewPane pane = (PreviewPane) node("#preview-pane");
        assertThat(widgetServed()).as("the server serves /widget.js for the preview").isTrue();
        // Saved changes reload the preview: chat once it has settled, or the reload would cut the answer.
        io.parley.studio.chatbot.ChatbotBuilderViewModel builder =
                (io.parley.studio.chatbot.ChatbotBuilderViewModel) app.shell().getCurrentPage();
        waitFor(20, () -> !builder.previewOutdatedProperty().get() && builder.saveStateProperty().get()
                == io.parley.studio.chatbot.DraftAutoSave.State.SAVED);
        waitFor(20, () -> onFx(() -> pane.webView().getEngine().getLoadWorker().getState())
                == javafx.concurrent.Worker.State.SUCCEEDED);
        WidgetDriver widget = new WidgetDriver(pane.webView().getEngine());
        waitFor(30, () -> widget.ready() && widget.text().contains("When do you open?"));
        assertThat(widget.text()).as("the saved welcome message").contains("Hello! Ask me about the café.");
        reveal(node("#welcome-message"));
        Screenshots.save(robot, stage, "chatbot-5-customize");
        widget.send("When does the café open?");
        try {
            waitFor(90, () -> widget.text().contains("seven"));
        } catch (AssertionError e) {
            Screenshots.save(robot, stage, "chatbot-5b-preview-failed");
            throw new AssertionError("the widget shows: " + widget.text(), e);
        }
        Screenshots.save(robot, stage, "chatbot-5b-preview");
        assertThat(widget.text()).contains("Opening hours");
        assertThat(widget.darkTheme()).as("the preview follows the saved theme").isTrue();
        Path storage = dataDir.resolve("studio").resolve("preview-browser");
        waitFor(20, () -> {
            try (var files = java.nio.file.Files.walk(storage)) {
                return files.anyMatch(java.nio.file.Files::isRegularFile);
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private boolean widgetServed() throws Exception {
        URI base = client().baseUri();
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/widget.js")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    private static boolean menuItemShowing(String text) {
        return Window.getWindows().stream().anyMatch(w -> w.isShowing() && w.getScene() != null
                && w.getScene().getRoot().lookupAll(".menu-item").stream()
                .anyMatch(n -> n.lookupAll(".label").stream().anyMatch(l -> l instanceof Labeled lab
                        && text.equals(lab.getText()))));
    }

    private FxRobotInterface click(String query) {
        Node target = node(query);
        reveal(target);
        return robot.clickOn(target);
    }

    /** Scrolls the step area so {@code target} is on screen, as the builder would with the wheel. */
    private void reveal(Node target) {
        robot.interact(() -> {
            for (Node up = target.getParent(); up != null; up = up.getParent()) {
                if (up instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
                    Node content = scroll.getContent();
                    javafx.geometry.Bounds at = content.sceneToLocal(target.localToScene(target.getBoundsInLocal()));
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

    private Node node(String query) {
        waitFor(20, () -> robot.from(stage.getScene().getRoot()).lookup(query).tryQuery()
                .filter(n -> n.getScene() != null && n.isVisible() && !n.isDisabled()).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.from(stage.getScene().getRoot()).lookup(query).query();
    }

    private String text(String query) {
        return ((Labeled) node(query)).getText();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("still not so after " + seconds + " s", e);
        }
    }
}
