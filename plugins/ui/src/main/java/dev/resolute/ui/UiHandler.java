package dev.resolute.ui;

import dev.resolute.spi.http.JsonError;
import dev.resolute.spi.http.WebUi;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the admin endpoint hands {@code /}, {@code /ui} and {@code /ui/*}: the first two redirect to {@code /ui/}
 * (keeping the query, so a shared link with parameters survives), {@code /ui/api/*} is the UI's JSON API, and the
 * rest are the UI's files and page.
 */
final class UiHandler implements WebUi {
    private static final String API = "api";

    private final StaticFiles files;
    private final UiApi api;

    UiHandler(StaticFiles files, UiApi api) {
        this.files = files;
        this.api = api;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath(); // still encoded: a state key may hold a slash
        if (path.equals("/") || path.equals("/ui")) {
            String query = request.getHttpURI().getQuery();
            response.setStatus(308);
            response.getHeaders().put(HttpHeader.LOCATION, "/ui/" + (query == null ? "" : "?" + query));
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
            callback.succeeded();
            return true;
        }
        if (!path.startsWith("/ui/")) {
            JsonError.message(404, "The web UI serves /, /ui and /ui/*, not " + path).write(response, callback);
            return true;
        }
        String rest = path.substring("/ui/".length());
        if (rest.equals(API) || rest.startsWith(API + "/")) {
            api.handle(request, response, callback, rest.substring(API.length()));
        } else {
            files.handle(request, response, callback, rest);
        }
        return true;
    }
}
