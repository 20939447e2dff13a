package dev.resolute.ui;

import dev.resolute.spi.http.JsonError;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the UI's files and its page. A hashed name is cached for a year (its content never changes under that
 * name); the page and plain names are revalidated on every load, so a new server version is picked up at once. A
 * path in a file folder that names no current file is a 404 (a page from an older version asking for what this one no
 * longer has must fail visibly, not get HTML as a script); every other path is the page, which routes in the browser.
 */
final class StaticFiles {
    private static final java.util.regex.Pattern REFUSES_GZIP = java.util.regex.Pattern.compile("gzip;q=0(\\.0*)?(,|$)");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final WebAssets assets;
    private final String pageTag;

    StaticFiles(WebAssets assets) {
        this.assets = assets;
        this.pageTag = "\"" + WebAssets.hash(assets.page().bytes()) + "\"";
    }

    /** @param path the request path after {@code /ui/}, still percent-encoded */
    void handle(Request request, Response response, Callback callback, String path) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            JsonError.message(405, "The UI's files are read with GET or HEAD, not " + method).header("Allow", "GET, HEAD").write(response, callback);
            return;
        }
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Optional<WebAssets.Asset> hashed = assets.hashed(path);
        if (hashed.isPresent()) {
            send(request, response, callback, hashed.get(), IMMUTABLE);
            return;
        }
        Optional<WebAssets.Asset> plain = assets.plain(path);
        if (plain.isPresent()) {
            send(request, response, callback, plain.get(), "no-cache");
            return;
        }
        int slash = path.indexOf('/');
        if (slash > 0 && assets.folders().contains(path.substring(0, slash))) {
            JsonError.message(404, "The UI has no file /ui/" + path + " (the server may have been updated since the page loaded: reload it)")
                    .write(response, callback);
            return;
        }
        response.getHeaders().put("Content-Security-Policy", assets.contentSecurityPolicy());
        response.getHeaders().put("Referrer-Policy", "same-origin");
        response.getHeaders().put(HttpHeader.ETAG, pageTag);
        if (pageTag.equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            response.setStatus(304);
            callback.succeeded();
            return;
        }
        send(request, response, callback, assets.page(), "no-cache");
    }

    private static void send(Request request, Response response, Callback callback, WebAssets.Asset asset, String cacheControl) {
        boolean gzip = acceptsGzip(request);
        byte[] body = gzip ? asset.gzipped() : asset.bytes();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
        response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        if (gzip) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, request.getMethod().equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    private static boolean acceptsGzip(Request request) {
        String accepted = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        return accepted != null && accepted.contains("gzip") && !REFUSES_GZIP.matcher(accepted.replace(" ", "")).find();
    }
}
