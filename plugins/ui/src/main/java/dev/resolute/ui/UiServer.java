package dev.resolute.ui;

import dev.resolute.spi.PluginContext;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationChanges;
import dev.resolute.spi.http.WebUi;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.schema.Schemas;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The started UI: its handler over the routes of every part, and what it releases at stop (jobs, streams, the client). */
final class UiServer {
    private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);

    private final WebUi handler;
    private final ChangeHub changes;
    private final BatchJobs jobs;
    private final NodeClient node;

    private UiServer(WebUi handler, ChangeHub changes, BatchJobs jobs, NodeClient node) {
        this.handler = handler;
        this.changes = changes;
        this.jobs = jobs;
        this.node = node;
    }

    static UiServer start(PluginContext context, WebAssets assets) {
        WorkerAccess worker = new WorkerAccess(context.find(InvocationBrowser.class), context.find(InvocationChanges.class),
                context.find(InvocationControl.class), context.find(ObjectStates.class));
        Schemas schemas = context.require(Schemas.class);
        NodeClient node = new NodeClient(service -> context.http().advertised(service));
        ChangeHub changes = new ChangeHub(worker.changes());
        BatchJobs jobs = new BatchJobs(worker, changes::batch);
        InvocationsApi invocations = new InvocationsApi(worker);
        UiApi api = new UiApi();
        invocations.routes(api);
        new InvocationBundle(worker, invocations, node, version()).routes(api);
        new OverviewApi(worker, schemas).routes(api);
        new StateApi(worker, schemas).routes(api);
        jobs.routes(api);
        new Playground(node).routes(api);
        changes.routes(api);
        return new UiServer(new UiHandler(new StaticFiles(assets), api), changes, jobs, node);
    }

    /** This build's version, from the plugin jar's manifest. */
    private static String version() {
        return Optional.ofNullable(UiServer.class.getPackage().getImplementationVersion()).orElse("unknown");
    }

    WebUi handler() {
        return handler;
    }

    void stop() {
        try {
            changes.close();
            jobs.close();
        } catch (Exception e) {
            LOG.warn("stopping the web UI's streams and jobs failed", e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        node.close();
    }
}
