package dev.resolute.spi.schema;

import java.util.List;
import java.util.Optional;

/**
 * The schema registry: registered deployments and the service revisions they serve. Provided by the
 * schema plugin ({@code context.provide(Schemas.class, ...)}) on every node with the admin, worker or
 * http-ingress role; the admin endpoint, the engine and the ingress {@code require} it.
 *
 * <p>Implementations must:
 * <ul>
 *   <li>commit every change durably before the method that makes it returns, and find it again after a
 *       restart;</li>
 *   <li>be safe for concurrent use, and answer reads from an immutable snapshot without blocking on
 *       registrations, so that callers may read on every invocation;</li>
 *   <li>keep a deployment and its services readable by id for as long as the deployment is registered,
 *       also after newer revisions moved elsewhere (in-flight invocations stay pinned to theirs);</li>
 *   <li>report every failure as a {@link SchemaException} of the matching kind, except storage failures,
 *       which propagate as the storage SPI's {@code StorageException} (nothing was changed then).</li>
 * </ul>
 * Methods never return null. Callers must treat the returned values as immutable snapshots: a later
 * registration never changes them.
 */
public interface Schemas {

    /**
     * Registers the deployment at {@code request.uri()}: unless one with the same URI exists (and
     * {@code force} is off), fetches its manifest ({@code GET {uri}/discover}), validates it and stores
     * the deployment with a new revision of each of its services. Blocks for the discovery, which is
     * bounded by a timeout. A dry run does all of that but stores nothing.
     *
     * @throws SchemaException {@link SchemaException.Kind#INVALID_REQUEST}, {@link SchemaException.Kind#UNREACHABLE},
     *                         {@link SchemaException.Kind#BAD_MANIFEST}, {@link SchemaException.Kind#INVALID_SERVICE},
     *                         {@link SchemaException.Kind#UNSUPPORTED_PROTOCOL} or
     *                         {@link SchemaException.Kind#INCOMPATIBLE_CHANGE}
     */
    RegisterResult register(RegisterRequest request);

    /** Every registered deployment, oldest first. */
    List<Deployment> deployments();

    /**
     * The deployment with this {@code dp_} id, if registered; what an invocation pinned to it needs.
     *
     * @throws SchemaException {@link SchemaException.Kind#INVALID_REQUEST} if {@code id} is not a deployment id
     *                         at all; the message says why
     */
    Optional<Deployment> deployment(String id);

    /**
     * Removes a deployment. Services whose latest revision it served fall back to their newest revision
     * on another deployment, or disappear if there is none.
     *
     * @throws SchemaException {@link SchemaException.Kind#INVALID_REQUEST} if {@code id} is not a deployment id,
     *                         {@link SchemaException.Kind#NOT_FOUND} if no deployment has this id
     */
    void removeDeployment(String id);

    /** The latest revision of every service, by name. */
    List<Service> services();

    /** The latest revision of the service called {@code name}, if any. */
    Optional<Service> service(String name);

    /** The latest revision of {@code serviceName} and its deployment, for a new invocation. */
    Optional<ResolvedService> resolve(String serviceName);

    /**
     * Changes a service's public flag, retentions or timeouts ({@code PATCH /services/{name}}), durably. The
     * change applies to the latest revision ({@link #service} and {@link #resolve} answer it applied) until a
     * registration discovers the service again: as in Restate, its new revision takes the manifest's settings.
     *
     * @return the latest revision with the change applied
     * @throws SchemaException {@link SchemaException.Kind#NOT_FOUND} if no service has this name
     */
    Service modifyService(String name, ServiceChange change);

    /**
     * Discovers a deployment again (at {@code update.uri()} if given, else its own) and updates it in place,
     * keeping its id, creation time and metadata ({@code PATCH /deployments/{id}}). Unless
     * {@code overwrite}, the new manifest must be compatible with the current one, as Restate's META0016
     * asks: every service still there with the same type and at least the same handlers, and the same
     * protocol range. Services already served keep their revision; new ones get the next. A dry run
     * answers the updated deployment but stores nothing.
     *
     * @return the deployment as updated
     * @throws SchemaException {@link SchemaException.Kind#INVALID_REQUEST} if {@code id} is not a deployment id,
     *                         {@link SchemaException.Kind#NOT_FOUND} if none has it, {@link SchemaException.Kind#CONFLICT}
     *                         if another deployment is registered at the new uri,
     *                         {@link SchemaException.Kind#INCOMPATIBLE_CHANGE} (META0016), or a discovery failure as
     *                         {@link #register} reports it
     */
    Deployment updateDeployment(String id, DeploymentUpdate update);
}
