package io.parley.studio;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.view.FlowCanvas;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.ChatflowApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.chatflow.Reference;
import io.parley.studio.chatflow.FlowBuilderViewModel;
import io.parley.studio.testsupport.FakeModelServer;
import io.parley.studio.testsupport.RealDisplay;
import io.parley.studio.testsupport.Screenshots;
import io.parley.studio.testsupport.UiDriver;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.parley.studio.testsupport.UiDriver.centre;
import static io.parley.studio.testsupport.UiDriver.onFx;
import static io.parley.studio.testsupport.UiDriver.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow builder in a real window on the real embedded server: the seed's support flow built
 * by dragging steps from the palette and connecting them, undone and redone, run in the test
 * panel against a local model server, deployed, opened again for edit; and a multi-turn question
 * flow. Screenshots in target/screenshots (flow-*.png).
 */
class FlowBuilderWindowTest {

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private ParleyStudioApp app;
    private UiDriver ui;
    private FakeModelServer model;
    private String kbId;

    @BeforeAll
    static void needsADisplay() {
        RealDisplay.require();
    }

    @BeforeEach
    void openStudio() throws Exception {
        // the classifier of the seed's flow: billing questions are "billing", anything else "other"
        model = FakeModelServer.answering(message -> {
            holdTheModel();
            return message.toLowerCase().contains("bill") ? "{\"intent\": \"billing\"}" : "{\"intent\": \"other\"}";
        });
        stage = FxToolkit.registerPrimaryStage();
        app = (ParleyStudioApp) FxToolkit.setupApplication(
                () -> new ParleyStudioApp(StudioOptions.forDataDir(dataDir)));
        FxToolkit.setupStage(s -> {
            s.setWidth(1600);
            s.setHeight(1000);
        });
        ui = new UiDriver(robot, stage);
        waitFor(60, () -> robot.lookup("#status-message").queryLabeled().getText().startsWith("Server running"));
    }

    @AfterEach
    void closeStudio(org.junit.jupiter.api.TestInfo test) throws Exception {
        shot("flow-last-" + test.getTestMethod().map(m -> m.getName().substring(0, 12)).orElse(""));
        FxToolkit.cleanupApplication(app);
        model.close();
    }

    private ParleyApiClient client() {
        return app.shell().client().orElseThrow();
    }

    private void withBillingKnowledgeAndAModel() throws Exception {
        KnowledgeBaseApi kbs = new KnowledgeBaseApi(client());
        String draft = kbs.createDraft("Billing help", "");
        kbs.addText(draft, "Invoices", "Invoices are sent on the first day of each month. "
                + "Refunds reach your account within five working days.");
        kbId = kbs.finalizeDraft(draft).kbId();
        waitFor(120, () -> "ready".equals(kbs.get(kbId).status()));
        new ChatbotApi(client()).saveDefaultModel(Map.of("provider", Map.of("type", "openai_compatible",
                "base_url", model.baseUrl(), "timeout_seconds", 5, "max_retries", 0), "model", "fake-model"));
    }

    private FlowBuilderViewModel builder() {
        return (FlowBuilderViewModel) app.shell().getCurrentPage();
    }

    private Graph graph() {
        return builder().graph();
    }

    private FlowCanvas canvas() {
        return (FlowCanvas) ui.node("#flow-canvas");
    }

    private void newFlow(String name) {
        ui.click("#nav-chatflows");
        ui.click(ui.present("#create-chatflows") ? "#create-chatflows" : "#header-create-chatflows");
        waitFor(20, () -> ui.present("#flow-builder") && !ui.node("#flow-name").isDisabled());
        waitFor(20, () -> graph().node("start").isPresent());
        ui.click("#flow-name").write(name);
        waitFor(10, () -> ui.text("#save-status").startsWith("Saved"));
    }

    /** Zooms out with the keyboard, as a builder would to make room. */
    private void zoomOut() {
        Bounds area = onFx(() -> canvas().localToScreen(canvas().getBoundsInLocal()));
        robot.clickOn(new Point2D(area.getMinX() + 30, area.getMaxY() - 30));
        robot.type(KeyCode.MINUS, 2);
        waitFor(5, () -> canvas().zoomLevel() < 0.75);
    }

    /** The screen point of content coordinates (x, y), measured from the Start card. */
    private Point2D screenAt(double x, double y) {
        return onFx(() -> {
            Node start = canvas().viewOf("start");
            Bounds b = start.localToScreen(start.getBoundsInLocal());
            double zoom = canvas().zoomLevel();
            return new Point2D(b.getMinX() + (x - 80) * zoom, b.getMinY() + (y - 160) * zoom);
        });
    }

    /** Drags a palette entry onto the canvas so that the new card's corner lands at (x, y); returns its id. */
    private String drop(String type, double x, double y) {
        int before = graph().nodes().size();
        Point2D at = screenAt(x + 95, y + 19); // the card's header centres on the pointer
        robot.drag(centre(ui.node("#palette-" + type)), MouseButton.PRIMARY).moveBy(30, 0).moveTo(at).drop();
        waitFor(10, () -> graph().nodes().size() == before + 1);
        String id = graph().selection().iterator().next();
        assertThat(graph().node(id).orElseThrow()).extracting(n -> n.x(), n -> n.y()).containsExactly(x, y);
        return id;
    }

    private void connect(String from, String exit, String to) {
        int before = graph().edges().size();
        robot.drag(centre(ui.node("#out-" + from + "-" + exit)), MouseButton.PRIMARY)
                .moveTo(centre(ui.node("#in-" + to + "-in"))).drop();
        try {
            waitFor(10, () -> graph().edges().stream().anyMatch(e -> e.fromNode().equals(from)
                    && e.fromPort().equals(exit) && e.toNode().equals(to)));
        } catch (AssertionError e) {
            shot("flow-failed-connect");
            throw new AssertionError("not connected: " + from + "." + exit + " → " + to + "; help: "
                    + canvas().getAccessibleHelp(), e);
        }
        assertThat(graph().edges().size()).isBetween(before, before + 1);
    }

    private void selectStep(String id) {
        Node card = canvas().viewOf(id);
        Bounds b = onFx(() -> card.localToScreen(card.getBoundsInLocal()));
        robot.clickOn(new Point2D(b.getMinX() + 100, b.getMinY() + 12));
        waitFor(10, () -> graph().selection().equals(java.util.Set.of(id)));
    }

    private volatile java.util.concurrent.CountDownLatch modelGate;

    /** Holds the fake model's answer while a test looks at a run in progress. */
    private void holdTheModel() {
        java.util.concurrent.CountDownLatch gate = modelGate;
        try {
            if (gate != null && !gate.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the model was held for too long");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void type(String field, String text) {
        TextInputControl input = (TextInputControl) ui.node(field);
        ui.click(field);
        robot.interact(input::selectAll);
        robot.push(KeyCode.BACK_SPACE);
        robot.write(text);
        waitFor(10, () -> input.getText().equals(text));
    }

    @Test
    void buildsTheSeedsSupportFlowByDragAndDropTestsItAndDeploysIt() throws Exception {
        withBillingKnowledgeAndAModel();
        newFlow("Customer support");
        Screenshots.save(robot, stage, "flow-1-new");

        zoomOut();
        String llm = drop("llm", 80, 400);
        assertThat(llm).isEqualTo("llm1");
        type("#field-label", "Classify intent");
        type("#field-prompt", "Classify user intent: {{input}}");
        ui.click("#field-json-output");
        ui.click("#field-json-schema-add"); // the answer's field, for the next steps to pick
        type("#field-json-schema-0-name", "intent");
        type("#field-json-schema-0-one_of", "billing, warranty, other");
        Screenshots.save(robot, stage, "flow-ai-fields");
        String condition = drop("condition", 380, 400);
        type("#field-branches-0-label", "Billing");
        // the branch's test as a form: what · how · value, no expression typed
        @SuppressWarnings("unchecked")
        ComboBox<Reference> subject = (ComboBox<Reference>) ui.node("#field-branches-0-when-0-subject");
        Reference intent = subject.getItems().stream().filter(r -> r.token().equals("{{llm1.intent}}")).findFirst()
                .orElseThrow(() -> new AssertionError("the AI step's field is offered: " + subject.getItems()));
        assertThat(intent.label()).isEqualTo("Classify intent → intent");
        robot.interact(() -> subject.getSelectionModel().select(intent));
        assertThat(((ComboBox<?>) ui.node("#field-branches-0-when-0-how")).getValue()).hasToString("IS");
        type("#field-branches-0-when-0-value", "billing");
        waitFor(10, () -> ui.present("#out-condition1-yes"));
        waitFor(10, () -> String.valueOf(graph().node(condition).orElseThrow().properties().get("branches"))
                .contains("when={var=llm1.intent, eq=billing, ignore_case=true}"));
        Screenshots.save(robot, stage, "flow-condition");
        String search = drop("knowledge_base", 680, 280);
        ComboBox<?> kb = (ComboBox<?>) ui.node("#field-kb-id");
        waitFor(10, () -> !kb.getItems().isEmpty());
        robot.interact(() -> kb.getSelectionModel().select(0));
        String other = drop("response", 680, 540);
        type("#field-message", "I can help with billing questions: invoices, refunds and payments.");

        connect("start", "default", llm); // replaces the starter's connection to the reply
        assertThat(graph().outgoing("start")).extracting(Edge::toNode).containsExactly(llm);
        connect(llm, "default", condition);
        connect(condition, "yes", search);
        connect(condition, "else", other);
        connect(search, "default", "reply");

        // undo takes the last connection away, redo brings it back
        robot.interact(() -> canvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(graph().outgoing(search)).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(graph().outgoing(search)).extracting(Edge::toNode).containsExactly("reply");

        selectStep("reply");
        type("#field-message", "");
        ui.click("#field-message-insert");
        waitFor(10, () -> UiDriver.menuItemShowing("Search knowledge → response   {{search1.response}}"));
        robot.clickOn("Search knowledge → response   {{search1.response}}");
        waitFor(10, () -> ((TextArea) ui.node("#field-message")).getText().equals("{{search1.response}}"));

        waitFor(15, () -> ui.text("#save-status").startsWith("Saved"));
        waitFor(15, () -> ui.text("#flow-check-summary").startsWith("Ready to deploy"));
        // undo survives auto-save: the saved draft follows
        ui.click("#flow-undo");
        waitFor(10, () -> !((TextArea) ui.node("#field-message")).getText().equals("{{search1.response}}"));
        ui.click("#flow-redo");
        waitFor(10, () -> ((TextArea) ui.node("#field-message")).getText().equals("{{search1.response}}"));
        waitFor(15, () -> ui.text("#save-status").startsWith("Saved"));

        // laid out left to right in one step, with the minimap once the flow has six steps
        double before = graph().node(other).orElseThrow().x();
        ui.click("#flow-arrange");
        robot.clickOn("Tidy up: lay out left to right");
        waitFor(10, () -> graph().node(other).orElseThrow().x() != before);
        assertThat(ui.node("#flow-minimap").isVisible()).isTrue();
        Screenshots.save(robot, stage, "flow-2-built");

        // the chat window's look and greeting, saved with the flow
        ui.click("#panel-look");
        type("#welcome-message", "Hi! Ask me about your bill.");
        waitFor(15, () -> new ChatflowApi(client()).draft(builder().draftId()).data().path("appearance")
                .path("welcome_message").asText().equals("Hi! Ask me about your bill."));
        Screenshots.save(robot, stage, "flow-look");

        // a test run: the billing branch finds the answer in the knowledge base
        ui.click("#panel-test");
        modelGate = new java.util.concurrent.CountDownLatch(1); // a slow model: the running step is lit meanwhile
        ui.click("#test-input").write("I have a question about my bill: when do refunds arrive?");
        ui.click("#test-send");
        waitFor(30, () -> canvas().marked("running").equals(java.util.Set.of(llm)));
        assertThat(canvas().marked("ran")).containsExactly("start");
        Screenshots.save(robot, stage, "flow-3-running");
        modelGate.countDown();
        waitFor(30, () -> chatSays("five working days"));
        ListView<?> log = (ListView<?>) ui.node("#test-log");
        assertThat(log.getItems()).hasSize(5);
        assertThat(canvas().marked("ran")).contains("start", llm, condition, search, "reply");
        assertThat(canvas().marked("running")).containsExactly("reply");
        Screenshots.save(robot, stage, "flow-3-test");
        robot.interact(() -> log.getSelectionModel().select(2));
        waitFor(10, () -> graph().selection().equals(java.util.Set.of(condition)));

        ui.click("#test-input").write("What's the weather like?");
        ui.click("#test-send");
        waitFor(30, () -> chatSays("invoices, refunds and payments"));
        assertThat(canvas().marked("running")).containsExactly(other);

        // deploy, then open the live flow and edit it again
        ui.click("#panel-publish");
        ui.click("#flow-deploy");
        waitFor(30, () -> ((TextArea) ui.node("#flow-embed-code")).getText().contains("widget.js"));
        assertThat(((TextInputControl) ui.node("#flow-api-key")).getText()).isNotBlank();
        Screenshots.save(robot, stage, "flow-4-deployed");

        // a visitor talks to the live flow through its API; its page lists the conversation
        String apiKey = ((TextInputControl) ui.node("#flow-api-key")).getText();
        String flowId = ((TextArea) ui.node("#flow-embed-code")).getText()
                .replaceAll("(?s).*data-bot-id=\"([^\"]+)\".*", "$1");
        java.net.http.HttpResponse<String> chat = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(client().baseUri().resolve("/api/v1/bots/" + flowId + "/chat"))
                        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\": \"Hello there\"}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        ui.click("#flow-open-deployed");
        waitFor(20, () -> ui.present("#chatflow-page") && ui.text("#chatflow-title").equals("Customer support"));
        assertThat(ui.text("#chatflow-facts")).contains("Live", "6 steps");
        ListView<?> conversations = (ListView<?>) ui.node("#bot-conversations");
        waitFor(20, () -> conversations.getItems().size() == 1);
        robot.interact(() -> conversations.getSelectionModel().select(0));
        ListView<?> transcript = (ListView<?>) ui.node("#bot-transcript");
        waitFor(20, () -> transcript.getItems().size() == 2);
        assertThat(transcript.getItems().get(1).toString()).contains("I can help with billing questions");
        assertThat(ui.text("#bot-leads-empty")).contains("(Look)");
        Screenshots.save(robot, stage, "flow-5-page");
        // Delete asks once more; keeping it leaves the flow live
        javafx.scene.Node confirmation = ui.node("#chatflow-delete-confirm").getParent();
        assertThat(confirmation.isVisible()).isFalse();
        ui.click("#chatflow-delete");
        waitFor(10, confirmation::isVisible);
        robot.clickOn("Keep it");
        waitFor(10, () -> !confirmation.isVisible());
        ui.click("#chatflow-edit");
        waitFor(20, () -> ui.present("#flow-builder") && graph().node(search).isPresent());
        assertThat(ui.text("#flow-editing")).contains("keeps answering");
        assertThat(graph().outgoing(condition)).extracting(Edge::fromPort).containsExactlyInAnyOrder("yes", "else");
    }

    @Test
    void aQuestionFlowAsksAgainUntilTheAnswerFitsAndKeepsItInAVariable() throws Exception {
        newFlow("Sign up");
        zoomOut();
        String name = drop("question", 80, 400);
        type("#field-question", "What's your name?");
        type("#field-variable .text-field", "user_name");
        String age = drop("question", 380, 400);
        type("#field-question", "How old are you?");
        ComboBox<?> kind = (ComboBox<?>) ui.node("#field-input-type");
        robot.interact(() -> kind.getSelectionModel().select(2)); // a number
        type("#field-variable .text-field", "age");
        type("#field-validation-error-message", "Please give your age as a number.");
        // a message step with a greeting and a picture after it
        String hello = drop("message", 240, 580);
        type("#field-message", "Nice to meet you, {{vars.user_name}}!");
        ui.click("#field-messages-add");
        ComboBox<?> messageKind = (ComboBox<?>) ui.node("#field-messages-0-kind");
        robot.interact(() -> messageKind.getSelectionModel().select(1)); // a picture
        type("#field-messages-0-url", "https://example.com/wave.gif");
        type("#field-messages-0-alt", "A waving robot");
        Screenshots.save(robot, stage, "flow-message");
        connect("start", "default", name);
        connect(name, "default", hello);
        connect(hello, "default", age);
        connect(age, "default", "reply");
        selectStep("reply");
        type("#field-message", "Thanks, {{vars.user_name}}! You are {{vars.age}}.");
        waitFor(15, () -> ui.text("#flow-check-summary").startsWith("Ready to deploy"));

        ui.click("#panel-test");
        send("Hi");
        waitFor(30, () -> chatSays("What's your name?"));
        assertThat(canvas().marked("running")).containsExactly(name);
        send("Ann");
        waitFor(30, () -> chatSays("How old are you?"));
        assertThat(chatSays("Nice to meet you, Ann!")).isTrue();
        assertThat(chatSays("Picture: A waving robot (https://example.com/wave.gif)")).isTrue();
        send("not telling");
        waitFor(30, () -> chatSays("Please give your age as a number."));
        send("34");
        waitFor(30, () -> chatSays("Thanks, Ann! You are 34."));
        ListView<?> vars = (ListView<?>) ui.node("#test-variables");
        assertThat(vars.getItems()).extracting(Object::toString).anyMatch(v -> v.contains("user_name") && v.contains("Ann"));
        Screenshots.save(robot, stage, "flow-6-questions");

        // the flow as a file, and back as a new draft
        Path file = dataDir.resolve("sign-up.chatflow.json");
        robot.interact(() -> builder().export(file));
        waitFor(20, () -> Files.exists(file) && ui.text("#flow-notice").startsWith("Saved as"));
        assertThat(Files.readString(file)).contains("\"parley_chatflow\"", "What's your name?");
        ui.click("#flow-close");
        waitFor(20, () -> ui.present("#section-chatflows"));
        robot.interact(() -> app.shell().chatflows().orElseThrow().importFile(file));
        waitFor(20, () -> ui.present("#flow-builder") && graph().node(age).isPresent());
        assertThat(graph().edges()).hasSize(4);
        assertThat(graph().node(hello).orElseThrow().properties().get("messages")).asString()
                .contains("type=image", "url=https://example.com/wave.gif", "alt=A waving robot");
    }

    private void shot(String name) {
        try {
            Screenshots.save(robot, stage, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String message) {
        ui.click("#test-input").write(message);
        robot.push(KeyCode.ENTER);
    }

    private boolean chatSays(String text) {
        return onFx(() -> robot.lookup(".test-flow").queryAll().stream()
                .anyMatch(n -> ((Labeled) n).getText().contains(text)));
    }
}
