package io.parley.studio.home;

import io.parley.studio.ui.Glyphs;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * What a section shows while its list is empty: an icon, what the thing is and why you would
 * make one, and the button that will create one.
 */
final class EmptyStateView extends VBox {

    private static final double GLYPH_SIZE = 44;
    private static final double TEXT_WIDTH = 440;

    EmptyStateView(SectionViewModel viewModel) {
        HomeSection section = viewModel.section();
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);

        StackPane glyph = new StackPane(Glyphs.of(section, GLYPH_SIZE));
        glyph.getStyleClass().add("empty-state-glyph");

        Label title = new Label(section.emptyTitle());
        title.getStyleClass().add("empty-state-title");

        Label description = new Label(section.emptyDescription());
        description.getStyleClass().add("empty-state-description");
        description.setWrapText(true);
        description.setMaxWidth(TEXT_WIDTH);

        Button create = new Button(section.createLabel());
        create.getStyleClass().add("primary-button");
        create.setId("create-" + section.id());
        create.disableProperty().bind(viewModel.createAvailableProperty().not());
        create.setOnAction(event -> viewModel.create());

        Label note = new Label("Arrives in a coming version");
        note.getStyleClass().add("empty-state-note");
        note.setVisible(!section.arrived());
        note.managedProperty().bind(note.visibleProperty());

        getChildren().addAll(glyph, title, description,
                section.arrived() ? create : withTooltip(create, viewModel.createUnavailableReason()), note);
    }

    // A disabled control gets no mouse events, so its own tooltip would never show; the
    // tooltip sits on a wrapper instead.
    private static StackPane withTooltip(Button button, String text) {
        StackPane wrapper = new StackPane(button);
        wrapper.getStyleClass().add("create-button-wrapper");
        wrapper.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        Tooltip tooltip = new Tooltip(text);
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(320);
        Tooltip.install(wrapper, tooltip);
        return wrapper;
    }
}
