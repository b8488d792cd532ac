package io.parley.studio.home;

import io.parley.studio.ui.Glyphs;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

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

        getChildren().addAll(glyph, title, description, create);
    }
}
