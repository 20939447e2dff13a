package dev.resolute.schema;

import static dev.resolute.spi.ConfigKey.of;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.storage.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The schema registry (deployments and service revisions, kept in the {@code schema} keyspace), provided
 * as {@link Schemas} on every node that serves the admin API, runs the engine or accepts ingress calls,
 * so none of those roles needs another to start.
 *
 * <p>It also owns the request identity (reference §6): discovery is the first request to a deployment and
 * this plugin runs wherever requests to deployments are made, so it loads the key of
 * {@code worker.invoker.request-identity-private-key-pem-file} once (a bad file is a config error at start),
 * signs discovery with it and provides it as {@link RequestIdentity} for the worker's invocations.
 */
public final class SchemaPluginFactory implements PluginFactory {
    /** How long one registration may spend on discovery, retries included; below the CLI's 13 s request timeout. */
    static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String id() {
        return "schema";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.ENGINE;
    }

    @Override
    public Set<String> roles() {
        return Set.of("admin", "worker", "http-ingress");
    }

    /** Restate's keys of the invoker's service client, read here because discovery signs with them too. */
    @Override
    public List<ConfigKey> configReads() {
        return List.of(
                of(RequestSigner.KEY_FILE, ConfigType.STRING, null,
                        "Ed25519 private key (PKCS#8 PEM) that signs every request to deployments; unset = unsigned"),
                of(RequestSigner.DEPRECATED_KEY_FILE, ConfigType.STRING, null, "deprecated: " + RequestSigner.KEY_FILE + " (read when that is unset)"),
                of(RequestSigner.EXPIRATION, ConfigType.DURATION, "1m", "validity of a request's JWT before and after it is sent (at least 1s)"));
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(Storage.class);
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(Schemas.class, RequestIdentity.class);
    }

    @Override
    public Component create(PluginContext context) {
        RequestIdentity identity = requestIdentity(context.rootConfig());
        return new Component() {
            private Discovery discovery;

            @Override
            public void start() throws Exception {
                if (identity instanceof RequestSigner signer) {
                    LoggerFactory.getLogger(SchemaPluginFactory.class).info(
                            "requests to deployments are signed (request identity v1) with key {}", signer.keyId());
                }
                discovery = new Discovery(DISCOVERY_TIMEOUT, context.node().clusterName(), identity);
                discovery.start();
                context.provide(RequestIdentity.class, identity);
                context.provide(Schemas.class, new SchemaRegistry(new SchemaStore(context.require(Storage.class)), discovery));
            }

            @Override
            public void stop() throws Exception {
                if (discovery != null) {
                    discovery.stop();
                    discovery = null;
                }
            }
        };
    }

    private static RequestIdentity requestIdentity(ConfigScope root) {
        Duration leeway = root.getDuration(RequestSigner.EXPIRATION);
        if (leeway.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(RequestSigner.EXPIRATION + " = \"" + root.getString(RequestSigner.EXPIRATION)
                    + "\" (" + root.origin(RequestSigner.EXPIRATION) + "): must be at least 1s");
        }
        String key = root.find(RequestSigner.KEY_FILE).isPresent() ? RequestSigner.KEY_FILE : RequestSigner.DEPRECATED_KEY_FILE;
        Optional<String> file = root.find(key);
        if (file.isEmpty()) {
            return RequestIdentity.NONE;
        }
        if (key.equals(RequestSigner.DEPRECATED_KEY_FILE)) {
            LoggerFactory.getLogger(SchemaPluginFactory.class).warn("{} ({}) is deprecated: set {} instead",
                    key, root.origin(key), RequestSigner.KEY_FILE);
        }
        String setting = key + " = \"" + file.get() + "\" (" + root.origin(key) + ")";
        return RequestSigner.load(Path.of(file.get()), setting, leeway, Clock.systemUTC());
    }
}
