package dev.resolute.worker.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.FrameDecoder;
import dev.resolute.worker.protocol.FrameEncoder;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.ProtocolException;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.ErrorMessage;
import dev.resolute.worker.protocol.pb.Future;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import dev.resolute.worker.protocol.pb.StartMessage;
import dev.resolute.worker.protocol.pb.SuspensionMessage;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.util.Callback;

/**
 * One attempt of an invocation: replays the committed journal to the service deployment and
 * turns every frame the SDK sends back into partition commands. It never writes storage; the
 * partition decides what is stored, and stale attempts are ignored by epoch.
 */
final class Attempt {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Attempt.class);

    private final byte[] id;
    private final long epoch;
    private final Storage storage;
    private final Tables tables;
    private final Targets targets;
    private final Partitions partitions;
    private final HttpClient client;
    private final RequestIdentity identity;
    private final InvokerSettings settings;

    private AsyncRequestContent body;
    private boolean bodyOpen;
    private boolean bodyClosed;
    /** Journal entries the replay holds; notifications below it were replayed already. */
    private int knownEntries = Integer.MAX_VALUE;
    /** Notifications stored before the request stream opened: sent right after the replay. */
    private final List<Frame> early = new ArrayList<>();
    private volatile long lastActivity = System.nanoTime();
    /** The exchange under the timeouts, while its response is read; see {@link #watch}. */
    private volatile Request watched;
    private volatile long closedAt;
    /** The exchange once built, and why the partition stopped this attempt, if it did; see {@link #abort}. */
    private volatile Request inFlight;
    private volatile String stopped;
    private long inactivityNanos;
    private long abortNanos;
    private int protocolVersion;
    private dev.resolute.worker.engine.pb.Target target;

    Attempt(byte[] id, long epoch, AttemptContext context) {
        this.id = id;
        this.epoch = epoch;
        this.storage = context.storage();
        this.tables = context.tables();
        this.targets = context.targets();
        this.partitions = context.partitions();
        this.client = context.client();
        this.identity = context.identity();
        this.settings = context.settings();
    }

    long epoch() {
        return epoch;
    }

    void run() {
        AttemptEnded.Builder ended = AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch)
                .setJitter(ThreadLocalRandom.current().nextDouble());
        try {
            Optional<AttemptEnded.Builder> outcome = exchange(ended);
            outcome.ifPresent(o -> {
                if (o.hasFailed()) {
                    logFailure(o.getFailed().getCode(), o.getFailed().getMessage());
                }
                partitions.propose(id, Partitions.command().setEnded(o).build());
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(ended, 0, "the attempt was interrupted");
        } catch (Exception e) { // I/O, timeouts, protocol violations: this attempt failed, the policy retries
            fail(ended, 0, describe(e));
        } finally {
            closeBody();
        }
    }

    private void fail(AttemptEnded.Builder ended, int code, String message) {
        logFailure(code, message);
        partitions.propose(id, Partitions.command().setEnded(ended.setFailed(AttemptFailed.newBuilder().setCode(code).setMessage(message))).build());
    }

    private void logFailure(int code, String message) {
        LOG.warn("invocation {} ({}) attempt {} failed{}: {}", InvocationId.fromBytes(id),
                target == null ? "?" : target.getService() + "/" + target.getHandler(), epoch, code == 0 ? "" : " with code " + code, message);
    }

    /** Runs the HTTP exchange; returns how it ended, or empty if the invocation is no longer ours to run. */
    private Optional<AttemptEnded.Builder> exchange(AttemptEnded.Builder ended) throws Exception {
        Replay replay;
        Targets.AttemptSettings target;
        try (Snapshot snapshot = storage.snapshot()) {
            Reads reads = Reads.of(snapshot);
            Optional<InvocationStatus> stored = tables.status().get(reads, id);
            if (stored.isEmpty() || stored.get().getEpoch() != epoch) {
                return Optional.empty();
            }
            InvocationStatus status = stored.get();
            // one schema lookup per attempt: the replay needs it (lazy state) and so does the request
            target = targets.settings(status.getDeployment().getId(), status.getTarget().getService(), status.getTarget().getHandler());
            replay = replay(reads, status, target);
        }
        InvocationStatus status = replay.status();
        this.target = status.getTarget();
        protocolVersion = status.getDeployment().getProtocolVersion();
        String contentType = "application/vnd.restate.invocation.v" + protocolVersion;
        AsyncRequestContent content = new AsyncRequestContent(contentType);
        boolean keyed = status.getTarget().getServiceKind() != ServiceKind.SERVICE;
        Request request = client.newRequest(target.uri().resolve(path(target, status)))
                .method(HttpMethod.POST)
                .version(target.http2() ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                .headers(h -> {
                    h.put("accept", contentType);
                    h.put("x-restate-invocation-id", InvocationId.fromBytes(id).toString());
                    if (keyed) {
                        h.put("x-restate-service-key", URLEncoder.encode(status.getTarget().getKey(), StandardCharsets.UTF_8));
                    }
                    h.put("x-restate-cluster-name", settings.clusterName());
                    target.headers().forEach(h::put);
                    identity.headers("/invoke/" + status.getTarget().getService() + "/" + status.getTarget().getHandler(),
                            keyed ? Optional.of(status.getTarget().getKey()) : Optional.empty()).forEach(h::put);
                })
                .idleTimeout(settings.abortTimeout().toMillis() + settings.inactivityTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .body(content);
        inFlight = request;
        if (stopped != null) {
            request.abort(new IOException("the partition stopped the attempt: " + stopped));
        }
        open(content, replay.frames(), target.bidi());
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        Response response = listener.get(settings.abortTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (response.getStatus() != 200) {
            request.abort(new IOException("status " + response.getStatus()));
            String retryAfter = response.getHeaders().get("retry-after");
            return Optional.of(ended.setFailed(AttemptFailed.newBuilder().setCode(response.getStatus())
                    .setMessage("the service answered HTTP " + response.getStatus() + responseHint(response.getStatus()))
                    .setHasNextRetryDelay(retryAfter != null && retryAfter.matches("\\d+"))
                    .setNextRetryDelay(retryAfter != null && retryAfter.matches("\\d+") ? Long.parseLong(retryAfter) * 1000 : 0)));
        }
        String answered = response.getHeaders().get("content-type");
        if (answered == null || !answered.startsWith(contentType)) {
            request.abort(new IOException("bad content type"));
            return Optional.of(ended.setFailed(AttemptFailed.newBuilder().setCode(0)
                    .setMessage("the service answered content-type " + answered + " instead of " + contentType)));
        }
        watch(request, target);
        try (InputStream in = listener.getInputStream()) {
            return Optional.of(read(in, ended));
        } finally {
            watched = null;
        }
    }

    private String path(Targets.AttemptSettings target, InvocationStatus status) {
        String base = target.uri().getPath() == null ? "" : target.uri().getPath().replaceAll("/+$", "");
        String query = target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery();
        return base + "/invoke/" + status.getTarget().getService() + "/" + status.getTarget().getHandler() + query;
    }

    private static String responseHint(int status) {
        return switch (status) {
            case 401 -> " (it refused the request identity: it accepts requests signed with another key, or only signed"
                    + " ones; see worker.invoker.request-identity-private-key-pem-file)";
            case 404 -> " (the deployment does not know this service or handler)";
            case 415 -> " (it does not accept the negotiated protocol version)";
            case 429, 503 -> " (overloaded)";
            default -> "";
        };
    }

    private AttemptEnded.Builder read(InputStream in, AttemptEnded.Builder ended) throws IOException, ProtocolException {
        FrameDecoder decoder = new FrameDecoder(settings.messageSizeLimit());
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            lastActivity = System.nanoTime();
            List<Frame> proposed = new ArrayList<>();
            for (dev.resolute.worker.protocol.Frame frame : decoder.decode(ByteBuffer.wrap(buffer, 0, n))) {
                int type = frame.type();
                if (type == MessageType.END.id()) { // the frames before it travel with the end: one command, one commit
                    return ended.addAllFrames(proposed).setEnd(true);
                } else if (type == MessageType.SUSPENSION.id()) {
                    return ended.addAllFrames(proposed).setSuspended(awaiting((SuspensionMessage) MessageType.SUSPENSION.parse(frame.payload())));
                } else if (type == MessageType.ERROR.id()) {
                    ended.addAllFrames(proposed);
                    ErrorMessage error = (ErrorMessage) MessageType.ERROR.parse(frame.payload()); // names the frame if it does not parse
                    String message = error.getMessage().isBlank() // the last failure must say something
                            ? "the service failed the attempt with code " + error.getCode() + " and no message" : error.getMessage();
                    AttemptFailed.Builder failed = AttemptFailed.newBuilder().setCode(error.getCode()).setMessage(message)
                            .setStacktrace(error.getStacktrace()).setBehavior(error.getBehaviorValue());
                    if (error.hasNextRetryDelay()) {
                        failed.setHasNextRetryDelay(true).setNextRetryDelay(error.getNextRetryDelay());
                    }
                    if (error.hasRelatedCommandIndex()) {
                        failed.setRelatedCommandIndex(error.getRelatedCommandIndex());
                    }
                    if (error.hasRelatedCommandType()) {
                        failed.setRelatedCommandType(error.getRelatedCommandType());
                    }
                    failed.setRelatedCommandName(error.getRelatedCommandName());
                    return ended.setFailed(failed);
                } else if (type == MessageType.PROPOSE_RUN_COMPLETION.id() || MessageType.isCommand(type)) {
                    proposed.add(toEngineFrame(frame));
                }
            }
            propose(proposed);
        }
        decoder.finish();
        throw new IOException("the service closed the response without End, Suspension or Error");
    }

    private void propose(List<Frame> frames) {
        if (!frames.isEmpty()) {
            partitions.propose(id, Partitions.command().setFrames(AttemptFrames.newBuilder()
                    .setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch).addAllFrames(frames)
                    .setJitter(ThreadLocalRandom.current().nextDouble())).build());
        }
    }

    /**
     * Checks a journal frame before it is proposed: a known type must parse, an unknown one must be custom, so a
     * malformed frame fails this attempt instead of entering the journal. Calls and sends carry their callee
     * resolved here, so applying them needs no schema lookup.
     */
    private Frame toEngineFrame(dev.resolute.worker.protocol.Frame frame) throws ProtocolException {
        Optional<MessageType> known = MessageType.of(frame.type());
        if (known.isEmpty() && !MessageType.isCustom(frame.type())) {
            throw new ProtocolException("the service sent message type " + MessageType.hex(frame.type())
                    + ", which service protocol V" + protocolVersion + " does not define");
        }
        Message parsed = known.isPresent() ? known.get().parse(frame.payload()) : null;
        boolean writesState = frame.type() == MessageType.SET_STATE_COMMAND.id() || frame.type() == MessageType.CLEAR_STATE_COMMAND.id()
                || frame.type() == MessageType.CLEAR_ALL_STATE_COMMAND.id();
        if (writesState && target.getHandlerKind() != dev.resolute.worker.engine.pb.HandlerKind.EXCLUSIVE
                && target.getHandlerKind() != dev.resolute.worker.engine.pb.HandlerKind.WORKFLOW_RUN) {
            throw new ProtocolException("handler " + target.getService() + "/" + target.getHandler()
                    + " may read state but not write it (" + MessageType.hex(frame.type()) + ")");
        }
        Frame.Builder out = Frame.newBuilder().setType(frame.type()).setFlags(frame.flags()).setPayload(ByteString.copyFrom(frame.payload()));
        if (parsed instanceof CallCommandMessage call) {
            out.setResolved(resolve(call.getServiceName(), call.getHandlerName(), call.getKey(), call.getIdempotencyKey(), call.getHeadersList()));
        } else if (parsed instanceof OneWayCallCommandMessage send) {
            out.setResolved(resolve(send.getServiceName(), send.getHandlerName(), send.getKey(), send.getIdempotencyKey(), send.getHeadersList()));
        }
        return out.build();
    }

    private Invoke resolve(String service, String handler, String key, String idempotencyKey,
                           List<dev.resolute.worker.protocol.pb.Header> headers) {
        Invoke.Builder invoke = targets.resolve(service, handler, key, idempotencyKey).toBuilder();
        headers.forEach(h -> invoke.addHeaders(dev.resolute.worker.engine.pb.Header.newBuilder().setKey(h.getKey()).setValue(h.getValue())));
        return invoke.build();
    }

    /** V5/V6 list what they wait for; V7 sends a tree of futures: any leaf arriving lets it try again. */
    private static Awaiting awaiting(SuspensionMessage suspension) {
        Awaiting.Builder out = Awaiting.newBuilder()
                .addAllCompletions(suspension.getWaitingCompletionsList())
                .addAllSignals(suspension.getWaitingSignalsList())
                .addAllNamedSignals(suspension.getWaitingNamedSignalsList());
        if (suspension.hasAwaitingOn()) {
            leaves(suspension.getAwaitingOn(), out);
        }
        return out.build();
    }

    private static void leaves(Future future, Awaiting.Builder out) {
        out.addAllCompletions(future.getWaitingCompletionsList()).addAllSignals(future.getWaitingSignalsList())
                .addAllNamedSignals(future.getWaitingNamedSignalsList());
        future.getNestedFuturesList().forEach(f -> leaves(f, out));
    }

    /**
     * Writes the StartMessage and the replay, then the notifications stored meanwhile (the attempt
     * was registered for them before it read the journal); request/response mode closes the stream.
     */
    private synchronized void open(AsyncRequestContent content, List<dev.resolute.worker.protocol.Frame> replay, boolean bidi) {
        body = content;
        bodyOpen = true;
        knownEntries = replay.size() - 1; // all but the StartMessage
        write(replay);
        if (bidi) {
            send(early);
            early.clear();
        } else {
            closeBody();
        }
    }

    /** Sends notifications (or run acks) stored while this attempt streams. */
    synchronized void send(List<Frame> frames) {
        if (body == null && !bodyClosed) {
            early.addAll(frames);
            return;
        }
        if (!bodyOpen) {
            return; // request/response mode, or the stream is closing: the next attempt replays them
        }
        List<dev.resolute.worker.protocol.Frame> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.getJournalIndex() >= knownEntries) {
                out.add(new dev.resolute.worker.protocol.Frame(f.getType(), f.getFlags(), f.getPayload().toByteArray()));
            }
        }
        write(out);
    }

    private synchronized void write(List<dev.resolute.worker.protocol.Frame> frames) {
        if (!bodyOpen || frames.isEmpty()) {
            return;
        }
        lastActivity = System.nanoTime();
        body.write(ByteBuffer.wrap(FrameEncoder.encodeAll(frames)), Callback.NOOP);
    }

    private synchronized void closeBody() {
        bodyClosed = true;
        if (bodyOpen) {
            bodyOpen = false;
            body.close();
        }
    }

    private Replay replay(Reads reads, InvocationStatus status, Targets.AttemptSettings target) {
        List<dev.resolute.worker.protocol.Frame> journal = new ArrayList<>();
        for (JournalEntry entry : tables.journal().entries(reads, id)) {
            journal.add(new dev.resolute.worker.protocol.Frame(entry.getType(), 0, entry.getPayload().toByteArray()));
        }
        StartMessage.Builder start = StartMessage.newBuilder()
                .setId(ByteString.copyFrom(id))
                .setDebugId(InvocationId.fromBytes(id).toString())
                .setKnownEntries(journal.size())
                .setKey(status.getTarget().getKey())
                .setRetryCountSinceLastStoredEntry(status.getRetryCount())
                .setDurationSinceLastStoredEntry(Math.max(0, System.currentTimeMillis() - status.getModifiedAt()));
        if (status.getDeployment().getProtocolVersion() >= 6) {
            start.setRandomSeed(status.getRandomSeed());
        }
        eagerState(reads, status, target, start);
        List<dev.resolute.worker.protocol.Frame> frames = new ArrayList<>();
        frames.add(new dev.resolute.worker.protocol.Frame(MessageType.START.id(), 0, start.build().toByteArray()));
        frames.addAll(journal);
        return new Replay(status, frames);
    }

    /** Keyed handlers get their state up front unless it is lazy or too large; then the SDK asks. */
    private void eagerState(Reads reads, InvocationStatus status, Targets.AttemptSettings target, StartMessage.Builder start) {
        boolean keyed = status.getTarget().getServiceKind() != ServiceKind.SERVICE;
        if (!keyed || target.lazyState() || settings.eagerStateSizeLimit() == 0) {
            start.setPartialState(true);
            return;
        }
        long[] size = {0};
        tables.state().entries(reads, ObjectKey.of(id, status.getTarget()), entry -> {
            size[0] += entry.key().length + entry.value().length;
            if (size[0] > settings.eagerStateSizeLimit()) {
                start.clearStateMap().setPartialState(true);
                return false;
            }
            start.addStateMap(StartMessage.StateEntry.newBuilder().setKey(ByteString.copyFrom(entry.key())).setValue(ByteString.copyFrom(entry.value())));
            return true;
        });
    }

    private record Replay(InvocationStatus status, List<dev.resolute.worker.protocol.Frame> frames) {
    }

    /**
     * Puts the exchange under the timeouts {@link #checkTimeouts} applies. Bidi: the request stream is closed
     * after {@code inactivity-timeout} without traffic, so the SDK suspends; request/response: it is closed
     * already. Either way the exchange is aborted if it has not ended {@code abort-timeout} after the close.
     */
    private void watch(Request request, Targets.AttemptSettings target) {
        inactivityNanos = target.inactivityTimeout().orElse(settings.inactivityTimeout()).toNanos();
        abortNanos = target.abortTimeout().orElse(settings.abortTimeout()).toNanos();
        closedAt = target.bidi() ? 0 : System.nanoTime();
        watched = request;
    }

    /** Stops the attempt: the partition failed it (a frame it cannot apply) and ignores what it sends from now on. */
    void abort(String reason) {
        stopped = reason;
        Request request = inFlight;
        if (request != null) {
            request.abort(new IOException("the partition stopped the attempt: " + reason));
        }
    }

    /** Called by the invoker's one watchdog for every live attempt, a few times a second. */
    void checkTimeouts(long now) {
        Request request = watched;
        if (request == null) {
            return;
        }
        if (closedAt == 0 && now - lastActivity > inactivityNanos) {
            closeBody();
            closedAt = now;
        } else if (closedAt != 0 && now - closedAt > abortNanos) {
            request.abort(new TimeoutException("the service did not end the attempt within the abort timeout"));
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // a wrapper that already quotes its cause (as ProtocolException does a payload's parse error) says it once
        return root == e || root.getMessage() == null || message.contains(root.getMessage()) ? message : message + ": " + root.getMessage();
    }
}
