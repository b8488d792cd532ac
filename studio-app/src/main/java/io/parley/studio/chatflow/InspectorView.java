package io.parley.studio.chatflow;

import io.parley.canvas.model.Node;
import io.parley.studio.chatbot.Ui;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The selected step's settings as a form built from its {@link NodeKind#fields()}: text with a
 * {x} button that inserts references, choices, toggles, pickers of knowledge bases, keys and
 * flows, and row lists for branches, choices and headers. Each edit is a command (undoable); an
 * undo redraws the form.
 */
final class InspectorView extends ScrollPane {

    private final FlowBuilderViewModel viewModel;
    private final VBox body = new VBox(14);
    private String shownId;
    private boolean editing;

    InspectorView(FlowBuilderViewModel viewModel) {
        this.viewModel = viewModel;
        setId("flow-inspector");
        getStyleClass().add("flow-inspector");
        setFitToWidth(true);
        setContent(body);
        body.getStyleClass().add("flow-inspector-body");
        show(viewModel.selectedProperty().get());
        viewModel.selectedProperty().addListener((obs, was, is) -> {
            // a change this form made is already on screen; anything else (undo, another step) redraws it
            if (!editing || is == null || !is.id().equals(shownId)) {
                show(is);
            }
        });
    }

    private void show(Node node) {
        shownId = node == null ? null : node.id();
        if (node == null) {
            body.getChildren().setAll(Ui.heading("Step settings", "Select a step on the canvas to change what it "
                    + "does. Add steps from the list on the left: click one, or drag it where you want it."));
            return;
        }
        NodeKind kind = NodeKind.of(node.kind()).orElse(null);
        List<javafx.scene.Node> rows = new ArrayList<>();
        rows.add(header(node, kind));
        TextField title = new TextField(node.label());
        title.setId("field-label");
        title.setPromptText(kind == null ? node.kind() : kind.title());
        title.textProperty().addListener((obs, was, is) -> edit(node.id(), "label", is.strip()));
        rows.add(Ui.field("Title on the canvas", title));
        if (kind == null) {
            rows.add(Ui.hint("The studio does not know steps of type “" + node.kind() + "”. Its settings are kept "
                    + "as they are."));
        } else {
            List<Field> form = kind.fields(node.properties());
            for (Field f : form) {
                rows.add(field(node, f));
            }
            if (form.isEmpty()) {
                rows.add(Ui.hint(kind.description()));
            }
        }
        Label reference = Ui.hint("Other steps use what this step produces as {{" + node.id() + ".…}}.");
        rows.add(reference);
        body.getChildren().setAll(rows);
    }

    private static HBox header(Node node, NodeKind kind) {
        SVGPath icon = new SVGPath();
        icon.setContent(kind == null ? "M4 4H20V20H4Z" : kind.icon());
        icon.getStyleClass().add("flow-node-icon");
        VBox badge = new VBox(new javafx.scene.Group(icon));
        badge.setAlignment(Pos.CENTER);
        badge.getStyleClass().addAll("flow-node-badge", "inspector-badge", kind == null ? "" : kind.cssClass());
        Label name = new Label(kind == null ? node.kind() : kind.title());
        name.getStyleClass().add("card-title");
        VBox text = new VBox(2, name, Ui.hint(kind == null ? "" : kind.description()));
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox header = new HBox(10, badge, text);
        header.setAlignment(Pos.TOP_LEFT);
        return header;
    }

    /** A change from this form: applied as a command, without redrawing the form under the caret. */
    private void edit(String nodeId, String path, Object value) {
        editing = true;
        try {
            viewModel.set(nodeId, path, value);
        } finally {
            editing = false;
        }
    }

    private static String id(String key) {
        return "field-" + key.replace('.', '-').replace('_', '-');
    }

    private javafx.scene.Node field(Node node, Field f) {
        Object value = Data.get(node.properties(), f.key());
        javafx.scene.Node control = switch (f.type()) {
            case TEXT, AREA, CODE -> text(node.id(), f, value);
            case INTEGER, DECIMAL -> number(node.id(), f, value);
            case TOGGLE -> {
                CheckBox box = new CheckBox(f.label());
                box.setId(id(f.key()));
                box.setSelected(Boolean.TRUE.equals(value));
                box.selectedProperty().addListener((obs, was, is) -> edit(node.id(), f.key(), is));
                yield box;
            }
            case CHOICE -> choice(node.id(), f, value);
            case VARIABLE -> variable(node.id(), f.key(), id(f.key()), value);
            case KNOWLEDGE_BASE -> picker(node.id(), f, value, viewModel.knowledgeBaseChoices(),
                    "No knowledge base yet: make one under Knowledge bases.");
            case CREDENTIAL -> picker(node.id(), f, value, viewModel.credentialChoices(),
                    "No saved key yet: add one under Models & keys.");
            case CHATFLOW -> picker(node.id(), f, value, viewModel.flowChoices(),
                    "No deployed chatflow yet to run from this one.");
            case ROWS, PAIRS, ANSWER_FIELDS -> new RowsEditor(node, f).view;
            case MESSAGES -> new MessagesEditor(id(f.key()), value, changed -> edit(node.id(), f.key(), changed),
                    this::withPicker);
            case RULE -> new RuleEditor(id(f.key()), value, viewModel.references(),
                    changed -> edit(node.id(), f.key(), changed), this::withPicker);
        };
        VBox box = f.type() == Field.Type.TOGGLE ? new VBox(4, control) : Ui.field(f.label(), control);
        if (!f.help().isEmpty()) {
            box.getChildren().add(Ui.hint(f.help()));
        }
        return box;
    }

    private javafx.scene.Node text(String nodeId, Field f, Object value) {
        TextInputControl input = f.type() == Field.Type.TEXT ? new TextField() : new TextArea();
        if (input instanceof TextArea area) {
            area.setWrapText(f.type() != Field.Type.CODE);
            area.setPrefRowCount(f.type() == Field.Type.CODE ? 8 : 3);
        }
        if (f.type() == Field.Type.CODE) {
            input.getStyleClass().add("code");
        }
        input.setId(id(f.key()));
        input.setText(value == null ? "" : String.valueOf(value));
        input.textProperty().addListener((obs, was, is) -> edit(nodeId, f.key(), is));
        return f.takesReferences() ? withPicker(input) : input;
    }

    /** The field with a {x} button listing what can be inserted at the caret. */
    private javafx.scene.Node withPicker(TextInputControl input) {
        Button pick = new Button("{x}");
        pick.setId(input.getId() + "-insert");
        pick.getStyleClass().addAll("secondary-button", "insert-button");
        pick.setAccessibleText("Insert a value");
        pick.setTooltip(new javafx.scene.control.Tooltip("Insert a value: the visitor's message, a variable, "
                + "what a step found"));
        pick.setOnAction(e -> {
            ContextMenu menu = new ContextMenu();
            String group = null;
            for (Reference r : viewModel.references()) {
                if (!r.group().equals(group)) {
                    if (group != null) {
                        menu.getItems().add(new SeparatorMenuItem());
                    }
                    MenuItem heading = new MenuItem(r.group());
                    heading.setDisable(true);
                    menu.getItems().add(heading);
                    group = r.group();
                }
                MenuItem item = new MenuItem(r.label() + "   " + r.token());
                item.setOnAction(a -> {
                    input.insertText(input.getCaretPosition(), r.token());
                    input.requestFocus();
                });
                menu.getItems().add(item);
            }
            menu.show(pick, javafx.geometry.Side.BOTTOM, 0, 0);
        });
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox row = new HBox(6, input, pick);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }

    private javafx.scene.Node number(String nodeId, Field f, Object value) {
        TextField input = new TextField(value == null ? "" : String.valueOf(value));
        input.setId(id(f.key()));
        input.setPrefColumnCount(8);
        input.setMaxWidth(140);
        Label wrong = Ui.problemLabel(id(f.key()) + "-problem");
        input.textProperty().addListener((obs, was, is) -> {
            String s = is.strip();
            try {
                Object parsed = s.isEmpty() ? null
                        : f.type() == Field.Type.INTEGER ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
                wrong.setText("");
                edit(nodeId, f.key(), parsed);
            } catch (NumberFormatException e) {
                wrong.setText(f.type() == Field.Type.INTEGER ? "A whole number, please." : "A number, please (like 0.7).");
            }
        });
        return new VBox(4, input, wrong);
    }

    private javafx.scene.Node choice(String nodeId, Field f, Object value) {
        ComboBox<Field.Option> box = new ComboBox<>();
        box.setId(id(f.key()));
        box.getItems().setAll(f.options());
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Field.Option o) {
                return o == null ? "" : o.label();
            }

            @Override
            public Field.Option fromString(String s) {
                return null;
            }
        });
        f.options().stream().filter(o -> o.value().equals(value == null ? null : String.valueOf(value)))
                .findFirst().ifPresent(box::setValue);
        box.valueProperty().addListener((obs, was, is) -> edit(nodeId, f.key(), is == null ? null : is.value()));
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private ComboBox<String> variable(String nodeId, String path, String controlId, Object value) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(controlId);
        box.setEditable(true);
        box.setPromptText("a name, like user_name");
        box.getItems().setAll(viewModel.variableNames());
        box.getEditor().setText(value == null ? "" : String.valueOf(value));
        box.getEditor().textProperty().addListener((obs, was, is) -> edit(nodeId, path, is.strip()));
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private javafx.scene.Node picker(String nodeId, Field f, Object value, ObservableList<Named> choices, String none) {
        ComboBox<Named> box = new ComboBox<>(choices);
        box.setId(id(f.key()));
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPromptText(choices.isEmpty() ? "None yet" : "Choose…");
        String current = value == null ? null : String.valueOf(value);
        choices.stream().filter(c -> c.id().equals(current)).findFirst().ifPresent(box::setValue);
        box.valueProperty().addListener((obs, was, is) -> edit(nodeId, f.key(), is == null ? null : is.id()));
        VBox out = new VBox(4, box);
        if (current != null && !current.isBlank() && box.getValue() == null) {
            out.getChildren().add(Ui.hint("Chosen before, but not found in this workspace: choose again."));
        } else if (choices.isEmpty()) {
            out.getChildren().add(Ui.hint(none));
        }
        return out;
    }

    /** A list of rows (branches, choices, changes) or name → value pairs, with Add and remove. */
    private final class RowsEditor {

        private final Node node;
        private final Field field;
        private final VBox view = new VBox(6);
        private final VBox lines = new VBox(6);
        private final List<Map<String, Object>> rows = new ArrayList<>();

        RowsEditor(Node node, Field field) {
            this.node = node;
            this.field = field;
            rows.addAll(RowsCodec.of(field.type()).read(Data.get(node.properties(), field.key())));
            Button add = new Button(field.key().equals("branches") ? "Add a branch" : "Add");
            add.setId(id(field.key()) + "-add");
            add.getStyleClass().add("secondary-button");
            add.setOnAction(e -> {
                rows.add(fresh());
                redraw();
                save();
            });
            view.getChildren().addAll(lines, add);
            redraw();
        }

        private Map<String, Object> fresh() {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Field c : field.columns()) {
                row.put(c.key(), c.type() == Field.Type.TOGGLE ? Boolean.FALSE
                        : c.type() == Field.Type.CHOICE ? c.options().get(0).value() : "");
            }
            if (field.key().equals("branches")) { // a branch needs a name the canvas draws its exit by
                int n = rows.size() + 1;
                while (branchTaken("branch" + n)) {
                    n++;
                }
                row.put("id", "branch" + n);
            }
            return row;
        }

        private boolean branchTaken(String id) {
            return rows.stream().anyMatch(r -> id.equals(r.get("id")));
        }

        private void redraw() {
            lines.getChildren().clear();
            for (int i = 0; i < rows.size(); i++) {
                lines.getChildren().add(line(i));
            }
        }

        private javafx.scene.layout.Pane line(int index) {
            Map<String, Object> row = rows.get(index);
            HBox line = new HBox(6);
            VBox block = null; // a condition's tests, or cells that do not fit, go under the row's first line
            List<javafx.scene.Node> cells = new ArrayList<>();
            line.setAlignment(Pos.CENTER_LEFT);
            line.getStyleClass().add("inspector-row");
            String prefix = id(field.key()) + "-" + index + "-";
            for (Field c : field.columns()) {
                if (field.key().equals("branches") && c.key().equals("id") && !node.kind().equals("llm_router")) {
                    continue; // condition branches are named by their label; the id stays as made
                }
                Object v = row.get(c.key());
                if (c.type() == Field.Type.RULE) {
                    block = new VBox(6, new RuleEditor(prefix + c.key(), v, viewModel.references(), changed -> {
                        row.put(c.key(), changed);
                        save();
                    }, InspectorView.this::withPicker));
                    block.getStyleClass().add("inspector-rule");
                    continue;
                }
                javafx.scene.Node cell = switch (c.type()) {
                    case TOGGLE -> {
                        CheckBox box = new CheckBox(c.label());
                        box.setId(prefix + c.key());
                        box.setSelected(Boolean.TRUE.equals(v));
                        box.selectedProperty().addListener((obs, was, is) -> {
                            row.put(c.key(), is);
                            save();
                        });
                        yield box;
                    }
                    case CHOICE -> {
                        ComboBox<String> box = new ComboBox<>();
                        box.setId(prefix + c.key());
                        c.options().forEach(o -> box.getItems().add(o.value()));
                        box.setValue(v == null ? c.options().get(0).value() : String.valueOf(v));
                        box.setConverter(new javafx.util.StringConverter<>() {
                            @Override
                            public String toString(String value) {
                                return c.options().stream().filter(o -> o.value().equals(value)).map(Field.Option::label)
                                        .findFirst().orElse(value == null ? "" : value);
                            }

                            @Override
                            public String fromString(String s) {
                                return s;
                            }
                        });
                        box.valueProperty().addListener((obs, was, is) -> {
                            row.put(c.key(), is);
                            save();
                        });
                        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // its words stay readable
                        yield box;
                    }
                    case VARIABLE -> {
                        ComboBox<String> box = new ComboBox<>();
                        box.setId(prefix + c.key());
                        box.setEditable(true);
                        box.setPromptText(c.label());
                        box.getItems().setAll(viewModel.variableNames());
                        box.getEditor().setText(v == null ? "" : String.valueOf(v));
                        box.getEditor().textProperty().addListener((obs, was, is) -> {
                            row.put(c.key(), is.strip());
                            save();
                        });
                        yield box;
                    }
                    default -> {
                        TextField input = new TextField(v == null ? "" : String.valueOf(v));
                        input.setId(prefix + c.key());
                        input.setPromptText(c.label());
                        input.textProperty().addListener((obs, was, is) -> {
                            row.put(c.key(), is);
                            save();
                        });
                        yield c.key().equals("when") || c.key().equals("value") ? withPicker(input) : input;
                    }
                };
                HBox.setHgrow(cell, Priority.ALWAYS);
                cells.add(cell);
            }
            // the panel is narrow: two cells a line, the rest on lines below
            line.getChildren().addAll(cells.subList(0, Math.min(2, cells.size())));
            List<javafx.scene.Node> below = cells.size() > 2 ? cells.subList(2, cells.size()) : List.of();
            if (!below.isEmpty() && block == null) {
                block = new VBox(6);
            }
            for (javafx.scene.Node cell : below) {
                if (block != null) {
                    block.getChildren().add(cell);
                }
            }
            Button remove = new Button("✕");
            remove.setId(prefix + "remove");
            remove.getStyleClass().add("link-button");
            remove.setAccessibleText("Remove");
            remove.setOnAction(e -> {
                rows.remove(index);
                redraw();
                save();
            });
            line.getChildren().add(remove);
            if (block == null) {
                return line;
            }
            block.getChildren().add(0, line);
            block.getStyleClass().add("inspector-row-block");
            return block;
        }

        private void save() {
            edit(node.id(), field.key(), RowsCodec.of(field.type()).write(rows));
        }
    }
}
