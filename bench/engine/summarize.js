"use strict";
// Turns a results dir of bench/engine/run.sh (cells.tsv, runs.tsv, machine.md, load.txt) into Markdown:
// medians per cell over the rounds, Resolute/official ratios, and the goals of issue 5.
// Usage: node summarize.js <results dir>...
const fs = require("node:fs");
const path = require("node:path");

// Several results dirs (runs with the same settings) are merged, their rounds renumbered in order.
const dirs = process.argv.slice(2);
const readIn = (dir, f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8") : "");
const read = (f) => dirs.map((d) => readIn(d, f).trim()).filter(Boolean).join("\n");
const tsvIn = (dir, f) => {
  const [head, ...rows] = readIn(dir, f).trim().split("\n");
  const keys = head.split("\t");
  return rows.filter(Boolean).map((r) => Object.fromEntries(r.split("\t").map((v, i) => [keys[i], isNaN(+v) ? v : +v])));
};
const tsv = (f) => {
  const all = [];
  let offset = 0;
  for (const d of dirs) {
    const rows = tsvIn(d, f);
    const first = Math.min(...tsvIn(d, "runs.tsv").map((r) => r.round));
    for (const r of rows) all.push({ ...r, round: r.round - first + 1 + offset });
    offset += new Set(tsvIn(d, "runs.tsv").map((r) => r.round)).size;
  }
  return all;
};
const cells = tsv("cells.tsv");
const runs = tsv("runs.tsv");

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");
const ratio = (a, b, d = 2) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? (a / b).toFixed(d) + "×" : "–");
const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

const servers = ["resolute", "official"];
const workloads = [...new Set(cells.map((c) => c.workload))];
const conns = [...new Set(cells.map((c) => c.conns))];
const pick = (server, workload, c) => cells.filter((x) => x.server === server && x.workload === workload && x.conns === c);

function stats(rows) {
  const per = (f) => median(rows.map(f));
  return {
    n: rows.length,
    rps: per((r) => r.rps),
    rpsAll: rows.map((r) => r.rps),
    p50: per((r) => r.p50_us / 1000),
    p99: per((r) => r.p99_us / 1000),
    errors: rows.reduce((s, r) => s + r.non2xx + r.socket_errors, 0),
    requests: rows.reduce((s, r) => s + r.requests, 0),
    cpu: per((r) => r.server_cpu_ms / Math.max(1, r.requests)),
    node: per((r) => r.node_cpu_ms / Math.max(1, r.requests)),
    wrk: per((r) => r.wrk_cpu_ms / Math.max(1, r.requests)),
    cores: per((r) => r.server_cpu_ms / (r.duration_us / 1000)),
    other: per((r) => (r.machine_busy_ms - r.server_cpu_ms - r.node_cpu_ms - r.wrk_cpu_ms) / (r.duration_us / 1000)),
    load: per((r) => r.loadavg1),
  };
}

const out = [];
out.push("### Machine and run", "", read("machine.md").trim());
for (const l of read("load.txt").trim().split("\n").filter(Boolean)) out.push(`- ${l}`);
out.push("");

out.push("### Throughput and latency (median over rounds; R = Resolute, O = official)", "");
out.push("| workload | conns | req/s R | req/s O | R/O | p50 ms R | p50 ms O | p99 ms R | p99 ms O | p99 R/O | errors R / O |");
out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
const S = {};
for (const w of workloads) for (const c of conns) {
  const r = stats(pick("resolute", w, c));
  const o = stats(pick("official", w, c));
  S[`${w}/${c}`] = { r, o };
  out.push(`| ${w} | ${c} | ${fmt(r.rps, 0)} | ${fmt(o.rps, 0)} | ${ratio(r.rps, o.rps)} | ${fmt(r.p50)} | ${fmt(o.p50)} | ${fmt(r.p99)} | ${fmt(o.p99)} | ${ratio(r.p99, o.p99)} | ${r.errors} / ${o.errors} |`);
}
out.push("");
out.push("### CPU (median over rounds; ms of CPU per request, cores = CPU time / wall time)", "");
out.push("| workload | conns | server ms/req R | server ms/req O | R/O | server cores R | server cores O | node svc ms/req R | node svc ms/req O | wrk ms/req R / O | others' load (cores) R / O | load avg R / O |");
out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const w of workloads) for (const c of conns) {
  const { r, o } = S[`${w}/${c}`];
  out.push(`| ${w} | ${c} | ${fmt(r.cpu, 2)} | ${fmt(o.cpu, 2)} | ${ratio(r.cpu, o.cpu)} | ${fmt(r.cores, 2)} | ${fmt(o.cores, 2)} | ${fmt(r.node, 2)} | ${fmt(o.node, 2)} | ${fmt(r.wrk, 2)} / ${fmt(o.wrk, 2)} | ${fmt(r.other, 2)} / ${fmt(o.other, 2)} | ${fmt(r.load, 1)} / ${fmt(o.load, 1)} |`);
}
out.push("");
out.push("### req/s per round (shows the run-to-run noise)", "");
const rounds = [...new Set(cells.map((c) => c.round))].sort((a, b) => a - b);
out.push(`| workload | conns | ${rounds.map((n) => `R round ${n}`).join(" | ")} | ${rounds.map((n) => `O round ${n}`).join(" | ")} |`);
out.push(`|---|---:|${rounds.map(() => "---:").join("|")}|${rounds.map(() => "---:").join("|")}|`);
for (const w of workloads) for (const c of conns) {
  const v = (s) => rounds.map((n) => fmt(cells.find((x) => x.server === s && x.workload === w && x.conns === c && x.round === n)?.rps, 0));
  out.push(`| ${w} | ${c} | ${v("resolute").join(" | ")} | ${v("official").join(" | ")} |`);
}
out.push("");

out.push("### Start-up and memory (median over rounds)", "");
out.push("| | Resolute | official | R/O |", "|---|---:|---:|---:|");
const rs = (s, f) => median(runs.filter((x) => x.server === s).map(f));
const row = (label, f, d = 0) => out.push(`| ${label} | ${fmt(rs("resolute", f), d)} | ${fmt(rs("official", f), d)} | ${ratio(rs("resolute", f), rs("official", f))} |`);
row("start → healthy (ms)", (x) => x.startup_ms);
row("  server CPU time until healthy (ms)", (x) => x.startup_cpu_ms);
row("  of which Resolute's launcher finding a JDK (ms, measured separately)", (x) => x.launcher_ms);
row("start → first successful call (ms, incl. registration)", (x) => x.first_call_ms);
row("idle RSS after registration (MiB)", (x) => x.idle_rss_kb / 1024);
row("peak RSS, VmHWM (MiB)", (x) => x.peak_rss_kb / 1024);
row("RSS at the end (MiB)", (x) => x.end_rss_kb / 1024);
row("threads at the end", (x) => x.threads);
row("stderr lines with ERROR/Exception", (x) => x.stderr_errors);
out.push("");
out.push("Per run: " + runs.map((x) => `r${x.round} ${x.server} ${x.startup_ms} ms / ${(x.peak_rss_kb / 1024).toFixed(0)} MiB`).join("; ") + ".");
out.push("");

out.push("### Against the goals", "");
const keys = Object.keys(S).filter((k) => Number.isFinite(S[k].r.rps / S[k].o.rps) && S[k].o.rps > 0);
const thr = keys.map((k) => S[k].r.rps / S[k].o.rps);
const p99 = keys.map((k) => S[k].r.p99 / S[k].o.p99);
const noop = conns.map((c) => S[`noop/${c}`]).filter(Boolean);
out.push("| goal | target | now |", "|---|---|---|");
out.push(`| throughput vs official | ≥ 1.5× | ${keys.length ? `geometric mean ${geomean(thr).toFixed(2)}× (cells ${Math.min(...thr).toFixed(2)}×–${Math.max(...thr).toFixed(2)}×)` : "–"} |`);
out.push(`| p99 vs official | ≤ 0.7× | ${keys.length ? `geometric mean ${geomean(p99).toFixed(2)}× (cells ${Math.min(...p99).toFixed(2)}×–${Math.max(...p99).toFixed(2)}×)` : "–"} |`);
out.push(`| server CPU per plain call | ≤ 0.3 ms | ${noop.map((n, i) => `${fmt(n.r.cpu, 2)} ms at ${conns[i]} conns (official ${fmt(n.o.cpu, 2)})`).join("; ")} |`);
out.push(`| memory vs official | ≤ 0.5× | peak ${ratio(rs("resolute", (x) => x.peak_rss_kb), rs("official", (x) => x.peak_rss_kb))}, idle ${ratio(rs("resolute", (x) => x.idle_rss_kb), rs("official", (x) => x.idle_rss_kb))} |`);
out.push(`| start → healthy | ≤ 400 ms | ${fmt(rs("resolute", (x) => x.startup_ms), 0)} ms (official ${fmt(rs("official", (x) => x.startup_ms), 0)} ms) |`);
console.log(out.join("\n"));
