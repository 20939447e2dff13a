package dev.resolute.worker.protocol;

import dev.resolute.spi.schema.ProtocolRange;
import java.util.Optional;

/**
 * The service protocol versions this server speaks, one constant per version of {@link ProtocolRange#SUPPORTED}
 * (a test keeps the two equal). Both current SDKs (TypeScript, Java) accept V5 as their oldest; V6 adds
 * {@code StartMessage.random_seed} and failure metadata, V7 future trees and run acks.
 */
public enum ProtocolVersion {
    V5(5), V6(6), V7(7);

    private final int number;

    ProtocolVersion(int number) {
        this.number = number;
    }

    /** The number as in discovery manifests ({@code minProtocolVersion}, {@code maxProtocolVersion}). */
    public int number() {
        return number;
    }

    /** The HTTP content type (and accept header) of an invocation at this version. */
    public String contentType() {
        return "application/vnd.restate.invocation.v" + number;
    }

    /** @return the version with this number, if this server speaks it */
    public static Optional<ProtocolVersion> of(int number) {
        for (ProtocolVersion version : values()) {
            if (version.number == number) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /**
     * Picks the version for a new invocation as Restate does: the deployment's newest, capped at the server's,
     * provided the deployment's range meets ours (the oldest supported version up to {@code serverMax}).
     *
     * @param serverMax the newest version the server offers: 6 by default, 7 when V7 is enabled
     * @return empty if the ranges do not meet
     * @throws IllegalArgumentException if serverMax is not a version this server speaks
     */
    public static Optional<ProtocolVersion> negotiate(int deploymentMin, int deploymentMax, int serverMax) {
        ProtocolRange supported = ProtocolRange.SUPPORTED;
        if (!supported.contains(serverMax)) {
            throw new IllegalArgumentException("the server's newest protocol version must be " + supported.min() + " to "
                    + supported.max() + ", got " + serverMax);
        }
        if (!new ProtocolRange(supported.min(), serverMax).meets(deploymentMin, deploymentMax)) {
            return Optional.empty();
        }
        return of(Math.min(deploymentMax, serverMax));
    }
}
