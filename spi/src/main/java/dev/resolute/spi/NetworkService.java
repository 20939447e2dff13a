package dev.resolute.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A network service a plugin owns: a listener section of the configuration ({@code [admin]},
 * {@code [pgwire]}) with Restate's listener keys, from which the kernel resolves where the service
 * listens and what it advertises. The kernel derives the keys ({@code listen-mode},
 * {@code use-random-ports}, {@code bind-ip}, {@code bind-port}, {@code bind-address},
 * {@code advertised-host}, {@code advertised-address}) and their cascade from the top level, binds the
 * service through the listener plugins its listen mode selects, and prints its addresses as
 * {@code <name>.tcp=}, {@code <name>.unix=} and {@code <name>.advertised=}.
 *
 * @param name                 the service's name: its section, its Unix socket file ({@code <name>.sock}) and
 *                             what an endpoint {@linkplain HttpHost#mount mounts} its handler under; lowercase
 * @param defaultPort          the default of {@code bind-port}
 * @param root                 whether the service's keys are the top-level ones rather than a section (the
 *                             fabric: {@code bind-port}, {@code bind-address}, {@code advertised-address});
 *                             at most one installed plugin may declare a root service
 * @param legacyAdvertisedKey  a deprecated key of the section that Restate still accepts in place of
 *                             {@code advertised-address} ({@code "advertised-admin-endpoint"}), if any
 */
public record NetworkService(String name, int defaultPort, boolean root, Optional<String> legacyAdvertisedKey) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public NetworkService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(legacyAdvertisedKey, "legacyAdvertisedKey");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("service name " + name + " must be lowercase letters, digits and dashes");
        }
        if (defaultPort < 1 || defaultPort > 65535) {
            throw new IllegalArgumentException("default port " + defaultPort + " of service " + name + " must be 1-65535");
        }
    }

    /** A service with its own section {@code [name]}. */
    public static NetworkService of(String name, int defaultPort) {
        return new NetworkService(name, defaultPort, false, Optional.empty());
    }

    /** The service whose keys are the top-level ones. */
    public static NetworkService root(String name, int defaultPort) {
        return new NetworkService(name, defaultPort, true, Optional.empty());
    }

    /** This service, also accepting the deprecated {@code key} of its section in place of {@code advertised-address}. */
    public NetworkService withLegacyAdvertisedKey(String key) {
        return new NetworkService(name, defaultPort, root, Optional.of(key));
    }

    /** The absolute path of one of the service's keys: {@code bind-port} for the root service, {@code admin.bind-port} otherwise. */
    public String key(String key) {
        return root ? key : name + "." + key;
    }
}
