"use strict";
// A ledger for the crash-under-load test: each apply runs one ctx.run (logged as "run <id>" when its
// closure executes) and then logs "acked <id>" once the SDK holds the run's stored result; a "run <id>"
// after an "acked <id>" would mean a stored result was computed again.
require("./polyfill");
const fs = require("node:fs");
const restate = require("@restatedev/restate-sdk");

function executed(line) {
  if (process.env.EXEC_LOG) {
    fs.appendFileSync(process.env.EXEC_LOG, line + "\n");
  }
}

const ledger = restate.object({
  name: "Ledger",
  handlers: {
    apply: async (ctx, id) => {
      await ctx.run("apply", () => {
        executed(`run ${id}`);
        return id;
      });
      executed(`acked ${id}`);
      const count = ((await ctx.get("count")) ?? 0) + 1;
      ctx.set("count", count);
      return count;
    },
    count: restate.handlers.object.shared(async (ctx) => (await ctx.get("count")) ?? 0),
  },
});

// a workflow whose run waits on a promise across a crash; "crashflow run <key>" is logged once per run
const crashFlow = restate.workflow({
  name: "CrashFlow",
  handlers: {
    run: async (ctx) => {
      const value = await ctx.promise("go").get();
      await ctx.run("finish", () => executed(`crashflow run ${ctx.key}`));
      return `${ctx.key} ${value}`;
    },
    go: async (ctx, value) => {
      await ctx.promise("go").resolve(value);
    },
  },
});

// fails its first attempt per input; with one attempt allowed the invocation pauses until resumed
const pausableAttempts = new Map();
const pausable = restate.service({
  name: "Pausable",
  handlers: {
    work: async (ctx, id) => {
      const n = (pausableAttempts.get(id) ?? 0) + 1;
      pausableAttempts.set(id, n);
      executed(`pausable attempt ${id} ${n}`);
      if (n < 2) {
        throw new Error(`attempt ${n} fails`);
      }
      return `ok after ${n}`;
    },
  },
  options: { retryPolicy: { maxAttempts: 1, initialInterval: 50, onMaxAttempts: "pause" } },
});

module.exports = { services: [ledger, crashFlow, pausable] };
