package io.parley.server.http;

/**
 * The address visitors reach this server at, for embed codes and endpoint URLs: the request's
 * {@code Host}, and https when a proxy in front says so ({@code X-Forwarded-Proto}).
 */
public final class PublicUrls {

    private PublicUrls() {
    }

    public static String base(ApiRequest req) {
        String host = req.header("Host").filter(h -> h.matches("[A-Za-z0-9.\\-:\\[\\]]{1,300}")).orElse("localhost");
        String scheme = req.header("X-Forwarded-Proto").filter("https"::equalsIgnoreCase).map(p -> "https").orElse("http");
        return scheme + "://" + host;
    }
}
