package dev.resolute.kernel;

import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns configuration into plugins: the node's {@code roles} select the plugins that declare one of them
 * (and those that run on every node), the network services those plugins declare select listener plugins
 * by their listen modes, and {@code storage.engine} selects the storage plugin. A role nothing serves, or
 * a listener or engine that is not installed, is a problem naming what was asked, where, and what is installed.
 */
final class PluginSelection {

    record Result(List<PluginFactory> selected, List<String> services, List<String> problems, List<String> warnings) {
    }

    private PluginSelection() {
    }

    static Result select(Settings settings, NetworkPlan plan, PluginCatalog catalog) {
        Set<PluginFactory> selected = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        Set<String> roles = roles(settings, catalog, problems, warnings);
        for (PluginFactory factory : catalog.factories()) {
            if (factory.roles().contains(PluginFactory.EVERY_NODE) || factory.roles().stream().anyMatch(roles::contains)) {
                selected.add(factory);
            } else if (factory.roles().isEmpty() && factory.kind() != PluginKind.LISTENER && factory.kind() != PluginKind.STORAGE) {
                warnings.add("plugin " + factory.id() + " is installed but declares no roles, so it never runs");
            }
        }

        Set<String> owned = new LinkedHashSet<>();
        selected.forEach(f -> f.networkServices().forEach(s -> owned.add(s.name())));
        List<String> services = plan.services().stream().map(NetworkService::name).filter(owned::contains).toList();

        Map<String, String> wanted = new LinkedHashMap<>(); // plugin id -> why it was asked for
        for (String service : services) {
            for (Transport transport : plan.transports(service)) {
                wanted.putIfAbsent("listener-" + transport.id(), plan.listenModeSource(service) + " for " + service + ",");
            }
        }
        String engine = settings.get("storage.engine");
        wanted.put("storage-" + engine, "storage.engine = \"" + engine + "\" (" + settings.origin("storage.engine") + ")");
        for (Map.Entry<String, String> want : wanted.entrySet()) {
            catalog.find(want.getKey()).ifPresentOrElse(selected::add, () -> problems.add(missing(want.getKey(), want.getValue(), catalog)));
        }
        if (problems.isEmpty()) { // a missing plugin already explains what it would have provided
            problems.addAll(unmetRequirements(selected));
        }
        return new Result(List.copyOf(selected), services, problems, warnings);
    }

    /** The node's roles; an unknown one, or a required one no installed plugin serves, is a problem. */
    @SuppressWarnings("unchecked")
    private static Set<String> roles(Settings settings, PluginCatalog catalog, List<String> problems, List<String> warnings) {
        Set<String> roles = new LinkedHashSet<>((List<String>) settings.parsed("roles"));
        String rolesSource = "roles (" + settings.origin("roles") + ")";
        for (String role : roles) {
            if (!RestateRoles.known(role)) {
                problems.add(rolesSource + ": unknown role \"" + role + "\"; roles are " + String.join(", ", RestateRoles.ALL.stream().sorted().toList())
                        + DidYouMean.hint(role, RestateRoles.ALL));
            } else if (catalog.factories().stream().noneMatch(f -> f.roles().contains(role))) {
                if (RestateRoles.required(role)) {
                    problems.add(missing(RestateRoles.shippedPlugin(role), rolesSource + " includes \"" + role + "\", which", catalog));
                } else if (settings.isSet("roles")) {
                    warnings.add("role \"" + role + "\" (" + settings.origin("roles") + ") has no effect in Resolute: a single node keeps its own log and metadata");
                }
            }
        }
        return roles;
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

    private static List<String> unmetRequirements(Set<PluginFactory> selected) {
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
