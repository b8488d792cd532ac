package io.parley.studio.shell;

import io.parley.studio.chatbot.ChatbotBuilderView;
import io.parley.studio.chatbot.ChatbotBuilderViewModel;
import io.parley.studio.chatbot.ChatbotPageView;
import io.parley.studio.chatbot.ChatbotPageViewModel;
import io.parley.studio.home.SectionView;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.kb.KbWizardView;
import io.parley.studio.kb.KbWizardViewModel;
import io.parley.studio.kb.KnowledgeBaseView;
import io.parley.studio.kb.KnowledgeBaseViewModel;
import io.parley.studio.page.Page;
import javafx.scene.Node;
import javafx.geometry.Insets;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The studio window's content: sidebar on the left; on the right a problem banner (only when
 * something is wrong) above the selected section; the status bar below.
 */
public final class ShellView extends BorderPane {

    private final Map<SectionViewModel, SectionView> sectionViews = new LinkedHashMap<>();
    private final StackPane content = new StackPane();

    public ShellView(ShellViewModel viewModel) {
        getStyleClass().add("shell");
        viewModel.sections().forEach(section -> sectionViews.put(section, new SectionView(section)));
        content.getStyleClass().add("content");
        show(viewModel.getCurrentPage());
        viewModel.currentPageProperty().addListener((obs, was, is) -> show(is));

        ProblemBanner banner = new ProblemBanner(viewModel.status(), viewModel::retry);
        VBox.setMargin(banner, new Insets(20, 36, 0, 36)); // lines up with the section's padding
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox main = new VBox(banner, content);
        main.getStyleClass().add("main");

        setLeft(new SidebarView(viewModel));
        setCenter(main);
        setBottom(new StatusBarView(viewModel));
    }

    /** A page taller than the window scrolls, with the page's own padding. */
    private static Node scrolling(Node page) {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private void show(Page page) {
        Node view = switch (page) {
            case SectionViewModel section -> sectionViews.get(section);
            case KbWizardViewModel wizard -> new KbWizardView(wizard);
            case KnowledgeBaseViewModel kb -> new KnowledgeBaseView(kb);
            case ChatbotBuilderViewModel builder -> new ChatbotBuilderView(builder);
            case ChatbotPageViewModel bot -> scrolling(new ChatbotPageView(bot));
            case io.parley.studio.chatflow.FlowBuilderViewModel flow ->
                    new io.parley.studio.chatflow.FlowBuilderView(flow);
            case io.parley.studio.chatflow.ChatflowPageViewModel flow ->
                    scrolling(new io.parley.studio.chatflow.ChatflowPageView(flow));
            case io.parley.studio.settings.ModelsPageViewModel models ->
                    scrolling(new io.parley.studio.settings.ModelsPageView(models));
            default -> throw new IllegalArgumentException("no view for " + page);
        };
        content.getChildren().setAll(view);
    }
}
