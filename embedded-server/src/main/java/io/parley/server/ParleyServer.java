package io.parley.server;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.parley.server.auth.AuthModule;
import io.parley.server.channel.WidgetRoutes;
import io.parley.server.channel.PublicBots;
import io.parley.server.channel.PublicChatRoutes;
import io.parley.server.chatbot.ChatbotModule;
import io.parley.server.chatflow.ChatflowModule;
import io.parley.server.chatflow.FlowExpressions;
import io.parley.server.channel.PublicCors;
import io.parley.server.common.Clock;
import io.parley.server.config.ParleyConfig;
import io.parley.server.credential.CredentialModule;
import io.parley.server.draft.DraftService;
import io.parley.server.job.JobQueue;
import io.parley.server.job.JobRoutes;
import io.parley.server.kb.KbModule;
import io.parley.server.http.AccessLogFilter;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.HttpErrors;
import io.parley.server.http.OpenApiDocument;
import io.parley.server.http.RouteCatalog;
import io.parley.server.inference.InferenceModule;
import io.parley.server.ops.HealthRoutes;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.OrganizationService;
import io.parley.server.tenancy.TenancyRoutes;
import io.parley.server.tenancy.TenancyStore;
import io.parley.server.tenancy.WorkspaceService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import static io.parley.server.http.Access.PUBLIC;

/**
 * The composition root: opens the database, wires every feature by hand, and serves the HTTP API
 * with Helidon. Used by the CLI ({@code parley serve}), by the studio in-process, and by tests.
 *
 * <pre>{@code
 * try (ParleyServer server = ParleyServer.start(ParleyConfig.embedded(dataDir))) {
 *     URI api = server.baseUri();
 * }
 * }</pre>
 */
public final class ParleyServer implements AutoCloseable {

    public static final String API_PREFIX = "/api/v1";
    private static final Logger LOG = Logger.getLogger(ParleyServer.class.getName());

    private final ParleyConfig config;
    private final Database db;
    private final AuthModule auth;
    private final Background background;
    private final WebServer webServer;
    private volatile boolean closed;

    private ParleyServer(ParleyConfig config, Database db, AuthModule auth, Background background, WebServer webServer) {
        this.config = config;
        this.db = db;
        this.auth = auth;
        this.background = background;
        this.webServer = webServer;
    }

    /** Starts and returns once the server listens. Fails with a clear message if the data folder or port is taken. */
    public static ParleyServer start(ParleyConfig config) {
        createDataDir(config);
        Database db = Database.open(config.database());
        Background background = new Background();
        try {
            Clock clock = Clock.system();
            TenancyStore tenancy = new TenancyStore(db);
            AccessPolicy policy = new AccessPolicy(tenancy);
            AuthModule auth = new AuthModule(config, db, tenancy, policy, clock);
            TenancyRoutes tenancyRoutes = new TenancyRoutes(
                    new OrganizationService(db, tenancy, policy, clock),
                    new WorkspaceService(db, tenancy, policy, clock));
            JobQueue jobs = background.add(new JobQueue(db, policy, clock));
            DraftService drafts = new DraftService(db, policy, clock);
            KbModule kb = background.add(new KbModule(config, db, drafts, jobs, policy, clock));
            HealthRoutes health = new HealthRoutes(db, kb.readinessChecks());
            JobRoutes jobRoutes = new JobRoutes(jobs);
            // Credentials and models: chatbots answer with inference.resolver().
            CredentialModule credentials = new CredentialModule(config, db, policy, auth.serverAdmin(), clock);
            InferenceModule inference = background.add(new InferenceModule(db, credentials.service(), policy, clock));
            ChatbotModule chatbots = new ChatbotModule(db, drafts, kb.search(), inference.resolver(), policy, clock);
            FlowExpressions expressions = new FlowExpressions();
            ChatflowModule chatflows = background.add(new ChatflowModule(db, drafts, kb.search(), inference.resolver(),
                    credentials.service(), chatbots.sessions(), chatbots.keys(), policy, chatbots.leads(), clock, expressions,
                    expressions));
            PublicChatRoutes publicChat = new PublicChatRoutes(
                    new PublicBots(List.of(chatbots.publicKind(), chatflows.publicKind())), chatbots.keys(),
                    chatbots.sessions(), chatbots.leads());

            RouteCatalog catalog = new RouteCatalog();
            HttpRouting.Builder routing = HttpRouting.builder();
            routing.addFilter(new AccessLogFilter());
            routing.addFilter(new PublicCors());
            HttpErrors.register(routing);
            ApiRoutes root = new ApiRoutes(routing, "", "health", auth.authenticator(), catalog, config.maxBodyBytes(),
                    config.maxUploadBytes());
            health.register(root);
            publicChat.registerRoot(root);
            WidgetRoutes.load().register(routing);
            root.tagged("meta").get("/openapi", PUBLIC, "This OpenAPI document",
                    req -> OpenApiDocument.build(catalog, version()));
            routing.register(API_PREFIX, rules -> {
                ApiRoutes api = new ApiRoutes(rules, API_PREFIX, "api", auth.authenticator(), catalog,
                        config.maxBodyBytes(), config.maxUploadBytes());
                auth.routes().register(api);
                tenancyRoutes.register(api);
                kb.register(api);
                jobRoutes.register(api);
                chatbots.register(api);
                chatflows.register(api);
                publicChat.register(api);
                credentials.register(api);
                inference.register(api);
                new io.parley.server.ops.BackupRoutes(db, config.dataDir(), version(), auth.serverAdmin()).register(api);
            });
            HttpErrors.registerFallback(routing, catalog);

            WebServer webServer = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .shutdownHook(false) // the owner (CLI or studio) decides when to stop
                    .maxPayloadSize(Math.max(config.maxBodyBytes(), config.maxUploadBytes()))
                    .shutdownGracePeriod(Duration.ofSeconds(5))
                    .directHandlers(HttpErrors.directHandlers())
                    .routing(routing)
                    .build()
                    .start();
            if (config.embeddedMode()) {
                jobs.recoverAbandoned(); // H2's file lock means no other process runs these jobs
            }
            jobs.start(1); // ingestion is CPU-bound and the embedder already uses every core
            background.every(Duration.ofMinutes(10), drafts::purgeExpired);
            background.every(Duration.ofMinutes(5), chatbots.sessions()::cleanUp);
            return new ParleyServer(config, db, auth, background, webServer);
        } catch (RuntimeException | Error e) {
            background.close();
            db.close();
            throw e;
        }
    }

    public int port() {
        return webServer.port();
    }

    /** Where clients reach the server; a wildcard bind address is reached through loopback. */
    public URI baseUri() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The local owner's bearer token; present in embedded mode only. */
    public Optional<String> localToken() {
        return auth.localToken();
    }

    public ParleyConfig config() {
        return config;
    }

    public boolean isRunning() {
        return !closed && webServer.isRunning();
    }

    public static String version() {
        String v = ParleyServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Stops taking requests, lets running ones finish, then closes the database. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            webServer.stop();
        } finally {
            try {
                background.close(); // workers, timers, models and indexes, newest first
            } finally {
                db.close();
                LOG.info("Parley server stopped");
            }
        }
    }

    private static void createDataDir(ParleyConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + config.dataDir(), e);
        }
    }
}
