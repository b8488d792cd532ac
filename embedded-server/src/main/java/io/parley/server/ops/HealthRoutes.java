package io.parley.server.ops;

import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;
import io.parley.server.storage.Database;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.parley.server.http.Access.PUBLIC;

/**
 * Liveness (the process answers) and readiness (it can serve: the database answers). Readiness
 * answers 503 when a check fails, so a load balancer takes the node out of rotation.
 */
public final class HealthRoutes {

    private final Database db;

    public HealthRoutes(Database db) {
        this.db = db;
    }

    public void register(ApiRoutes api) {
        api.tagged("health")
                .get("/health/live", PUBLIC, "The process is up", req -> Map.of("status", "UP"))
                .get("/health/ready", PUBLIC, "Ready to serve: database reachable", req -> ready());
    }

    private Object ready() {
        boolean dbUp = db.isReachable();
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("name", "database");
        database.put("status", dbUp ? "UP" : "DOWN");
        database.put("type", db.kind().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", dbUp ? "UP" : "DOWN");
        body.put("checks", List.of(database));
        return dbUp ? body : new Reply(503, body);
    }
}
