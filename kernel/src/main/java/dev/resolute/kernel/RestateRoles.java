package dev.resolute.kernel;

import java.util.List;
import java.util.Map;

/**
 * Restate's role vocabulary. Which plugins serve a role is theirs to declare ({@code PluginFactory.roles()});
 * the kernel only knows the names, which roles a single node can do without, and, to say what to
 * install when nothing serves a role, the plugin Resolute's distribution serves it with.
 */
final class RestateRoles {
    /** Every role name, as {@code roles} accepts them. */
    static final List<String> ALL = List.of("admin", "worker", "http-ingress", "log-server", "metadata-server");

    /** The distribution's plugin per role a node cannot run without; the others (its own log and metadata) it can. */
    private static final Map<String, String> SHIPPED_PLUGIN = Map.of("admin", "admin", "worker", "worker", "http-ingress", "ingress");

    private RestateRoles() {
    }

    static boolean known(String role) {
        return ALL.contains(role);
    }

    /** Whether a node that lists {@code role} must have a plugin serving it. */
    static boolean required(String role) {
        return SHIPPED_PLUGIN.containsKey(role);
    }

    /** The plugin Resolute ships for a {@linkplain #required required} role, to name in "not installed" messages. */
    static String shippedPlugin(String role) {
        return SHIPPED_PLUGIN.get(role);
    }
}
