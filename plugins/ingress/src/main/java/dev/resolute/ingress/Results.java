package dev.resolute.ingress;

import dev.resolute.spi.invocation.CompletedInvocation;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.Schemas;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An invocation's result as the ingress answers it to a call, an attach or an output: 200 with the output bytes and
 * the handler's output content type, or the terminal failure with its own code; with {@code x-restate-id}, and with
 * {@code idempotency-expires} when the result was read back from storage with a retention (as Restate answers it).
 */
final class Results {
    /** RFC 3339 as Restate writes it: {@code 2026-12-04T10:38:36.029+00:00}. */
    static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    private Results() {
    }

    /** @param withExpiry whether to send {@code idempotency-expires} for a stored result (not for a live first call) */
    static void write(Response response, Callback callback, CompletedInvocation completed, Schemas schemas, boolean withExpiry) {
        response.getHeaders().put("x-restate-id", completed.invocationId());
        if (withExpiry) {
            completed.retainedUntil().ifPresent(until -> response.getHeaders().put("idempotency-expires", EXPIRES.format(until)));
        }
        if (completed.outcome().failed()) {
            IngressHandler.invocationFailure(response, callback, completed.outcome());
            return;
        }
        byte[] value = completed.outcome().value();
        Optional<String> contentType = schemas.service(completed.service())
                .flatMap(s -> s.handlers().stream().filter(h -> h.name().equals(completed.handler())).findFirst())
                .map(Handler::output)
                .flatMap(output -> output.contentTypeFor(value.length == 0));
        IngressHandler.respond(response, callback, 200, contentType.orElse(null), value);
    }
}
