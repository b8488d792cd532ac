package io.parley.studio;

import io.parley.studio.api.KnowledgeBaseApi.PreviewChunk;
import io.parley.studio.api.KnowledgeBaseApi.SearchHit;
import io.parley.studio.home.HomeItem;
import io.parley.studio.kb.PastQuery;
import io.parley.studio.kb.SourceInputView;
import io.parley.studio.kb.SourceRow;
import io.parley.studio.testsupport.LoopbackSite;
import io.parley.studio.testsupport.RealDisplay;
import io.parley.studio.testsupport.SampleDocuments;
import io.parley.studio.testsupport.Screenshots;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A builder makes a knowledge base in the real studio window, with the real embedded server:
 * a PDF, a Word file and a Markdown file, a small web site on loopback (two pages, so two documents) and pasted text; previews
 * the chunks, picks a model, creates it, watches it process and tests retrieval. Only the
 * system's file dialog is replaced (Xvfb has no one to click in it). Screenshots go to
 * {@code target/screenshots/kb-*.png}.
 */
class KnowledgeBaseWindowTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private ParleyStudioApp app;
    private LoopbackSite site;

    @BeforeAll
    static void needsADisplay() {
        RealDisplay.require();
    }

    @BeforeEach
    void openStudio() throws Exception {
        site = LoopbackSite.start();
        stage = FxToolkit.registerPrimaryStage();
        app = (ParleyStudioApp) FxToolkit.setupApplication(
                () -> new ParleyStudioApp(StudioOptions.forDataDir(dataDir)));
        waitFor(60, () -> robot.lookup("#status-message").queryLabeled().getText().startsWith("Server running"));
    }

    @AfterEach
    void closeStudio() throws Exception {
        FxToolkit.cleanupApplication(app);
        site.close();
    }

    @Test
    void buildsAKnowledgeBaseFromFilesAWebSiteAndTextThenSearchesIt() throws Exception {
        List<Path> picked = List.of(SampleDocuments.pdf(files), SampleDocuments.docx(files),
                SampleDocuments.markdown(files));

        click("#create-knowledge-bases");
        waitFor(10, () -> robot.lookup("#kb-wizard").tryQuery().isPresent());
        click("#kb-name").write("Café help");
        click("#kb-description").write("Everything customers ask the counter staff.");
        Screenshots.save(robot, stage, "kb-1-name");
        click("#wizard-next");

        // Sources: files through the (replaced) file dialog, a web site, pasted text.
        waitFor(20, () -> robot.lookup(".source-input").tryQuery().isPresent());
        SourceInputView input = robot.lookup(".source-input").queryAs(SourceInputView.class);
        input.setFilePicker(pick(picked));
        click("#choose-files");
        click("#source-kind-web");
        click("#website-url").write(site.url());
        click("#add-website");
        click("#source-kind-text");
        click("#text-title").write("Loyalty card");
        click("#text-body").write("Every tenth coffee is free with the loyalty card.");
        click("#add-text");
        ListView<SourceRow> sources = list("#source-list");
        waitFor(60, () -> sources.getItems().size() == 5
                && sources.getItems().stream().allMatch(s -> s.state() == SourceRow.State.ADDED));
        assertThat(sources.getItems()).extracting(SourceRow::name)
                .containsExactly("manual.pdf", "warranty.docx", "guide.md", site.url(), "Loyalty card");
        Screenshots.save(robot, stage, "kb-2-sources");
        click("#wizard-next");

        // Chunking, with the live preview following the settings.
        ListView<PreviewChunk> preview = list("#preview-chunks");
        waitFor(60, () -> preview.getItems().size() >= 5);
        click("#strategy-headings");
        waitFor(60, () -> preview.getItems().stream().anyMatch(c -> c.headingPath().contains("Returns")));
        Screenshots.save(robot, stage, "kb-3-chunking");
        click("#wizard-next");

        click("#model-all-minilm-l6-v2-q");
        Screenshots.save(robot, stage, "kb-4-model");
        click("#wizard-next");

        Button create = robot.lookup("#wizard-next").queryButton();
        waitFor(30, () -> !create.isDisabled());
        assertThat(create.getText()).isEqualTo("Create knowledge base");
        Screenshots.save(robot, stage, "kb-5-review");
        robot.clickOn(create);

        // The knowledge base's page follows processing until every document is ready.
        waitFor(20, () -> robot.lookup("#kb-page").tryQuery().isPresent());
        ListView<Object> documents = list("#document-list");
        waitFor(20, () -> !documents.getItems().isEmpty());
        Screenshots.save(robot, stage, "kb-6-processing");
        waitFor(120, () -> "All documents are ready to search.".equals(
                robot.lookup("#kb-progress-text").queryLabeled().getText()));
        assertThat(robot.lookup("#kb-title").queryLabeled().getText()).isEqualTo("Café help");
        assertThat(robot.lookup("#kb-facts").queryLabeled().getText()).startsWith("6 documents")
                .endsWith("model all-minilm-l6-v2-q");
        Screenshots.save(robot, stage, "kb-7-documents");

        // A damaged file added later fails on its own, says why, and offers a retry.
        Path broken = java.nio.file.Files.write(files.resolve("broken.pdf"), "%PDF-1.7 not really".getBytes());
        click("#kb-add-documents");
        SourceInputView pageInput = robot.from(node("#kb-page")).lookup(".source-input").queryAs(SourceInputView.class);
        pageInput.setFilePicker(pick(List.of(broken)));
        click("#choose-files");
        ListView<io.parley.studio.kb.DocumentRow> rows = list("#document-list");
        waitFor(60, () -> rows.getItems().stream().anyMatch(r -> r.name().equals("broken.pdf")
                && r.status() == io.parley.studio.kb.DocumentRow.Status.ERROR));
        waitFor(10, () -> robot.lookup((javafx.scene.Node n) -> n instanceof Button b && "Retry".equals(b.getText())
                && b.isVisible()).tryQuery().isPresent());
        // The row and the summary line come from separate polls: wait for the summary too.
        waitFor(10, () -> "1 document could not be processed; see below.".equals(
                robot.lookup("#kb-progress-text").queryLabeled().getText()));
        Screenshots.save(robot, stage, "kb-7b-failed-document");

        // Retrieval test: hybrid, then keyword, each kept in the log.
        TabPane tabs = robot.lookup("#kb-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        click("#retrieval-query").write("how often should I descale the machine").type(KeyCode.ENTER);
        ListView<SearchHit> results = list("#retrieval-results");
        waitFor(60, () -> !results.getItems().isEmpty());
        assertThat(results.getItems().get(0).documentName()).isEqualTo("manual.pdf");
        assertThat(results.getItems().get(0).page()).isEqualTo(2);
        click("#method-keyword");
        click("#retrieval-query").push(KeyCode.CONTROL, KeyCode.A).write("opens at seven").type(KeyCode.ENTER);
        ListView<PastQuery> log = list("#retrieval-log");
        waitFor(60, () -> log.getItems().size() == 2);
        assertThat(results.getItems().get(0).text()).contains("opens at seven");
        assertThat(log.getItems()).extracting(PastQuery::query)
                .containsExactly("opens at seven", "how often should I descale the machine");
        Screenshots.save(robot, stage, "kb-8-retrieval");

        robot.interact(() -> tabs.getSelectionModel().select(2));
        waitFor(20, () -> !robot.lookup("#settings-name").queryAs(javafx.scene.control.TextField.class)
                .getText().isEmpty());
        assertThat(robot.lookup("#settings-name").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo("Café help");
        Screenshots.save(robot, stage, "kb-9-settings");

        click("#kb-back");
        ListView<HomeItem> home = list("#list-knowledge-bases");
        waitFor(20, () -> home.getItems().size() == 1);
        assertThat(home.getItems().get(0).name()).isEqualTo("Café help");
        assertThat(home.getItems().get(0).detail()).startsWith("7 documents");
        Screenshots.save(robot, stage, "kb-10-list");
    }

    /**
     * Clicks a node once it is showing. Looks it up through the scene of the window, not all
     * windows: lookups run off the FX thread, and a scan of every window can catch a node that
     * is being swapped out of a scene.
     */
    private org.testfx.api.FxRobotInterface click(String query) throws Exception {
        return robot.clickOn(node(query));
    }

    private javafx.scene.Node node(String query) throws Exception {
        waitFor(20, () -> robot.from(stage.getScene().getRoot()).lookup(query).tryQuery()
                .filter(n -> n.getScene() != null && n.isVisible() && !n.isDisabled()).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.from(stage.getScene().getRoot()).lookup(query).query();
    }

    private static SourceInputView.FilePicker pick(List<Path> files) {
        return new SourceInputView.FilePicker() {
            @Override
            public List<Path> files(Window owner) {
                return files;
            }

            @Override
            public List<Path> folder(Window owner) {
                return List.of();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <T> ListView<T> list(String query) throws Exception {
        return (ListView<T>) node(query);
    }

    private static void waitFor(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
    }
}
