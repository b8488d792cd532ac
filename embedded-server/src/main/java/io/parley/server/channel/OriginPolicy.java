package io.parley.server.channel;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Whether a page's {@code Origin} may use a widget key: its host (and port, when the pattern names
 * one) must match an allowed domain; {@code *.example.com} matches example.com's subdomains and
 * example.com itself. An empty list allows every origin.
 */
final class OriginPolicy {

    private OriginPolicy() {
    }

    static boolean allows(List<String> allowedDomains, String origin) {
        if (allowedDomains.isEmpty()) {
            return true;
        }
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        for (String pattern : allowedDomains) {
            String domain = pattern;
            int wantedPort = -1;
            int colon = pattern.lastIndexOf(':');
            if (colon > 0) {
                domain = pattern.substring(0, colon);
                wantedPort = Integer.parseInt(pattern.substring(colon + 1));
            }
            if (wantedPort != -1 && wantedPort != port) {
                continue;
            }
            if (domain.startsWith("*.")) {
                String base = domain.substring(2);
                if (host.equals(base) || host.endsWith("." + base)) {
                    return true;
                }
            } else if (host.equals(domain)) {
                return true;
            }
        }
        return false;
    }
}
