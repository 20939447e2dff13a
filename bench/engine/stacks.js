"use strict";
// Aggregates `jfr print --json --events <sample event>` output: top methods by self samples, and top
// methods / packages of the project and libraries by inclusive samples (a frame counts once per stack).
// Usage: node stacks.js samples.json
const fs = require("node:fs");

const events = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).recording.events;
const self = new Map();
const incl = new Map();
const inclPkg = new Map();
const threads = new Map();
const add = (m, k) => m.set(k, (m.get(k) || 0) + 1);
let total = 0;
for (const e of events) {
  const frames = e.values.stackTrace?.frames ?? [];
  if (!frames.length) continue;
  total++;
  const t = (e.values.sampledThread ?? e.values.eventThread)?.javaName ?? "?";
  add(threads, t.replace(/\d+/g, "#"));
  const cls = (f) => f.method.type.name.replace(/\//g, ".");
  const name = (f) => `${cls(f)}.${f.method.name}`;
  add(self, name(frames[0]));
  const seen = new Set();
  const seenPkg = new Set();
  for (const f of frames) {
    const n = name(f);
    if (!seen.has(n)) { seen.add(n); add(incl, n); }
    const pkg = cls(f).split(".").slice(0, 4).join(".");
    if (!seenPkg.has(pkg)) { seenPkg.add(pkg); add(inclPkg, pkg); }
  }
}
const top = (m, n, filter = () => true) =>
  [...m.entries()].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `${(100 * v / total).toFixed(1).padStart(5)}%  ${String(v).padStart(6)}  ${k}`).join("\n");
console.log(`${total} samples with stacks`);
console.log("\n== top self (leaf frame)\n" + top(self, 30));
console.log("\n== top inclusive, dev.resolute\n" + top(incl, 40, (k) => k.startsWith("dev.resolute")));
console.log("\n== top inclusive, all\n" + top(incl, 40));
console.log("\n== inclusive by package (first 4 name parts)\n" + top(inclPkg, 30));
console.log("\n== by thread\n" + top(threads, 20));
