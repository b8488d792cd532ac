package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.testsupport.FakeParleyHttpServer;
import io.parley.studio.testsupport.ManualScheduler;
import io.parley.studio.testsupport.SameThreadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Auto-save on its own, against a fake server that records what it is sent. */
class DraftAutoSaveTest {

    private static final String DRAFT = "/api/v1/chatbots/draft/d-1";
    private static final String SAVED = "{\"status\":\"saved\",\"updated_at\":\"2026-11-22T12:03:00Z\"}";

    private final FakeParleyHttpServer http = FakeParleyHttpServer.start();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final DraftAutoSave autoSave = new DraftAutoSave(
            new ChatbotApi(new ParleyApiClient(http.baseUri(), Optional.of(FakeParleyHttpServer.TOKEN))),
            new SameThreadTasks(), scheduler, Clock.fixed(Instant.parse("2026-11-22T12:03:00Z"), ZoneOffset.UTC));

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void editsThatFollowEachOtherGoOutAsOnePatchOfOnlyTheChangedFields() {
        http.answer(DRAFT, 200, SAVED);
        autoSave.attach("d-1");

        autoSave.change(Fragments.of("name", "Caf"));
        autoSave.change(Fragments.of("name", "Café"));
        autoSave.change(Fragments.at("dark", "appearance", "theme"));
        autoSave.change(Fragments.at("Hi!", "appearance", "welcome_message"));
        assertThat(http.requestsTo(DRAFT)).as("nothing while typing").isEmpty();
        assertThat(autoSave.stateProperty().get()).isEqualTo(DraftAutoSave.State.PENDING);

        scheduler.advance(DraftAutoSave.QUIET);

        assertThat(http.requestsTo(DRAFT)).containsExactly(
                "PATCH {\"data\":{\"name\":\"Café\",\"appearance\":{\"theme\":\"dark\",\"welcome_message\":\"Hi!\"}}}");
        assertThat(autoSave.statusProperty().get()).isEqualTo("Saved 12:03");
    }

    @Test
    void aFailedSaveSaysWhyAndKeepsItsChangesForTheNextAttempt() {
        http.answer(DRAFT, 400, "{\"error\":{\"code\":\"invalid_input\",\"message\":\"temperature must be 0 to 2\"}}");
        autoSave.attach("d-1");
        autoSave.change(Fragments.of("temperature", 5));
        autoSave.change(Fragments.of("name", "Bot"));
        scheduler.advance(DraftAutoSave.QUIET);
        assertThat(autoSave.stateProperty().get()).isEqualTo(DraftAutoSave.State.FAILED);
        assertThat(autoSave.statusProperty().get()).isEqualTo("Couldn't save: temperature must be 0 to 2");

        http.answer(DRAFT, 200, SAVED);
        autoSave.change(Fragments.of("temperature", 0.5));
        scheduler.advance(DraftAutoSave.QUIET);

        assertThat(http.requestsTo(DRAFT)).last().isEqualTo(
                "PATCH {\"data\":{\"temperature\":0.5,\"name\":\"Bot\"}}");
        assertThat(autoSave.statusProperty().get()).isEqualTo("Saved 12:03");
    }

    @Test
    void changesMadeBeforeTheDraftExistsAreSavedOnceItDoesAndSaveNowDoesNotWait() {
        http.answer(DRAFT, 200, SAVED);
        autoSave.change(Fragments.of("name", "Early"));
        scheduler.advance(DraftAutoSave.QUIET);
        assertThat(http.requestsTo(DRAFT)).isEmpty();
        boolean[] closed = {false};
        autoSave.saveNow(() -> closed[0] = true, failure -> { });
        assertThat(closed[0]).as("no draft to save to: nothing to wait for").isTrue();

        autoSave.attach("d-1");
        autoSave.change(Fragments.of("description", "Later"));
        boolean[] ran = {false};
        autoSave.saveNow(() -> ran[0] = true, failure -> { });

        assertThat(ran[0]).isTrue();
        assertThat(http.requestsTo(DRAFT)).containsExactly(
                "PATCH {\"data\":{\"name\":\"Early\",\"description\":\"Later\"}}");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aProviderSwitchClearsTheOtherProvidersFieldsWithNulls() {
        http.answer(DRAFT, 200, SAVED);
        autoSave.attach("d-1");
        autoSave.change(Fragments.of("provider", Fragments.of("type", "offline", "base_url", null)));
        autoSave.saveNow(() -> { }, failure -> { });
        assertThat(http.requestsTo(DRAFT)).containsExactly(
                "PATCH {\"data\":{\"provider\":{\"type\":\"offline\",\"base_url\":null}}}");
        assertThat(List.of(autoSave.hasUnsavedChanges())).containsExactly(false);
    }
}
