"use strict";
// The engine services plus one that publishes its awakeable's id in $EXEC_LOG, so the differential workload
// (DifferentialWorkload) completes it without polling a service: every poll would be an invocation, and their
// number would differ between the servers it compares.
require("./polyfill");
const fs = require("node:fs");
const restate = require("@restatedev/restate-sdk");

const signals = restate.service({
  name: "Signals",
  handlers: {
    // logs "awakeable <tag> <id>" (again on each replay: the id is the same) and returns what completes it
    wait: async (ctx, tag) => {
      const { id, promise } = ctx.awakeable();
      if (process.env.EXEC_LOG) {
        fs.appendFileSync(process.env.EXEC_LOG, `awakeable ${tag} ${id}\n`);
      }
      return `got ${await promise}`;
    },
  },
});

module.exports = { services: [...require("./engine-services").services, signals] };
