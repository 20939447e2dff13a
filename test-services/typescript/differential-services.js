"use strict";
// The engine services plus the differential workload's own (DifferentialWorkload): each journals a command before it
// waits or fails, because restate-server pins an invocation to its deployment only once the SDK sends a command,
// and Resolute pins it when the attempt starts (a difference the differential tests leave out). Each logs to
// $EXEC_LOG, so the workload waits on the log instead of polling a service: every poll would be an invocation, and
// their number would differ between the servers it compares.
require("./polyfill");
const fs = require("node:fs");
const restate = require("@restatedev/restate-sdk");

function log(line) {
  if (process.env.EXEC_LOG) {
    fs.appendFileSync(process.env.EXEC_LOG, `${line}\n`);
  }
}

const signals = restate.service({
  name: "Signals",
  handlers: {
    // logs "awakeable <tag> <id>" (again on each replay: the id is the same) and returns what completes it
    wait: async (ctx, tag) => {
      await ctx.run("prepare", () => tag);
      const { id, promise } = ctx.awakeable();
      log(`awakeable ${tag} ${id}`);
      return `got ${await promise}`;
    },
  },
});

// an object that stores its key's state and then fails with a retryable error, on every attempt; logs
// "<service> <key>" per attempt. SetState needs no answer, so the attempt does not suspend before failing: restate-server
// counts a policy's attempts from the last suspension, Resolute from the start.
function failingAfterStep(name, options) {
  return restate.object({
    name,
    handlers: {
      fails: async (ctx) => {
        ctx.set("step", ctx.key);
        log(`${name} ${ctx.key}`);
        throw new Error(`${ctx.key} keeps failing`);
      },
    },
    options,
  });
}

// calls an object and sends to another, so the journal holds a Call and a OneWayCall with their callees
const relay = restate.service({
  name: "Relay",
  handlers: {
    forward: async (ctx, n) => {
      const sum = await ctx.objectClient({ name: "Tally" }, "relayed").add(n);
      ctx.objectSendClient({ name: "Tally" }, "sent").add(n);
      return sum;
    },
  },
});

module.exports = {
  services: [
    ...require("./engine-services").services,
    signals,
    relay,
    failingAfterStep("Retrier"), // the server's default policy: retries for minutes
    failingAfterStep("Pauser", { retryPolicy: { maxAttempts: 2, initialInterval: 50, onMaxAttempts: "pause" } }),
    failingAfterStep("Doomer", { retryPolicy: { maxAttempts: 2, initialInterval: 50, onMaxAttempts: "kill" } }),
  ],
};
