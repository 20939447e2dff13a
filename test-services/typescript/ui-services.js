"use strict";
// Services for the web UI's browser tests (dist WebUiIT, dist/src/test/ui): invocations to watch, act on and read.
// Served with `node serve.js --module=./ui-services`.
require("./polyfill");
const restate = require("@restatedev/restate-sdk");

const fixed = new Set(); // tags whose failure a test cleared

const watch = restate.service({
  name: "Watch",
  handlers: {
    // a journal that grows slowly, to watch live: a run and a 300 ms sleep per step
    grow: async (ctx, steps) => {
      for (let i = 1; i <= steps; i++) {
        await ctx.run(`step ${i}`, () => i);
        await ctx.sleep(300);
      }
      return `grew ${steps}`;
    },
    // sleeps `ms` durably: an invocation to cancel
    sleep: async (ctx, ms) => {
      await ctx.sleep(ms);
      return "slept";
    },
    // a few named steps, to restart from one of them
    steps: async (ctx, tag) => {
      const parts = [];
      for (const name of ["fetch", "transform", "store"]) {
        parts.push(await ctx.run(name, () => `${name}:${tag}`));
      }
      return parts.join(" ");
    },
  },
});

const hello = restate.service({
  name: "Hello",
  handlers: {
    greet: async (ctx, name) => `Hello, ${name}!`,
    // ends failed at once: a terminal error is not retried
    reject: async (ctx, name) => {
      throw new restate.TerminalError(`${name} is not welcome`, { errorCode: 422 });
    },
  },
});

// two attempts, then the invocation pauses until it is resumed; `fix` clears the failure cause first
const pauser = restate.service({
  name: "Pauser",
  handlers: {
    flaky: async (ctx, tag) => {
      if (!fixed.has(tag)) {
        throw new Error(`${tag} is broken`);
      }
      return `fixed ${tag}`;
    },
    fix: async (ctx, tag) => {
      fixed.add(tag);
      return "fixed";
    },
  },
  options: { retryPolicy: { maxAttempts: 2, initialInterval: 50, onMaxAttempts: "pause" } },
});

// an object with state to read and edit in the UI
const shelf = restate.object({
  name: "Shelf",
  handlers: {
    put: async (ctx, entries) => {
      for (const [name, value] of Object.entries(entries)) {
        ctx.set(name, value);
      }
      return Object.keys(entries).length;
    },
    get: restate.handlers.object.shared(async (ctx, name) => (await ctx.get(name)) ?? null),
  },
});

// big journals and values; an object because services have no state to write
const big = restate.object({
  name: "Big",
  handlers: {
    // a journal of `entries` state writes (set needs no round trip, so 50 000 are written quickly), then a run
    journal: async (ctx, entries) => {
      for (let i = 0; i < entries; i++) {
        ctx.set("n", i);
      }
      return await ctx.run("last", () => `wrote ${entries}`);
    },
    // `entries` state writes, then a run that fails terminally (caught), then one that succeeds: a failure to jump to
    failAfter: async (ctx, entries) => {
      for (let i = 0; i < entries; i++) {
        ctx.set("n", i);
      }
      try {
        await ctx.run("check", () => {
          throw new restate.TerminalError(`check failed after ${entries}`);
        });
      } catch (e) {
        // the journal keeps the failure; the handler goes on
      }
      return await ctx.run("recover", () => "recovered");
    },
    // an output of `mib` MiB
    output: async (ctx, mib) => "x".repeat(mib * 1024 * 1024),
  },
});

module.exports = { services: [watch, hello, pauser, shelf, big] };
