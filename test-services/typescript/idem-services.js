"use strict";
// Services for idempotency, attach and output: each execution of a handler body's ctx.run is counted
// per tag in this process, so a test can check that duplicates never ran a handler twice.
require("./polyfill");
const restate = require("@restatedev/restate-sdk");

const executions = new Map();

function executed(tag) {
  executions.set(tag, (executions.get(tag) ?? 0) + 1);
}

const idem = restate.service({
  name: "Idem",
  handlers: {
    // counts one execution of `tag`, waits `ms`, then answers
    slowEcho: async (ctx, input) => {
      await ctx.run("count", () => executed(input.tag));
      await ctx.sleep(input.ms ?? 0);
      return `echo ${input.tag}`;
    },
    // counts one execution of `tag`, then fails terminally with 422
    reject: async (ctx, tag) => {
      await ctx.run("count", () => executed(tag));
      throw new restate.TerminalError(`rejected ${tag}`, { errorCode: 422 });
    },
    executions: async (ctx, tag) => executions.get(tag) ?? 0,
    // sends slowEcho with an idempotency key, then attaches to it by the id the send returned
    sendThenAttach: async (ctx, input) => {
      const handle = ctx.serviceSendClient(idem).slowEcho({ tag: input.tag, ms: input.ms },
        restate.rpc.sendOpts({ idempotencyKey: input.key }));
      const id = await handle.invocationId;
      const result = await ctx.attach(id);
      return { id, result };
    },
    // calls slowEcho with an idempotency key: two of these with the same key run slowEcho once
    callWithKey: async (ctx, input) => ctx.serviceClient(idem).slowEcho({ tag: input.tag, ms: input.ms },
      restate.rpc.opts({ idempotencyKey: input.key })),
    // attaches to any invocation by id; a terminal failure comes back as "failed <code>: <message>"
    attach: async (ctx, id) => {
      try {
        return await ctx.attach(id);
      } catch (e) {
        return `failed ${e.code}: ${e.message}`;
      }
    },
  },
});

const idemFlow = restate.workflow({
  name: "IdemFlow",
  handlers: {
    run: async (ctx, input) => {
      await ctx.run("count", () => executed(`flow ${ctx.key}`));
      await ctx.sleep(input.ms ?? 0);
      return `flow ${ctx.key} ${input.tag}`;
    },
    executions: async (ctx) => executions.get(`flow ${ctx.key}`) ?? 0,
  },
});

module.exports = { services: [idem, idemFlow] };
