package dev.resolute.schema;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.Service;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments made from the manifests under {@code manifests/} (what real SDKs answered) the way the
 * registry makes them, with the id, URI, time and revision a test needs: the admin plugin's tests
 * compare the JSON of such deployments with what Restate answered for the same manifests.
 */
public final class TestDeployments {
    private TestDeployments() {
    }

    /** A test resource's bytes; fails the test if it is missing. */
    public static byte[] resource(String name) {
        try (InputStream in = TestDeployments.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The deployment the registry would store for this v4 manifest, every service at {@code revision}. */
    public static Deployment fromManifest(byte[] manifestBytes, String id, HttpVersion version, int revision, String uri,
                                          Instant createdAt, String sdk) {
        Manifest manifest = ManifestParser.parse(ManifestServer.V4, manifestBytes);
        List<Service> services = manifest.services().stream().map(s -> s.revision(id, revision)).toList();
        return new Deployment(id, URI.create(uri), version, manifest.protocolMode(), manifest.minProtocolVersion(),
                manifest.maxProtocolVersion(), Map.of(), Map.of(), Optional.of(sdk), createdAt, services);
    }
}
