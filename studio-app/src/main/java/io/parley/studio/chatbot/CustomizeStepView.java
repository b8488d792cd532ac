package io.parley.studio.chatbot;

import io.parley.studio.chatbot.CustomizeStepViewModel.Ask;
import io.parley.studio.chatbot.CustomizeStepViewModel.LeadTiming;
import io.parley.studio.chatbot.CustomizeStepViewModel.Theme;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.Locale;

/** Customize: look and greeting, extras, and the contact form. */
public final class CustomizeStepView extends VBox {

    private final boolean flow;

    CustomizeStepView(CustomizeStepViewModel viewModel) {
        this(viewModel, false);
    }

    private CustomizeStepView(CustomizeStepViewModel viewModel, boolean flow) {
        super(16);
        this.flow = flow;
        getChildren().addAll(lookCard(viewModel), greetingCard(viewModel), featuresCard(viewModel),
                leadCard(viewModel));
    }

    /**
     * The same settings for a chatflow's chat window: no preview beside them, and no follow-up
     * suggestions (a flow says what comes next itself).
     */
    public static CustomizeStepView forChatflow(CustomizeStepViewModel viewModel) {
        return new CustomizeStepView(viewModel, true);
    }

    private VBox lookCard(CustomizeStepViewModel viewModel) {
        ComboBox<Theme> theme = new ComboBox<>(FXCollections.observableArrayList(Theme.values()));
        theme.setId("theme");
        theme.valueProperty().bindBidirectional(viewModel.themeProperty());
        ColorPicker color = new ColorPicker(parse(viewModel.primaryColorProperty().get()));
        color.setId("primary-color");
        color.valueProperty().addListener((obs, was, is) -> viewModel.primaryColorProperty().set(hex(is)));
        viewModel.primaryColorProperty().addListener((obs, was, is) -> {
            if (!hex(color.getValue()).equalsIgnoreCase(is)) {
                color.setValue(parse(is));
            }
        });
        TextField avatar = new TextField();
        avatar.setId("avatar-url");
        avatar.setPromptText("https://… (optional)");
        avatar.textProperty().bindBidirectional(viewModel.avatarUrlProperty());
        HBox row = new HBox(16, Ui.field("Theme", theme), Ui.field("Colour", color));
        if (flow) {
            row.getChildren().setAll(Ui.field("Theme", theme));
        }
        VBox card = Ui.card(Ui.heading("Look", "How the chat window looks on your website." + (flow ? ""
                : " The preview on the right follows your changes.")), row, Ui.field("Picture (web address)", avatar));
        if (flow) { // the panel is narrow: the colour under the theme
            card.getChildren().add(2, Ui.field("Colour", color));
        }
        return card;
    }

    private static VBox greetingCard(CustomizeStepViewModel viewModel) {
        TextArea welcome = new TextArea();
        welcome.setId("welcome-message");
        welcome.setPromptText("For example: Hello! Ask me anything about our café.");
        welcome.setWrapText(true);
        welcome.setPrefRowCount(2);
        welcome.textProperty().bindBidirectional(viewModel.welcomeMessageProperty());
        ListView<String> prompts = new ListView<>(viewModel.suggestedPrompts());
        prompts.setId("suggested-prompts");
        prompts.getStyleClass().add("plain-list");
        prompts.setPrefHeight(110);
        prompts.setPlaceholder(new Label("No suggestions yet."));
        prompts.setCellFactory(view -> new PromptCell(viewModel));
        TextField newPrompt = new TextField();
        newPrompt.setId("new-prompt");
        newPrompt.setPromptText("A question people often ask");
        Button add = new Button("Add");
        add.setId("add-prompt");
        add.getStyleClass().add("secondary-button");
        add.disableProperty().bind(newPrompt.textProperty().isEmpty());
        Runnable adding = () -> {
            viewModel.addPrompt(newPrompt.getText());
            newPrompt.clear();
        };
        add.setOnAction(event -> adding.run());
        newPrompt.setOnAction(event -> adding.run());
        HBox addRow = new HBox(8, newPrompt, add);
        HBox.setHgrow(newPrompt, javafx.scene.layout.Priority.ALWAYS);
        return Ui.card(Ui.heading("Greeting", "The first message people see, and questions they can click "
                + "instead of typing."), Ui.field("Welcome message", welcome),
                Ui.field("Suggested questions", prompts), addRow);
    }

    private static final class PromptCell extends ListCell<String> {
        private final Label text = new Label();
        private final Button remove = new Button("Remove");
        private final HBox box = new HBox(8, text, Ui.spacer(), remove);

        PromptCell(CustomizeStepViewModel viewModel) {
            remove.getStyleClass().add("link-button");
            remove.setOnAction(event -> viewModel.removePrompt(getItem()));
            box.setAlignment(Pos.CENTER_LEFT);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            text.setText(item);
            setGraphic(empty || item == null ? null : box);
        }
    }

    private VBox featuresCard(CustomizeStepViewModel viewModel) {
        CheckBox citations = check("feature-citations", "Show the sources of each answer", viewModel.citationsProperty());
        CheckBox followUps = check("feature-follow-ups", "Suggest follow-up questions", viewModel.followUpsProperty());
        CheckBox feedback = check("feature-feedback", "Let people rate answers (thumbs up or down)",
                viewModel.feedbackProperty());
        CheckBox limited = check("feature-rate-limit", "Limit how many messages it answers",
                viewModel.rateLimitedProperty());
        Label perHour = new Label("messages an hour, for all visitors together");
        perHour.setWrapText(true);
        HBox limit = new HBox(10, Ui.intSpinner("rate-limit", 1, 1_000_000, 10, viewModel.perHourProperty().asObject()),
                perHour);
        limit.setAlignment(Pos.CENTER_LEFT);
        limit.getStyleClass().add("indent");
        limit.disableProperty().bind(viewModel.rateLimitedProperty().not());
        VBox card = Ui.card(Ui.heading("Extras", "What the chat window offers besides answers."),
                citations, followUps, feedback, limited, limit);
        if (flow) {
            card.getChildren().remove(followUps);
        }
        return card;
    }

    private static VBox leadCard(CustomizeStepViewModel viewModel) {
        CheckBox enabled = check("lead-enabled", "Ask for contact details", viewModel.leadCaptureProperty());
        ComboBox<LeadTiming> timing = new ComboBox<>(FXCollections.observableArrayList(LeadTiming.values()));
        timing.setId("lead-timing");
        timing.valueProperty().bindBidirectional(viewModel.leadTimingProperty());
        javafx.scene.layout.GridPane fields = new javafx.scene.layout.GridPane();
        fields.setHgap(12);
        fields.setVgap(8);
        int row = 0;
        for (String field : CustomizeStepViewModel.LEAD_FIELDS) {
            ComboBox<Ask> ask = new ComboBox<>(FXCollections.observableArrayList(Ask.values()));
            ask.setId("lead-" + field);
            ask.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            ask.valueProperty().bindBidirectional(viewModel.askProperty(field));
            fields.addRow(row++, new Label(field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1)), ask);
        }
        VBox details = new VBox(10, Ui.field("When", timing), Ui.field("What to ask for", fields));
        details.getStyleClass().add("indent");
        details.disableProperty().bind(Bindings.not(viewModel.leadCaptureProperty()));
        return Ui.card(Ui.heading("Contact details", "Collect an email address or phone number so you can "
                + "follow up. You find them later under the chatbot's leads."), enabled, details);
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty value) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.setWrapText(true); // whole sentences, also in a narrow panel
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    private static Color parse(String hex) {
        try {
            return Color.web(hex);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Color.web("#4F46E5");
        }
    }

    static String hex(Color color) {
        return String.format("#%02X%02X%02X", Math.round(color.getRed() * 255), Math.round(color.getGreen() * 255),
                Math.round(color.getBlue() * 255));
    }
}
