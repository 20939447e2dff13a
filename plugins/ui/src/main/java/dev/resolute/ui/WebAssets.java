package dev.resolute.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The UI's static files, read once from the plugin jar at start: each under a name holding the first 10 hex digits of
 * its SHA-256 ({@code js/app.1a2b3c4d5e.js}), so browsers may keep it for a year, and the page that loads them. The
 * page's import map sends the bare names {@code preact}, {@code preact/hooks}, {@code htm} and every module's plain
 * URL to the hashed one, so modules import each other by plain relative names and still load the current version.
 */
final class WebAssets {
    /** Where the files are in the jar. */
    static final String ROOT = "dev/resolute/ui/web/";
    private static final String PAGE = "index.html";
    /** The bare module names the UI's code imports, and the vendored file each names. */
    private static final Map<String, String> BARE_MODULES = Map.of("preact", "vendor/preact.mjs", "preact/hooks", "vendor/hooks.mjs",
            "htm", "vendor/htm.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One file.
     *
     * @param path       its path below the UI's root ({@code js/app.js})
     * @param hashedPath the same with its content hash before the extension ({@code js/app.1a2b3c4d5e.js})
     * @param gzipped    the same bytes gzip-compressed, for clients that accept it
     */
    record Asset(String path, String hashedPath, String contentType, byte[] bytes, byte[] gzipped) {
    }

    private final Map<String, Asset> byPath;
    private final Map<String, Asset> byHashedPath;
    private final Set<String> folders;
    private final Asset page;
    private final String contentSecurityPolicy;

    private WebAssets(Map<String, Asset> byPath, Asset page, String contentSecurityPolicy) {
        this.byPath = byPath;
        this.page = page;
        this.contentSecurityPolicy = contentSecurityPolicy;
        Map<String, Asset> hashed = new TreeMap<>();
        Set<String> topFolders = new TreeSet<>();
        for (Asset asset : byPath.values()) {
            hashed.put(asset.hashedPath(), asset);
            int slash = asset.path().indexOf('/');
            if (slash > 0) {
                topFolders.add(asset.path().substring(0, slash));
            }
        }
        this.byHashedPath = Collections.unmodifiableMap(hashed);
        this.folders = Collections.unmodifiableSet(topFolders);
    }

    /** Reads every file under {@link #ROOT} from the class path {@code loader} sees (the plugin jar, or a directory in tests). */
    static WebAssets load(ClassLoader loader) {
        Map<String, byte[]> files = new TreeMap<>();
        for (String path : list(loader)) {
            files.put(path, read(loader, ROOT + path));
        }
        return of(files);
    }

    /** Hashes {@code files} (path below the root → bytes, with {@code index.html} among them) and writes the page. */
    static WebAssets of(Map<String, byte[]> files) {
        byte[] template = files.get(PAGE);
        if (template == null) {
            throw new IllegalStateException("the UI has no " + PAGE + " under " + ROOT);
        }
        Map<String, Asset> assets = new TreeMap<>();
        files.forEach((path, bytes) -> {
            if (!path.equals(PAGE)) {
                assets.put(path, new Asset(path, hashed(path, bytes), ContentTypes.of(path), bytes, gzip(bytes)));
            }
        });
        String importMap = importMap(assets);
        // no favicon file: an empty one keeps the browser from asking the admin API for /favicon.ico
        String head = "<script type=\"importmap\">" + importMap + "</script>\n" + preloads(assets) + stylesheets(assets)
                + "<link rel=\"icon\" href=\"data:,\">\n";
        Asset entry = assets.get("js/app.js");
        if (entry == null) {
            throw new IllegalStateException("the UI has no js/app.js under " + ROOT);
        }
        String body = "<script type=\"module\" src=\"" + url(entry) + "\"></script>";
        byte[] page = new String(template, StandardCharsets.UTF_8).replace("<!--resolute:head-->", head)
                .replace("<!--resolute:body-->", body).getBytes(StandardCharsets.UTF_8);
        String csp = "default-src 'self'; script-src 'self' 'sha256-" + Base64.getEncoder().encodeToString(sha256(importMap.getBytes(StandardCharsets.UTF_8)))
                + "'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'";
        return new WebAssets(Collections.unmodifiableMap(assets), new Asset(PAGE, PAGE, ContentTypes.of(PAGE), page, gzip(page)), csp);
    }

    /** The file at {@code path} below the root under its hashed name, if the hash is the current one. */
    Optional<Asset> hashed(String path) {
        return Optional.ofNullable(byHashedPath.get(path));
    }

    /** The file at {@code path} below the root under its plain name. */
    Optional<Asset> plain(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** The top-level folders of the files ({@code css}, {@code js}, {@code vendor}): paths in them are files, never pages. */
    Set<String> folders() {
        return folders;
    }

    /** The page: {@code index.html} with the import map, the stylesheets and the entry module filled in. */
    Asset page() {
        return page;
    }

    /** The page's policy: scripts only from this origin, plus the page's own import map by its hash. */
    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** Every file with its size, for the size budget. */
    List<Asset> all() {
        return List.copyOf(byPath.values());
    }

    static String url(Asset asset) {
        return "/ui/" + asset.hashedPath();
    }

    private static String importMap(Map<String, Asset> assets) {
        ObjectNode imports = JSON.createObjectNode();
        BARE_MODULES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Asset module = assets.get(e.getValue());
            if (module == null) {
                throw new IllegalStateException("the UI has no " + e.getValue() + " for the module name " + e.getKey());
            }
            imports.put(e.getKey(), url(module));
        });
        assets.values().stream().filter(WebAssets::isModule).forEach(a -> imports.put("/ui/" + a.path(), url(a)));
        ObjectNode map = JSON.createObjectNode();
        map.set("imports", imports);
        return map.toString().replace("<", "\\u003c"); // nothing in a path may close the script element
    }

    /** Fetches the vendored modules and the shell's own modules at once, instead of one import level after another. */
    private static String preloads(Map<String, Asset> assets) {
        StringBuilder out = new StringBuilder();
        assets.values().stream().filter(a -> isModule(a) && a.path().indexOf('/') == a.path().lastIndexOf('/'))
                .forEach(a -> out.append("<link rel=\"modulepreload\" href=\"").append(url(a)).append("\">\n"));
        return out.toString();
    }

    /** Every stylesheet of {@code css/}: {@code app.css} (the theme) first, then the rest by name. */
    private static String stylesheets(Map<String, Asset> assets) {
        StringBuilder out = new StringBuilder();
        assets.values().stream().filter(a -> a.path().startsWith("css/") && a.path().endsWith(".css"))
                .sorted(Comparator.comparing((Asset a) -> !a.path().equals("css/app.css")).thenComparing(Asset::path))
                .forEach(a -> out.append("<link rel=\"stylesheet\" href=\"").append(url(a)).append("\">\n"));
        return out.toString();
    }

    private static boolean isModule(Asset asset) {
        return asset.path().endsWith(".js") || asset.path().endsWith(".mjs");
    }

    /** The first 10 hex digits of the SHA-256 of {@code bytes}: what names a version of a file. */
    static String hash(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes)).substring(0, 10);
    }

    /** {@code js/app.js} → {@code js/app.<10 hex>.js}; a name without extension gets the hash appended. */
    static String hashed(String path, byte[] bytes) {
        String hash = hash(bytes);
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) + "." + hash + path.substring(dot) : path + "." + hash;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The paths below {@link #ROOT}, read from the jar (or directory) that holds the page. */
    private static List<String> list(ClassLoader loader) {
        URL page = loader.getResource(ROOT + PAGE);
        if (page == null) {
            throw new IllegalStateException("the UI's files are missing: no " + ROOT + PAGE + " on the class path");
        }
        List<String> paths = new ArrayList<>();
        try {
            if (page.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) page.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(ROOT))
                            .forEach(e -> paths.add(e.getName().substring(ROOT.length())));
                }
            } else {
                Path root = Path.of(page.toURI()).getParent();
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).forEach(f -> paths.add(root.relativize(f).toString().replace('\\', '/')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the UI's files in " + page, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the UI's files in " + page, e);
        }
        return paths;
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the UI file " + resource + " vanished while loading");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the UI file " + resource, e);
        }
    }
}
