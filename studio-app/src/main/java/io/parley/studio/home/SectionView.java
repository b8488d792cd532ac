package io.parley.studio.home;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One home-screen section: a heading and its list, which shows the empty state while empty. */
public final class SectionView extends VBox {

    public SectionView(SectionViewModel viewModel) {
        HomeSection section = viewModel.section();
        setId("section-" + section.id());
        getStyleClass().add("section");

        Label title = new Label(section.title());
        title.getStyleClass().add("section-title");
        Label subtitle = new Label(section.subtitle());
        subtitle.getStyleClass().add("section-subtitle");
        VBox header = new VBox(title, subtitle);
        header.getStyleClass().add("section-header");

        ListView<HomeItem> list = new ListView<>(viewModel.items());
        list.getStyleClass().add("section-list");
        list.setPlaceholder(new EmptyStateView(viewModel));
        list.setCellFactory(view -> new NameCell());
        VBox.setVgrow(list, Priority.ALWAYS);

        getChildren().addAll(header, list);
    }

    private static final class NameCell extends ListCell<HomeItem> {
        @Override
        protected void updateItem(HomeItem item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.name());
        }
    }
}
