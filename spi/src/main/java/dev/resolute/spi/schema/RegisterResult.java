package dev.resolute.spi.schema;

import java.util.Objects;

/**
 * What a registration did.
 *
 * @param outcome    new, unchanged or overwritten
 * @param deployment the deployment as registered (or as it would be, for a dry run); its
 *                   {@link Deployment#services()} are the revisions it serves
 */
public record RegisterResult(Outcome outcome, Deployment deployment) {

    /** Whether the registration created, kept or replaced the deployment. */
    public enum Outcome {
        /** A new deployment (HTTP 201). */
        CREATED,
        /** A deployment with this URI exists and was left as it was; no discovery happened (HTTP 200). */
        UNCHANGED,
        /** A deployment with this URI existed and {@code force} replaced its services (HTTP 200). */
        OVERWRITTEN
    }

    public RegisterResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(deployment, "deployment");
    }
}
