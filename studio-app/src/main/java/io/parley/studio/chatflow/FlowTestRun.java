package io.parley.studio.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.ChatflowApi;
import io.parley.studio.api.ChatflowApi.Choice;
import io.parley.studio.api.ChatflowApi.LogEntry;
import io.parley.studio.api.ChatflowApi.TestTurn;
import io.parley.studio.chatbot.Problems;
import io.parley.studio.concurrent.BackgroundTasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The "Test flow" panel: a conversation with the draft as it is saved, the execution log of
 * every turn (time, output, branch per step), the conversation's variables, and which step ran
 * last or waits for an answer. Each turn saves pending edits first, so what runs is what is drawn.
 */
public final class FlowTestRun {

    /** A line of the test conversation. */
    public record Line(Who who, String text, List<Choice> choices) {
        public enum Who { VISITOR, FLOW, NOTICE }
    }

    /** A variable of the conversation and its value, as text. */
    public record Value(String name, String value) {
    }

    private final ChatflowApi api;
    private final BackgroundTasks tasks;
    private final Supplier<String> draftId;
    private final Consumer<Runnable> saveFirst;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ObservableList<LogEntry> log = FXCollections.observableArrayList();
    private final ObservableList<Value> values = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<String> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Set<String>> ran = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyObjectWrapper<List<Choice>> choices = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private String sessionId;

    FlowTestRun(ChatflowApi api, BackgroundTasks tasks, Supplier<String> draftId, Consumer<Runnable> saveFirst) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.draftId = Objects.requireNonNull(draftId, "draftId");
        this.saveFirst = Objects.requireNonNull(saveFirst, "saveFirst");
    }

    /** Sends {@code message} as the visitor; ignored while a turn runs or when blank. */
    public void send(String message) {
        if (busy.get() || message == null || message.isBlank() || draftId.get() == null) {
            return;
        }
        busy.set(true);
        choices.set(List.of());
        lines.add(new Line(Line.Who.VISITOR, message.strip(), List.of()));
        ran.set(Set.of());
        current.set(null);
        saveFirst.accept(() -> tasks.run(() -> api.execute(draftId.get(), message.strip(), sessionId,
                        step -> tasks.report(() -> stepStarted(step))), this::answered,
                failure -> {
                    busy.set(false);
                    current.set(null);
                    lines.add(new Line(Line.Who.NOTICE, "The test could not run: " + Problems.describe(failure),
                            List.of()));
                }));
    }

    /** A node started in the running turn: it is the one lit, the ones before it have run. */
    private void stepStarted(String nodeId) {
        if (!busy.get()) {
            return; // the answer came first
        }
        String before = current.get();
        if (before != null) {
            Set<String> done = new java.util.HashSet<>(ran.get());
            done.add(before);
            ran.set(Set.copyOf(done));
        }
        current.set(nodeId);
    }

    /** A choice button of the last question: sends its value. */
    public void choose(Choice choice) {
        send(choice.value() == null || choice.value().isBlank() ? choice.label() : choice.value());
    }

    /** Forgets the conversation: the next message starts at the beginning. */
    public void restart() {
        if (busy.get()) {
            return;
        }
        sessionId = null;
        lines.clear();
        log.clear();
        values.clear();
        choices.set(List.of());
        current.set(null);
        ran.set(Set.of());
    }

    private void answered(TestTurn turn) {
        busy.set(false);
        sessionId = turn.sessionId();
        List<Choice> buttons = new ArrayList<>();
        for (JsonNode m : turn.messages()) {
            String text = m.path("text").asText(m.path("content").asText(""));
            if ("image".equals(m.path("type").asText())) {
                String alt = m.path("alt").asText("");
                text = "Picture: " + (alt.isBlank() ? m.path("url").asText("") : alt + " (" + m.path("url").asText("") + ")");
            }
            m.path("buttons").forEach(b -> buttons.add(new Choice(b.path("label").asText(""), b.path("value").asText(""))));
            if (!text.isBlank()) {
                lines.add(new Line(Line.Who.FLOW, text, List.of()));
            }
        }
        if (turn.messages().isEmpty() && turn.response() != null && !turn.response().isBlank()) {
            lines.add(new Line(Line.Who.FLOW, turn.response(), List.of()));
        }
        if (turn.input() != null && turn.input().choices() != null && !turn.input().choices().isEmpty()) {
            choices.set(List.copyOf(turn.input().choices()));
        } else if (!buttons.isEmpty()) {
            choices.set(List.copyOf(buttons)); // a message's buttons: a click sends their words, as in the widget
        }
        if ("failed".equals(turn.status()) && turn.error() != null) {
            lines.add(new Line(Line.Who.NOTICE, "A step failed: " + turn.error(), List.of()));
        } else if ("ended".equals(turn.status())) {
            lines.add(new Line(Line.Who.NOTICE, "The flow ended without a reply. Add a “Reply and finish” step.",
                    List.of()));
        }
        log.setAll(turn.executionLog());
        List<String> steps = turn.executionLog().stream().map(LogEntry::nodeId).filter(Objects::nonNull).toList();
        ran.set(Set.copyOf(steps));
        String waiting = turn.state() == null ? null : turn.state().path("waiting_on").asText(null);
        current.set(waiting != null ? waiting : steps.isEmpty() ? null : steps.get(steps.size() - 1));
        values.setAll(variables(turn.state()));
    }

    private static List<Value> variables(JsonNode state) {
        List<Value> out = new ArrayList<>();
        if (state == null) {
            return out;
        }
        for (String scope : List.of("vars", "user")) {
            Iterator<Map.Entry<String, JsonNode>> fields = state.path(scope).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode v = f.getValue();
                out.add(new Value((scope.equals("vars") ? "" : "user.") + f.getKey(),
                        v.isTextual() ? v.asText() : v.isNull() ? "(empty)" : v.toString()));
            }
        }
        return out;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    public ObservableList<LogEntry> log() {
        return log;
    }

    public ObservableList<Value> values() {
        return values;
    }

    /** The step the conversation waits on, else the last one that ran. */
    public ReadOnlyObjectProperty<String> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Every step the last turn ran. */
    public ReadOnlyObjectProperty<Set<String>> ranProperty() {
        return ran.getReadOnlyProperty();
    }

    /** The buttons of the question the flow waits on (empty for a typed answer). */
    public ReadOnlyObjectProperty<List<Choice>> choicesProperty() {
        return choices.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
