"use strict";
// Workflows with durable promises, and a service for the private-service tests: included by engine-services.js.
require("./polyfill");
const restate = require("@restatedev/restate-sdk");

// run waits for the "decision" promise, which shared handlers resolve or reject, before, during or after run
const approval = restate.workflow({
  name: "Approval",
  handlers: {
    run: async (ctx, request) => {
      ctx.set("status", `waiting for ${request}`);
      let outcome;
      try {
        outcome = `approved ${await ctx.promise("decision").get()}`;
      } catch (e) {
        outcome = `rejected ${e.code}: ${e.message}`;
      }
      ctx.set("status", outcome);
      return outcome;
    },
    approve: async (ctx, value) => {
      await ctx.promise("decision").resolve(value);
      return "approved";
    },
    reject: async (ctx, reason) => {
      await ctx.promise("decision").reject(reason);
      return "rejected";
    },
    // a second completion fails with a terminal error; this answers what the SDK reports
    approveAgain: async (ctx, value) => {
      try {
        await ctx.promise("decision").resolve(value);
        return "approved";
      } catch (e) {
        return `failed ${e.code}: ${e.message}`;
      }
    },
    peek: async (ctx) => (await ctx.promise("decision").peek()) ?? null,
    // waits for the decision too, in a shared handler, while run waits for it
    await: async (ctx) => `seen ${await ctx.promise("decision").get()}`,
    status: async (ctx) => (await ctx.get("status")) ?? null,
  },
});

// made private by the tests: the ingress refuses it, other services still call it
const secret = restate.service({
  name: "Secret",
  handlers: {
    tell: async (ctx, who) => `secret for ${who}`,
  },
});

const secretCaller = restate.service({
  name: "SecretCaller",
  handlers: {
    ask: async (ctx, who) => `asked: ${await ctx.serviceClient(secret).tell(who)}`,
  },
});

module.exports = { services: [approval, secret, secretCaller] };
