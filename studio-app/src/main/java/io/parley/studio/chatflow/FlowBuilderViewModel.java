package io.parley.studio.chatflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parley.canvas.command.AddNode;
import io.parley.canvas.command.ChangeNode;
import io.parley.canvas.command.Command;
import io.parley.canvas.command.CommandStack;
import io.parley.canvas.command.Compound;
import io.parley.canvas.command.Disconnect;
import io.parley.canvas.command.MoveNodes;
import io.parley.canvas.layout.LayeredLayout;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.GraphEvent;
import io.parley.canvas.model.Node;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.Draft;
import io.parley.studio.api.ChatflowApi;
import io.parley.studio.api.ChatflowApi.Deployed;
import io.parley.studio.api.ChatflowApi.Issue;
import io.parley.studio.api.ChatflowApi.Validation;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.chatbot.DraftAutoSave;
import io.parley.studio.chatbot.Problems;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.page.Page;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The flow builder: one chatflow draft drawn on the canvas and edited through commands (so every
 * edit can be undone, also after it was saved), saved a moment after each edit, checked after
 * each save (problems on the steps and in a list), test-run in a chat, deployed, and written to
 * or read from a flow file.
 */
public final class FlowBuilderViewModel implements Page {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ChatflowApi api;
    private final KnowledgeBaseApi knowledgeBases;
    private final ChatbotApi credentialsApi;
    private final BackgroundTasks tasks;
    private final ChatflowNavigation navigation;
    private final Graph graph = new Graph();
    private final CommandStack stack = new CommandStack(graph);
    private final DraftAutoSave autoSave;
    /** The chat window's look, greeting, extras and contact form: the chatbot builder's settings. */
    private final io.parley.studio.chatbot.CustomizeStepViewModel look;
    private final FlowTestRun testRun;
    private final StringProperty name = new SimpleStringProperty("");
    private final io.parley.studio.chatbot.WebsiteChannel website = new io.parley.studio.chatbot.WebsiteChannel();
    private final ReadOnlyObjectWrapper<Node> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper checkSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper editing = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper editsLive = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Deployed> deployed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper deploying = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper historyRevision = new ReadOnlyIntegerWrapper(0);
    private final ObservableList<Named> knowledgeBaseChoices = FXCollections.observableArrayList();
    private final ObservableList<Named> credentialChoices = FXCollections.observableArrayList();
    private final ObservableList<Named> flowChoices = FXCollections.observableArrayList();
    private Map<String, Object> declaredVariables = Map.of();
    private String draftId;
    private boolean applyingDocument;

    public FlowBuilderViewModel(ChatflowApi api, KnowledgeBaseApi knowledgeBases, ChatbotApi credentialsApi,
                                BackgroundTasks tasks, Scheduler scheduler, Clock clock, ChatflowNavigation navigation) {
        this.api = Objects.requireNonNull(api, "api");
        this.knowledgeBases = Objects.requireNonNull(knowledgeBases, "knowledgeBases");
        this.credentialsApi = Objects.requireNonNull(credentialsApi, "credentialsApi");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.navigation = Objects.requireNonNull(navigation, "navigation");
        this.autoSave = new DraftAutoSave(api::updateDraft, tasks, scheduler, clock);
        this.testRun = new FlowTestRun(api, tasks, () -> draftId, then -> saveThen(then));
        this.look = new io.parley.studio.chatbot.CustomizeStepViewModel(autoSave);
        autoSave.onSaved(fields -> {
            stack.markSaved(); // typing after a save is a new undo step, not part of the saved one
            problem.set("");
            check();
        });
        graph.listen(this::graphChanged);
        stack.onChange(() -> historyRevision.set(historyRevision.get() + 1));
        name.addListener((obs, was, is) -> {
            if (!applyingDocument) {
                autoSave.change(Map.of("name", is.strip()));
            }
        });
        website.observables().forEach(o -> o.addListener(changed -> {
            if (!applyingDocument) {
                autoSave.change(website.fragment());
            }
        }));
    }

    // ---- opening

    public void startNew() {
        open(() -> api.draft(api.createDraft(starter())));
    }

    public void resume(String id) {
        open(() -> api.draft(id));
    }

    /** A draft of a live flow: deploying it replaces the live version. */
    public void editDeployed(String chatflowId) {
        open(() -> api.draft(api.edit(chatflowId)));
    }

    /** A new draft from a flow file; what it refers to that this workspace lacks shows as problems. */
    public void importFile(Path file) {
        open(() -> {
            JsonNode content;
            try {
                content = JSON.readTree(Files.readString(file));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("“" + file.getFileName() + "” is not a chatflow file: "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
            return api.draft(api.importFile(content).draftId());
        });
    }

    /** A new flow starts with its first step and a reply, connected, so a test answers at once. */
    private static Map<String, Object> starter() {
        return Map.of("name", "", "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "position", Map.of("x", 80, "y", 160),
                                "data", NodeKind.TRIGGER.defaults()),
                        Map.of("id", "reply", "type", "response", "position", Map.of("x", 400, "y", 160),
                                "data", Map.of("message", "Hello! How can I help you?"))),
                "edges", List.of(Map.of("id", "e1", "source", "start", "target", "reply")));
    }

    private void open(Callable<Draft> fetch) {
        loading.set(true);
        tasks.run(fetch, this::loaded, failure -> {
            loading.set(false);
            problem.set("Could not open the chatflow: " + Problems.describe(failure));
        });
        tasks.run(knowledgeBases::list, list -> knowledgeBaseChoices.setAll(list.stream()
                .map(kb -> new Named(kb.id(), kb.name())).toList()), failure -> { });
        tasks.run(credentialsApi::credentials, list -> credentialChoices.setAll(list.stream()
                .map(c -> new Named(c.id(), c.name())).toList()), failure -> { });
        tasks.run(api::list, list -> flowChoices.setAll(list.stream()
                .map(f -> new Named(f.id(), f.name())).toList()), failure -> { });
    }

    private void loaded(Draft draft) {
        draftId = draft.id();
        JsonNode data = draft.data();
        applyingDocument = true;
        try {
            name.set(data.path("name").asText(""));
            website.fill(data);
            look.load(data);
            declaredVariables = data.path("variables").isObject() ? JSON.convertValue(data.get("variables"), MAP)
                    : Map.of();
            Graph read = FlowGraphs.read(data);
            read.nodes().forEach(graph::addNode);
            read.edges().forEach(graph::addEdge);
            if (needsLayout(read)) {
                LayeredLayout layout = new LayeredLayout(280, 150);
                layout.positions(graph).forEach((id, p) -> graph.node(id)
                        .ifPresent(n -> graph.replaceNode(n.at(p[0], p[1]))));
            }
        } finally {
            applyingDocument = false;
        }
        if (data.hasNonNull("chatflow_id")) {
            editsLive.set(true);
            editing.set("Changing the live chatflow: it keeps answering as it is until you deploy these changes.");
        }
        autoSave.attach(draftId);
        loading.set(false);
        check();
    }

    /** A generated or imported flow whose steps all sit on one spot is laid out left to right. */
    private static boolean needsLayout(Graph g) {
        return g.nodes().size() > 1 && g.nodes().stream().map(n -> n.x() + "," + n.y()).distinct().count() == 1;
    }

    // ---- editing

    private void graphChanged(GraphEvent event) {
        if (event instanceof GraphEvent.SelectionChanged s) {
            selected.set(s.selected().size() == 1 ? graph.node(s.selected().iterator().next()).orElse(null) : null);
            return;
        }
        if (event instanceof GraphEvent.NodeChanged c && selected.get() != null
                && selected.get().id().equals(c.after().id())) {
            selected.set(c.after());
        }
        if (event instanceof GraphEvent.NodeRemoved r && selected.get() != null
                && selected.get().id().equals(r.node().id())) {
            selected.set(null);
        }
        if (!applyingDocument) {
            autoSave.changeLater(() -> Map.of("nodes", FlowGraphs.nodes(graph), "edges", FlowGraphs.edges(graph)));
        }
    }

    /** Adds a step of {@code kind} at (x, y) and selects it; a second start is refused. */
    public void add(NodeKind kind, double x, double y) {
        if (deployed.get() != null) {
            return;
        }
        if (kind == NodeKind.TRIGGER && graph.nodes().stream().anyMatch(n -> n.kind().equals("trigger"))) {
            notice.set("A flow has one Start step: every conversation begins there.");
            return;
        }
        // several added in the same spot (clicks in the palette) fan out instead of hiding each other
        while (occupied(x, y)) {
            x += 40;
            y += 40;
        }
        Node node = FlowGraphs.node(graph.freshId(kind.idPrefix()), kind.type(), x, y, kind.defaults());
        stack.execute(new AddNode(node));
        graph.select(List.of(node.id()));
        notice.set("");
    }

    private boolean occupied(double x, double y) {
        return graph.nodes().stream().anyMatch(n -> Math.abs(n.x() - x) < 1 && Math.abs(n.y() - y) < 1);
    }

    /** Changes one setting of a step; exits that its new settings no longer have lose their connections. */
    public void set(String nodeId, String path, Object value) {
        graph.node(nodeId).ifPresent(before -> {
            Map<String, Object> data = Data.with(before.properties(), path, value);
            if (data.equals(before.properties())) {
                return;
            }
            Node after = FlowGraphs.withData(before, data);
            List<Command> dropped = new ArrayList<>();
            for (Edge e : graph.outgoing(nodeId)) {
                if (after.output(e.fromPort()).isEmpty()) {
                    dropped.add(new Disconnect(e));
                }
            }
            if (dropped.isEmpty()) {
                stack.execute(new ChangeNode(before, after));
            } else {
                List<Command> all = new ArrayList<>(dropped);
                all.add(new ChangeNode(before, after));
                stack.execute(new Compound("Edit " + after.label(), all));
            }
        });
    }

    /** The value of one setting of the selected step, or null. */
    public Object setting(String nodeId, String path) {
        return graph.node(nodeId).map(n -> Data.get(n.properties(), path)).orElse(null);
    }

    public void undo() {
        stack.undo();
    }

    public void redo() {
        stack.redo();
    }

    /** Lays every step out left to right, as one step to undo. */
    public void tidyUp() {
        Map<String, double[]> targets = new LinkedHashMap<>(new LayeredLayout(280, 150).positions(graph));
        if (!targets.isEmpty()) {
            stack.execute(MoveNodes.to(graph, "Tidy up", targets));
        }
    }

    /** Selects a step (from the problems list or the test log). */
    public void select(String nodeId) {
        if (nodeId != null && graph.node(nodeId).isPresent()) {
            graph.select(List.of(nodeId));
        }
    }

    public List<Reference> references() {
        return FlowReferences.of(graph, declaredVariables);
    }

    public List<String> variableNames() {
        return List.copyOf(FlowReferences.variables(graph, declaredVariables));
    }

    // ---- checking

    /** Saves pending edits, then runs {@code then}; a failed save is reported and {@code then} skipped. */
    private void saveThen(Runnable then) {
        saveThen(then, () -> { });
    }

    private void saveThen(Runnable then, Runnable failed) {
        autoSave.saveNow(then, failure -> {
            problem.set("Could not save the flow: " + failure);
            failed.run();
        });
    }

    /** Checks the saved flow; problems show on the steps and in the list. */
    public void check() {
        if (draftId == null) {
            return;
        }
        String id = draftId;
        tasks.run(() -> api.validate(id), this::checked, failure ->
                checkSummary.set("Could not check the flow: " + Problems.describe(failure)));
    }

    /** Check now, saving first (the Validate button). */
    public void validate() {
        saveThen(this::check);
    }

    private void checked(Validation result) {
        List<Problem> found = new ArrayList<>();
        result.errors().forEach(i -> found.add(problem(i, true)));
        result.warnings().forEach(i -> found.add(problem(i, false)));
        problems.setAll(found);
        checkSummary.set(result.valid() && result.warnings().isEmpty() ? "Ready to deploy: no problems found."
                : result.valid() ? "Ready to deploy, with " + count(result.warnings().size(), "suggestion")
                : count(result.errors().size(), "problem") + " to fix before deploying"
                + (result.warnings().isEmpty() ? "." : ", and " + count(result.warnings().size(), "suggestion") + "."));
    }

    private Problem problem(Issue issue, boolean error) {
        String where = issue.nodeId() == null ? "" : graph.node(issue.nodeId())
                .map(n -> n.label().isEmpty() ? NodeKind.of(n.kind()).map(NodeKind::title).orElse(n.kind()) + " (" + n.id() + ")"
                        : n.label())
                .orElse(issue.nodeId());
        return new Problem(issue.nodeId(), where, issue.message(), error);
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    // ---- deploying and files

    public void deploy() {
        if (deploying.get() || draftId == null) {
            return;
        }
        deploying.set(true);
        notice.set("");
        saveThen(() -> {
            String id = draftId;
            tasks.run(() -> api.deploy(id), result -> {
                deploying.set(false);
                autoSave.stop();
                deployed.set(result);
                editing.set("This version is live. To change it again, open the chatflow and choose Edit.");
            }, failure -> {
                deploying.set(false);
                check();
                notice.set("Not deployed: " + Problems.describe(failure));
            });
        }, () -> deploying.set(false));
    }

    /** Writes the flow, as saved, to {@code file}. */
    public void export(Path file) {
        saveThen(() -> {
            String id = draftId;
            tasks.run(() -> {
                JsonNode content = api.exportDraft(id);
                Files.writeString(file, JSON.writeValueAsString(content));
                return file;
            }, written -> notice.set("Saved as " + written.getFileName() + "."),
                    failure -> notice.set("Could not export: " + Problems.describe(failure)));
        });
    }

    /** A file name for the export: the flow's name, made safe. */
    public String exportFileName() {
        String base = name.get().replaceAll("[^A-Za-z0-9 _-]", "").strip().replace(' ', '-');
        return (base.isEmpty() ? "chatflow" : base) + ".chatflow.json";
    }

    public void openDeployed() {
        Deployed result = deployed.get();
        if (result != null) {
            navigation.openChatflow(result.chatflowId());
        }
    }

    /** Back to the list, once what is not saved yet is saved. */
    public void close() {
        autoSave.saveNow(navigation::showChatflows, failure -> navigation.showChatflows());
    }

    /** Throws the draft away (a live flow it was editing stays as it is). */
    public void discard() {
        String abandoned = draftId;
        autoSave.stop();
        draftId = null;
        if (abandoned != null && deployed.get() == null) {
            tasks.run(() -> {
                api.deleteDraft(abandoned);
                return null;
            }, done -> navigation.showChatflows(), failure -> navigation.showChatflows());
        } else {
            navigation.showChatflows();
        }
    }

    @Override
    public void leave() {
        autoSave.saveNow(() -> { }, failure -> { });
    }

    // ---- state for the view

    public String draftId() {
        return draftId;
    }

    public Graph graph() {
        return graph;
    }

    public CommandStack commands() {
        return stack;
    }

    public io.parley.studio.chatbot.CustomizeStepViewModel look() {
        return look;
    }

    public FlowTestRun testRun() {
        return testRun;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Where the deployed flow may appear on the web. */
    public io.parley.studio.chatbot.WebsiteChannel website() {
        return website;
    }

    /** The one selected step, or null. */
    public ReadOnlyObjectProperty<Node> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

    /** One sentence about the last check ("2 problems to fix before deploying"). */
    public ReadOnlyStringProperty checkSummaryProperty() {
        return checkSummary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the flow could not be opened or saved. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** A passing message: an export written, a deploy refused, a second start refused. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** Whether this draft changes a live flow (deploying replaces it). */
    public ReadOnlyBooleanProperty editsLiveProperty() {
        return editsLive.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveStatusProperty() {
        return autoSave.statusProperty();
    }

    public ReadOnlyObjectProperty<DraftAutoSave.State> saveStateProperty() {
        return autoSave.stateProperty();
    }

    public ReadOnlyObjectProperty<Deployed> deployedProperty() {
        return deployed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty deployingProperty() {
        return deploying.getReadOnlyProperty();
    }

    /** Goes up after every edit, undo and redo: the undo and redo buttons re-read their state. */
    public ReadOnlyIntegerProperty historyRevisionProperty() {
        return historyRevision.getReadOnlyProperty();
    }

    public ObservableList<Named> knowledgeBaseChoices() {
        return knowledgeBaseChoices;
    }

    public ObservableList<Named> credentialChoices() {
        return credentialChoices;
    }

    public ObservableList<Named> flowChoices() {
        return flowChoices;
    }
}
