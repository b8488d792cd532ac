package io.parley.studio.api;

import io.parley.studio.testsupport.FakeParleyHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ParleyApiClientTest {

    private final FakeParleyHttpServer server = FakeParleyHttpServer.start();
    private final ParleyApiClient client = new ParleyApiClient(server.baseUri(), Optional.of(FakeParleyHttpServer.TOKEN));

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void meReadsTheSnakeCaseAnswerAndSendsTheBearerToken() {
        CurrentUser me = client.me();

        assertThat(me.user().name()).isEqualTo("Local owner");
        assertThat(me.user().email()).isEqualTo("owner@localhost");
        assertThat(me.user().local()).isTrue();
        assertThat(me.user().createdAt()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(me.defaultWorkspace().name()).isEqualTo("Default");
        assertThat(me.defaultWorkspace().organizationName()).isEqualTo("Personal");
        assertThat(me.defaultWorkspace().organizationId()).isEqualTo("o-1");
        assertThat(me.defaultWorkspace().role()).isEqualTo("owner");
        assertThat(server.authorizationSentTo("/api/v1/auth/me")).isEqualTo("Bearer test-token");
    }

    @Test
    void readyReportsEachCheck() {
        Readiness readiness = client.ready();

        assertThat(readiness.isUp()).isTrue();
        assertThat(readiness.check("database")).get().extracting(Readiness.Check::isUp).isEqualTo(true);
    }

    @Test
    void readyReturnsTheBodyOfA503RatherThanThrowing() {
        server.answer("/health/ready", 503, FakeParleyHttpServer.READY_DATABASE_DOWN);

        Readiness readiness = client.ready();

        assertThat(readiness.isUp()).isFalse();
        assertThat(readiness.check("database")).get().extracting(Readiness.Check::isUp).isEqualTo(false);
    }

    @Test
    void errorEnvelopeBecomesAnExceptionWithStatusCodeAndMessage() {
        server.answer("/api/v1/auth/me", 401, """
                {"error":{"code":"unauthorized","message":"Sign in again","details":{"reason":"expired"}}}""");

        ParleyApiException error = catchThrowableOfType(ParleyApiException.class, client::me);

        assertThat(error.status()).isEqualTo(401);
        assertThat(error.code()).isEqualTo("unauthorized");
        assertThat(error.getMessage()).isEqualTo("Sign in again");
    }

    @Test
    void answerWithoutTheEnvelopeStillBecomesAnException() {
        server.answer("/api/v1/auth/me", 502, "<html>Bad gateway</html>");

        ParleyApiException error = catchThrowableOfType(ParleyApiException.class, client::me);

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("http_502");
        assertThat(error.getMessage()).contains("502", "/api/v1/auth/me");
    }

    @Test
    void aStreamedAnswerReportsItsEventsThenGivesTheDoneOne() {
        server.answer("/api/v1/stream", 200, "event: start\ndata: {\"session_id\":\"s-1\"}\n\n"
                + "event: step\ndata: {\"node_id\":\"ask\"}\n\n"
                + "event: done\ndata: {\"user\":{\"name\":\"Ann\"}}\n\n");
        java.util.List<String> seen = new java.util.ArrayList<>();

        CurrentUser done = client.postStreaming("/api/v1/stream", java.util.Map.of("input", "hi"), CurrentUser.class,
                (event, data) -> seen.add(event + " " + data));

        assertThat(seen).containsExactly("start {\"session_id\":\"s-1\"}", "step {\"node_id\":\"ask\"}");
        assertThat(done.user().name()).isEqualTo("Ann");
    }

    @Test
    void aStreamedErrorOrAStreamCutShortIsAnException() {
        server.answer("/api/v1/stream", 200, "event: start\ndata: {}\n\n"
                + "event: error\ndata: {\"error\":{\"code\":\"stale_revision\",\"message\":\"Send it again\"}}\n\n");
        ParleyApiException error = catchThrowableOfType(ParleyApiException.class,
                () -> client.postStreaming("/api/v1/stream", null, CurrentUser.class, (event, data) -> { }));
        assertThat(error.code()).isEqualTo("stale_revision");
        assertThat(error.getMessage()).isEqualTo("Send it again");

        server.answer("/api/v1/stream", 200, "event: start\ndata: {}\n\n");
        error = catchThrowableOfType(ParleyApiException.class,
                () -> client.postStreaming("/api/v1/stream", null, CurrentUser.class, (event, data) -> { }));
        assertThat(error.code()).isEqualTo("invalid_response");

        server.answer("/api/v1/stream", 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"No such draft\"}}");
        error = catchThrowableOfType(ParleyApiException.class,
                () -> client.postStreaming("/api/v1/stream", null, CurrentUser.class, (event, data) -> { }));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.code()).isEqualTo("not_found");
    }

    @Test
    void unreadableSuccessIsReportedAsAnInvalidResponse() {
        server.answer("/api/v1/auth/me", 200, "not json");

        ParleyApiException error = catchThrowableOfType(ParleyApiException.class, client::me);

        assertThat(error.code()).isEqualTo("invalid_response");
    }

    @Test
    void noTokenMeansNoAuthorizationHeader() {
        new ParleyApiClient(server.baseUri(), Optional.empty()).ready();

        assertThat(server.authorizationSentTo("/health/ready")).isNull();
    }

    @Test
    void aServerThatIsNotThereIsReportedAsUnreachable() throws IOException {
        URI nobodyListening;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListening = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        ParleyApiClient orphan = new ParleyApiClient(nobodyListening, Optional.empty());

        ParleyApiException error = catchThrowableOfType(ParleyApiException.class, orphan::ready);

        assertThat(error.status()).isEqualTo(ParleyApiException.NO_RESPONSE);
        assertThat(error.code()).isEqualTo(ParleyApiException.UNREACHABLE);
        assertThat(error.getMessage()).contains(nobodyListening.toString());
    }
}
