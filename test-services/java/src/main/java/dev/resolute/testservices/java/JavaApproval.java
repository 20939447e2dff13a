package dev.resolute.testservices.java;

import dev.restate.common.Output;
import dev.restate.sdk.SharedWorkflowContext;
import dev.restate.sdk.WorkflowContext;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.annotation.Workflow;
import dev.restate.sdk.common.DurablePromiseKey;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.common.TerminalException;

/**
 * A workflow whose run waits for the decision durable promise, which its shared handlers resolve, reject or peek
 * before, during or after run (the Java twin of the TypeScript Approval workflow).
 */
@Workflow
public class JavaApproval {
    private static final DurablePromiseKey<String> DECISION = DurablePromiseKey.of("decision", String.class);
    private static final StateKey<String> STATUS = StateKey.of("status", String.class);

    @Workflow
    public String run(WorkflowContext ctx, String request) {
        ctx.set(STATUS, "waiting for " + request);
        String outcome;
        try {
            outcome = "approved " + ctx.promise(DECISION).future().await();
        } catch (TerminalException e) {
            outcome = "rejected " + e.getCode() + ": " + e.getMessage();
        }
        ctx.set(STATUS, outcome);
        return outcome;
    }

    @Shared
    public String approve(SharedWorkflowContext ctx, String value) {
        ctx.promiseHandle(DECISION).resolve(value);
        return "approved";
    }

    @Shared
    public String reject(SharedWorkflowContext ctx, String reason) {
        ctx.promiseHandle(DECISION).reject(reason);
        return "rejected";
    }

    /** A second completion fails; this answers what the SDK reports. */
    @Shared
    public String approveAgain(SharedWorkflowContext ctx, String value) {
        try {
            ctx.promiseHandle(DECISION).resolve(value);
            return "approved";
        } catch (TerminalException e) {
            return "failed " + e.getCode() + ": " + e.getMessage();
        }
    }

    @Shared
    public String peek(SharedWorkflowContext ctx) {
        Output<String> decision = ctx.promise(DECISION).peek();
        return decision.isReady() ? decision.getValue() : "not yet";
    }

    @Shared
    public String status(SharedWorkflowContext ctx) {
        return ctx.get(STATUS).orElse("none");
    }
}
