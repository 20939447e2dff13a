"use strict";
// Serves ./services on 127.0.0.1: `node serve.js [port] [--http1]`.
// Default: HTTP/2 cleartext (prior knowledge), BIDI_STREAM, as restate.serve() does.
// --http1: a node http server in REQUEST_RESPONSE mode.
// Port 0 (the default) picks a free port; the bound port is printed as "listening on <port>".
// --identity=publickeyv1_...: accept only requests signed with that key (withIdentityV1, request identity v1).
require("./polyfill");
const http = require("node:http");
const http2 = require("node:http2");
const restate = require("@restatedev/restate-sdk");
// --engine: the engine's test services instead of the admin ones; --module=./x: the services of ./x.js
const moduleArg = process.argv.find((a) => a.startsWith("--module="));
const { services } = require(moduleArg ? moduleArg.substring("--module=".length)
  : process.argv.includes("--engine") ? "./engine-services" : "./services");

const args = process.argv.slice(2);
const http1 = args.includes("--http1");
const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 0);
const identityKeys = args.filter((a) => a.startsWith("--identity=")).map((a) => a.substring("--identity=".length));
const handler = restate.createEndpointHandler({ services, identityKeys });
const server = http1 ? http.createServer(handler) : http2.createServer(handler);
server.listen(port, "127.0.0.1", () => {
  console.log(`listening on ${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
