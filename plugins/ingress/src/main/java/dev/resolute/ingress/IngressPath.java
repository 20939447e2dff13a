package dev.resolute.ingress;

import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An invocation path: {@code /{Service}/{handler}}, {@code /{Object}/{key}/{handler}} or
 * {@code /{Workflow}/{id}/{handler}}, each optionally followed by {@code /send}. Whether a key
 * segment is expected depends on the service's type, so parsing looks the service up.
 *
 * <p>Parsing starts from the raw path as the client sent it, still percent-encoded: it splits on
 * {@code /} first and then decodes each segment once, so a key may hold any text, {@code /},
 * {@code %}, {@code ?} and {@code #} included. Like Restate's ingress it keeps empty segments
 * ({@code /Counter//add} is the empty key) and does not resolve {@code .} or {@code ..}.
 */
record IngressPath(Service service, Optional<String> key, String handler, boolean send) {

    /**
     * Parses {@code rawPath} (starting with {@code /}, not decoded).
     *
     * @throws IngressError 404 for an unknown service, 400 for a malformed path or a segment that is not valid UTF-8
     */
    static IngressPath parse(String rawPath, Function<String, Optional<Service>> services) {
        List<String> segments = Arrays.asList(rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1));
        if (segments.get(0).isEmpty()) {
            throw new IngressError(404, "not found: " + rawPath);
        }
        String name = PathSegment.decode(segments.get(0), "service name");
        Service service = services.apply(name).orElseThrow(() -> new IngressError(404,
                "service '" + name + "' not found. Make sure the service is registered (restate deployments register <uri>)"));
        boolean keyed = service.type() != ServiceType.SERVICE;
        int base = keyed ? 3 : 2;
        boolean send = segments.size() == base + 1 && segments.get(base).equals("send");
        if (segments.size() != base && !send) {
            throw new IngressError(400, "bad path " + rawPath + ": expected /" + name + (keyed ? "/{key}" : "") + "/{handler}[/send]");
        }
        Optional<String> key = keyed ? Optional.of(PathSegment.decode(segments.get(1), "key")) : Optional.empty();
        return new IngressPath(service, key, PathSegment.decode(segments.get(base - 1), "handler name"), send);
    }
}
