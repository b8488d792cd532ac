package io.parley.server.http;

import io.parley.server.common.Json;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/** Serialises a value with the API's {@link Json} mapping. */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void send(ServerResponse res, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException("response could not be serialised", e);
        }
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderValues.create("Cache-Control", "no-store"));
        res.send(bytes);
    }
}
