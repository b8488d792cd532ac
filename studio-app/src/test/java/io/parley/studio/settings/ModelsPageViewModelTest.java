package io.parley.studio.settings;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.chatbot.InstructionsStepViewModel.ProviderType;
import io.parley.studio.testsupport.FakeParleyHttpServer;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsPageViewModelTest {

    private FakeParleyHttpServer server;
    private ModelsPageViewModel page;

    @BeforeEach
    void start() {
        server = FakeParleyHttpServer.start();
        page = new ModelsPageViewModel(new ChatbotApi(new ParleyApiClient(server.baseUri(), Optional.of("t"))),
                new SameThreadTasks());
        server.answer("/api/v1/credentials", 200, "{\"credentials\": [{\"id\": \"c1\", \"name\": \"OpenAI key\", "
                + "\"type\": \"api_key\"}]}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void showsTheSavedModelAndSavesAChange() {
        server.answer("/api/v1/models/default", 200, """
                {"provider": {"type": "openai_compatible", "base_url": "http://localhost:11434/v1", "credential_id": "c1"},
                 "model": "llama3.2"}""");
        page.open();
        assertThat(page.currentProperty().get()).isEqualTo("Currently: llama3.2 at http://localhost:11434/v1.");
        assertThat(page.providerTypeProperty().get()).isEqualTo(ProviderType.OPENAI_COMPATIBLE);
        assertThat(page.modelNameProperty().get()).isEqualTo("llama3.2");
        assertThat(page.credentialIdProperty().get()).isEqualTo("c1");
        assertThat(page.credentials()).hasSize(1);

        page.modelNameProperty().set("qwen2.5");
        page.save();
        assertThat(server.requestsTo("/api/v1/models/default")).last().asString()
                .startsWith("PUT").contains("\"model\":\"qwen2.5\"").contains("\"credential_id\":\"c1\"");
        assertThat(page.modelResultProperty().get()).startsWith("Saved.");
    }

    @Test
    void offlineSendsNoServerSettings() {
        server.answer("/api/v1/models/default", 200, "{\"provider\": {\"type\": \"offline\"}}");
        page.open();
        assertThat(page.providerTypeProperty().get()).isEqualTo(ProviderType.OFFLINE);
        assertThat(page.currentProperty().get()).contains("offline");
        page.modelNameProperty().set("ignored");
        assertThat(page.settings()).isEqualTo(java.util.Map.of("provider", java.util.Map.of("type", "offline")));
    }

    @Test
    void aKeyIsSavedOnceAndForgottenByTheStudio() {
        server.answer("/api/v1/models/default", 200, "{\"provider\": {\"type\": \"offline\"}}");
        page.open();
        page.addKey();
        assertThat(page.keyResultProperty().get()).isEqualTo("Give the key a name and paste its value.");
        server.answer("/api/v1/credentials", 201, "{\"id\": \"c2\", \"name\": \"Mistral\", \"type\": \"api_key\"}");
        page.keyNameProperty().set("Mistral");
        page.keyValueProperty().set(" sk-secret ");
        page.addKey();
        assertThat(server.requestsTo("/api/v1/credentials")).anyMatch(r -> r.startsWith("POST")
                && r.contains("\"value\":\"sk-secret\""));
        assertThat(page.keyValueProperty().get()).isEmpty();
        assertThat(page.keyResultProperty().get()).contains("never shown again");
    }

    @Test
    void aRefusedDeleteSaysWhy() {
        server.answer("/api/v1/models/default", 200, "{\"provider\": {\"type\": \"offline\"}}");
        server.answer("/api/v1/credentials/c1", 409, "{\"error\": {\"code\": \"credential_in_use\", \"message\": "
                + "\"The credential 'OpenAI key' is used by the workspace's default model; change that first\"}}");
        page.open();
        page.deleteKey(page.credentials().get(0));
        assertThat(page.keyResultProperty().get()).contains("used by the workspace's default model");
    }
}
