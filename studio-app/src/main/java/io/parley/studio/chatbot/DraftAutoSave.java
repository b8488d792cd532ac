package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Debouncer;
import io.parley.studio.concurrent.Scheduler;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Saves the builder's edits to the draft once they stop for a moment: only the fields that
 * changed, merged into one PATCH. One save at a time; what changes meanwhile goes in the next.
 * A failed save keeps its changes for the next attempt and says why. Chatbot and chatflow drafts
 * both save this way.
 */
public final class DraftAutoSave {

    /** Sends one merged change to a draft; blocks (runs off the UI thread). */
    @FunctionalInterface
    public interface Saver {
        void save(String draftId, Map<String, Object> changes) throws Exception;
    }

    public enum State { IDLE, PENDING, SAVING, SAVED, FAILED }

    public static final Duration QUIET = Duration.ofMillis(700);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Saver saver;
    private final BackgroundTasks tasks;
    private final Clock clock;
    private final Debouncer debouncer;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final List<Waiter> waiting = new ArrayList<>();
    private Map<String, Object> pending = new LinkedHashMap<>();
    private java.util.function.Supplier<? extends Map<String, ?>> later;
    private Consumer<Set<String>> onSaved = keys -> { };
    private String draftId;
    private boolean inFlight;
    private boolean stopped;

    DraftAutoSave(ChatbotApi api, BackgroundTasks tasks, Scheduler scheduler, Clock clock) {
        this((id, changes) -> api.updateDraft(id, changes), tasks, scheduler, clock);
    }

    public DraftAutoSave(Saver saver, BackgroundTasks tasks, Scheduler scheduler, Clock clock) {
        this.saver = Objects.requireNonNull(saver, "saver");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.debouncer = new Debouncer(scheduler, QUIET, this::save);
    }

    /** The draft to save to; changes made before it existed are saved now. */
    public void attach(String id) {
        this.draftId = id;
        if (!pending.isEmpty() || later != null) {
            debouncer.poke();
        }
    }

    /** Called after each successful save with the top-level fields it saved. */
    public void onSaved(Consumer<Set<String>> listener) {
        this.onSaved = Objects.requireNonNull(listener, "listener");
    }

    /** A piece of the draft changed; saved once edits pause for {@link #QUIET}. */
    public void change(Map<String, ?> fragment) {
        if (stopped) {
            return;
        }
        Fragments.merge(pending, fragment);
        state.set(State.PENDING);
        debouncer.poke();
    }

    /**
     * Something large changed (a whole flow): {@code fragment} is computed when the save starts,
     * not at every edit, so a drag of many steps serialises the flow once.
     */
    public void changeLater(java.util.function.Supplier<? extends Map<String, ?>> fragment) {
        if (stopped) {
            return;
        }
        later = Objects.requireNonNull(fragment, "fragment");
        state.set(State.PENDING);
        debouncer.poke();
    }

    private void takeLater() {
        if (later != null) {
            Fragments.merge(pending, later.get());
            later = null;
        }
    }

    /** Saves what is pending at once, then runs {@code then}; {@code failed} hears why it could not. */
    public void saveNow(Runnable then, Consumer<String> failed) {
        debouncer.cancel();
        takeLater();
        if ((pending.isEmpty() && !inFlight) || stopped || draftId == null) {
            then.run(); // nothing to save, or nowhere to save it
            return;
        }
        waiting.add(new Waiter(then, failed));
        save();
    }

    private record Waiter(Runnable then, Consumer<String> failed) {
    }

    /** No more saves: the draft was deployed or abandoned. */
    public void stop() {
        stopped = true;
        debouncer.cancel();
        pending.clear();
        later = null;
        waiting.clear();
    }

    public boolean hasUnsavedChanges() {
        return inFlight || !pending.isEmpty() || later != null;
    }

    private void save() {
        if (!inFlight) {
            takeLater();
        }
        if (stopped || draftId == null || inFlight || pending.isEmpty()) {
            return;
        }
        Map<String, Object> sending = pending;
        pending = new LinkedHashMap<>();
        inFlight = true;
        state.set(State.SAVING);
        status.set("Saving…");
        String id = draftId;
        tasks.run(() -> {
            saver.save(id, sending);
            return sending;
        }, saved -> {
            inFlight = false;
            if (stopped) {
                return;
            }
            state.set(State.SAVED);
            status.set("Saved " + LocalTime.now(clock).format(TIME));
            onSaved.accept(sending.keySet());
            if (!pending.isEmpty() || later != null) {
                state.set(State.PENDING);
                save();
            } else {
                List<Waiter> then = List.copyOf(waiting);
                waiting.clear();
                then.forEach(w -> w.then().run());
            }
        }, failure -> {
            inFlight = false;
            // Newer edits win over what failed to go out; both are tried again with the next change.
            Map<String, Object> retry = new LinkedHashMap<>(sending);
            Fragments.merge(retry, pending);
            pending = retry;
            state.set(State.FAILED);
            status.set("Couldn't save: " + Problems.describe(failure));
            List<Waiter> then = List.copyOf(waiting);
            waiting.clear();
            then.forEach(w -> w.failed().accept(Problems.describe(failure)));
        });
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }
}
