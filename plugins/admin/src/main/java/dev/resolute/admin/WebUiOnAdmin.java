package dev.resolute.admin;

import dev.resolute.spi.http.ErrorShape;
import dev.resolute.spi.http.JsonError;
import dev.resolute.spi.http.WebUi;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin API with the web UI beside it: {@code /}, {@code /ui} and {@code /ui/*} go to the {@code ui} plugin's
 * {@link WebUi}; without it (not installed, or {@code admin.disable-web-ui}) {@code /ui} and {@code /ui/*} answer a
 * 404 saying why, and {@code /} stays the admin API's. Everything else goes to the admin API, whose error shape this
 * keeps for the host.
 */
final class WebUiOnAdmin extends Handler.Wrapper implements ErrorShape {
    private final ErrorShape shape;
    private final Optional<WebUi> webUi;
    private final String absence;

    /**
     * @param admin   the admin API (with the gRPC services beside it, if any)
     * @param webUi   the UI to serve, or empty
     * @param absence why there is no UI, for the 404 of its paths when {@code webUi} is empty
     */
    WebUiOnAdmin(Handler admin, ErrorShape shape, Optional<WebUi> webUi, String absence) {
        super(admin);
        this.shape = shape;
        this.webUi = webUi;
        this.absence = absence;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        boolean underUi = path.equals("/ui") || path.startsWith("/ui/");
        if (webUi.isPresent() && (underUi || path.equals("/"))) {
            return webUi.get().handle(request, response, callback);
        }
        if (underUi) {
            shape.error(404, "The web UI is not served here: " + absence).write(response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    @Override
    public JsonError error(int status, String message) {
        return shape.error(status, message);
    }
}
