package io.parley.server.http;

import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.common.uri.UriPath;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every route the server answers, recorded as it is registered: the OpenAPI document is made
 * from it, so the document lists exactly the routes that exist.
 */
public final class RouteCatalog {

    private final List<RouteInfo> routes = new ArrayList<>();
    private final List<PathMatcher> matchers = new ArrayList<>();

    synchronized void add(RouteInfo route) {
        routes.add(route);
        matchers.add(PathMatchers.create(route.path()));
    }

    public synchronized List<RouteInfo> routes() {
        return Collections.unmodifiableList(new ArrayList<>(routes));
    }

    /** Methods registered for a concrete path, used to tell 405 from 404. */
    synchronized Set<String> methodsFor(String path) {
        Set<String> methods = new TreeSet<>();
        UriPath uriPath = UriPath.create(path);
        for (int i = 0; i < routes.size(); i++) {
            if (matchers.get(i).match(uriPath).accepted()) {
                methods.add(routes.get(i).method());
            }
        }
        return methods;
    }
}
