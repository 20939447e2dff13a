package dev.resolute.kernel;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of one plugin folder, after Trino's: it sees the JDK, its own jars, and from the
 * kernel only the shared packages — the SPI and the libraries the SPI's signatures name. Everything else
 * the kernel carries (Jackson, Typesafe Config, the kernel itself) is invisible, so a plugin that needs
 * a library ships its own copy, in its own version.
 *
 * <p>A class in a shared package comes from the kernel, so the plugin and the kernel agree on one
 * {@code Handler} or {@code Server}; a shared library's module that {@code lib/} lacks (Jetty's HTTP client)
 * may travel in the plugin's folder and is loaded from there. Service files of shared library types
 * ({@code META-INF/services/org.eclipse.jetty...}) are the kernel's plus the plugin's, so Jetty finds its
 * own providers while the plugin's thread context loader is this one; those of SPI types are the plugin's
 * only, so each folder lists only its own factories.
 */
final class PluginClassLoader extends URLClassLoader {
    /** The SPI: classes from the kernel only. */
    static final List<String> SPI_PACKAGES = List.of("dev.resolute.spi.");
    /** Libraries the SPI exposes (Jetty's server types) or that must be one per process (SLF4J's logger factory). */
    static final List<String> SHARED_LIBRARY_PACKAGES = List.of("org.eclipse.jetty.", "org.slf4j.");

    private static final String SERVICES = "META-INF/services/";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader kernel;

    PluginClassLoader(String name, URL[] jars, ClassLoader kernel) {
        super(name, jars, ClassLoader.getPlatformClassLoader()); // never the application class path
        this.kernel = kernel;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && startsWithAny(name, SPI_PACKAGES)) {
                loaded = kernel.loadClass(name);
            } else if (loaded == null && startsWithAny(name, SHARED_LIBRARY_PACKAGES)) {
                try {
                    loaded = kernel.loadClass(name);
                } catch (ClassNotFoundException notInLib) {
                    loaded = findClass(name);
                }
            }
            if (loaded == null) {
                return super.loadClass(name, resolve); // the JDK, then the plugin's own jars
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isShared(name.replace('/', '.'))) {
            URL fromKernel = kernel.getResource(name);
            return fromKernel != null ? fromKernel : findResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(SERVICES) && startsWithAny(name.substring(SERVICES.length()), SHARED_LIBRARY_PACKAGES)) {
            return Collections.enumeration(Stream.concat(Collections.list(kernel.getResources(name)).stream(),
                    Collections.list(findResources(name)).stream()).toList());
        }
        return super.getResources(name);
    }

    private static boolean isShared(String name) {
        return startsWithAny(name, SPI_PACKAGES) || startsWithAny(name, SHARED_LIBRARY_PACKAGES);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        return prefixes.stream().anyMatch(name::startsWith);
    }
}
