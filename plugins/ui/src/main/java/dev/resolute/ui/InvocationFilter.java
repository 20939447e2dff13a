package dev.resolute.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.browse.InvocationQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The invocation list's parameters (docs/ui-api.md) read into an {@link InvocationQuery}: from a request's query
 * string, or from a batch's {@code filter} object (lists as arrays). A bad value is a 400 naming the parameter.
 */
final class InvocationFilter {
    /** How many stored invocations one page may read before it answers with what it found. */
    static final int SCAN_BUDGET = 100_000;
    private static final Set<String> LISTS = Set.of("id", "status", "service", "handler");
    private static final Set<String> TEXTS = Set.of("key", "deployment", "idempotency_key", "created_from", "created_before", "failure",
            "cursor", "limit");

    private InvocationFilter() {
    }

    /** From the query string of {@code call}. */
    static InvocationQuery of(ApiCall call) {
        return of(call::texts, call::text);
    }

    /** From a batch's {@code filter} object, whose lists are arrays and other values strings. */
    static InvocationQuery of(JsonNode filter) {
        if (!filter.isObject()) {
            throw ApiException.badParameter("filter", "must be an object of the invocation list's parameters");
        }
        for (Map.Entry<String, JsonNode> field : filter.properties()) {
            if (!LISTS.contains(field.getKey()) && !TEXTS.contains(field.getKey())) {
                throw ApiException.badParameter("filter." + field.getKey(), "is not a parameter of the invocation list; expected one of "
                        + new java.util.TreeSet<>(concat(LISTS, TEXTS)));
            }
        }
        Function<String, List<String>> lists = name -> {
            JsonNode value = filter.get(name);
            if (value == null || value.isNull()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                if (!item.isTextual()) {
                    throw ApiException.badParameter("filter." + name, "must be a string or an array of strings, not " + item);
                }
                if (!item.textValue().isEmpty()) {
                    out.add(item.textValue());
                }
            }
            return out;
        };
        Function<String, Optional<String>> texts = name -> {
            JsonNode value = filter.get(name);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual() && !value.isNumber()) {
                throw ApiException.badParameter("filter." + name, "must be a string, not " + value);
            }
            return Optional.of(value.asText()).filter(v -> !v.isEmpty());
        };
        return of(lists, texts);
    }

    private static InvocationQuery of(Function<String, List<String>> lists, Function<String, Optional<String>> texts) {
        List<String> statuses = lists.apply("status");
        for (String status : statuses) {
            if (!InvocationQuery.STATUSES.contains(status)) {
                throw ApiException.badParameter("status", "'" + status + "' is not a status; expected one of "
                        + new java.util.TreeSet<>(InvocationQuery.STATUSES));
            }
        }
        int limit = texts.apply("limit").map(InvocationFilter::limit).orElse(50);
        Optional<Instant> from = texts.apply("created_from").map(v -> ApiCall.instant("created_from", v));
        Optional<Instant> before = texts.apply("created_before").map(v -> ApiCall.instant("created_before", v));
        return new InvocationQuery(lists.apply("id"), statuses, lists.apply("service"), lists.apply("handler"), texts.apply("key"),
                texts.apply("deployment"), texts.apply("idempotency_key"), from, before, texts.apply("failure"), texts.apply("cursor"), limit,
                SCAN_BUDGET);
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiException.badParameter("limit", "must be a whole number from 1 to 1000, was '" + value + "'");
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
