package io.parley.studio.shell;

import io.parley.studio.home.HomeSection;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.ui.Glyphs;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The left column: the app's name, the current workspace and the section navigation. */
final class SidebarView extends VBox {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final double NAV_GLYPH_SIZE = 18;

    SidebarView(ShellViewModel viewModel) {
        getStyleClass().add("sidebar");
        getChildren().addAll(brand(), workspace(viewModel.workspace()), navigation(viewModel), spacer(),
                modelsLink(viewModel), signedInAs(viewModel.workspace()));
    }

    private static HBox brand() {
        Label mark = new Label("P");
        mark.getStyleClass().add("brand-mark");
        Label name = new Label("Parley");
        name.setId("app-name");
        name.getStyleClass().add("brand-name");
        HBox brand = new HBox(mark, name);
        brand.getStyleClass().add("brand");
        brand.setAlignment(Pos.CENTER_LEFT);
        return brand;
    }

    private static VBox workspace(WorkspaceViewModel workspace) {
        Label caption = new Label("WORKSPACE");
        caption.getStyleClass().add("sidebar-caption");
        Label name = new Label();
        name.setId("workspace-name");
        name.getStyleClass().add("workspace-name");
        name.textProperty().bind(workspace.workspaceNameProperty());
        Label organization = new Label();
        organization.setId("organization-name");
        organization.getStyleClass().add("organization-name");
        organization.textProperty().bind(workspace.organizationNameProperty());
        organization.visibleProperty().bind(workspace.organizationNameProperty().isNotEmpty());
        organization.managedProperty().bind(organization.visibleProperty());
        VBox box = new VBox(caption, name, organization);
        box.getStyleClass().add("workspace-card");
        return box;
    }

    /** The workspace's AI model and saved keys: a setting, below the things a builder makes. */
    private static Button modelsLink(ShellViewModel viewModel) {
        Button item = new Button("Models & keys");
        item.setId("nav-models");
        item.getStyleClass().add("nav-item");
        item.setMaxWidth(Double.MAX_VALUE);
        item.setAlignment(Pos.CENTER_LEFT);
        item.setOnAction(event -> viewModel.showModels());
        item.pseudoClassStateChanged(SELECTED, false);
        viewModel.currentPageProperty().addListener((obs, was, is) -> item.pseudoClassStateChanged(SELECTED,
                is instanceof io.parley.studio.settings.ModelsPageViewModel));
        return item;
    }

    private static VBox navigation(ShellViewModel viewModel) {
        VBox nav = new VBox();
        nav.getStyleClass().add("nav");
        for (SectionViewModel section : viewModel.sections()) {
            nav.getChildren().add(navItem(viewModel, section));
        }
        return nav;
    }

    private static Button navItem(ShellViewModel viewModel, SectionViewModel section) {
        HomeSection which = section.section();
        Button item = new Button(which.title(), Glyphs.of(which, NAV_GLYPH_SIZE));
        item.setId("nav-" + which.id());
        item.getStyleClass().add("nav-item");
        item.setMaxWidth(Double.MAX_VALUE);
        item.setAlignment(Pos.CENTER_LEFT);
        item.setOnAction(event -> viewModel.select(which));
        item.pseudoClassStateChanged(SELECTED, viewModel.getSelectedSection() == section);
        viewModel.selectedSectionProperty().addListener(
                (obs, was, is) -> item.pseudoClassStateChanged(SELECTED, is == section));
        return item;
    }

    private static Region spacer() {
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private static Label signedInAs(WorkspaceViewModel workspace) {
        Label user = new Label();
        user.setId("signed-in-as");
        user.getStyleClass().add("signed-in-as");
        user.textProperty().bind(Bindings.when(workspace.userNameProperty().isEmpty())
                .then("")
                .otherwise(Bindings.concat("Signed in as ", workspace.userNameProperty())));
        return user;
    }
}
