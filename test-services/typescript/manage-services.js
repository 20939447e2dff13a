"use strict";
// Services for invocation management through the admin API (cancel, kill, pause, resume, purge, restart-as-new).
// Each handler appends "<event> <tag> <invocation id>" to $EXEC_LOG when it starts an attempt, so a test learns the
// id of an invocation it is blocked on, and counts attempts.
require("./polyfill");
const fs = require("node:fs");
const restate = require("@restatedev/restate-sdk");

function log(ctx, event, tag) {
  if (process.env.EXEC_LOG) {
    fs.appendFileSync(process.env.EXEC_LOG, `${event} ${tag} ${ctx.request().id}\n`);
  }
}

const fixed = new Set(); // tags whose failure cause a test cleared

const manageable = restate.service({
  name: "Manageable",
  handlers: {
    sleep: async (ctx, input) => {
      log(ctx, "sleep", input.tag);
      await ctx.sleep(input.ms);
      return "slept";
    },
    // awaits an awakeable nobody completes
    await: async (ctx, tag) => {
      log(ctx, "await", tag);
      const { promise } = ctx.awakeable();
      return await promise;
    },
    // calls sleep and returns its result: cancelling the caller cancels this call too
    callChild: async (ctx, tag) => {
      log(ctx, "parent", tag);
      return await ctx.serviceClient(manageable).sleep({ tag: `${tag}-child`, ms: 120000 });
    },
    // two logged steps: a restart-as-new that copies the first one runs only the second
    steps: async (ctx, tag) => {
      const a = await ctx.run("one", () => {
        log(ctx, "step1", tag);
        return "a";
      });
      const b = await ctx.run("two", () => {
        log(ctx, "step2", tag);
        return "b";
      });
      return a + b;
    },
    echo: async (ctx, tag) => {
      log(ctx, "echo", tag);
      return `echo ${tag}`;
    },
    // fails with a retryable error until the test fixes its tag
    flaky: async (ctx, tag) => {
      log(ctx, "flaky", tag);
      if (!fixed.has(tag)) {
        throw new Error(`${tag} is broken`);
      }
      return `fixed ${tag}`;
    },
    // sends Locker/<key>/note (queued behind the key's holder) and cancels it with the built-in cancel signal
    cancelQueued: async (ctx, input) => {
      const id = await ctx.objectSendClient(locker, input.key).note(input.tag).invocationId;
      ctx.cancel(id);
      return id;
    },
    fix: async (ctx, tag) => {
      fixed.add(tag);
      return "fixed";
    },
  },
});

// two attempts, then the invocation pauses until the admin API resumes it
const pausing = restate.service({
  name: "Pausing",
  handlers: {
    flaky: async (ctx, tag) => {
      log(ctx, "pausing", tag);
      if (!fixed.has(tag)) {
        throw new Error(`${tag} is broken`);
      }
      return `fixed ${tag}`;
    },
  },
  options: { retryPolicy: { maxAttempts: 2, initialInterval: 50, onMaxAttempts: "pause" } },
});

// exclusive handlers on one key: one holds the lock while later ones queue in the inbox
const locker = restate.object({
  name: "Locker",
  handlers: {
    hold: async (ctx, input) => {
      log(ctx, "hold", input.tag);
      await ctx.sleep(input.ms);
      return "held";
    },
    note: async (ctx, tag) => {
      log(ctx, "note", tag);
      return `noted ${tag}`;
    },
  },
});

module.exports = { services: [manageable, pausing, locker] };
