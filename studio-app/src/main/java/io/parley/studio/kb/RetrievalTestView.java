package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi.SearchHit;
import io.parley.studio.kb.RetrievalTestViewModel.Method;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The retrieval test: a search box with the method switch, the ranked passages with their
 * scores and sources, and the log of past queries beside them.
 */
final class RetrievalTestView extends HBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm");

    RetrievalTestView(RetrievalTestViewModel viewModel) {
        setSpacing(16);
        getStyleClass().add("tab-body");

        TextField query = new TextField();
        query.setId("retrieval-query");
        query.setPromptText("Ask what a customer would ask, for example “When are you open?”");
        query.textProperty().bindBidirectional(viewModel.queryProperty());
        query.setOnAction(event -> viewModel.search());
        HBox.setHgrow(query, Priority.ALWAYS);
        Button search = new Button("Search");
        search.setId("retrieval-search");
        search.getStyleClass().add("primary-button");
        search.disableProperty().bind(viewModel.runningProperty());
        search.setOnAction(event -> viewModel.search());

        ToggleGroup methods = new ToggleGroup();
        HBox switcher = new HBox();
        switcher.getStyleClass().add("segmented");
        for (Method method : Method.values()) {
            ToggleButton button = new ToggleButton(method.label());
            button.setId("method-" + method.name().toLowerCase(Locale.ROOT));
            button.getStyleClass().add("segment");
            button.setToggleGroup(methods);
            button.setUserData(method);
            button.setTooltip(new Tooltip(method.explanation()));
            button.setSelected(viewModel.methodProperty().get() == method);
            switcher.getChildren().add(button);
        }
        switcher.getChildren().get(0).getStyleClass().add("first"); // JavaFX CSS has no :first-child
        switcher.getChildren().get(switcher.getChildren().size() - 1).getStyleClass().add("last");
        methods.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is == null) {
                was.setSelected(true); // a method is always chosen
            } else {
                viewModel.methodProperty().set((Method) is.getUserData());
            }
        });
        viewModel.methodProperty().addListener((obs, was, is) -> methods.getToggles()
                .forEach(t -> t.setSelected(t.getUserData() == is)));
        Spinner<Integer> topK = new Spinner<>(1, 50, viewModel.topKProperty().get());
        topK.setId("retrieval-top-k");
        topK.setPrefWidth(80);
        topK.setEditable(true);
        var topKValue = viewModel.topKProperty().asObject();
        topK.getValueFactory().valueProperty().bindBidirectional(topKValue);
        topK.getProperties().put("bound-value", topKValue);
        HBox options = new HBox(10, switcher, KbWizardView.fieldLabel("Results"), topK);
        options.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("retrieval-message");
        message.getStyleClass().add("hint");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());

        ListView<SearchHit> results = new ListView<>(viewModel.results());
        results.setId("retrieval-results");
        results.getStyleClass().add("plain-list");
        results.setPlaceholder(new Label("The passages a chatbot would be given appear here."));
        results.setCellFactory(view -> new HitCell());
        VBox.setVgrow(results, Priority.ALWAYS);
        VBox main = new VBox(10, new HBox(10, query, search), options, message, results);
        HBox.setHgrow(main, Priority.ALWAYS);

        Label logTitle = new Label("Past queries");
        logTitle.getStyleClass().add("card-title");
        ListView<PastQuery> log = new ListView<>(viewModel.log());
        log.setId("retrieval-log");
        log.getStyleClass().add("plain-list");
        log.setPlaceholder(new Label("Your test queries are kept here."));
        log.setCellFactory(view -> new PastQueryCell(viewModel));
        VBox.setVgrow(log, Priority.ALWAYS);
        VBox side = new VBox(8, logTitle, log);
        side.setPrefWidth(270);
        side.setMinWidth(220);

        getChildren().addAll(main, side);
    }

    private static final class HitCell extends ListCell<SearchHit> {
        private final Label rank = new Label();
        private final Label source = new Label();
        private final Label scores = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Label text = new Label();
        private final VBox box;

        HitCell() {
            rank.getStyleClass().add("rank");
            source.getStyleClass().add("item-name");
            scores.getStyleClass().add("item-detail");
            bar.getStyleClass().add("score-bar");
            bar.setPrefWidth(90);
            text.setWrapText(true);
            text.getStyleClass().add("chunk-text");
            text.setMaxHeight(100);
            text.setMinWidth(0);
            setPrefWidth(0); // the cell follows the list's width instead of widening it
            HBox top = new HBox(10, rank, source, KbWizardView.spacer(), bar, scores);
            top.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(6, top, text);
        }

        @Override
        protected void updateItem(SearchHit hit, boolean empty) {
            super.updateItem(hit, empty);
            setText(null);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            rank.setText("#" + hit.rank());
            StringBuilder where = new StringBuilder(hit.documentName());
            if (hit.page() != null) {
                where.append(" · page ").append(hit.page());
            }
            if (hit.headingPath() != null && !hit.headingPath().isEmpty()
                    && !hit.headingPath().equals(java.util.List.of(hit.documentName()))) {
                where.append(" · ").append(String.join(" › ", hit.headingPath()));
            }
            source.setText(where.toString());
            // Keyword scores are not bounded by 1: the bar shows a score against the best one.
            double best = getListView().getItems().isEmpty() ? 1 : getListView().getItems().get(0).score();
            bar.setProgress(best <= 0 ? 0 : Math.max(0, Math.min(1, hit.score() / best)));
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "score %.2f", hit.score()));
            if (hit.keywordScore() != null) {
                s.append(String.format(Locale.ROOT, " · keyword %.2f", hit.keywordScore()));
            }
            if (hit.vectorScore() != null) {
                s.append(String.format(Locale.ROOT, " · meaning %.2f", hit.vectorScore()));
            }
            scores.setText(s.toString());
            text.setText(hit.text());
            setGraphic(box);
        }
    }

    /** The time for today's queries, the day too for older ones (the log is kept between runs). */
    private static String when(PastQuery past) {
        boolean today = past.at().toLocalDate().equals(java.time.LocalDate.now());
        return (today ? TIME : DAY_AND_TIME).format(past.at());
    }

    private static final class PastQueryCell extends ListCell<PastQuery> {
        private final Label query = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, query, detail);

        PastQueryCell(RetrievalTestViewModel viewModel) {
            query.getStyleClass().add("item-name");
            query.setWrapText(true);
            detail.getStyleClass().add("item-detail");
            detail.setWrapText(true);
            setPrefWidth(0);
            setOnMouseClicked(event -> {
                if (!isEmpty() && event.getClickCount() == 2) {
                    viewModel.rerun(getItem());
                }
            });
            setTooltip(new Tooltip("Double-click to search again"));
        }

        @Override
        protected void updateItem(PastQuery past, boolean empty) {
            super.updateItem(past, empty);
            setText(null);
            if (empty || past == null) {
                setGraphic(null);
                return;
            }
            query.setText(past.query());
            detail.setText(String.format(Locale.ROOT, "%s · %s · %d found · best %.2f · %d ms",
                    when(past), past.method().label(), past.results(), past.topScore(), past.tookMs()));
            setGraphic(box);
        }
    }
}
