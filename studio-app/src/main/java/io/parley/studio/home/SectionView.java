package io.parley.studio.home;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One home-screen section: a heading with the create button, and its list, which shows the
 * empty state while empty. Clicking a row (or Enter on it) opens it.
 */
public final class SectionView extends VBox {

    public SectionView(SectionViewModel viewModel) {
        HomeSection section = viewModel.section();
        setId("section-" + section.id());
        getStyleClass().add("section");

        Label title = new Label(section.title());
        title.getStyleClass().add("section-title");
        Label subtitle = new Label(section.subtitle());
        subtitle.getStyleClass().add("section-subtitle");
        VBox heading = new VBox(title, subtitle);
        heading.getStyleClass().add("section-header");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The empty state has its own big button; this one is for when the list has rows.
        Button create = new Button(section.createLabel());
        create.setId("header-create-" + section.id());
        create.getStyleClass().add("primary-button");
        create.setOnAction(event -> viewModel.create());
        create.visibleProperty().bind(viewModel.emptyProperty().not().and(viewModel.createAvailableProperty()));
        create.managedProperty().bind(create.visibleProperty());
        HBox header = new HBox(12, heading, spacer);
        {
            Button importButton = new Button("Import a file…");
            importButton.setId("import-" + section.id());
            importButton.getStyleClass().add("secondary-button");
            importButton.setOnAction(event -> {
                javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                chooser.setTitle("Import a " + section.title().toLowerCase(java.util.Locale.ROOT) + " file");
                chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(
                        "Parley files (*.json)", "*.json"));
                java.io.File file = chooser.showOpenDialog(getScene().getWindow());
                if (file != null) {
                    viewModel.importFile(file.toPath());
                }
            });
            importButton.visibleProperty().bind(viewModel.importAvailableProperty());
            importButton.managedProperty().bind(importButton.visibleProperty());
            header.getChildren().add(importButton);
        }
        header.getChildren().add(create);
        header.setAlignment(Pos.CENTER_LEFT);

        Label problem = new Label();
        problem.getStyleClass().add("inline-problem");
        problem.textProperty().bind(viewModel.loadProblemProperty());
        problem.visibleProperty().bind(viewModel.loadProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setWrapText(true);

        ListView<HomeItem> list = new ListView<>(viewModel.items());
        list.setId("list-" + section.id());
        list.getStyleClass().add("section-list");
        list.setPlaceholder(new EmptyStateView(viewModel));
        list.setCellFactory(view -> new ItemCell(viewModel));
        list.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                viewModel.open(list.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        getChildren().addAll(header, problem, list);
    }

    private static final class ItemCell extends ListCell<HomeItem> {
        private static final javafx.css.PseudoClass DRAFT = javafx.css.PseudoClass.getPseudoClass("draft");
        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(name, detail);

        ItemCell(SectionViewModel viewModel) {
            getStyleClass().add("item-cell");
            name.getStyleClass().add("item-name");
            detail.getStyleClass().add("item-detail");
            box.getStyleClass().add("item-box");
            setOnMouseClicked(event -> {
                if (!isEmpty()) {
                    viewModel.open(getItem());
                }
            });
        }

        @Override
        protected void updateItem(HomeItem item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.setText(item.name());
            detail.setText(item.detail());
            pseudoClassStateChanged(DRAFT, item.draft());
            setGraphic(box);
        }
    }
}
