"use strict";
// Fills a server for the SQL benchmark: exactly N one-way sends (`/send`, answered 202 once the invocation is
// durably accepted) to the engine test services (test-services/typescript `serve.js --engine`), spread over
// a mix of targets so the tables hold several services, object keys, state and journals:
//   4 in 10  Tally/<key>/add      a virtual object: eager state get + set
//   3 in 10  Flow/steps           a service: three ctx.run steps (the longest journal)
//   2 in 10  Flow/noop            a service: input and output only
//   1 in 10  LazyTally/<key>/add  a virtual object with lazy state
// Usage: node fill.js <ingress url> <N> [connections] [keys]
// Prints one line: "FILL sent=<accepted> failed=<n> seconds=<s> rate=<accepted per s>"; exits 1 when a send fails.
const http = require("node:http");

const [ingress, total, conns = "32", keys = "1000"] = process.argv.slice(2);
const n = Number(total);
const keyCount = Number(keys);
const url = new URL(ingress);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(conns) });

function target(i) {
  const key = `k${Math.floor(i / 10) % keyCount}`;
  switch (i % 10) {
    case 0: case 1: case 2: case 3: return { path: `/Tally/${key}/add/send`, body: "1" };
    case 4: case 5: case 6: return { path: "/Flow/steps/send", body: '"x"' };
    case 7: case 8: return { path: "/Flow/noop/send", body: null };
    default: return { path: `/LazyTally/${key}/add/send`, body: "1" };
  }
}

function send(i) {
  const { path, body } = target(i);
  const headers = body === null ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, method: "POST", path, headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 202 ? null : `${path}: HTTP ${res.statusCode}`));
    });
    req.on("error", (e) => resolve(`${path}: ${e.message}`));
    req.end(body ?? undefined);
  });
}

(async () => {
  let next = 0;
  let accepted = 0;
  const failures = [];
  const t0 = process.hrtime.bigint();
  async function worker() {
    while (next < n) {
      const error = await send(next++);
      if (error === null) accepted++;
      else if (failures.push(error) > 100) next = n; // a broken server: stop early
    }
  }
  await Promise.all(Array.from({ length: Number(conns) }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  if (failures.length) console.error(`fill: ${failures.length} sends failed, first: ${failures[0]}`);
  console.log(`FILL sent=${accepted} failed=${failures.length} seconds=${seconds.toFixed(2)} rate=${(accepted / seconds).toFixed(0)}`);
  process.exit(failures.length ? 1 : 0);
})();
