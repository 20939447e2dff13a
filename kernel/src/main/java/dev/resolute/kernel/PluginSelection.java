package dev.resolute.kernel;

import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns configuration into plugin ids: listen modes select listener plugins, {@code storage.engine}
 * the storage plugin, {@code roles} the role plugins (and every plugin whose {@code roles()} meet them);
 * the fabric endpoint always runs. A selected
 * plugin that is not installed is a problem naming what was asked, where, and what is installed.
 */
final class PluginSelection {
    /** Restate role names and the plugin each selects; roles without a plugin have no effect on one node. */
    static final Map<String, String> ROLE_PLUGINS = Map.of("http-ingress", "ingress", "admin", "admin", "worker", "worker");
    static final List<String> ROLES_WITHOUT_EFFECT = List.of("log-server", "metadata-server");

    record Result(List<PluginFactory> selected, List<String> services, List<String> problems, List<String> warnings) {
    }

    private PluginSelection() {
    }

    @SuppressWarnings("unchecked")
    static Result select(Settings settings, NetworkPlan plan, PluginCatalog catalog) {
        Map<String, String> wanted = new LinkedHashMap<>(); // plugin id -> why it was asked for
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        List<String> services = new ArrayList<>(List.of("fabric"));
        String rolesSource = "roles (" + settings.origin("roles") + ")";
        for (String role : new LinkedHashSet<>((List<String>) settings.parsed("roles"))) {
            String plugin = ROLE_PLUGINS.get(role);
            if (plugin != null) {
                wanted.put(plugin, rolesSource + " includes \"" + role + "\", which");
                if (role.equals("admin")) {
                    services.add("admin");
                } else if (role.equals("http-ingress")) {
                    services.add("ingress");
                }
            } else if (ROLES_WITHOUT_EFFECT.contains(role)) {
                if (settings.isSet("roles")) {
                    warnings.add("role \"" + role + "\" " + "(" + settings.origin("roles") + ") has no effect in Resolute: a single node keeps its own log and metadata");
                }
            } else {
                List<String> known = new ArrayList<>(ROLE_PLUGINS.keySet());
                known.addAll(ROLES_WITHOUT_EFFECT);
                problems.add(rolesSource + ": unknown role \"" + role + "\"; roles are " + String.join(", ", known.stream().sorted().toList())
                        + DidYouMean.hint(role, known));
            }
        }
        services.sort(java.util.Comparator.comparingInt(KernelKeys.SERVICES::indexOf));
        List<String> roles = List.copyOf((List<String>) settings.parsed("roles"));
        for (PluginFactory factory : catalog.factories()) { // plugins that declare the roles they serve
            factory.roles().stream().filter(roles::contains).findFirst()
                    .ifPresent(role -> wanted.putIfAbsent(factory.id(), rolesSource + " includes \"" + role + "\", which"));
        }

        for (String service : services) {
            for (Transport transport : plan.transports(service)) {
                wanted.putIfAbsent("listener-" + transport.id(), plan.listenModeSource(service) + " for " + service + ",");
            }
        }
        String engine = settings.get("storage.engine");
        wanted.put("storage-" + engine, "storage.engine = \"" + engine + "\" (" + settings.origin("storage.engine") + ")");
        wanted.put("fabric", "every node runs the fabric endpoint, which");

        List<PluginFactory> selected = new ArrayList<>();
        for (Map.Entry<String, String> want : wanted.entrySet()) {
            catalog.find(want.getKey()).ifPresentOrElse(selected::add, () -> problems.add(missing(want.getKey(), want.getValue(), catalog)));
        }
        if (problems.isEmpty()) { // a missing plugin already explains what it would have provided
            problems.addAll(unmetRequirements(selected));
        }
        return new Result(selected, services, problems, warnings);
    }

    private static String missing(String id, String why, PluginCatalog catalog) {
        String hint = "";
        if (id.startsWith("storage-")) {
            List<String> engines = catalog.ids().stream().filter(i -> i.startsWith("storage-")).map(i -> i.substring("storage-".length())).toList();
            hint = DidYouMean.hint(id.substring("storage-".length()), engines);
        }
        return why + " selects plugin \"" + id + "\", which is not installed; installed plugins: "
                + (catalog.ids().isEmpty() ? "none" : String.join(", ", catalog.ids())) + hint;
    }

    private static List<String> unmetRequirements(List<PluginFactory> selected) {
        Set<Class<?>> provided = new LinkedHashSet<>();
        selected.forEach(f -> provided.addAll(f.provides()));
        List<String> problems = new ArrayList<>();
        for (PluginFactory factory : selected) {
            for (Class<?> required : factory.requires()) {
                if (!provided.contains(required)) {
                    problems.add("plugin " + factory.id() + " requires " + required.getSimpleName()
                            + ", which no selected plugin provides");
                }
            }
        }
        return problems;
    }
}
