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

module.exports = { services: [ledger] };
