package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Customize: how the chat window looks and greets people, which extras it offers (sources,
 * follow-up suggestions, thumbs up/down, a message limit), and whether it asks for contact details.
 */
public final class CustomizeStepViewModel extends DraftStep {

    public enum Theme {
        LIGHT("light", "Light"), DARK("dark", "Dark"), AUTO("auto", "Like the visitor's device");

        private final String value;
        private final String label;

        Theme(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** When the contact form shows. */
    public enum LeadTiming {
        BEFORE_CHAT("before_chat", "Before the chat starts"),
        AFTER_FIRST_MESSAGE("after_first_message", "After their first question");

        private final String value;
        private final String label;

        LeadTiming(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Whether the contact form asks for a field. */
    public enum Ask {
        NO("Don't ask"), OPTIONAL("Optional"), REQUIRED("Required");

        private final String label;

        Ask(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final List<String> LEAD_FIELDS = List.of("email", "name", "phone");

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final StringProperty primaryColor = new SimpleStringProperty("#4F46E5");
    private final StringProperty avatarUrl = new SimpleStringProperty("");
    private final StringProperty welcomeMessage = new SimpleStringProperty("");
    private final ObservableList<String> suggestedPrompts = FXCollections.observableArrayList();
    private final BooleanProperty citations = new SimpleBooleanProperty(true);
    private final BooleanProperty followUps = new SimpleBooleanProperty(true);
    private final BooleanProperty feedback = new SimpleBooleanProperty(true);
    private final BooleanProperty rateLimited = new SimpleBooleanProperty(true);
    private final IntegerProperty perHour = new SimpleIntegerProperty(50);
    private final BooleanProperty leadCapture = new SimpleBooleanProperty(false);
    private final ObjectProperty<LeadTiming> leadTiming = new SimpleObjectProperty<>(LeadTiming.BEFORE_CHAT);
    private final List<ObjectProperty<Ask>> leadAsks = List.of(new SimpleObjectProperty<>(Ask.REQUIRED),
            new SimpleObjectProperty<>(Ask.OPTIONAL), new SimpleObjectProperty<>(Ask.NO));
    private final BooleanExpression complete;

    public CustomizeStepViewModel(DraftAutoSave autoSave) {
        super(autoSave);
        saveOn(() -> appearance("theme", theme.get().value()), theme);
        saveOn(() -> appearance("primary_color", primaryColor.get()), primaryColor);
        saveOn(() -> appearance("avatar_url", avatarUrl.get().isBlank() ? null : avatarUrl.get().strip()), avatarUrl);
        saveOn(() -> appearance("welcome_message", welcomeMessage.get()), welcomeMessage);
        saveOn(() -> appearance("suggested_prompts", List.copyOf(suggestedPrompts)), suggestedPrompts);
        saveOn(() -> Fragments.of("features", Fragments.of("enable_citations", citations.get(),
                "enable_follow_up_suggestions", followUps.get(), "enable_feedback", feedback.get(),
                "rate_limiting", Fragments.of("enabled", rateLimited.get(), "max_messages_per_hour", perHour.get()))),
                citations, followUps, feedback, rateLimited, perHour);
        saveOn(this::leadCaptureFragment, leadCapture, leadTiming, leadAsks.get(0), leadAsks.get(1), leadAsks.get(2));
        complete = BooleanExpression.booleanExpression(Bindings.createBooleanBinding(
                () -> !welcomeMessage.get().isBlank(), welcomeMessage));
    }

    private static Map<String, Object> appearance(String field, Object value) {
        return Fragments.at(value, "appearance", field);
    }

    private Map<String, Object> leadCaptureFragment() {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        for (int i = 0; i < LEAD_FIELDS.size(); i++) {
            switch (leadAsks.get(i).get()) {
                case REQUIRED -> required.add(LEAD_FIELDS.get(i));
                case OPTIONAL -> optional.add(LEAD_FIELDS.get(i));
                case NO -> { }
            }
        }
        return Fragments.of("lead_capture", Fragments.of("enabled", leadCapture.get(), "timing",
                leadTiming.get().value(), "required_fields", required, "optional_fields", optional));
    }

    @Override
    void fill(JsonNode data) {
        JsonNode look = data.path("appearance");
        String savedTheme = look.path("theme").asText("light");
        theme.set(java.util.Arrays.stream(Theme.values()).filter(t -> t.value().equals(savedTheme)).findFirst()
                .orElse(Theme.LIGHT));
        primaryColor.set(text(look.path("primary_color"), "#4F46E5"));
        avatarUrl.set(text(look.path("avatar_url"), ""));
        welcomeMessage.set(text(look.path("welcome_message"), ""));
        List<String> prompts = new ArrayList<>();
        look.path("suggested_prompts").forEach(p -> prompts.add(p.asText()));
        suggestedPrompts.setAll(prompts);
        JsonNode features = data.path("features");
        citations.set(features.path("enable_citations").asBoolean(true));
        followUps.set(features.path("enable_follow_up_suggestions").asBoolean(true));
        feedback.set(features.path("enable_feedback").asBoolean(true));
        rateLimited.set(features.path("rate_limiting").path("enabled").asBoolean(true));
        perHour.set(features.path("rate_limiting").path("max_messages_per_hour").asInt(50));
        JsonNode lead = data.path("lead_capture");
        leadCapture.set(lead.path("enabled").asBoolean(false));
        String timing = lead.path("timing").asText("before_chat");
        for (LeadTiming t : LeadTiming.values()) {
            if (t.value().equals(timing)) {
                leadTiming.set(t);
            }
        }
        if (lead.isObject()) {
            for (int i = 0; i < LEAD_FIELDS.size(); i++) {
                String field = LEAD_FIELDS.get(i);
                leadAsks.get(i).set(contains(lead.path("required_fields"), field) ? Ask.REQUIRED
                        : contains(lead.path("optional_fields"), field) ? Ask.OPTIONAL : Ask.NO);
            }
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    public void addPrompt(String prompt) {
        if (prompt != null && !prompt.isBlank() && !suggestedPrompts.contains(prompt.strip())) {
            suggestedPrompts.add(prompt.strip());
        }
    }

    public void removePrompt(String prompt) {
        suggestedPrompts.remove(prompt);
    }

    @Override
    public BooleanExpression completeProperty() {
        return complete;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public StringProperty primaryColorProperty() {
        return primaryColor;
    }

    public StringProperty avatarUrlProperty() {
        return avatarUrl;
    }

    public StringProperty welcomeMessageProperty() {
        return welcomeMessage;
    }

    public ObservableList<String> suggestedPrompts() {
        return suggestedPrompts;
    }

    public BooleanProperty citationsProperty() {
        return citations;
    }

    public BooleanProperty followUpsProperty() {
        return followUps;
    }

    public BooleanProperty feedbackProperty() {
        return feedback;
    }

    public BooleanProperty rateLimitedProperty() {
        return rateLimited;
    }

    public IntegerProperty perHourProperty() {
        return perHour;
    }

    public BooleanProperty leadCaptureProperty() {
        return leadCapture;
    }

    public ObjectProperty<LeadTiming> leadTimingProperty() {
        return leadTiming;
    }

    /** Whether the contact form asks for {@code field} ({@code email}, {@code name} or {@code phone}). */
    public ObjectProperty<Ask> askProperty(String field) {
        return leadAsks.get(LEAD_FIELDS.indexOf(field));
    }
}
