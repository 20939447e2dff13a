"use strict";
// Flow again, as a virtual object: registering it after engine-services.js is a breaking change (the CLI's
// `deployments register --breaking`).
require("./polyfill");
const restate = require("@restatedev/restate-sdk");

const flow = restate.object({
  name: "Flow",
  handlers: {
    noop: async () => "ok as an object",
  },
});

module.exports = { services: [flow] };
