package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.testsupport.FakeParleyHttpServer;
import io.parley.studio.testsupport.ManualScheduler;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Deploy step against a fake server: domains as typed, the check, the results in plain words. */
class DeployStepViewModelTest {

    private static final String DRAFT = "/api/v1/chatbots/draft/d-1";

    private final FakeParleyHttpServer http = FakeParleyHttpServer.start();
    private final ChatbotApi api = new ChatbotApi(new ParleyApiClient(http.baseUri(), Optional.of("t")));
    private final SameThreadTasks tasks = new SameThreadTasks();
    private final DraftAutoSave autoSave = new DraftAutoSave(api, tasks, new ManualScheduler(), Clock.systemUTC());
    private final List<ChatbotApi.Deployed> heard = new ArrayList<>();
    private final DeployStepViewModel step = new DeployStepViewModel(autoSave, api, tasks, () -> "d-1", heard::add);

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void domainsMayBeSeparatedByCommasSpacesOrLines() {
        step.allowedDomainsProperty().set(" example.com,\n*.example.org  shop.example.net,, ");
        assertThat(step.domains()).containsExactly("example.com", "*.example.org", "shop.example.net");
    }

    @Test
    void checkingSavesFirstThenDeployingListsEachChannelAndTheEmbedCode() {
        autoSave.attach("d-1");
        http.answer(DRAFT, 200, "{\"status\":\"saved\"}");
        http.answer(DRAFT + "/validate", 200, "{\"valid\":true,\"errors\":[],\"warnings\":[{\"field\":"
                + "\"appearance.welcome_message\",\"message\":\"Welcome message not set\"}]}");
        http.answer(DRAFT + "/deploy", 200, "{\"chatbot_id\":\"bot-1\",\"status\":\"deployed\",\"channels\":{"
                + "\"website\":{\"status\":\"success\",\"embed_code\":\"<script src=\\\"x/widget.js\\\"></script>\","
                + "\"allowed_domains\":[\"example.com\"]},\"api\":{\"status\":\"success\"}},\"api_key\":\"bk_1\"}");
        step.allowedDomainsProperty().set("example.com");
        step.validate();
        assertThat(http.requestsTo(DRAFT)).as("the pending change went out before the check").hasSize(1);
        assertThat(step.validationProperty().get().valid()).isTrue();
        assertThat(step.deployAllowedProperty().get()).isTrue();

        step.deploy();
        assertThat(step.channelResults()).containsExactly("Website: live · only on example.com",
                "API: ready for your own programs, with the secret key below");
        assertThat(step.embedCodeProperty().get()).isEqualTo("<script src=\"x/widget.js\"></script>");
        assertThat(step.completeProperty().get()).isTrue();
        assertThat(step.deployAllowedProperty().get()).as("once is enough").isFalse();
        assertThat(heard).extracting(ChatbotApi.Deployed::chatbotId).containsExactly("bot-1");
    }

    @Test
    void aCheckThatFindsErrorsBlocksDeploying() {
        http.answer(DRAFT + "/validate", 200, "{\"valid\":false,\"errors\":[{\"field\":\"name\",\"message\":"
                + "\"Name is required\"}],\"warnings\":[]}");
        step.validate();
        assertThat(DeployStepViewModel.lines(step.validationProperty().get().errors())).containsExactly("Name is required");
        assertThat(step.deployAllowedProperty().get()).isFalse();
        step.deploy();
        assertThat(http.requestsTo(DRAFT + "/deploy")).isEmpty();
    }
}
