package dev.resolute.ui;

import dev.resolute.spi.PluginContext;
import dev.resolute.spi.http.WebUi;

/** The started UI: its handler and what it must release at stop. */
final class UiServer {
    private final WebUi handler;

    private UiServer(WebUi handler) {
        this.handler = handler;
    }

    static UiServer start(PluginContext context, WebAssets assets) {
        UiApi api = new UiApi();
        return new UiServer(new UiHandler(new StaticFiles(assets), api));
    }

    WebUi handler() {
        return handler;
    }

    void stop() {
    }
}
