package io.parley.server.api;

import io.parley.server.testing.Multipart;
import io.parley.server.api.KbFixtures.KbIds;
import io.parley.server.api.OpenApiRoutes.Route;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded garbage against every route that takes a JSON body, against the upload routes and against
 * the router: whatever arrives, the answer is never a 5xx, and every error is the JSON envelope. A
 * failure names the seed and iteration, so it can be replayed.
 */
@DisplayName("Fuzzing bodies and paths")
class FuzzTest {

    static final long SEED = 0x9A4E1E7L;
    static final int BODY_ROUNDS = 400;
    static final int PATH_ROUNDS = 250;
    static final int UPLOAD_ROUNDS = 150;

    /** Text that has broken parsers, databases and templates before. */
    static final List<String> NASTY_STRINGS = List.of("", " ", "\u0000", "a\u0000b", "\t\n\r", "\u0007",
            "\u202Eevil", "😀😀😀", "\uD83D", "\uFFFF", "' OR '1'='1' --", "\"; DROP TABLE users; --",
            "<script>alert(1)</script>", "../../etc/passwd", "%00", "${jndi:ldap://x/a}", "{{7*7}}",
            "owner", "ADMIN", " viewer ", "null", "true", "0", "-1", "1e309", "x".repeat(5_000),
            "a@b.c", "A@B.CO", "@", "a@", "@b.com", "a@b", "a@@b.com", "😀@example.com",
            "00000000-0000-0000-0000-000000000000", "pk_abc_def", "plt_x", "eyJ.eyJ.sig");

    /** Characters that change the structure of JSON when inserted. */
    static final String INSERTABLE = "{}[]\",:\\ \u0000x";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static List<Route> routes;
    static Account user;
    static String keyId;
    static KbIds kb;
    static ChatbotFixtures.BotIds bot;
    static ChatflowFixtures.FlowIds flow;
    static String credentialId;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = TestServer.embedded(dataDir);
        routes = OpenApiRoutes.load(server);
        user = server.signup("Fuzz");
        keyId = assertStatus(server.post("/api/v1/api-keys", user.accessToken(), Map.of("name", "k")), 201)
                .path("id").asText();
        kb = KbFixtures.create(server, user.accessToken(), user.workspaceId(), "Fuzzy kettles boil water.");
        KbFixtures.awaitJob(server, user.accessToken(), kb.jobId());
        bot = ChatbotFixtures.create(server, user.accessToken(), user.workspaceId(), kb.kbId());
        flow = ChatflowFixtures.create(server, user.accessToken(), user.workspaceId());
        credentialId = assertStatus(server.post("/api/v1/credentials", user.accessToken(),
                Map.of("name", "k", "type", "api_key", "value", "sk-fuzz")), 201).path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("a few hundred random bodies across all routes that take a JSON body never cause a 5xx")
    void randomBodies() {
        Random random = new Random(SEED);
        List<Route> bodyRoutes = routes.stream().filter(Route::hasBody).toList();
        assertThat(bodyRoutes).isNotEmpty();
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < BODY_ROUNDS; i++) {
            Route route = bodyRoutes.get(random.nextInt(bodyRoutes.size()));
            String path = route.fill(idsFor(random));
            byte[] body = randomBody(random, route);
            String token = random.nextInt(10) == 0 ? null : credential(route);
            Response r = sendBytes(route.method(), path, token, body);
            check(failures, "body round " + i + ": " + route.method() + " " + path + " body "
                    + excerpt(new String(body, StandardCharsets.UTF_8)), r);
        }

        assertThat(failures).as("seed %s", SEED).isEmpty();
        assertStatus(server.get("/health/ready", null), 200);
    }

    @Test
    @DisplayName("a few hundred random paths and methods never cause a 5xx, and errors are the envelope")
    void randomPaths() {
        Random random = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        String[] methods = {"GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"};

        for (int i = 0; i < PATH_ROUNDS; i++) {
            String method = methods[random.nextInt(methods.length)];
            String path = randomPath(random);
            byte[] body = random.nextBoolean() ? new byte[0] : randomBody(random, null);
            String token = switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> "garbage-" + random.nextInt();
                case 2 -> bot.secretKey();
                default -> user.accessToken();
            };
            Response r = sendBytes(method, path, token, body);
            check(failures, "path round " + i + ": " + method + " " + path, r);
        }

        assertThat(failures).as("seed %s", SEED + 1).isEmpty();
        assertStatus(server.get("/health/ready", null), 200);
        assertStatus(server.get("/api/v1/orgs", user.accessToken()), 200);
    }

    @Test
    @DisplayName("a hundred and fifty mangled multipart uploads to the upload routes never cause a 5xx")
    void randomUploads() {
        Random random = new Random(SEED + 2);
        List<Route> uploadRoutes = routes.stream().filter(r -> UploadRoutes.ALL.contains(r.toString()))
                .toList();
        assertThat(uploadRoutes).hasSameSizeAs(UploadRoutes.ALL);
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < UPLOAD_ROUNDS; i++) {
            Route route = uploadRoutes.get(random.nextInt(uploadRoutes.size()));
            String path = route.fill(idsFor(random));
            Multipart upload = randomUpload(random);
            byte[] body = mangle(random, upload.bytes());
            String contentType = switch (random.nextInt(6)) {
                case 0 -> "multipart/form-data; boundary=" + percentEncode(randomText(random, random.nextInt(30)));
                case 1 -> "multipart/form-data";
                case 2 -> "multipart/form-data; boundary=\"" + upload.boundary() + "\"; charset="
                        + percentEncode(randomText(random, 5));
                default -> upload.contentType();
            };
            Response r = server.sendBytes(route.method(), path, random.nextInt(10) == 0 ? null : user.accessToken(),
                    contentType, body);
            check(failures, "upload round " + i + ": " + route.method() + " " + path + " " + contentType + " body "
                    + excerpt(new String(body, StandardCharsets.ISO_8859_1)), r);
        }

        assertThat(failures).as("seed %s", SEED + 2).isEmpty();
        assertStatus(server.get("/health/ready", null), 200);
        assertStatus(server.get("/api/v1/kb/drafts", user.accessToken()), 200);
    }

    /** The user's token, or on a bot's public routes the bot's secret key, so that bodies reach the handler. */
    static String credential(Route route) {
        return route.botKeyRoute() ? bot.secretKey() : user.accessToken();
    }

    static void check(List<String> failures, String what, Response r) {
        if (r.status() >= 500) {
            failures.add(what + " -> " + r.status() + " " + excerpt(r.body()));
            return;
        }
        if (r.status() >= 400) {
            try {
                ApiAssertions.assertErrorEnvelope(r);
            } catch (AssertionError e) {
                failures.add(what + " -> " + r.status() + " not an envelope: " + excerpt(r.body()));
            }
        }
    }

    // --- generators ------------------------------------------------------------------------------

    Map<String, String> idsFor(Random random) {
        if (random.nextInt(4) == 0) {
            Map<String, String> ids = new java.util.HashMap<>();
            for (String p : List.of("org_id", "workspace_id", "user_id", "key_id", "draft_id", "source_id", "kb_id",
                    "document_id", "job_id", "chatbot_id", "bot_key_id", "session_id", "bot_id",
                    "credential_id", "chatflow_id", "handoff_id", "chatflows/draft_id", "chatflows/session_id")) {
                ids.put(p, randomId(random));
            }
            return ids;
        }
        return Map.ofEntries(Map.entry("org_id", user.organizationId()), Map.entry("workspace_id", user.workspaceId()),
                Map.entry("user_id", user.userId()), Map.entry("key_id", keyId),
                Map.entry("draft_id", kb.draftId()), Map.entry("chatbots/draft_id", bot.draftId()),
                Map.entry("chatflows/draft_id", flow.draftId()), Map.entry("chatflow_id", flow.chatflowId()),
                Map.entry("chatflows/session_id", flow.sessionId()), Map.entry("handoff_id", flow.handoffId()),
                Map.entry("source_id", kb.sourceId()), Map.entry("kb_id", kb.kbId()),
                Map.entry("document_id", kb.documentId()), Map.entry("job_id", kb.jobId()),
                Map.entry("chatbot_id", bot.chatbotId()), Map.entry("bot_id", bot.chatbotId()),
                Map.entry("bot_key_id", bot.botKeyId()), Map.entry("session_id", bot.sessionId()),
                Map.entry("credential_id", credentialId));
    }

    /** The top-level fields of a route's body: documented, or known for a free-form body. */
    static List<String> fieldsOf(Route route) {
        if (route == null) {
            return List.of();
        }
        if (FreeFormBodies.isFreeForm(route)) {
            return FreeFormBodies.of(route).fields().keySet().stream().filter(f -> !f.contains(".")).toList();
        }
        return List.copyOf(route.bodyFields());
    }

    /** A multipart body with some of the parts the upload routes read, and some they do not. */
    static Multipart randomUpload(Random random) {
        Multipart upload = new Multipart();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            String field = List.of("file", "annotations", "notes", "", "file\u0000").get(random.nextInt(5));
            if (random.nextBoolean()) {
                String name = random.nextInt(3) == 0 ? randomText(random, random.nextInt(20))
                        : NASTY_STRINGS.get(random.nextInt(NASTY_STRINGS.size()));
                upload.file(field, name.replace("\"", "").replace("\r", "").replace("\n", ""),
                        random.nextBoolean() ? "text/plain" : randomText(random, 10).replaceAll("[\\r\\n]", ""),
                        randomText(random, random.nextInt(200)).getBytes(StandardCharsets.UTF_8));
            } else {
                upload.field(field, random.nextBoolean() ? randomJson(random, 0) : randomText(random, 30));
            }
        }
        return upload;
    }

    /** Cuts, drops, duplicates or inserts bytes that matter to multipart (CR, LF, dashes, quotes). */
    static byte[] mangle(Random random, byte[] body) {
        if (random.nextInt(4) == 0) {
            return body; // well-formed, with whatever parts it has
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !out.isEmpty(); i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.setLength(at);
                case 1 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(8)));
                case 2 -> out.insert(at, List.of("\r\n", "--", "\"", ";", "\r\n\r\n", "\u0000").get(random.nextInt(6)));
                case 3 -> out.insert(at, out.substring(at, Math.min(out.length(), at + random.nextInt(60))));
                default -> out.setCharAt(at, (char) random.nextInt(256));
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String randomId(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> percentEncode(randomText(random, 1 + random.nextInt(20)));
            default -> "x";
        };
    }

    static byte[] randomBody(Random random, Route route) {
        String text = switch (random.nextInt(8)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                yield new String(bytes, StandardCharsets.ISO_8859_1);
            }
            case 1 -> randomJson(random, 0);
            case 2, 3 -> objectWithFields(random, route, false);
            case 4 -> objectWithFields(random, route, true);
            case 5 -> mutate(random, objectWithFields(random, route, true));
            case 6 -> extreme(random, route);
            default -> randomText(random, random.nextInt(200));
        };
        return random.nextInt(6) == 0 ? text.getBytes(StandardCharsets.ISO_8859_1) : text.getBytes(StandardCharsets.UTF_8);
    }

    static String objectWithFields(Random random, Route route, boolean stringsOnly) {
        List<String> fields = fieldsOf(route).isEmpty()
                ? List.of("name", "email", "password", "role", "workspace_id", "refresh_token")
                : fieldsOf(route);
        StringBuilder out = new StringBuilder("{");
        for (String field : fields) {
            if (random.nextInt(5) == 0) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(field)).append(':');
            out.append(stringsOnly ? quote(NASTY_STRINGS.get(random.nextInt(NASTY_STRINGS.size())))
                    : randomJson(random, 2));
        }
        if (random.nextInt(4) == 0) {
            out.append(out.length() > 1 ? "," : "").append(quote(randomText(random, 5))).append(':')
                    .append(randomJson(random, 1));
        }
        return out.append('}').toString();
    }

    static String randomJson(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> switch (random.nextInt(5)) {
                case 0 -> Long.toString(random.nextLong());
                case 1 -> Double.toString(random.nextGaussian() * 1e6);
                case 2 -> "1e" + random.nextInt(100_000);
                case 3 -> "-0";
                default -> "9".repeat(1 + random.nextInt(40));
            };
            case 3, 4 -> quote(random.nextBoolean() ? NASTY_STRINGS.get(random.nextInt(NASTY_STRINGS.size()))
                    : randomText(random, random.nextInt(40)));
            case 5 -> {
                StringBuilder out = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "").append(randomJson(random, depth + 1));
                }
                yield out.append(']').toString();
            }
            default -> {
                StringBuilder out = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "").append(quote(randomText(random, 6))).append(':')
                            .append(randomJson(random, depth + 1));
                }
                yield out.append('}').toString();
            }
        };
    }

    static String mutate(Random random, String json) {
        if (json.isEmpty()) {
            return json;
        }
        StringBuilder out = new StringBuilder(json);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !out.isEmpty(); i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.setLength(at);
                case 1 -> out.deleteCharAt(at);
                case 2 -> out.insert(at, INSERTABLE.charAt(random.nextInt(INSERTABLE.length())));
                default -> out.insert(at, out.substring(0, at));
            }
        }
        return out.toString();
    }

    /** Inputs at the edges of the JSON parser's limits. */
    static String extreme(Random random, Route route) {
        List<String> fields = fieldsOf(route);
        String field = fields.isEmpty() ? "name" : fields.get(random.nextInt(fields.size()));
        return switch (random.nextInt(10)) {
            case 0 -> "{" + quote(field) + ":" + "9".repeat(1_200) + "}";
            case 1 -> "{\"unknown\":" + "9".repeat(1_200) + "," + quote(field) + ":\"x\"}";
            case 2 -> "{\"unknown\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}";
            case 3 -> "[".repeat(3_000);
            case 4 -> "{" + quote(field) + ":\"" + "\\u0000".repeat(100) + "\"}";
            case 5 -> "{" + quote(field) + ":\"\\x41\"}";
            case 6 -> "\uFEFF{" + quote(field) + ":\"bom\"}";
            case 7 -> "{" + quote(field) + ":NaN}";
            case 8 -> "{" + quote(field) + ":\"" + "\\ud800".repeat(10) + "\"}";
            default -> "{" + quote(field) + ":1e99999999}";
        };
    }

    static String randomPath(Random random) {
        List<String> segments = List.of("api", "v1", "orgs", "workspaces", "members", "api-keys", "auth", "me",
                "signup", "login", "refresh", "health", "live", "ready", "openapi", "..", ".", "",
                "kb", "draft", "drafts", "sources", "preview-chunks", "validate", "documents", "search", "reindex",
                "rebuild-index", "jobs", "chatbots", "bots", "chat", "config", "feedback", "leads", "capture",
                "sessions", "keys", "edit", "deploy", "preview", "widget-config",
                "credentials", "rotate-key", "models", "default", "test", credentialId,
                user.organizationId(), user.workspaceId(), user.userId(), keyId, kb.draftId(), kb.sourceId(),
                kb.kbId(), kb.documentId(), kb.jobId(), bot.draftId(), bot.chatbotId(), bot.botKeyId(),
                bot.sessionId());
        StringBuilder path = new StringBuilder(random.nextInt(3) == 0 ? "" : "/api/v1");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            path.append('/');
            path.append(switch (random.nextInt(4)) {
                case 0 -> randomId(random);
                case 1 -> percentEncode(randomText(random, random.nextInt(12)));
                default -> segments.get(random.nextInt(segments.size()));
            });
        }
        if (path.isEmpty() || random.nextInt(8) == 0) {
            path.append('/');
        }
        if (random.nextInt(6) == 0) {
            path.append("?workspace_id=").append(randomId(random)).append("&x=").append(percentEncode(
                    randomText(random, 8)));
        }
        return path.toString();
    }

    static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(switch (random.nextInt(4)) {
                case 0 -> (char) (32 + random.nextInt(95));
                case 1 -> (char) random.nextInt(32);
                case 2 -> (char) (0x80 + random.nextInt(0x700));
                default -> (char) ('a' + random.nextInt(26));
            });
        }
        return out.toString();
    }

    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String excerpt(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace("\u0000", "\\0");
        return flat.length() > 200 ? flat.substring(0, 200) + "…(" + flat.length() + " chars)" : flat;
    }

    static Response sendBytes(String method, String path, String token, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri("/") + path.replaceFirst("^/", "")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
