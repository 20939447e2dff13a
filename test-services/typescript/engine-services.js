"use strict";
// Services that exercise the engine: ctx.run, sleeps, calls, sends, state, retries, terminal errors.
// Every execution of a ctx.run closure is appended to $EXEC_LOG (one line "<tag>"), so tests can
// check that a stored result is never computed again, also across server crashes.
require("./polyfill");
const fs = require("node:fs");
const restate = require("@restatedev/restate-sdk");

function executed(tag) {
  if (process.env.EXEC_LOG) {
    fs.appendFileSync(process.env.EXEC_LOG, tag + "\n");
  }
}

const attempts = new Map();

const tally = restate.object({
  name: "Tally",
  handlers: {
    add: async (ctx, n) => {
      const next = ((await ctx.get("count")) ?? 0) + n;
      ctx.set("count", next);
      return next;
    },
    // holds the key's lock across a sleep, so later calls queue in the inbox behind it
    slowAppend: async (ctx, item) => {
      const list = (await ctx.get("list")) ?? [];
      await ctx.sleep(300);
      list.push(item);
      ctx.set("list", list);
      return list;
    },
    // holds the key's lock for a while
    hold: async (ctx, ms) => {
      await ctx.sleep(ms);
      return "held";
    },
    get: restate.handlers.object.shared(async (ctx) => (await ctx.get("count")) ?? 0),
    list: restate.handlers.object.shared(async (ctx) => (await ctx.get("list")) ?? []),
    keys: restate.handlers.object.shared(async (ctx) => (await ctx.stateKeys()).sort()),
    clear: async (ctx) => {
      ctx.clearAll();
      return "cleared";
    },
  },
});

const lazyTally = restate.object({
  name: "LazyTally",
  handlers: {
    add: async (ctx, n) => {
      const next = ((await ctx.get("count")) ?? 0) + n;
      ctx.set("count", next);
      return next;
    },
    remove: async (ctx, key) => {
      ctx.clear(key);
      return "removed";
    },
    keys: restate.handlers.object.shared(async (ctx) => (await ctx.stateKeys()).sort()),
  },
  options: { enableLazyState: true },
});

const flow = restate.service({
  name: "Flow",
  handlers: {
    noop: async () => "ok",
    steps: async (ctx, name) => {
      const a = await ctx.run("one", () => "1");
      const b = await ctx.run("two", () => "2");
      const c = await ctx.run("three", () => "3");
      return `${name}:${a}${b}${c}`;
    },
    // ctx.run (logged), a long sleep, then a call: a crash during the sleep must not run the closure
    // again, and the call at the end shows the invocation completed
    runThenSleep: async (ctx, input) => {
      const value = await ctx.run("once", () => {
        executed(`run ${input.tag}`);
        return `computed ${input.tag}`;
      });
      await ctx.sleep(input.sleepMs);
      await ctx.objectClient(tally, input.tag).add(1);
      return value;
    },
    sleep: async (ctx, ms) => {
      await ctx.sleep(ms);
      return `slept ${ms}`;
    },
    callTally: async (ctx, key) => ctx.objectClient(tally, key).add(1),
    sendTally: async (ctx, input) => {
      ctx.objectSendClient(tally, input.key, input.delayMs ? { delay: input.delayMs } : undefined).add(input.n);
      return "sent";
    },
    // fails with a retryable error until its third attempt
    flaky: async (ctx, id) => {
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (n < 3) {
        throw new Error(`flaky attempt ${n}`);
      }
      return `ok after ${n}`;
    },
    // a side effect that outlasts the inactivity and abort timeouts: the SDK cannot suspend inside it
    slowRun: async (ctx, ms) => ctx.run("slow", async () => {
      executed("slowRun");
      await new Promise((resolve) => setTimeout(resolve, ms));
      return "done";
    }),
    // always fails with a retryable error, logging each attempt
    alwaysFails: async () => {
      executed("alwaysFails");
      throw new Error("always failing");
    },
    terminal: async () => {
      throw new restate.TerminalError("not a teapot", { errorCode: 418 });
    },
    // the first random draw is journaled by a ctx.run; after the sleep (a new attempt in request/response
    // mode re-runs the handler from the top) the same draw must come out again: the seed is stable
    seed: async (ctx) => {
      const first = ctx.rand.random();
      const stored = await ctx.run("draw", () => first);
      await ctx.sleep(10);
      return stored === first;
    },
    big: async (ctx, n) => "x".repeat(n),
    echoHeader: async (ctx) => ctx.request().headers.get("x-test") ?? null,
  },
});

// the manifest's retry policy wins over the server default: two attempts, then the invocation is killed
const doomed = restate.service({
  name: "Doomed",
  handlers: {
    alwaysFails: async () => {
      executed("doomed attempt");
      throw new Error("still broken");
    },
  },
  options: { retryPolicy: { maxAttempts: 2, initialInterval: 50, onMaxAttempts: "kill" } },
});

// a workflow without promises (those come with a later issue): its run handler is keyed by the workflow id
const job = restate.workflow({
  name: "Job",
  handlers: {
    run: async (ctx, input) => {
      const step = await ctx.run("step", () => `ran ${input}`);
      ctx.set("last", step);
      return `${ctx.key}: ${step}`;
    },
    last: async (ctx) => (await ctx.get("last")) ?? null,
  },
});

// where an awaiting handler publishes its awakeable's id, so a test (or another handler) can complete it
const mailbox = restate.object({
  name: "Mailbox",
  handlers: {
    put: async (ctx, value) => {
      ctx.set("value", value);
    },
    get: restate.handlers.object.shared(async (ctx) => (await ctx.get("value")) ?? null),
  },
});

const awaker = restate.service({
  name: "Awaker",
  handlers: {
    // creates an awakeable, publishes its id in Mailbox/<key>, and returns (and publishes in
    // Mailbox/<key>-result) what it is completed with
    wait: async (ctx, key) => {
      const { id, promise } = ctx.awakeable();
      ctx.objectSendClient(mailbox, key).put(id);
      let result;
      try {
        result = `got ${await promise}`;
      } catch (e) {
        result = `rejected ${e.code}: ${e.message}`;
      }
      ctx.objectSendClient(mailbox, `${key}-result`).put(result);
      return result;
    },
    resolve: async (ctx, input) => {
      ctx.resolveAwakeable(input.id, input.value);
      return "resolved";
    },
    // starts a waiter and cancels it (SendSignal with the built-in cancel signal)
    cancelWaiter: async (ctx, key) => {
      const id = await ctx.serviceSendClient(awaker).wait(key).invocationId;
      ctx.cancel(id);
      return "cancelled";
    },
  },
});

module.exports = { services: [flow, tally, lazyTally, doomed, job, mailbox, awaker] };
module.exports.services.push(...require("./idem-services").services);
module.exports.services.push(...require("./workflow-services").services);
module.exports.services.push(...require("./load-services").services);
module.exports.services.push(...require("./bench-services").services);
module.exports.services.push(...require("./manage-services").services); // invocation management (InvocationManagementIT)
module.exports.services.push(...require("./retention-services").services);
