"use strict";
// Small services covering the three service types and the manifest options the admin API reports.
require("./polyfill");
const restate = require("@restatedev/restate-sdk");

const greeter = restate.service({
  name: "Greeter",
  description: "Says hello",
  handlers: {
    greet: async (ctx, name) => `Hello ${name}!`,
  },
});

const counter = restate.object({
  name: "Counter",
  handlers: {
    add: async (ctx, delta) => {
      const next = ((await ctx.get("count")) ?? 0) + delta;
      ctx.set("count", next);
      return next;
    },
    get: restate.handlers.object.shared(async (ctx) => (await ctx.get("count")) ?? 0),
  },
  options: {
    enableLazyState: true,
    retryPolicy: { maxAttempts: 3, initialInterval: 100, onMaxAttempts: "kill" },
  },
});

const signup = restate.workflow({
  name: "Signup",
  handlers: {
    run: async (ctx, email) => {
      const confirmed = await ctx.promise("confirmed");
      return `${email} ${confirmed}`;
    },
    confirm: async (ctx, answer) => {
      await ctx.promise("confirmed").resolve(answer);
    },
  },
});

module.exports = { services: [greeter, counter, signup] };
