package io.parley.studio.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Node;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatflowApi;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.chatbot.DraftAutoSave;
import io.parley.studio.embedded.EmbeddedServerHandle;
import io.parley.studio.testsupport.ManualScheduler;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow builder's view model against the real embedded server: edits saved after a pause
 * (undo too), the server's problems on the steps, test turns, deploy, files. Background work
 * runs inline, timers by hand.
 */
class FlowBuilderViewModelTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedServerHandle server;
    private static ChatflowApi api;
    private static KnowledgeBaseApi kbApi;
    private static ChatbotApi chatbotApi;

    private final SameThreadTasks tasks = new SameThreadTasks();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Navigation navigation = new Navigation();

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedServerHandle.start(dataDir);
        ParleyApiClient client = new ParleyApiClient(server.baseUri(), server.accessToken());
        api = new ChatflowApi(client);
        kbApi = new KnowledgeBaseApi(client);
        chatbotApi = new ChatbotApi(client);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static final class Navigation implements ChatflowNavigation {
        final List<String> opened = new ArrayList<>();
        int listShown;

        @Override
        public void showChatflows() {
            listShown++;
        }

        @Override
        public void openChatflow(String chatflowId) {
            opened.add(chatflowId);
        }

        @Override
        public void editChatflow(String chatflowId) {
            opened.add("edit:" + chatflowId);
        }
    }

    private FlowBuilderViewModel started() {
        FlowBuilderViewModel builder = new FlowBuilderViewModel(api, kbApi, chatbotApi, tasks, scheduler,
                Clock.systemDefaultZone(), navigation);
        builder.startNew();
        return builder;
    }

    private void settle() {
        scheduler.advance(DraftAutoSave.QUIET);
    }

    private static JsonNode saved(FlowBuilderViewModel builder) {
        return api.draft(builder.draftId()).data();
    }

    private static List<String> savedNodeIds(FlowBuilderViewModel builder) {
        List<String> ids = new ArrayList<>();
        saved(builder).path("nodes").forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    @Test
    void aNewFlowStartsConnectedAndAnswersInTheTestPanel() {
        FlowBuilderViewModel builder = started();
        assertThat(builder.loadingProperty().get()).isFalse();
        assertThat(builder.graph().nodes()).extracting(Node::id).containsExactly("start", "reply");
        assertThat(builder.graph().edges()).extracting(Edge::toNode).containsExactly("reply");
        assertThat(builder.checkSummaryProperty().get()).startsWith("Ready to deploy");

        builder.testRun().send("Hi there");
        assertThat(builder.testRun().lines()).extracting(FlowTestRun.Line::text)
                .containsExactly("Hi there", "Hello! How can I help you?");
        assertThat(builder.testRun().log()).extracting(ChatflowApi.LogEntry::nodeId).containsExactly("start", "reply");
        assertThat(builder.testRun().currentProperty().get()).isEqualTo("reply");
    }

    @Test
    void editsAreSavedAfterAPauseAndAnUndoAfterTheSaveIsSavedToo() {
        FlowBuilderViewModel builder = started();
        builder.nameProperty().set("Greeter");
        builder.website().allowedDomainsProperty().set("example.com, *.example.org");
        builder.add(NodeKind.MESSAGE, 200, 300);
        builder.set("message1", "message", "Welcome!");
        assertThat(savedNodeIds(builder)).doesNotContain("message1");
        settle();
        assertThat(savedNodeIds(builder)).contains("message1");
        assertThat(saved(builder).path("name").asText()).isEqualTo("Greeter");
        assertThat(saved(builder).at("/deployment/channels/0/config/allowed_domains").toString())
                .isEqualTo("[\"example.com\",\"*.example.org\"]");
        assertThat(builder.saveStatusProperty().get()).startsWith("Saved");

        builder.undo(); // the text
        builder.undo(); // the step
        settle();
        assertThat(savedNodeIds(builder)).doesNotContain("message1");
        builder.redo();
        builder.redo();
        settle();
        JsonNode message = saved(builder).path("nodes").get(2);
        assertThat(message.path("data").path("message").asText()).isEqualTo("Welcome!");
        assertThat(message.path("position").path("x").asDouble()).isEqualTo(200);
    }

    @Test
    void aSecondStartIsRefusedWithAReason() {
        FlowBuilderViewModel builder = started();
        builder.add(NodeKind.TRIGGER, 0, 0);
        assertThat(builder.graph().nodes()).hasSize(2);
        assertThat(builder.noticeProperty().get()).contains("one Start step");
    }

    @Test
    void removingABranchTakesItsConnectionAndUndoBringsBothBack() {
        FlowBuilderViewModel builder = started();
        builder.add(NodeKind.CONDITION, 300, 0);
        builder.set("condition1", "branches", List.of(Map.of("id", "adult", "label", "Adult", "when", "vars.age >= 18"),
                Map.of("id", "child", "label", "Child", "when", "vars.age < 18")));
        assertThat(builder.graph().node("condition1").orElseThrow().outputs()).extracting(p -> p.id())
                .containsExactly("adult", "child", "else");
        builder.commands().execute(new io.parley.canvas.command.Connect(
                new Edge("e9", "condition1", "child", "reply", "in")));
        builder.set("condition1", "branches", List.of(Map.of("id", "adult", "label", "Adult", "when", "vars.age >= 18")));
        assertThat(builder.graph().edge("e9")).isEmpty();
        builder.undo();
        assertThat(builder.graph().edge("e9")).isPresent();
        assertThat(builder.graph().node("condition1").orElseThrow().output("child")).isPresent();
    }

    @Test
    void theServersProblemsNameTheStepsTheyAreAbout() {
        FlowBuilderViewModel builder = started();
        builder.add(NodeKind.QUESTION, 300, 200);
        builder.set("question1", "label", "Ask the name");
        settle();
        assertThat(builder.problems()).anyMatch(p -> "question1".equals(p.nodeId()) && p.error()
                && p.text().startsWith("Ask the name: "));
        assertThat(builder.checkSummaryProperty().get()).contains("to fix before deploying");
    }

    @Test
    void deployingRefusedKeepsTheDraftAndSaysWhyThenDeployingWorksOnceFixed() {
        FlowBuilderViewModel builder = started();
        builder.add(NodeKind.QUESTION, 300, 200);
        builder.commands().execute(new io.parley.canvas.command.Connect(
                new Edge("e7", "start", "default", "question1", "in")));
        builder.deploy();
        assertThat(builder.deployedProperty().get()).isNull();
        assertThat(builder.deployingProperty().get()).isFalse();
        assertThat(builder.noticeProperty().get()).startsWith("Not deployed:");
        assertThat(builder.problems()).anyMatch(Problem::error);

        builder.set("question1", "question", "What's your name?");
        builder.set("question1", "variable", "user_name");
        builder.commands().execute(new io.parley.canvas.command.Connect(
                new Edge("e8", "question1", "default", "reply", "in")));
        builder.deploy();
        assertThat(builder.deployedProperty().get()).isNotNull();
        assertThat(builder.deployedProperty().get().channels().get("website").embedCode()).contains("widget.js");
        builder.add(NodeKind.MESSAGE, 0, 400);
        assertThat(builder.graph().node("message1")).as("a deployed draft takes no more steps").isEmpty();
        builder.openDeployed();
        assertThat(navigation.opened).containsExactly(builder.deployedProperty().get().chatflowId());
    }

    @Test
    void aFlowFileGoesOutAndComesBackAsANewDraft() throws Exception {
        FlowBuilderViewModel builder = started();
        builder.nameProperty().set("Round trip");
        builder.add(NodeKind.MESSAGE, 100, 300);
        Path file = dataDir.resolve(builder.exportFileName());
        builder.export(file);
        assertThat(file.getFileName().toString()).isEqualTo("Round-trip.chatflow.json");
        assertThat(Files.readString(file)).contains("\"parley_chatflow\"", "message1");

        FlowBuilderViewModel imported = new FlowBuilderViewModel(api, kbApi, chatbotApi, tasks, scheduler,
                Clock.systemDefaultZone(), navigation);
        imported.importFile(file);
        assertThat(imported.draftId()).isNotEqualTo(builder.draftId());
        assertThat(imported.graph().nodes()).extracting(Node::id).containsExactly("start", "reply", "message1");
        assertThat(imported.nameProperty().get()).isEqualTo("Round trip");
    }

    @Test
    void aFileThatIsNotAFlowIsRefusedInWords() throws Exception {
        Path file = dataDir.resolve("notes.json");
        Files.writeString(file, "this is not JSON");
        FlowBuilderViewModel builder = new FlowBuilderViewModel(api, kbApi, chatbotApi, tasks, scheduler,
                Clock.systemDefaultZone(), navigation);
        builder.importFile(file);
        assertThat(builder.problemProperty().get()).contains("“notes.json” is not a chatflow file");
        Files.writeString(file, "{\"parley_chatflow\": 99, \"flow\": {}}");
        builder.importFile(file);
        assertThat(builder.problemProperty().get()).startsWith("Could not open the chatflow: ").doesNotContain("Exception");
    }
}
