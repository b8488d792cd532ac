package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.chatbot.ChatbotBuilderViewModel.Step;
import io.parley.studio.embedded.EmbeddedServerHandle;
import io.parley.studio.home.HomeItem;
import io.parley.studio.home.HomeSection;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.page.Page;
import io.parley.studio.testsupport.ManualScheduler;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chatbot builder's view models against the real embedded server in a temporary folder:
 * everything but the window. Background work runs inline, timers by hand.
 */
class ChatbotBuilderViewModelTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedServerHandle server;
    private static ChatbotApi api;
    private static KnowledgeBaseApi kbApi;
    private static String kbId;

    private final SameThreadTasks tasks = new SameThreadTasks();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Navigation navigation = new Navigation();

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedServerHandle.start(dataDir);
        ParleyApiClient client = new ParleyApiClient(server.baseUri(), server.accessToken());
        api = new ChatbotApi(client);
        kbApi = new KnowledgeBaseApi(client);
        kbId = readyKnowledgeBase(kbApi, "Café facts", "Opening hours",
                "The café opens at seven on weekdays and at nine on Sundays. Oat milk costs nothing extra.");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Makes a knowledge base from one text and waits until it can be searched. */
    static String readyKnowledgeBase(KnowledgeBaseApi kbs, String name, String title, String text)
            throws InterruptedException {
        String draft = kbs.createDraft(name, "");
        kbs.addText(draft, title, text);
        String id = kbs.finalizeDraft(draft).kbId();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!"ready".equals(kbs.get(id).status()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(kbs.get(id).status()).isEqualTo("ready");
        return id;
    }

    static final class Navigation implements ChatbotNavigation {
        final List<String> opened = new ArrayList<>();
        final List<String> edited = new ArrayList<>();
        int listShown;

        @Override
        public void showChatbots() {
            listShown++;
        }

        @Override
        public void openChatbot(String chatbotId) {
            opened.add(chatbotId);
        }

        @Override
        public void editChatbot(String chatbotId) {
            edited.add(chatbotId);
        }
    }

    private ChatbotBuilderViewModel builder() {
        return new ChatbotBuilderViewModel(api, kbApi, tasks, scheduler, Clock.systemDefaultZone(), navigation);
    }

    private void settle() {
        scheduler.advance(DraftAutoSave.QUIET);
    }

    private static JsonNode saved(ChatbotBuilderViewModel builder) {
        return api.draft(builder.draftId()).data();
    }

    @Test
    void buildsAChatbotStepByStepWithMarksAutoSaveAndDeploysIt() {
        ChatbotBuilderViewModel builder = builder();
        builder.startNew();
        assertThat(builder.loadingProperty().get()).isFalse();
        assertThat(builder.draftId()).isNotBlank();
        assertThat(builder.previewPageProperty().get().html())
                .contains("/widget.js\" data-preview-draft=\"" + builder.draftId() + "\"")
                .contains("data-token=\"").contains("data-open=\"true\"").contains("data-embedded=\"true\"");
        assertThat(builder.previewPageProperty().get().url().toString())
                .startsWith(server.baseUri().toString().replaceAll("/$", "") + "/widget-preview.html#draft="
                        + builder.draftId() + "&token=");
        for (Step step : Step.values()) {
            assertThat(builder.completeProperty(step).get()).as(step.title()).isEqualTo(step == Step.VARIABLES);
        }

        // Basic: saved once typing pauses, not before.
        builder.basic().nameProperty().set("Café");
        builder.basic().nameProperty().set("Café helper");
        builder.basic().descriptionProperty().set("Answers questions at the counter");
        assertThat(saved(builder).path("name").isMissingNode()).isTrue();
        assertThat(builder.saveStateProperty().get()).isEqualTo(DraftAutoSave.State.PENDING);
        settle();
        assertThat(saved(builder).path("name").asText()).isEqualTo("Café helper");
        assertThat(builder.saveStatusProperty().get()).matches("Saved \\d\\d:\\d\\d");
        assertThat(builder.completeProperty(Step.BASIC).get()).isTrue();

        // Knowledge: the ready knowledge base, with its own search settings.
        builder.next();
        assertThat(builder.stepProperty().get()).isEqualTo(Step.KNOWLEDGE);
        KbChoice cafe = builder.knowledge().choices().stream().filter(c -> c.kbId().equals(kbId)).findFirst()
                .orElseThrow();
        cafe.enabledProperty().set(true);
        cafe.advancedProperty().set(true);
        cafe.topKProperty().set(3);
        cafe.methodProperty().set(KbChoice.SearchMethod.KEYWORD);
        settle();
        assertThat(builder.completeProperty(Step.KNOWLEDGE).get()).isTrue();
        JsonNode kb = saved(builder).path("knowledge_bases").get(0);
        assertThat(kb.path("kb_id").asText()).isEqualTo(kbId);
        assertThat(kb.path("override_retrieval").path("top_k").asInt()).isEqualTo(3);
        assertThat(kb.path("override_retrieval").path("search_method").asText()).isEqualTo("keyword");
        builder.back();
        builder.next(); // the list is fetched again on the way in; the choices stay as made
        KbChoice again = builder.knowledge().choices().stream().filter(c -> c.kbId().equals(kbId)).findFirst()
                .orElseThrow();
        assertThat(again.enabledProperty().get()).isTrue();
        assertThat(again.topKProperty().get()).isEqualTo(3);
        assertThat(again.methodProperty().get()).isEqualTo(KbChoice.SearchMethod.KEYWORD);

        // Variables first, so "/" in the prompt has something to offer.
        builder.go(Step.VARIABLES);
        VariableRow name = builder.variables().add();
        name.nameProperty().set("user_name");
        name.defaultValueProperty().set("friend");
        settle();
        assertThat(saved(builder).path("variables").get(0).path("default").asText()).isEqualTo("friend");

        builder.go(Step.INSTRUCTIONS);
        InstructionsStepViewModel instructions = builder.instructions();
        instructions.systemPromptProperty().set("Greet /");
        int caret = instructions.insertVariable("user_name", "Greet /".length());
        assertThat(instructions.systemPromptProperty().get()).isEqualTo("Greet {{user_name}}");
        assertThat(caret).isEqualTo("Greet {{user_name}}".length());
        instructions.systemPromptProperty().set(instructions.systemPromptProperty().get()
                + " and answer from the café's facts.");
        instructions.temperatureProperty().set(0.2);
        settle();
        assertThat(saved(builder).path("system_prompt").asText()).startsWith("Greet {{user_name}} and answer");
        assertThat(saved(builder).path("provider").isMissingNode()).as("the workspace default").isTrue();
        assertThat(builder.completeProperty(Step.INSTRUCTIONS).get()).isTrue();

        instructions.modelChoiceProperty().set(InstructionsStepViewModel.ModelChoice.CUSTOM);
        instructions.providerTypeProperty().set(InstructionsStepViewModel.ProviderType.OFFLINE);
        settle();
        assertThat(saved(builder).path("provider").path("type").asText()).isEqualTo("offline");
        instructions.testConnection();
        assertThat(instructions.testResultProperty().get()).isNotBlank().doesNotContain("Trying");

        // Customize: saving a look change reloads the preview once things are quiet.
        builder.go(Step.CUSTOMIZE);
        int revision = builder.previewRevisionProperty().get();
        builder.customize().welcomeMessageProperty().set("Hello! Ask me about the café.");
        builder.customize().addPrompt("When do you open?");
        builder.customize().themeProperty().set(CustomizeStepViewModel.Theme.DARK);
        settle();
        assertThat(builder.completeProperty(Step.CUSTOMIZE).get()).isTrue();
        JsonNode look = saved(builder).path("appearance");
        assertThat(look.path("welcome_message").asText()).isEqualTo("Hello! Ask me about the café.");
        assertThat(look.path("suggested_prompts").get(0).asText()).isEqualTo("When do you open?");
        assertThat(look.path("theme").asText()).isEqualTo("dark");
        scheduler.advance(ChatbotBuilderViewModel.PREVIEW_DELAY);
        assertThat(builder.previewRevisionProperty().get()).isEqualTo(revision + 1);

        // Deploy: entering the step checks the draft; deploying answers with the embed code.
        DeployStepViewModel deploy = builder.deploy();
        deploy.allowedDomainsProperty().set("example.com,\n *.example.org");
        builder.go(Step.DEPLOY);
        assertThat(deploy.validationProperty().get()).isNotNull();
        assertThat(deploy.validationProperty().get().errors()).as("%s", deploy.validationProperty().get()).isEmpty();
        assertThat(deploy.deployAllowedProperty().get()).isTrue();
        assertThat(saved(builder).path("deployment").path("channels").get(0).path("config").path("allowed_domains"))
                .extracting(JsonNode::asText).containsExactly("example.com", "*.example.org");
        deploy.deploy();
        assertThat(deploy.problemProperty().get()).isEmpty();
        assertThat(builder.completeProperty(Step.DEPLOY).get()).isTrue();
        String chatbotId = deploy.deployedProperty().get().chatbotId();
        assertThat(deploy.embedCodeProperty().get()).contains("widget.js").contains(chatbotId);
        assertThat(deploy.channelResults()).anySatisfy(line -> assertThat(line).startsWith("Website:"));
        assertThat(api.list()).extracting(ChatbotApi.ChatbotSummary::id).contains(chatbotId);
        builder.openDeployedBot();
        assertThat(navigation.opened).containsExactly(chatbotId);

        // Editing the live bot: a draft of it, filled from the live version; deploying replaces it.
        ChatbotBuilderViewModel edit = builder();
        edit.editDeployed(chatbotId);
        assertThat(edit.basic().nameProperty().get()).isEqualTo("Café helper");
        assertThat(edit.knowledge().choices().stream().filter(c -> c.enabledProperty().get()).map(KbChoice::kbId))
                .containsExactly(kbId);
        assertThat(edit.variables().names()).containsExactly("user_name");
        edit.basic().nameProperty().set("Café helper 2");
        edit.go(Step.DEPLOY);
        edit.deploy().deploy();
        assertThat(edit.deploy().deployedProperty().get().chatbotId()).isEqualTo(chatbotId);
        assertThat(api.get(chatbotId).name()).isEqualTo("Café helper 2");
    }

    @Test
    void validationErrorsAreShownInPlainWordsAndBlockDeploying() {
        ChatbotBuilderViewModel builder = builder();
        builder.startNew();
        builder.go(Step.DEPLOY);

        DeployStepViewModel deploy = builder.deploy();
        assertThat(deploy.validationProperty().get().valid()).isFalse();
        assertThat(DeployStepViewModel.lines(deploy.validationProperty().get().errors())).isNotEmpty()
                .allSatisfy(line -> assertThat(line).isNotBlank());
        assertThat(deploy.deployAllowedProperty().get()).isFalse();
        deploy.deploy();
        assertThat(deploy.deployedProperty().get()).isNull();

        // A value the server refuses is said in the header, and saved once corrected.
        builder.customize().avatarUrlProperty().set("not a web address");
        settle();
        assertThat(builder.saveStateProperty().get()).isEqualTo(DraftAutoSave.State.FAILED);
        assertThat(builder.saveStatusProperty().get()).startsWith("Couldn't save: ").contains("avatar_url");
        builder.customize().avatarUrlProperty().set("https://example.com/cafe.png");
        settle();
        assertThat(builder.saveStatusProperty().get()).startsWith("Saved ");
        assertThat(saved(builder).path("appearance").path("avatar_url").asText()).isEqualTo("https://example.com/cafe.png");

        // The workspace default is changed from here too (offline, so other tests keep answering).
        InstructionsStepViewModel instructions = builder.instructions();
        instructions.modelChoiceProperty().set(InstructionsStepViewModel.ModelChoice.CUSTOM);
        instructions.providerTypeProperty().set(InstructionsStepViewModel.ProviderType.OFFLINE);
        instructions.makeWorkspaceDefault();
        assertThat(instructions.testResultProperty().get()).isEqualTo("Saved as the workspace default.");
        assertThat(instructions.workspaceDefaultProperty().get()).startsWith("Currently: offline");
        assertThat(api.defaultModel().path("provider").path("type").asText()).isEqualTo("offline");

        // A change makes the check stale until it runs again.
        builder.basic().nameProperty().set("Named now");
        deploy.allowedDomainsProperty().set("example.com");
        assertThat(deploy.validationProperty().get()).isNull();
        deploy.validate();
        assertThat(deploy.validationProperty().get()).isNotNull();
        assertThat(saved(builder).path("name").asText()).as("checking saves first").isEqualTo("Named now");
    }

    @Test
    void theSectionListsDraftsAndLiveChatbotsAndOpensEach() {
        ChatbotBuilderViewModel first = builder();
        first.startNew();
        first.basic().nameProperty().set("Half done");
        first.knowledge().skip();
        assertThat(first.completeProperty(Step.KNOWLEDGE).get()).as("skipping counts").isTrue();
        first.leave(); // saves what is pending

        SectionViewModel section = new SectionViewModel(HomeSection.CHATBOTS);
        List<Page> shown = new ArrayList<>();
        ChatbotScreens screens = new ChatbotScreens(api, kbApi, tasks, scheduler, Clock.systemDefaultZone(), section,
                shown::add);
        screens.refreshList();
        assertThat(section.loadProblemProperty().get()).isEmpty();
        HomeItem draft = section.items().stream().filter(i -> i.name().equals("Half done")).findFirst().orElseThrow();
        assertThat(draft.draft()).isTrue();

        section.open(draft);
        ChatbotBuilderViewModel resumed = (ChatbotBuilderViewModel) shown.get(shown.size() - 1);
        assertThat(resumed.basic().nameProperty().get()).isEqualTo("Half done");
        assertThat(resumed.knowledge().skippedProperty().get()).isTrue();
        resumed.discard();
        screens.refreshList();
        assertThat(section.items()).noneMatch(i -> i.name().equals("Half done"));
    }

    @Test
    void aDeployedChatbotsPageShowsItsEmbedCodeOpensTheEditorAndDeletes() {
        String draft = api.createDraft(java.util.Map.of("name", "Page bot", "system_prompt", "Answer briefly."));
        String chatbotId = api.deploy(draft).chatbotId();

        ChatbotPageViewModel page = new ChatbotPageViewModel(api, tasks, navigation, chatbotId);
        page.open();
        assertThat(page.nameProperty().get()).isEqualTo("Page bot");
        assertThat(page.factsProperty().get()).isEqualTo("Live");
        assertThat(page.embedCodeProperty().get()).contains("widget.js").contains(chatbotId);

        page.edit();
        assertThat(navigation.edited).containsExactly(chatbotId);
        int shown = navigation.listShown;
        page.delete();
        assertThat(page.problemProperty().get()).isEmpty();
        assertThat(navigation.listShown).isEqualTo(shown + 1);
        assertThat(api.list()).extracting(ChatbotApi.ChatbotSummary::id).doesNotContain(chatbotId);
    }
}
