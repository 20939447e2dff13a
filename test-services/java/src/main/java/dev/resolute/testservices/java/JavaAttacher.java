package dev.resolute.testservices.java;

import dev.restate.common.Output;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Service;
import dev.restate.sdk.common.TerminalException;
import java.time.Duration;

/** Looks at other invocations by id: their output now (GetInvocationOutput) or once they complete (AttachInvocation). */
@Service
public class JavaAttacher {

    /** A target that runs long enough to be looked at while it runs. */
    @Handler
    public String slow(Context ctx, String input) {
        ctx.sleep(Duration.ofMillis(2000));
        return "slow " + input;
    }

    /** The target's output now: ready with its value, not ready, or failed with its code and message. */
    @Handler
    public String output(Context ctx, String invocationId) {
        try {
            Output<String> output = ctx.invocationHandle(invocationId, String.class).getOutput();
            return output.isReady() ? "ready " + output.getValue() : "not ready";
        } catch (TerminalException e) {
            return "failed " + e.getCode() + ": " + e.getMessage();
        }
    }

    /** The target's result once it completes, or failed with its code and message. */
    @Handler
    public String attach(Context ctx, String invocationId) {
        try {
            return ctx.invocationHandle(invocationId, String.class).attach().await();
        } catch (TerminalException e) {
            return "failed " + e.getCode() + ": " + e.getMessage();
        }
    }
}
