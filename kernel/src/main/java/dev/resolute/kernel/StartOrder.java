package dev.resolute.kernel;

import dev.resolute.spi.PluginFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders plugins so that each starts after the plugins providing what it requires or uses, and otherwise
 * by phase (listeners, storage, engine, endpoints) then id. A cycle is refused by name.
 */
final class StartOrder {
    private StartOrder() {
    }

    static List<PluginFactory> of(List<PluginFactory> plugins) {
        Map<PluginFactory, Set<PluginFactory>> dependsOn = new HashMap<>();
        for (PluginFactory plugin : plugins) {
            Set<PluginFactory> deps = new LinkedHashSet<>();
            for (Class<?> needed : union(plugin.requires(), plugin.uses())) {
                plugins.stream().filter(p -> p != plugin && p.provides().contains(needed)).forEach(deps::add);
            }
            dependsOn.put(plugin, deps);
        }
        Comparator<PluginFactory> phaseThenId = Comparator.comparing(PluginFactory::kind).thenComparing(PluginFactory::id);
        PriorityQueue<PluginFactory> ready = new PriorityQueue<>(phaseThenId);
        Map<PluginFactory, Integer> waiting = new HashMap<>();
        for (PluginFactory plugin : plugins) {
            waiting.put(plugin, dependsOn.get(plugin).size());
            if (dependsOn.get(plugin).isEmpty()) {
                ready.add(plugin);
            }
        }
        List<PluginFactory> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            PluginFactory next = ready.poll();
            order.add(next);
            for (PluginFactory plugin : plugins) {
                if (dependsOn.get(plugin).contains(next) && waiting.merge(plugin, -1, Integer::sum) == 0) {
                    ready.add(plugin);
                }
            }
        }
        if (order.size() < plugins.size()) {
            List<PluginFactory> left = plugins.stream().filter(p -> !order.contains(p)).toList();
            throw new IllegalStateException("dependency cycle among plugins: " + cycle(left, dependsOn));
        }
        return order;
    }

    private static Set<Class<?>> union(Set<Class<?>> a, Set<Class<?>> b) {
        Set<Class<?>> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** One cycle among {@code left}, written {@code a -> b -> a}. */
    private static String cycle(List<PluginFactory> left, Map<PluginFactory, Set<PluginFactory>> dependsOn) {
        List<PluginFactory> path = new ArrayList<>();
        Set<PluginFactory> seen = new HashSet<>();
        PluginFactory current = left.stream().min(Comparator.comparing(PluginFactory::id)).orElseThrow();
        while (seen.add(current)) {
            path.add(current);
            current = dependsOn.get(current).stream().filter(left::contains).min(Comparator.comparing(PluginFactory::id)).orElseThrow();
        }
        List<String> names = new ArrayList<>();
        for (PluginFactory p : path.subList(path.indexOf(current), path.size())) {
            names.add(p.id());
        }
        names.add(current.id());
        return String.join(" -> ", names);
    }
}
