package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.embedded.EmbeddedServerHandle;
import io.parley.studio.home.HomeItem;
import io.parley.studio.home.HomeSection;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.kb.KbWizardViewModel.Step;
import io.parley.studio.page.Page;
import io.parley.studio.testsupport.LoopbackSite;
import io.parley.studio.testsupport.ManualScheduler;
import io.parley.studio.testsupport.SameThreadTasks;
import io.parley.studio.testsupport.SampleDocuments;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The knowledge-base view models against the real embedded server (H2, ONNX, Lucene) in a
 * temporary folder: everything but the window. Background work runs inline, timers by hand.
 */
class KnowledgeBaseViewModelsTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path files;

    private static EmbeddedServerHandle server;
    private static KnowledgeBaseApi api;
    private static LoopbackSite site;

    private final SameThreadTasks tasks = new SameThreadTasks();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Navigation navigation = new Navigation();

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedServerHandle.start(dataDir);
        api = new KnowledgeBaseApi(new ParleyApiClient(server.baseUri(), server.accessToken()));
        site = LoopbackSite.start();
    }

    @AfterAll
    static void stopServer() {
        site.close();
        server.close();
    }

    static final class Navigation implements KbNavigation {
        final List<String> opened = new ArrayList<>();
        int listShown;

        @Override
        public void showKnowledgeBases() {
            listShown++;
        }

        @Override
        public void openKnowledgeBase(String kbId) {
            opened.add(kbId);
        }
    }

    @Test
    void theWizardBuildsAKnowledgeBaseFromFilesAWebSiteAndTextWithALivePreview() throws Exception {
        KbWizardViewModel wizard = new KbWizardViewModel(api, tasks, scheduler, navigation);
        assertThat(wizard.nextAllowedProperty().get()).as("a name is needed first").isFalse();
        wizard.nameProperty().set("Café help");
        wizard.next();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.SOURCES);
        assertThat(wizard.nextAllowedProperty().get()).as("at least one source").isFalse();

        wizard.addFiles(List.of(SampleDocuments.pdf(files), SampleDocuments.docx(files), SampleDocuments.markdown(files)));
        wizard.addWebsite(site.url(), new KnowledgeBaseApi.Crawl(5, 1, true));
        wizard.addText("Loyalty card", "Every tenth coffee is free with the loyalty card.");
        assertThat(wizard.sources()).extracting(SourceRow::state).containsOnly(SourceRow.State.ADDED);
        assertThat(wizard.sources()).extracting(SourceRow::name)
                .containsExactly("manual.pdf", "warranty.docx", "guide.md", site.url(), "Loyalty card");

        wizard.next();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.CHUNKING);
        assertThat(wizard.strategies()).extracting(KnowledgeBaseApi.StrategyOption::id)
                .containsExactly("recursive", "headings", "fixed", "parent_child", "table_aware");
        scheduler.advance(KbWizardViewModel.PREVIEW_DELAY);
        assertThat(wizard.previewProblemProperty().get()).isEmpty();
        assertThat(wizard.previewChunks()).extracting(KnowledgeBaseApi.PreviewChunk::sourceName)
                .contains("manual.pdf", "warranty.docx", "guide.md", "Loyalty card");
        assertThat(wizard.previewChunks()).anySatisfy(c -> assertThat(c.page()).isEqualTo(2));
        int chunksBefore = wizard.previewChunks().size();

        // By headings, the guide's two sections become separate chunks with their heading path.
        wizard.strategyProperty().set(wizard.strategies().get(1));
        scheduler.advance(KbWizardViewModel.PREVIEW_DELAY);
        assertThat(wizard.previewChunks()).anySatisfy(c -> assertThat(c.headingPath())
                .containsExactly("Shipping guide", "Returns"));
        assertThat(wizard.previewChunks().size()).isGreaterThan(chunksBefore);

        // An impossible overlap is explained, not swallowed.
        wizard.chunkOverlapProperty().set(300);
        scheduler.advance(KbWizardViewModel.PREVIEW_DELAY);
        assertThat(wizard.previewProblemProperty().get()).contains("overlap");
        wizard.chunkOverlapProperty().set(20);
        scheduler.advance(KbWizardViewModel.PREVIEW_DELAY);
        assertThat(wizard.previewProblemProperty().get()).isEmpty();

        wizard.next();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.MODEL);
        assertThat(wizard.modelProperty().get().id()).isEqualTo("bge-small-en-v1.5");
        wizard.modelProperty().set(wizard.models().stream().filter(m -> m.id().equals("all-minilm-l6-v2-q"))
                .findFirst().orElseThrow());
        wizard.next();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.REVIEW);
        assertThat(wizard.validationProperty().get().valid()).isTrue();
        wizard.next();

        assertThat(navigation.opened).hasSize(1);
        String kbId = navigation.opened.get(0);
        KnowledgeBaseApi.KnowledgeBase kb = api.get(kbId);
        assertThat(kb.name()).isEqualTo("Café help");
        assertThat(kb.embeddingModel()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(kb.chunkingConfig().path("strategy").asText()).isEqualTo("headings");

        KnowledgeBaseViewModel page = openAndWait(kbId);
        assertThat(page.documents()).extracting(DocumentRow::status).containsOnly(DocumentRow.Status.READY);
        assertThat(page.documents()).extracting(DocumentRow::name)
                .contains("manual.pdf", "warranty.docx", "guide.md", "Loyalty card");
        assertThat(page.progressTextProperty().get()).isEqualTo("All documents are ready to search.");

        RetrievalTestViewModel retrieval = page.retrieval();
        retrieval.queryProperty().set("how often should I descale the machine");
        retrieval.search();
        assertThat(retrieval.results().get(0).documentName()).isEqualTo("manual.pdf");
        assertThat(retrieval.results().get(0).page()).isEqualTo(2);
        retrieval.methodProperty().set(RetrievalTestViewModel.Method.KEYWORD);
        retrieval.queryProperty().set("opens at seven");
        retrieval.search();
        assertThat(retrieval.results().get(0).text()).contains("opens at seven");
        assertThat(retrieval.log()).extracting(PastQuery::query)
                .containsExactly("opens at seven", "how often should I descale the machine");
        retrieval.rerun(retrieval.log().get(1));
        assertThat(retrieval.methodProperty().get()).isEqualTo(RetrievalTestViewModel.Method.HYBRID);
        assertThat(retrieval.log()).hasSize(3);
    }

    @Test
    void aFileTheServerRefusesStaysListedWithTheReasonAndCancellingDeletesTheDraft() throws Exception {
        KbWizardViewModel wizard = new KbWizardViewModel(api, tasks, scheduler, navigation);
        wizard.nameProperty().set("Refusals");
        wizard.next();
        Path empty = Files.writeString(files.resolve("empty.txt"), "");
        wizard.addFiles(List.of(empty));
        wizard.addWebsite("notaurl", new KnowledgeBaseApi.Crawl(5, 1, true));

        assertThat(wizard.sources()).allSatisfy(row -> {
            assertThat(row.state()).isEqualTo(SourceRow.State.FAILED);
            assertThat(row.problem()).isNotBlank();
        });
        assertThat(wizard.nextAllowedProperty().get()).isFalse();
        wizard.removeSource(wizard.sources().get(0));
        assertThat(wizard.sources()).hasSize(1);

        int drafts = api.drafts().size();
        wizard.cancel();
        assertThat(navigation.listShown).isEqualTo(1);
        assertThat(api.drafts()).hasSize(drafts - 1);
    }

    @Test
    void aDraftLeftHalfwayIsListedAndContinuesWhereItStopped() {
        KbWizardViewModel first = new KbWizardViewModel(api, tasks, scheduler, navigation);
        first.nameProperty().set("Half done");
        first.next();
        first.addText("Returns", "Returns are accepted within thirty days.");
        first.next();
        first.strategyProperty().set(first.strategies().stream().filter(s -> s.id().equals("fixed"))
                .findFirst().orElseThrow());
        scheduler.advance(KbWizardViewModel.PREVIEW_DELAY);
        first.leave(); // the builder went elsewhere through the sidebar

        SectionViewModel section = new SectionViewModel(HomeSection.KNOWLEDGE_BASES);
        List<Page> shown = new ArrayList<>();
        KnowledgeBaseScreens screens = new KnowledgeBaseScreens(api, tasks, scheduler, section, shown::add,
                new RetrievalLogs(files.resolve("logs")));
        screens.refreshList();
        HomeItem draft = section.items().stream().filter(i -> i.name().equals("Half done")).findFirst().orElseThrow();
        assertThat(draft.draft()).isTrue();
        assertThat(draft.detail()).startsWith("Draft, not created yet · 1 source");

        section.open(draft);
        KbWizardViewModel resumed = (KbWizardViewModel) shown.get(shown.size() - 1);
        assertThat(resumed.stepProperty().get()).isEqualTo(Step.SOURCES);
        assertThat(resumed.nameProperty().get()).isEqualTo("Half done");
        assertThat(resumed.sources()).extracting(SourceRow::name, SourceRow::state)
                .containsExactly(tuple("Returns", SourceRow.State.ADDED));
        resumed.next();
        assertThat(resumed.strategyProperty().get().id()).as("the saved strategy, not the default").isEqualTo("fixed");
        resumed.next();
        resumed.next();
        resumed.next();
        KnowledgeBaseViewModel created = (KnowledgeBaseViewModel) shown.get(shown.size() - 1);
        created.leave();
        assertThat(api.get(created.kbId()).chunkingConfig().path("strategy").asText()).isEqualTo("fixed");
        screens.refreshList();
        assertThat(section.items()).noneMatch(i -> i.draft() && i.name().equals("Half done"));
    }

    @Test
    void aKnowledgeBasePageAddsReprocessesAnnotatesAndRemovesDocuments() throws Exception {
        String draft = api.createDraft("Page test", "");
        api.addText(draft, "Hours", "We open at nine.");
        String kbId = api.finalizeDraft(draft).kbId();
        KnowledgeBaseViewModel page = openAndWait(kbId);
        assertThat(page.documents()).hasSize(1);

        page.addText("Parking", "Free parking behind the building.");
        page.addFiles(List.of(SampleDocuments.markdown(files)));
        waitUntilSettled(page);
        assertThat(page.documents()).extracting(DocumentRow::name).containsExactlyInAnyOrder("Hours", "Parking",
                "guide.md");
        assertThat(page.factsProperty().get()).startsWith("3 documents");

        DocumentRow parking = row(page, "Parking");
        page.annotate(parking, 2.0, List.of("car", " garage ", ""));
        waitUntilSettled(page);
        assertThat(row(page, "Parking").importance()).isEqualTo(2.0);
        assertThat(row(page, "Parking").tags()).containsExactly("car", "garage");

        page.reprocess(row(page, "Hours"));
        waitUntilSettled(page);
        assertThat(row(page, "Hours").status()).isEqualTo(DocumentRow.Status.READY);

        page.remove(row(page, "guide.md"));
        waitUntilSettled(page);
        assertThat(page.documents()).extracting(DocumentRow::name).containsExactlyInAnyOrder("Hours", "Parking");

        // Settings: a new model processes every document again; search defaults just save.
        KbSettingsViewModel settings = page.settings();
        settings.load();
        assertThat(settings.modelProperty().get().id()).isEqualTo("bge-small-en-v1.5");
        assertThat(settings.reprocessingNeeded()).isFalse();
        settings.topKProperty().set(8);
        settings.modelProperty().set(settings.models().stream().filter(m -> m.id().equals("all-minilm-l6-v2"))
                .findFirst().orElseThrow());
        assertThat(settings.reprocessingNeeded()).isTrue();
        page.saveSettings();
        waitUntilSettled(page);
        assertThat(settings.messageProperty().get()).isEqualTo("Saved.");
        assertThat(page.factsProperty().get()).endsWith("model all-minilm-l6-v2");
        assertThat(api.get(kbId).retrievalConfig().path("top_k").asInt()).isEqualTo(8);
        assertThat(page.documents()).extracting(DocumentRow::status).containsOnly(DocumentRow.Status.READY);
        settings.chunkOverlapProperty().set(1000);
        page.saveSettings();
        assertThat(settings.messageProperty().get()).contains("overlap");
        assertThat(api.get(kbId).chunkingConfig().path("chunk_overlap").asInt()).isNotEqualTo(1000);

        page.retrieval().queryProperty().set("   ");
        page.retrieval().search();
        assertThat(page.retrieval().messageProperty().get()).contains("Type a question");
        assertThat(page.retrieval().log()).isEmpty();

        page.delete();
        assertThat(api.list()).extracting(KnowledgeBaseApi.KnowledgeBase::id).doesNotContain(kbId);
    }

    private KnowledgeBaseViewModel openAndWait(String kbId) throws InterruptedException {
        KnowledgeBaseViewModel page = new KnowledgeBaseViewModel(api, tasks, scheduler, navigation, kbId,
                FXCollections.observableArrayList());
        page.open();
        waitUntilSettled(page);
        return page;
    }

    /** Follows the page's own polling until nothing is processing any more. */
    private void waitUntilSettled(KnowledgeBaseViewModel page) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (page.processingProperty().get() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            scheduler.advance(KnowledgeBaseViewModel.POLL_EVERY);
        }
        assertThat(page.processingProperty().get()).as(page.progressTextProperty().get()).isFalse();
        assertThat(scheduler.pending()).as("polling stops once everything has settled").isZero();
    }

    private static DocumentRow row(KnowledgeBaseViewModel page, String name) {
        return page.documents().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
