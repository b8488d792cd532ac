package io.parley.server.http;

/** One registered endpoint, as the OpenAPI document lists it. */
public record RouteInfo(String method, String path, String tag, String summary, Access access,
                        Class<?> requestBody) {
}
