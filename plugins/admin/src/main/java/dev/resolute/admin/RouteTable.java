package dev.resolute.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small routing table: each route is a path pattern of literal segments and {@code {name}} placeholders
 * ({@code services/{service}/handlers}) with the methods it answers, in the order they were added. A
 * lookup finds the first route whose pattern matches the path's segments.
 *
 * @param <A> what a route answers with
 */
final class RouteTable<A> {
    /** A path that matched: the action for the request's method (none: the route answers other methods) and the placeholders' values in order. */
    record Match<A>(Optional<A> action, String allowed, List<String> parameters) {
    }

    private record Route<A>(List<String> pattern, Map<String, A> actions) {
        Optional<List<String>> parameters(List<String> segments) {
            if (segments.size() != pattern.size()) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < pattern.size(); i++) {
                String part = pattern.get(i);
                if (part.startsWith("{")) {
                    values.add(segments.get(i));
                } else if (!part.equals(segments.get(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(List.copyOf(values));
        }
    }

    private final List<Route<A>> routes = new ArrayList<>();

    /** Adds {@code method} on {@code pattern}; a pattern added before gains the method. */
    RouteTable<A> on(String method, String pattern, A action) {
        Objects.requireNonNull(action, "action");
        List<String> parts = List.of(pattern.split("/"));
        Route<A> route = routes.stream().filter(r -> r.pattern().equals(parts)).findFirst().orElseGet(() -> {
            Route<A> added = new Route<>(parts, new LinkedHashMap<>());
            routes.add(added);
            return added;
        });
        if (route.actions().putIfAbsent(method, action) != null) {
            throw new IllegalArgumentException(method + " " + pattern + " is routed twice");
        }
        return this;
    }

    /** The route for these path segments, if any. */
    Optional<Match<A>> find(String method, List<String> segments) {
        for (Route<A> route : routes) {
            Optional<List<String>> parameters = route.parameters(segments);
            if (parameters.isPresent()) {
                String allowed = String.join(", ", route.actions().keySet());
                return Optional.of(new Match<>(Optional.ofNullable(route.actions().get(method)), allowed, parameters.get()));
            }
        }
        return Optional.empty();
    }
}
