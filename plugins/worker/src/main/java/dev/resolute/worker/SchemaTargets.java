package dev.resolute.worker;

import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.ProtocolRange;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.ResolvedService;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceType;
import dev.resolute.worker.engine.Targets;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.protocol.ProtocolVersion;
import java.util.Optional;

/** Resolves invocation targets against the schema registry ({@link Schemas}, the schema plugin's). */
final class SchemaTargets implements Targets {
    private final Schemas schemas;
    private final int maxProtocolVersion;
    private final RetryPolicy defaultRetry;
    private final RetentionSettings retention;

    SchemaTargets(Schemas schemas, int maxProtocolVersion, RetryPolicy defaultRetry, RetentionSettings retention) {
        this.schemas = schemas;
        this.maxProtocolVersion = maxProtocolVersion;
        this.defaultRetry = defaultRetry;
        this.retention = retention;
    }

    @Override
    public Invoke resolve(String serviceName, String handlerName, String key) {
        return resolve(serviceName, handlerName, key, "");
    }

    @Override
    public Invoke resolve(String serviceName, String handlerName, String key, String idempotencyKey) {
        ResolvedService resolved = schemas.resolve(serviceName).orElseThrow(() -> new TargetException(InvocationException.Kind.NOT_FOUND,
                "service '" + serviceName + "' not found. Make sure the service is registered (restate deployments register <uri>)"));
        Service service = resolved.service();
        Handler handler = resolved.handler(handlerName).orElseThrow(() -> new TargetException(InvocationException.Kind.NOT_FOUND,
                "handler '" + serviceName + "/" + handlerName + "' not found"));
        Deployment deployment = resolved.deployment();
        int version = ProtocolVersion.negotiate(deployment.minProtocolVersion(), deployment.maxProtocolVersion(), maxProtocolVersion)
                .map(ProtocolVersion::number)
                .orElseThrow(() -> new TargetException(InvocationException.Kind.INVALID_REQUEST, "deployment " + deployment.id() + " speaks service protocol "
                        + deployment.minProtocolVersion() + "-" + deployment.maxProtocolVersion() + ", this server "
                        + ProtocolRange.SUPPORTED.min() + "-" + maxProtocolVersion));
        HandlerKind handlerKind = kind(service.type(), handler);
        RetentionSettings.Retention kept = retention.resolve(service.options(), handler.options(),
                handlerKind == HandlerKind.WORKFLOW_RUN, !idempotencyKey.isEmpty());
        return Invoke.newBuilder()
                .setTarget(Target.newBuilder().setService(serviceName).setHandler(handlerName).setKey(key)
                        .setServiceKind(kind(service.type())).setHandlerKind(handlerKind))
                .setDeployment(dev.resolute.worker.engine.pb.Deployment.newBuilder().setId(deployment.id()).setProtocolVersion(version))
                .setRetry(retryPolicy(service.options().retry(), handler.options().retry()).spec())
                .setIdempotencyKey(idempotencyKey)
                .setCompletionRetentionMs(kept.completionMillis())
                .setJournalRetentionMs(kept.journalMillis())
                .build();
    }

    /** The server default, overlaid by the service's then the handler's manifest values (reference §1.14). */
    private RetryPolicy retryPolicy(RetryOverrides service, RetryOverrides handler) {
        return new RetryPolicy(
                handler.initialInterval().or(service::initialInterval).orElse(defaultRetry.initialInterval()),
                handler.exponentiationFactor().or(service::exponentiationFactor).orElse(defaultRetry.factor()),
                handler.maxAttempts().or(service::maxAttempts).orElse(defaultRetry.maxAttempts()),
                handler.maxInterval().or(service::maxInterval).orElse(defaultRetry.maxInterval()),
                handler.onMaxAttempts().or(service::onMaxAttempts).map(o -> o == OnMaxAttempts.PAUSE).orElse(defaultRetry.pauseWhenExhausted()));
    }

    @Override
    public dev.resolute.worker.engine.pb.Deployment repin(Optional<String> deploymentId, String serviceName, int protocolVersion) {
        Deployment deployment = deploymentId.isPresent()
                ? schemas.deployment(deploymentId.get()).filter(d -> d.service(serviceName).isPresent())
                        .orElseThrow(() -> new TargetException(InvocationException.Kind.INVALID_REQUEST, "The given deployment '"
                                + deploymentId.get() + "' was not found, or does not serve the service '" + serviceName + "'."))
                : schemas.resolve(serviceName).map(ResolvedService::deployment)
                        .orElseThrow(() -> new TargetException(InvocationException.Kind.INVALID_REQUEST, "The service '" + serviceName
                                + "' is not registered any more."));
        if (protocolVersion < deployment.minProtocolVersion() || protocolVersion > deployment.maxProtocolVersion()) {
            throw new TargetException(InvocationException.Kind.INVALID_REQUEST, "The invocation is running on protocol version '" + protocolVersion
                    + "', while the chosen deployment '" + deployment.id() + "' supports the range " + deployment.minProtocolVersion()
                    + "..=" + deployment.maxProtocolVersion() + ".");
        }
        return dev.resolute.worker.engine.pb.Deployment.newBuilder().setId(deployment.id()).setProtocolVersion(protocolVersion).build();
    }

    @Override
    public AttemptSettings settings(String deploymentId, String serviceName, String handlerName) {
        Deployment deployment = schemas.deployment(deploymentId).orElseThrow(() -> new TargetException(InvocationException.Kind.UNAVAILABLE,
                "deployment " + deploymentId + " was removed while invocations still use it"));
        Optional<Service> service = deployment.service(serviceName);
        Optional<Handler> handler = service.flatMap(s -> s.handlers().stream().filter(h -> h.name().equals(handlerName)).findFirst());
        InvocationOptions serviceOptions = service.map(Service::options).orElse(InvocationOptions.NONE);
        InvocationOptions handlerOptions = handler.map(Handler::options).orElse(InvocationOptions.NONE);
        return new AttemptSettings(deployment.uri(), deployment.httpVersion() == HttpVersion.HTTP_2,
                deployment.protocolMode() == ProtocolMode.BIDI_STREAM, deployment.additionalHeaders(),
                handlerOptions.enableLazyState().or(serviceOptions::enableLazyState).orElse(false),
                handlerOptions.inactivityTimeout().or(serviceOptions::inactivityTimeout),
                handlerOptions.abortTimeout().or(serviceOptions::abortTimeout));
    }

    private static ServiceKind kind(ServiceType type) {
        return switch (type) {
            case SERVICE -> ServiceKind.SERVICE;
            case VIRTUAL_OBJECT -> ServiceKind.VIRTUAL_OBJECT;
            case WORKFLOW -> ServiceKind.WORKFLOW;
        };
    }

    private static HandlerKind kind(ServiceType service, Handler handler) {
        if (service == ServiceType.SERVICE) {
            return HandlerKind.UNKEYED;
        }
        return switch (handler.type()) {
            case EXCLUSIVE -> HandlerKind.EXCLUSIVE;
            case SHARED -> HandlerKind.SHARED;
            case WORKFLOW -> HandlerKind.WORKFLOW_RUN;
        };
    }
}
