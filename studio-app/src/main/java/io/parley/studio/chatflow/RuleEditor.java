package io.parley.studio.chatflow;

import io.parley.studio.chatbot.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A branch's condition as a form: "what · how · value" lines (the visitor's message, a variable
 * or what a step found; is, contains, is more than…), all or any of them, upper and lower case
 * alike or not. A condition the form cannot show, or one a builder prefers to write, is an
 * expression typed as text ("Write it as an expression instead").
 */
final class RuleEditor extends VBox {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final String idPrefix;
    private final List<Reference> references;
    private final Consumer<Object> changed;
    private final Function<TextField, javafx.scene.Node> withPicker;
    private ConditionRule rule;
    private String expression;

    /**
     * @param when       the stored condition (a rule, an expression or nothing)
     * @param changed    receives the new condition: a rule as a map, or an expression's text
     * @param withPicker adds the {x} button to an expression field
     */
    RuleEditor(String idPrefix, Object when, List<Reference> references, Consumer<Object> changed,
               Function<TextField, javafx.scene.Node> withPicker) {
        super(6);
        this.idPrefix = idPrefix;
        this.references = references;
        this.changed = changed;
        this.withPicker = withPicker;
        getStyleClass().add("rule-editor");
        setId(idPrefix);
        this.rule = ConditionRule.read(when).orElse(null);
        this.expression = rule == null ? describe(when) : "";
        redraw();
    }

    private static String describe(Object when) {
        if (when instanceof Map<?, ?> map) {
            try {
                return JSON.writeValueAsString(map);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return String.valueOf(map);
            }
        }
        return when == null ? "" : String.valueOf(when);
    }

    private void redraw() {
        if (rule == null) {
            drawExpression();
        } else {
            drawForm();
        }
    }

    private void drawForm() {
        List<javafx.scene.Node> out = new ArrayList<>();
        if (rule.tests().size() > 1) {
            ComboBox<Boolean> match = new ComboBox<>();
            match.setId(idPrefix + "-match");
            match.getItems().setAll(false, true);
            match.setConverter(converter(any -> any ? "any of these holds" : "all of these hold"));
            match.setValue(rule.any());
            match.valueProperty().addListener((obs, was, is) -> update(new ConditionRule(is, rule.ignoreCase(),
                    rule.tests())));
            HBox line = new HBox(6, new Label("Taken when"), match);
            line.setAlignment(Pos.CENTER_LEFT);
            out.add(line);
        }
        for (int i = 0; i < rule.tests().size(); i++) {
            out.add(testLine(i));
        }
        Hyperlink add = new Hyperlink("+ Another test");
        add.setId(idPrefix + "-add");
        add.setOnAction(e -> {
            List<ConditionRule.Test> tests = new ArrayList<>(rule.tests());
            tests.add(new ConditionRule.Test("", ConditionRule.How.IS, ""));
            update(rule.withTests(tests));
            redraw();
        });
        CheckBox sameCase = new CheckBox("Upper and lower case alike");
        sameCase.setId(idPrefix + "-ignore-case");
        sameCase.setSelected(rule.ignoreCase());
        sameCase.selectedProperty().addListener((obs, was, is) -> update(new ConditionRule(rule.any(), is,
                rule.tests())));
        Hyperlink asText = new Hyperlink("Write it as an expression instead");
        asText.setId(idPrefix + "-as-expression");
        asText.setOnAction(e -> {
            rule = null;
            expression = "";
            changed.accept("");
            redraw();
        });
        javafx.scene.layout.FlowPane links = new javafx.scene.layout.FlowPane(10, 2, add, asText);
        links.setAlignment(Pos.CENTER_LEFT);
        out.add(sameCase);
        out.add(links);
        getChildren().setAll(out);
    }

    private VBox testLine(int index) {
        ConditionRule.Test test = rule.tests().get(index);
        String prefix = idPrefix + "-" + index;
        ComboBox<Reference> subject = new ComboBox<>();
        subject.setId(prefix + "-subject");
        subject.setEditable(true);
        subject.setPromptText("what to test");
        subject.getItems().setAll(references);
        subject.setConverter(new StringConverter<>() {
            @Override
            public String toString(Reference r) {
                return r == null ? "" : r.label();
            }

            @Override
            public Reference fromString(String text) {
                String typed = text == null ? "" : text.strip();
                return references.stream()
                        .filter(r -> r.label().equals(typed) || ConditionRule.unwrap(r.token()).equals(
                                ConditionRule.unwrap(typed)))
                        .findFirst().orElse(new Reference("{{" + ConditionRule.unwrap(typed) + "}}", typed, ""));
            }
        });
        subject.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Reference r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.label() + "   (" + r.group().toLowerCase(java.util.Locale.ROOT)
                        + ")");
            }
        });
        if (!test.subject().isEmpty()) {
            subject.setValue(subject.getConverter().fromString(test.subject()));
        }
        subject.valueProperty().addListener((obs, was, is) -> replace(index, new ConditionRule.Test(
                is == null ? "" : ConditionRule.unwrap(is.token()), current(index).how(), current(index).value())));
        subject.setMaxWidth(Double.MAX_VALUE);

        ComboBox<ConditionRule.How> how = new ComboBox<>();
        how.setId(prefix + "-how");
        how.getItems().setAll(ConditionRule.How.values());
        how.setConverter(converter(ConditionRule.How::words));
        how.setValue(test.how());
        how.setMinWidth(110);

        TextField value = new TextField(test.value());
        value.setId(prefix + "-value");
        value.setPromptText("value");
        value.setVisible(test.how().takesValue());
        value.managedProperty().bind(value.visibleProperty());
        value.textProperty().addListener((obs, was, is) -> replace(index, new ConditionRule.Test(
                current(index).subject(), current(index).how(), is)));
        how.valueProperty().addListener((obs, was, is) -> {
            value.setVisible(is.takesValue());
            replace(index, new ConditionRule.Test(current(index).subject(), is, current(index).value()));
        });
        HBox.setHgrow(value, Priority.ALWAYS);

        HBox.setHgrow(subject, Priority.ALWAYS);
        HBox top = new HBox(6, subject);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox line = new HBox(6, how, value);
        line.setAlignment(Pos.CENTER_LEFT);
        if (rule.tests().size() > 1) {
            Button remove = new Button("✕");
            remove.setId(prefix + "-remove");
            remove.getStyleClass().add("link-button");
            remove.setAccessibleText("Remove this test");
            remove.setOnAction(e -> {
                List<ConditionRule.Test> tests = new ArrayList<>(rule.tests());
                tests.remove(index);
                update(rule.withTests(tests));
                redraw();
            });
            top.getChildren().add(remove);
        }
        VBox box = new VBox(4, top, line);
        box.getStyleClass().add("rule-test");
        return box;
    }

    private ConditionRule.Test current(int index) {
        return rule.tests().get(index);
    }

    private void replace(int index, ConditionRule.Test test) {
        List<ConditionRule.Test> tests = new ArrayList<>(rule.tests());
        tests.set(index, test);
        update(rule.withTests(tests));
    }

    private void update(ConditionRule next) {
        rule = next;
        changed.accept(next.write());
    }

    private void drawExpression() {
        TextField text = new TextField(expression);
        text.setId(idPrefix + "-expression");
        text.setPromptText("for example {{vars.age}} >= 18");
        text.textProperty().addListener((obs, was, is) -> {
            expression = is;
            changed.accept(parsedRule(is));
        });
        Hyperlink asForm = new Hyperlink("Use the form instead (starts again)");
        asForm.setId(idPrefix + "-as-form");
        asForm.setOnAction(e -> {
            rule = ConditionRule.blank();
            changed.accept(rule.write());
            redraw();
        });
        getChildren().setAll(withPicker.apply(text), Ui.hint("An expression such as {{vars.age}} >= 18 && "
                + "{{vars.country}} == 'FR', or a rule in JSON."), asForm);
    }

    /** A rule pasted as JSON is stored as a rule; anything else is an expression. */
    private static Object parsedRule(String text) {
        String t = text.strip();
        if (t.startsWith("{") && !t.startsWith("{{")) {
            try {
                return JSON.readValue(t, Map.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return text; // the server's check says what is wrong with it
            }
        }
        return text;
    }

    private static <T> StringConverter<T> converter(Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : words.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
