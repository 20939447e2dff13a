package dev.resolute.ui;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * One routed API request: the route's placeholders (decoded) and readers of its query parameters that refuse a bad
 * value with a 400 naming the parameter.
 */
record ApiCall(Request request, List<String> parameters, Fields query) {

    String parameter(int index) {
        return parameters.get(index);
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(query.getValue(name)).filter(v -> !v.isEmpty());
    }

    List<String> texts(String name) {
        return query.getValuesOrEmpty(name).stream().filter(v -> !v.isEmpty()).toList();
    }

    int integer(String name, int fallback, int min, int max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number < min || number > max) {
                throw ApiException.badParameter(name, "must be between " + min + " and " + max + ", was " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "must be a whole number, was '" + value.get() + "'");
        }
    }

    boolean flag(String name) {
        Optional<String> value = text(name);
        if (value.isEmpty() || value.get().equals("false")) {
            return false;
        }
        if (value.get().equals("true")) {
            return true;
        }
        throw ApiException.badParameter(name, "must be true or false, was '" + value.get() + "'");
    }

    Optional<Instant> instant(String name) {
        return text(name).map(value -> instant(name, value));
    }

    static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "must be an ISO-8601 instant such as 2026-12-03T16:28:30Z, was '" + value + "'");
        }
    }

    /** The request body, refused with a 413 above {@code limit} bytes. */
    byte[] body(int limit) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new ApiException(413, "The request body is larger than " + limit + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(400, "Failed to read the request body: " + e.getMessage());
        }
    }
}
