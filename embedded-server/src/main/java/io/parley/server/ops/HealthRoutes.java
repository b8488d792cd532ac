package io.parley.server.ops;

import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;
import io.parley.server.storage.Database;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.parley.server.http.Access.PUBLIC;

/**
 * Liveness (the process answers) and readiness (it can serve: the database answers, and the
 * features' own checks hold: search indexes, embedding models). Readiness answers 503 when a
 * check fails, so a load balancer takes the node out of rotation.
 */
public final class HealthRoutes {

    private final Database db;
    private final List<ReadinessCheck> checks;

    public HealthRoutes(Database db) {
        this(db, List.of());
    }

    public HealthRoutes(Database db, List<ReadinessCheck> checks) {
        this.db = db;
        this.checks = List.copyOf(checks);
    }

    public void register(ApiRoutes api) {
        api.tagged("health")
                .get("/health/live", PUBLIC, "The process is up", req -> Map.of("status", "UP"))
                .get("/health/ready", PUBLIC, "Ready to serve: database reachable, "
                        + "search indexes present, embedding models available", req -> ready());
    }

    private Object ready() {
        boolean dbUp = db.isReachable();
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("name", "database");
        database.put("status", dbUp ? "UP" : "DOWN");
        database.put("type", db.kind().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> all = new java.util.ArrayList<>(List.of(database));
        boolean up = dbUp;
        if (dbUp) { // the other checks read the database
            for (ReadinessCheck c : checks) {
                ReadinessCheck.Result r = c.check();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", r.name());
                entry.put("status", r.up() ? "UP" : "DOWN");
                entry.putAll(r.details());
                all.add(entry);
                up &= r.up();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", all);
        return up ? body : new Reply(503, body);
    }
}
