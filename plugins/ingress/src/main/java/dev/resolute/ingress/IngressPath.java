package dev.resolute.ingress;

import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An invocation path: {@code /{Service}/{handler}}, {@code /{Object}/{key}/{handler}} or
 * {@code /{Workflow}/{id}/{handler}}, each optionally followed by {@code /send}. Whether a key
 * segment is expected depends on the service's type, so parsing looks the service up.
 */
record IngressPath(Service service, Optional<String> key, String handler, boolean send) {

    static IngressPath parse(String path, Function<String, Optional<Service>> services) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        if (segments.isEmpty()) {
            throw new IngressError(404, "not found: " + path);
        }
        String name = segments.get(0);
        Service service = services.apply(name).orElseThrow(() -> new IngressError(404,
                "service '" + name + "' not found. Make sure the service is registered (restate deployments register <uri>)"));
        boolean keyed = service.type() != ServiceType.SERVICE;
        int base = keyed ? 3 : 2;
        boolean send = segments.size() == base + 1 && segments.get(base).equals("send");
        if (segments.size() != base && !send) {
            throw new IngressError(400, "bad path " + path + ": expected /" + name + (keyed ? "/{key}" : "") + "/{handler}[/send]");
        }
        return new IngressPath(service, keyed ? Optional.of(segments.get(1)) : Optional.empty(), segments.get(base - 1), send);
    }
}
