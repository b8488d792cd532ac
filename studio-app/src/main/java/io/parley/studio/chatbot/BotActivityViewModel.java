package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.Conversation;
import io.parley.studio.api.ChatbotApi.Lead;
import io.parley.studio.api.ChatbotApi.Message;
import io.parley.studio.api.ChatbotApi.Transcript;
import io.parley.studio.concurrent.BackgroundTasks;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What visitors did with a deployed chatbot or chatflow: its latest conversations (open one to
 * read it, with the ratings visitors gave and any error), and the contact details they left.
 */
public final class BotActivityViewModel {

    /**
     * Where the activity is read: {@code noun} names the bot in messages, {@code formPlace} is
     * the part of its builder where the contact form is turned on; {@code leads} is null for bots
     * that collect none.
     */
    public record Source(String noun, String formPlace, java.util.concurrent.Callable<List<Conversation>> conversations,
                         java.util.function.Function<String, Transcript> transcript,
                         java.util.concurrent.Callable<List<Lead>> leads) {

        public static Source chatbot(ChatbotApi api, String chatbotId) {
            return new Source("chatbot", "Customize", () -> api.conversations(chatbotId), api::transcript,
                    () -> api.leads(chatbotId));
        }
    }

    /** A conversation in the list: when, where, how long. */
    public record ConversationRow(String id, String title, String detail) {
    }

    /** A line of an opened conversation. {@code note} is a rating, the sources cited, or what went wrong. */
    public record Line(boolean visitor, String text, String note) {
    }

    /** A lead as the table shows it. */
    public record LeadRow(String when, String email, String name, String phone) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);

    private final Source source;
    private final BackgroundTasks tasks;
    private final ZoneId zone;
    private final ObservableList<ConversationRow> conversations = FXCollections.observableArrayList();
    private final ObservableList<Line> transcript = FXCollections.observableArrayList();
    private final ObservableList<LeadRow> leads = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper conversationsNote = new ReadOnlyStringWrapper("Loading conversations…");
    private final ReadOnlyStringWrapper leadsNote = new ReadOnlyStringWrapper("Loading…");
    private final ReadOnlyStringWrapper transcriptTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    public BotActivityViewModel(ChatbotApi api, BackgroundTasks tasks, String chatbotId, ZoneId zone) {
        this(Source.chatbot(api, chatbotId), tasks, zone);
    }

    public BotActivityViewModel(Source source, BackgroundTasks tasks, ZoneId zone) {
        this.source = Objects.requireNonNull(source, "source");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Loads (or reloads) the conversations and the leads. */
    public void load() {
        problem.set("");
        tasks.run(source.conversations(), this::showConversations, this::failed);
        if (collectsLeads()) {
            tasks.run(source.leads(), this::showLeads, this::failed);
        }
    }

    /** Whether this bot collects leads (chatflows do not). */
    public boolean collectsLeads() {
        return source.leads() != null;
    }

    /** "chatbot" or "chatflow", for the page's words. */
    public String noun() {
        return source.noun();
    }

    /** Opens a conversation of the list. */
    public void open(ConversationRow row) {
        if (row == null) {
            return;
        }
        transcriptTitle.set(row.title());
        tasks.run(() -> source.transcript().apply(row.id()), this::showTranscript, this::failed);
    }

    private void showConversations(List<Conversation> found) {
        conversations.setAll(found.stream().map(this::row).toList());
        conversationsNote.set(found.isEmpty() ? "No conversations yet. Share your " + source.noun()
                + " (the embed code above, or its API key) and the conversations people have with it appear here." : "");
    }

    private ConversationRow row(Conversation c) {
        String where = switch (c.channel() == null ? "" : c.channel()) {
            case "website" -> "on your website";
            case "api" -> "through the API";
            case "openai" -> "through an OpenAI client";
            case "preview" -> "in the preview";
            default -> c.channel();
        };
        String status = switch (c.status() == null ? "" : c.status()) {
            case "active" -> "";
            case "idle" -> " · quiet";
            case "closed", "expired" -> " · ended";
            default -> " · " + c.status();
        };
        int messages = c.messageCount();
        return new ConversationRow(c.id(), when(c.createdAt()) + " " + where,
                messages + (messages == 1 ? " message" : " messages") + status);
    }

    private void showTranscript(Transcript t) {
        transcript.setAll(t.messages().stream().map(BotActivityViewModel::line).toList());
    }

    private static Line line(Message m) {
        boolean visitor = "user".equals(m.role());
        String note = "";
        if (m.error() != null && !m.error().isBlank()) {
            note = "Not answered: " + m.error();
        } else if (m.feedback() != null && m.feedback().hasNonNull("rating")) {
            String rating = m.feedback().get("rating").asText();
            note = "positive".equals(rating) ? "Rated helpful" : "negative".equals(rating) ? "Rated not helpful" : "";
            String comment = m.feedback().path("comment").asText("");
            note += comment.isBlank() ? "" : ": “" + comment + "”";
        }
        if (!visitor && m.sources() != null && m.sources().isArray() && !m.sources().isEmpty()) {
            String cited = m.sources().size() + (m.sources().size() == 1 ? " source" : " sources");
            note = note.isEmpty() ? cited : note + " · " + cited;
        }
        return new Line(visitor, m.content() == null ? "" : m.content(), note);
    }

    private void showLeads(List<Lead> found) {
        leads.setAll(found.stream().map(l -> new LeadRow(when(l.createdAt()), blank(l.email()), blank(l.name()),
                blank(l.phone()))).toList());
        leadsNote.set(found.isEmpty() ? "No contact details yet. Turn on lead capture when you edit the " + source.noun()
                + " (" + source.formPlace() + ") to ask visitors for their email." : "");
    }

    private String when(String instant) {
        try {
            return WHEN.format(Instant.parse(instant).atZone(zone));
        } catch (DateTimeParseException | NullPointerException e) {
            return "";
        }
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private void failed(Throwable failure) {
        problem.set(Problems.describe(failure));
        if (conversations.isEmpty()) {
            conversationsNote.set("");
        }
    }

    public ObservableList<ConversationRow> conversations() {
        return conversations;
    }

    public ObservableList<Line> transcript() {
        return transcript;
    }

    public ObservableList<LeadRow> leads() {
        return leads;
    }

    public ReadOnlyStringProperty conversationsNoteProperty() {
        return conversationsNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leadsNoteProperty() {
        return leadsNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty transcriptTitleProperty() {
        return transcriptTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
