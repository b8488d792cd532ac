package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.chatbot.InstructionsStepViewModel.ModelChoice;
import io.parley.studio.chatbot.InstructionsStepViewModel.ProviderType;
import io.parley.studio.testsupport.FakeParleyHttpServer;
import io.parley.studio.testsupport.ManualScheduler;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The model part of the Instructions step against a fake server: test connection in plain words. */
class InstructionsStepViewModelTest {

    private static final String TEST = "/api/v1/models/test";

    private final FakeParleyHttpServer http = FakeParleyHttpServer.start();
    private final ChatbotApi api = new ChatbotApi(new ParleyApiClient(http.baseUri(),
            Optional.of(FakeParleyHttpServer.TOKEN)));
    private final SameThreadTasks tasks = new SameThreadTasks();
    private final InstructionsStepViewModel step = new InstructionsStepViewModel(
            new DraftAutoSave(api, tasks, new ManualScheduler(), Clock.systemUTC()), api, tasks);

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void testingTheWorkspaceDefaultSendsNoProviderAndSaysWhatTheServerSaid() {
        http.answer(TEST, 200, "{\"ok\":true,\"latency_ms\":0,\"model\":null,\"message\":\"Offline mode: answers are "
                + "put together from the knowledge base\",\"code\":null}");
        step.testConnection();
        assertThat(http.requestsTo(TEST)).containsExactly("POST {}");
        assertThat(step.testOkProperty().get()).isTrue();
        assertThat(step.testResultProperty().get()).isEqualTo("It works. Offline mode: answers are put together "
                + "from the knowledge base");
    }

    @Test
    void aCustomModelServerIsTestedWithItsAddressAndModelAndAFailureSaysWhy() {
        http.answer(TEST, 200, "{\"ok\":false,\"latency_ms\":3,\"model\":\"llama3.2\",\"message\":\"Could not reach "
                + "http://localhost:11434/v1 — is Ollama running?\",\"code\":\"provider_unreachable\"}");
        step.modelChoiceProperty().set(ModelChoice.CUSTOM);
        step.providerTypeProperty().set(ProviderType.OPENAI_COMPATIBLE);
        step.modelNameProperty().set(" llama3.2 ");
        step.testConnection();
        assertThat(http.requestsTo(TEST)).containsExactly("POST {\"provider\":{\"type\":\"openai_compatible\","
                + "\"base_url\":\"http://localhost:11434/v1\"},\"model\":\"llama3.2\"}");
        assertThat(step.testOkProperty().get()).isFalse();
        assertThat(step.testResultProperty().get())
                .isEqualTo("It doesn't work yet: Could not reach http://localhost:11434/v1 — is Ollama running?");
    }

    @Test
    void aServerWithoutTheRouteGetsItsOwnErrorMessageShown() {
        step.testConnection();
        assertThat(step.testingProperty().get()).isFalse();
        assertThat(step.testResultProperty().get()).isEqualTo("Couldn't test the connection: No route for " + TEST);
    }

    @Test
    void theWorkspaceDefaultIsDescribedInPlainWords() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(InstructionsStepViewModel.describeDefault(json.readTree("{\"provider\":{\"type\":\"offline\"}}")))
                .isEqualTo("Currently: offline answers quoted from your documents.");
        assertThat(InstructionsStepViewModel.describeDefault(json.readTree("{\"provider\":{\"type\":"
                + "\"openai_compatible\",\"base_url\":\"http://localhost:11434/v1\"},\"model\":\"llama3.2\"}")))
                .isEqualTo("Currently: llama3.2 at http://localhost:11434/v1.");
    }

    @Test
    void slashThenAVariableBecomesItsPlaceholderAtTheCaret() {
        step.systemPromptProperty().set("Hello / and welcome");
        int caret = step.insertVariable("user_name", "Hello /".length());
        assertThat(step.systemPromptProperty().get()).isEqualTo("Hello {{user_name}} and welcome");
        assertThat(caret).isEqualTo("Hello {{user_name}}".length());
        assertThat(step.insertVariable("x", 0)).isEqualTo(5);
        assertThat(step.systemPromptProperty().get()).startsWith("{{x}}Hello");
    }

    @Test
    void aChatbotsOwnModelCanBecomeTheWorkspaceDefault() {
        http.answer("/api/v1/models/default", 200, "{\"provider\":{\"type\":\"openai_compatible\",\"base_url\":"
                + "\"http://gpu:8000/v1\",\"credential_id\":\"c-1\"},\"model\":\"qwen\"}");
        step.modelChoiceProperty().set(ModelChoice.CUSTOM);
        step.providerTypeProperty().set(ProviderType.OPENAI_COMPATIBLE);
        step.baseUrlProperty().set("http://gpu:8000/v1");
        step.credentialIdProperty().set("c-1");
        step.modelNameProperty().set("qwen");
        step.makeWorkspaceDefault();
        assertThat(http.requestsTo("/api/v1/models/default")).containsExactly("PUT {\"provider\":{\"type\":"
                + "\"openai_compatible\",\"base_url\":\"http://gpu:8000/v1\",\"credential_id\":\"c-1\"},"
                + "\"model\":\"qwen\"}");
        assertThat(step.testResultProperty().get()).isEqualTo("Saved as the workspace default.");
        assertThat(step.workspaceDefaultProperty().get()).isEqualTo("Currently: qwen at http://gpu:8000/v1.");
    }
}
