package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi.Crawl;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where sources come in: files (chooser, or dropped files and folders), a web site with how far
 * to follow its links, or pasted text. Hands them to a {@link SourceSink}.
 */
public final class SourceInputView extends VBox {

    static final int DEFAULT_MAX_PAGES = 20;
    static final int DEFAULT_MAX_DEPTH = 2;

    /** Asks the builder for files or a folder; tests put their own in place of the system's dialogs. */
    public interface FilePicker {
        List<Path> files(Window owner);

        List<Path> folder(Window owner);
    }

    /** The system's open dialogs. */
    static final FilePicker SYSTEM_DIALOGS = new FilePicker() {
        @Override
        public List<Path> files(Window owner) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Add files to the knowledge base");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Documents", SupportedFiles.EXTENSIONS.stream().sorted()
                            .map(e -> "*." + e).toList()),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            List<File> picked = chooser.showOpenMultipleDialog(owner);
            return picked == null ? List.of() : picked.stream().map(File::toPath).toList();
        }

        @Override
        public List<Path> folder(Window owner) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Add a folder to the knowledge base");
            File picked = chooser.showDialog(owner);
            return picked == null ? List.of() : List.of(picked.toPath());
        }
    };

    private final SourceSink sink;
    private FilePicker picker = SYSTEM_DIALOGS;

    public void setFilePicker(FilePicker picker) {
        this.picker = java.util.Objects.requireNonNull(picker, "picker");
    }

    public SourceInputView(SourceSink sink) {
        this.sink = sink;
        getStyleClass().add("source-input");

        ToggleGroup kinds = new ToggleGroup();
        ToggleButton files = kind("Files", "source-kind-files", kinds);
        ToggleButton web = kind("Web site", "source-kind-web", kinds);
        ToggleButton text = kind("Text", "source-kind-text", kinds);
        HBox switcher = new HBox(files, web, text);
        switcher.getStyleClass().add("segmented");
        files.getStyleClass().add("first"); // JavaFX CSS has no :first-child
        text.getStyleClass().add("last");

        VBox filePane = filePane();
        VBox webPane = webPane();
        VBox textPane = textPane();
        StackPane body = new StackPane(filePane, webPane, textPane);
        filePane.visibleProperty().bind(files.selectedProperty());
        webPane.visibleProperty().bind(web.selectedProperty());
        textPane.visibleProperty().bind(text.selectedProperty());
        // One of the three is always chosen: clicking the chosen one again must not empty the panel.
        kinds.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is == null && was != null) {
                was.setSelected(true);
            }
        });
        files.setSelected(true);

        getChildren().addAll(switcher, body);
    }

    private static ToggleButton kind(String label, String id, ToggleGroup group) {
        ToggleButton button = new ToggleButton(label);
        button.setId(id);
        button.setToggleGroup(group);
        button.getStyleClass().add("segment");
        return button;
    }

    private VBox filePane() {
        Label title = new Label("Drop files or folders here");
        title.getStyleClass().add("drop-title");
        Label hint = new Label("PDF, Word, Markdown, text, HTML, CSV, Excel… Folders add every file they hold.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        Button choose = new Button("Choose files…");
        choose.setId("choose-files");
        choose.getStyleClass().add("secondary-button");
        choose.setOnAction(event -> addPicked(picker.files(getScene().getWindow())));
        Button folder = new Button("Choose a folder…");
        folder.setId("choose-folder");
        folder.getStyleClass().add("secondary-button");
        folder.setOnAction(event -> addPicked(picker.folder(getScene().getWindow())));
        HBox buttons = new HBox(10, choose, folder);
        buttons.setAlignment(Pos.CENTER);
        VBox zone = new VBox(8, title, hint, buttons);
        zone.setId("drop-zone");
        zone.getStyleClass().add("drop-zone");
        zone.setAlignment(Pos.CENTER);
        zone.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
                zone.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("drag-over"), true);
            }
            event.consume();
        });
        zone.setOnDragExited(event -> zone.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("drag-over"), false));
        zone.setOnDragDropped(this::dropped);
        return new VBox(zone);
    }

    private void addPicked(List<Path> picked) {
        if (!picked.isEmpty()) {
            sink.addFiles(picked);
        }
    }

    private void dropped(DragEvent event) {
        boolean done = event.getDragboard().hasFiles();
        if (done) {
            List<Path> paths = event.getDragboard().getFiles().stream().map(File::toPath).toList();
            sink.addFiles(paths);
        }
        event.setDropCompleted(done);
        event.consume();
    }

    private VBox webPane() {
        TextField url = new TextField();
        url.setId("website-url");
        url.setPromptText("https://www.example.com/help");
        Spinner<Integer> pages = new Spinner<>(1, 200, DEFAULT_MAX_PAGES);
        pages.setId("website-max-pages");
        pages.setEditable(true);
        pages.setPrefWidth(90);
        Spinner<Integer> depth = new Spinner<>(0, 5, DEFAULT_MAX_DEPTH);
        depth.setId("website-max-depth");
        depth.setEditable(true);
        depth.setPrefWidth(80);
        CheckBox sameSite = new CheckBox("Stay on this site");
        sameSite.setId("website-same-site");
        sameSite.setSelected(true);
        Button add = new Button("Add web site");
        add.setId("add-website");
        add.getStyleClass().add("secondary-button");
        add.disableProperty().bind(url.textProperty().isEmpty());
        Runnable submit = () -> {
            String address = url.getText().strip();
            if (!address.isEmpty()) {
                if (!address.toLowerCase(Locale.ROOT).matches("^[a-z][a-z0-9+.-]*://.*")) {
                    address = "https://" + address; // people type "example.com"
                }
                sink.addWebsite(address, new Crawl(pages.getValue(), depth.getValue(), sameSite.isSelected()));
                url.clear();
            }
        };
        add.setOnAction(event -> submit.run());
        url.setOnAction(event -> submit.run());
        HBox.setHgrow(url, Priority.ALWAYS);
        HBox settings = new HBox(10, new Label("Pages at most"), pages, new Label("Links deep"), depth, sameSite);
        settings.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Parley reads the page and follows its links, within these limits, and respects "
                + "the site's robots.txt.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox pane = new VBox(10, new HBox(10, url, add), settings, hint);
        pane.getStyleClass().add("source-form");
        return pane;
    }

    private VBox textPane() {
        TextField title = new TextField();
        title.setId("text-title");
        title.setPromptText("Title, for example “Opening hours”");
        TextArea text = new TextArea();
        text.setId("text-body");
        text.setPromptText("Paste or type the text");
        text.setWrapText(true);
        text.setPrefRowCount(5);
        Button add = new Button("Add text");
        add.setId("add-text");
        add.getStyleClass().add("secondary-button");
        add.disableProperty().bind(text.textProperty().isEmpty());
        add.setOnAction(event -> {
            sink.addText(title.getText(), text.getText());
            title.clear();
            text.clear();
        });
        VBox pane = new VBox(10, title, text, add);
        pane.getStyleClass().add("source-form");
        return pane;
    }
}
