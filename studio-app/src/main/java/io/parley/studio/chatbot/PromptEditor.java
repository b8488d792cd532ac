package io.parley.studio.chatbot;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.List;
import java.util.function.Supplier;

/**
 * The system prompt's text area: typing "/" at the start of a word opens a small menu of the
 * chatbot's variables, and choosing one puts {@code {{name}}} where the "/" was. Typing on
 * closes the menu and keeps the "/".
 */
final class PromptEditor extends TextArea {

    private final ContextMenu menu = new ContextMenu();

    PromptEditor(InstructionsStepViewModel viewModel, Supplier<List<String>> variables) {
        setId("system-prompt");
        setWrapText(true);
        setPrefRowCount(8);
        setPromptText("Describe who the chatbot is and how it should answer. Type / to use a variable.");
        textProperty().bindBidirectional(viewModel.systemPromptProperty());
        menu.setId("variable-menu");
        // While the menu shows, the window hands it the keyboard: typing on goes to the prompt instead.
        menu.addEventFilter(KeyEvent.KEY_TYPED, event -> {
            String typed = event.getCharacter();
            if (!typed.isEmpty() && typed.charAt(0) >= ' ' && typed.charAt(0) != 127) {
                menu.hide();
                replaceSelection(typed);
                event.consume();
            }
        });
        menu.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.BACK_SPACE) {
                menu.hide();
                deletePreviousChar();
                event.consume();
            } else if (event.getCode() == KeyCode.LEFT || event.getCode() == KeyCode.RIGHT) {
                menu.hide();
            }
        });
        addEventHandler(KeyEvent.KEY_TYPED, event -> {
            if ("/".equals(event.getCharacter())) {
                // After this event the "/" is in the text and the caret behind it.
                Platform.runLater(() -> open(viewModel, variables.get()));
            }
        });
    }

    private void open(InstructionsStepViewModel viewModel, List<String> names) {
        int caret = getCaretPosition();
        if (caret == 0 || getText().charAt(caret - 1) != '/') {
            return;
        }
        if (caret > 1 && !Character.isWhitespace(getText().charAt(caret - 2))) {
            return; // "and/or", a web address: a slash inside a word is just a slash
        }
        if (names.isEmpty()) {
            MenuItem none = new MenuItem("No variables yet: add them in the Variables step");
            none.setDisable(true);
            menu.getItems().setAll(none);
        } else {
            menu.getItems().setAll(names.stream().map(name -> {
                MenuItem item = new MenuItem("{{" + name + "}}");
                item.setOnAction(event -> {
                    int next = viewModel.insertVariable(name, caret);
                    requestFocus();
                    positionCaret(next);
                });
                return item;
            }).toList());
        }
        Point2D at = getInputMethodRequests() == null ? null : getInputMethodRequests().getTextLocation(0);
        if (at == null || (at.getX() == 0 && at.getY() == 0)) {
            menu.show(this, Side.BOTTOM, 0, 0);
        } else {
            menu.show(this, at.getX(), at.getY() + 4);
        }
    }
}
