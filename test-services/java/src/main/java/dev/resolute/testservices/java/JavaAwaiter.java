package dev.resolute.testservices.java;

import dev.restate.sdk.Awakeable;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Service;

/** Waits on an awakeable whose id it logs as: awakeable TAG ID, so a test can resolve it through the ingress. */
@Service
public class JavaAwaiter {

    @Handler
    public String await(Context ctx, String tag) {
        Awakeable<String> awakeable = ctx.awakeable(String.class);
        ctx.run("publish", () -> ExecLog.append("awakeable " + tag + " " + awakeable.id()));
        return "got " + awakeable.await();
    }
}
