"use strict";
// Services for the retention tests: results that do not compress, so that what the store keeps of them shows in
// the size of its files on disk, whichever storage engine (and its block compression) holds them.
const crypto = require("node:crypto");
const restate = require("@restatedev/restate-sdk");

const noise = restate.service({
  name: "Noise",
  handlers: {
    // n random bytes, base64-encoded: journaled as the ctx.run's result and again as the output
    random: async (ctx, n) => ctx.run("noise", () => crypto.randomBytes(n).toString("base64")),
  },
});

module.exports = { services: [noise] };
