package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.KnowledgeBaseApi.DocumentCounts;
import io.parley.studio.api.KnowledgeBaseApi.KnowledgeBase;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.testsupport.FakeParleyHttpServer;
import io.parley.studio.testsupport.ManualScheduler;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Knowledge step's checklist on its own. */
class KnowledgeStepViewModelTest {

    private final FakeParleyHttpServer http = FakeParleyHttpServer.start();
    private final ChatbotApi api = new ChatbotApi(new ParleyApiClient(http.baseUri(), Optional.of("t")));
    private final KnowledgeStepViewModel step = new KnowledgeStepViewModel(
            new DraftAutoSave(api, new SameThreadTasks(), new ManualScheduler(), Clock.systemUTC()));

    @AfterEach
    void stop() {
        http.close();
    }

    private static KnowledgeBase kb(String id, String name, String status) {
        return new KnowledgeBase(id, name, "", "bge-small-en-v1.5", null, null, status,
                new DocumentCounts(0, 2, 0, 0, 2), 10, 10);
    }

    @Test
    void offersReadyKnowledgeBasesAndSaysHowManyAreNotReadyYet() {
        step.showKnowledgeBases(List.of(kb("kb-1", "Help", "ready"), kb("kb-2", "Manuals", "processing")));
        assertThat(step.choices()).extracting(KbChoice::name).containsExactly("Help");
        assertThat(step.choices().get(0).detail()).isEqualTo("2 documents");
        assertThat(step.notReadyProperty().get()).startsWith("1 knowledge base is still being prepared");
        assertThat(step.completeProperty().get()).isFalse();
    }

    @Test
    void skippingCompletesTheStepAndTickingOneUndoesTheSkip() {
        step.showKnowledgeBases(List.of(kb("kb-1", "Help", "ready")));
        step.skip();
        assertThat(step.completeProperty().get()).isTrue();
        step.choices().get(0).enabledProperty().set(true);
        assertThat(step.skippedProperty().get()).isFalse();
        assertThat(step.completeProperty().get()).isTrue();
    }

    @Test
    void aDraftsChoicesAreTickedWithTheirSearchSettingsWhicheverArrivesFirst() throws Exception {
        step.showKnowledgeBases(List.of(kb("kb-1", "Help", "ready"), kb("kb-2", "FAQ", "ready")));
        step.load(new ObjectMapper().readTree("{\"knowledge_bases\":[{\"kb_id\":\"kb-2\",\"enabled\":true,"
                + "\"override_retrieval\":{\"top_k\":7,\"search_method\":\"vector\"}}]}"));
        KbChoice faq = step.choices().get(1);
        assertThat(faq.enabledProperty().get()).isTrue();
        assertThat(faq.advancedProperty().get()).isTrue();
        assertThat(faq.topKProperty().get()).isEqualTo(7);
        assertThat(faq.methodProperty().get()).isEqualTo(KbChoice.SearchMethod.MEANING);
        assertThat(step.choices().get(0).enabledProperty().get()).isFalse();
        assertThat(http.requestsTo("/api/v1/chatbots/draft/null")).as("loading saves nothing").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void untickingKeepsTheKnowledgeBaseSwitchedOffWithItsSettings() throws Exception {
        step.showKnowledgeBases(List.of(kb("kb-1", "Help", "ready"), kb("kb-2", "FAQ", "ready")));
        step.load(new ObjectMapper().readTree("{\"knowledge_bases\":[{\"kb_id\":\"kb-2\",\"enabled\":true,"
                + "\"override_retrieval\":{\"top_k\":7,\"search_method\":\"vector\"}}]}"));
        step.choices().get(1).enabledProperty().set(false);
        List<java.util.Map<String, Object>> entries =
                (List<java.util.Map<String, Object>>) step.draftEntries().get("knowledge_bases");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("kb_id", "kb-2").containsEntry("enabled", false)
                .containsKey("override_retrieval");
        assertThat(step.completeProperty().get()).as("nothing ticked, nothing skipped").isFalse();
    }
}
