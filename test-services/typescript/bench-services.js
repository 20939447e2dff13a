"use strict";
// Handlers for the engine benchmark's feature workloads (bench/engine/run.sh): each request is one whole
// round trip of a feature, so wrk measures it end to end.
require("./polyfill");
const restate = require("@restatedev/restate-sdk");

// a workflow whose run waits on a durable promise that its own shared handler resolves
const benchFlow = restate.workflow({
  name: "BenchFlow",
  handlers: {
    run: async (ctx) => {
      ctx.workflowSendClient(benchFlow, ctx.key).finish("done");
      return ctx.promise("finished").get();
    },
    finish: async (ctx, value) => {
      await ctx.promise("finished").resolve(value);
    },
  },
});

// an awakeable resolved by a one-way call to another handler
const benchAwake = restate.service({
  name: "BenchAwake",
  handlers: {
    roundTrip: async (ctx) => {
      const { id, promise } = ctx.awakeable();
      ctx.serviceSendClient(benchAwake).resolve(id);
      return promise;
    },
    resolve: async (ctx, id) => {
      ctx.resolveAwakeable(id, "woken");
    },
  },
});

module.exports = { services: [benchFlow, benchAwake] };
