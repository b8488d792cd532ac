package io.parley.studio.chatflow;

import io.parley.studio.chatbot.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The messages a step sends one after the other, as the engine's {@code messages} list: a text,
 * a picture (its address and what it shows) or buttons (a line above them and one button per
 * line). Each is a small card with its kind, its fields and a remove button.
 */
final class MessagesEditor extends VBox {

    /** The kinds a message can be, in the builder's words. */
    enum Kind {
        TEXT("text", "Text"), IMAGE("image", "Picture"), BUTTONS("buttons", "Buttons");

        final String type;
        final String words;

        Kind(String type, String words) {
            this.type = type;
            this.words = words;
        }

        static Kind of(Object type) {
            for (Kind k : values()) {
                if (k.type.equals(type)) {
                    return k;
                }
            }
            return TEXT;
        }
    }

    private final String idPrefix;
    private final Consumer<Object> changed;
    private final Function<TextInputControl, javafx.scene.Node> withPicker;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final VBox lines = new VBox(6);

    MessagesEditor(String idPrefix, Object value, Consumer<Object> changed,
                   Function<TextInputControl, javafx.scene.Node> withPicker) {
        super(6);
        this.idPrefix = idPrefix;
        this.changed = changed;
        this.withPicker = withPicker;
        rows.addAll(RowsCodec.LIST.read(value));
        Button add = new Button("Add a message");
        add.setId(idPrefix + "-add");
        add.getStyleClass().add("secondary-button");
        add.setOnAction(e -> {
            rows.add(fresh(Kind.TEXT));
            redraw();
            save();
        });
        getChildren().addAll(lines, add);
        redraw();
    }

    private static Map<String, Object> fresh(Kind kind) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("type", kind.type);
        switch (kind) {
            case TEXT -> row.put("content", "");
            case IMAGE -> {
                row.put("url", "");
                row.put("alt", "");
            }
            case BUTTONS -> {
                row.put("text", "");
                row.put("buttons", List.of());
            }
        }
        return row;
    }

    private void redraw() {
        lines.getChildren().clear();
        for (int i = 0; i < rows.size(); i++) {
            lines.getChildren().add(card(i));
        }
    }

    private VBox card(int index) {
        Map<String, Object> row = rows.get(index);
        String prefix = idPrefix + "-" + index + "-";
        Kind kind = Kind.of(row.get("type"));
        ComboBox<Kind> kinds = new ComboBox<>();
        kinds.setId(prefix + "kind");
        kinds.getItems().setAll(Kind.values());
        kinds.setValue(kind);
        kinds.setConverter(new StringConverter<>() {
            @Override
            public String toString(Kind k) {
                return k == null ? "" : k.words;
            }

            @Override
            public Kind fromString(String s) {
                return null;
            }
        });
        kinds.valueProperty().addListener((obs, was, is) -> {
            rows.set(index, fresh(is));
            redraw();
            save();
        });
        Button remove = new Button("✕");
        remove.setId(prefix + "remove");
        remove.getStyleClass().add("link-button");
        remove.setAccessibleText("Remove this message");
        remove.setOnAction(e -> {
            rows.remove(index);
            redraw();
            save();
        });
        HBox top = new HBox(6, kinds, Ui.spacer(), remove);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(6, top);
        card.getStyleClass().add("inspector-row-block");
        switch (kind) {
            case TEXT -> card.getChildren().add(withPicker.apply(area(prefix + "content", row, "content",
                    "What the visitor reads")));
            case IMAGE -> card.getChildren().addAll(
                    Ui.field("Picture address", withPicker.apply(line(prefix + "url", row, "url", "https://…"))),
                    Ui.field("What it shows", line(prefix + "alt", row, "alt",
                            "Read out to people who cannot see it")));
            case BUTTONS -> {
                card.getChildren().add(Ui.field("Above the buttons", withPicker.apply(line(prefix + "text", row, "text",
                        "For example: What would you like to do?"))));
                TextArea buttons = new TextArea(String.join("\n", labels(row.get("buttons"))));
                buttons.setId(prefix + "buttons");
                buttons.setPromptText("One button per line; a click sends its words");
                buttons.setPrefRowCount(3);
                buttons.textProperty().addListener((obs, was, is) -> {
                    row.put("buttons", is.lines().map(String::strip).filter(s -> !s.isEmpty())
                            .map(label -> Map.of("label", label, "value", label)).toList());
                    save();
                });
                card.getChildren().add(Ui.field("Buttons, one per line", buttons));
            }
        }
        return card;
    }

    private static List<String> labels(Object buttons) {
        List<String> out = new ArrayList<>();
        if (buttons instanceof List<?> list) {
            for (Object b : list) {
                if (b instanceof Map<?, ?> m) {
                    out.add(Objects.toString(m.get("label"), Objects.toString(m.get("value"), "")));
                } else if (b != null) {
                    out.add(String.valueOf(b));
                }
            }
        }
        return out;
    }

    private TextField line(String id, Map<String, Object> row, String key, String prompt) {
        TextField field = new TextField(Objects.toString(row.get(key), ""));
        return bind(field, id, row, key, prompt);
    }

    private TextArea area(String id, Map<String, Object> row, String key, String prompt) {
        TextArea area = new TextArea(Objects.toString(row.get(key), ""));
        area.setWrapText(true);
        area.setPrefRowCount(2);
        return bind(area, id, row, key, prompt);
    }

    private <T extends TextInputControl> T bind(T input, String id, Map<String, Object> row, String key, String prompt) {
        input.setId(id);
        input.setPromptText(prompt);
        input.textProperty().addListener((obs, was, is) -> {
            row.put(key, is);
            save();
        });
        return input;
    }

    private void save() {
        changed.accept(RowsCodec.LIST.write(rows));
    }
}
