package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.testsupport.FakeParleyHttpServer;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BotActivityViewModelTest {

    private FakeParleyHttpServer server;
    private BotActivityViewModel activity;

    @BeforeEach
    void start() throws Exception {
        server = FakeParleyHttpServer.start();
        ChatbotApi api = new ChatbotApi(new ParleyApiClient(server.baseUri(), Optional.of("token")));
        activity = new BotActivityViewModel(api, new SameThreadTasks(), "bot-1", ZoneId.of("UTC"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void showsConversationsInPlainWordsAndOpensOne() {
        server.answer("/api/v1/chatbots/bot-1/sessions", 200, """
                {"sessions": [{"id": "s1", "channel": "website", "status": "idle", "message_count": 4,
                               "created_at": "2026-11-22T09:05:00Z"},
                              {"id": "s2", "channel": "api", "status": "active", "message_count": 1,
                               "created_at": "2026-11-21T18:30:00Z"}]}""");
        server.answer("/api/v1/chatbots/bot-1/leads", 200, """
                {"leads": [{"id": "l1", "email": "ada@example.com", "name": "Ada", "created_at": "2026-11-22T09:06:00Z"}]}""");
        server.answer("/api/v1/sessions/s1", 200, """
                {"session": {"id": "s1"}, "messages": [
                  {"id": "m1", "role": "user", "content": "Open on Sunday?"},
                  {"id": "m2", "role": "assistant", "content": "From nine [1].", "sources": [{"n": 1}],
                   "feedback": {"rating": "positive", "comment": "thanks"}},
                  {"id": "m3", "role": "user", "content": "And holidays?"},
                  {"id": "m4", "role": "assistant", "content": "Sorry, I can't answer right now.",
                   "error": "The model did not answer in time", "error_code": "provider_timeout"}]}""");

        activity.load();

        assertThat(activity.conversations()).extracting(BotActivityViewModel.ConversationRow::title)
                .containsExactly("22 Nov, 09:05 on your website", "21 Nov, 18:30 through the API");
        assertThat(activity.conversations().get(0).detail()).isEqualTo("4 messages · quiet");
        assertThat(activity.conversations().get(1).detail()).isEqualTo("1 message");
        assertThat(activity.conversationsNoteProperty().get()).isEmpty();
        assertThat(activity.leads()).containsExactly(new BotActivityViewModel.LeadRow("22 Nov, 09:06", "ada@example.com",
                "Ada", ""));

        activity.open(activity.conversations().get(0));
        assertThat(activity.transcriptTitleProperty().get()).isEqualTo("22 Nov, 09:05 on your website");
        assertThat(activity.transcript()).extracting(BotActivityViewModel.Line::note).containsExactly("",
                "Rated helpful: “thanks” · 1 source", "", "Not answered: The model did not answer in time");
        assertThat(activity.transcript().get(0).visitor()).isTrue();
    }

    @Test
    void saysWhatToDoWhenThereIsNothingYet() {
        server.answer("/api/v1/chatbots/bot-1/sessions", 200, "{\"sessions\": []}");
        server.answer("/api/v1/chatbots/bot-1/leads", 200, "{\"leads\": []}");
        activity.load();
        assertThat(activity.conversationsNoteProperty().get()).startsWith("No conversations yet. Share your chatbot");
        assertThat(activity.leadsNoteProperty().get()).startsWith("No contact details yet.");
    }

    @Test
    void aFailureIsShownInWords() {
        server.answer("/api/v1/chatbots/bot-1/sessions", 404,
                "{\"error\": {\"code\": \"not_found\", \"message\": \"Chatbot not found\"}}");
        server.answer("/api/v1/chatbots/bot-1/leads", 200, "{\"leads\": []}");
        activity.load();
        assertThat(activity.problemProperty().get()).contains("Chatbot not found");
    }
}
