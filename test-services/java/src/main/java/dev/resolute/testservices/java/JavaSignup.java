package dev.resolute.testservices.java;

import dev.restate.sdk.SharedWorkflowContext;
import dev.restate.sdk.WorkflowContext;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.annotation.Workflow;
import dev.restate.sdk.common.DurablePromiseKey;

/** A workflow whose run waits on a durable promise that a shared handler resolves; peek reads it without waiting. */
@Workflow
public class JavaSignup {
    private static final DurablePromiseKey<String> CONFIRMED = DurablePromiseKey.of("confirmed", String.class);

    @Workflow
    public String run(WorkflowContext ctx, String email) {
        String answer = ctx.promise(CONFIRMED).future().await();
        ExecLog.append("signup run " + ctx.key());
        return email + " " + answer;
    }

    @Shared
    @Handler
    public void confirm(SharedWorkflowContext ctx, String answer) {
        ctx.promiseHandle(CONFIRMED).resolve(answer);
    }

    @Shared
    @Handler
    public String peek(SharedWorkflowContext ctx) {
        return ctx.promise(CONFIRMED).peek().orElse("not yet");
    }
}
