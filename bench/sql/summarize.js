"use strict";
// Turns a results dir of bench/sql/run.sh (fill.tsv, queries.tsv, load.tsv, machine.md, load.txt) into Markdown.
// Usage: node summarize.js <results dir>
const fs = require("node:fs");
const path = require("node:path");

const dir = process.argv[2];
const read = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8").trim() : "");
const tsv = (f) => {
  const [head, ...rows] = read(f).split("\n");
  const keys = head.split("\t");
  return rows.filter(Boolean).map((r) => Object.fromEntries(r.split("\t").map((v, i) => [keys[i], isNaN(+v) ? v : +v])));
};
const fill = tsv("fill.tsv");
const queries = tsv("queries.tsv");
const load = tsv("load.tsv");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) + "×" : "–");
const mib = (kb) => fmt(kb / 1024, 0);
const sizes = [...new Set([...fill, ...queries, ...load].map((r) => r.size))];
const servers = ["resolute", "official"];
const span = (xs) => (xs.length ? `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}` : "–");

const out = [];
out.push("### Machine and run", "", read("machine.md"));
for (const l of read("load.txt").split("\n").filter(Boolean)) out.push(`- ${l}`);
const loads = [...fill, ...queries, ...load].map((r) => r.loadavg1).filter(Number.isFinite);
out.push(`- 1-minute load average at the start of each step: ${span(loads)}`, "");

out.push("### Filling (N one-way sends, then until N are stored completed)", "");
out.push("| N | server | completed | sends done (s) | all completed (s) | invocations/s | server CPU ms/invocation | node service CPU ms/invocation | data dir MiB |");
out.push("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
for (const size of sizes) for (const s of servers) for (const f of fill.filter((x) => x.size === size && x.server === s)) {
  out.push(`| ${size} | ${s} | ${f.completed} | ${fmt(f.send_ms / 1000)} | ${fmt(f.fill_ms / 1000)} | ${f.fill_rate} | ${fmt(f.server_cpu_ms / f.size, 2)} | ${fmt(f.node_cpu_ms / f.size, 2)} | ${mib(f.disk_kb)} |`);
}
out.push("");

out.push("### Queries (POST /query; ms of wall time per query: min / median / max over the runs, and the first run;");
out.push("CPU = the server's CPU per query; RSS = the server's VmRSS before the query's runs → its VmHWM while they ran; file-backed =");
out.push("RssFile after them: for Resolute mostly LMDB's memory-mapped store, pages the kernel can drop)", "");
out.push("| N | query | format | Resolute ms min / med / max | first | official ms min / med / max | first | median R/O | CPU ms R / O | RSS MiB R | RSS MiB O | file-backed MiB R / O | bytes R / O | errors R / O |");
out.push("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
const formats = { count: "Arrow" };
for (const size of sizes) {
  for (const q of [...new Set(queries.filter((x) => x.size === size).map((x) => x.query))]) {
    const st = (s) => {
      const rows = queries.filter((x) => x.size === size && x.query === q && x.server === s);
      const ms = rows.map((r) => r.ms);
      return {
        rows,
        line: rows.length ? `${fmt(Math.min(...ms))} / ${fmt(median(ms))} / ${fmt(Math.max(...ms))}` : "–",
        first: rows.find((r) => r.run === 1)?.ms,
        med: median(ms),
        cpu: rows[0]?.cpu_ms_per_query,
        rss: rows.length ? `${mib(rows[0].rss_before_kb)} → ${mib(rows[0].peak_rss_kb)}` : "–",
        file: rows[0]?.rss_file_kb,
        bytes: rows[0]?.bytes,
        errors: rows.filter((r) => r.code !== 200).length,
      };
    };
    const r = st("resolute");
    const o = st("official");
    out.push(`| ${size} | ${q} | ${formats[q] ?? "JSON"} | ${r.line} | ${fmt(r.first)} | ${o.line} | ${fmt(o.first)} | ${ratio(r.med, o.med)} | ${fmt(r.cpu)} / ${fmt(o.cpu)} | ${r.rss} | ${o.rss} | ${mib(r.file)} / ${mib(o.file)} | ${r.bytes ?? "–"} / ${o.bytes ?? "–"} | ${r.errors} / ${o.errors} |`);
  }
}
out.push("");

out.push("### Invocation latency during a full scan (Flow/noop under wrk; \"scan\" = while the full-table scan loops)", "");
out.push("| N | server | req/s alone | p50 ms alone | p99 ms alone | req/s scan | p50 ms scan | p99 ms scan | p99 scan/alone | scans done (mean s, MiB each) | server CPU cores alone / scan | peak RSS MiB alone / scan | errors |");
out.push("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const size of sizes) for (const s of servers) {
  const a = load.find((x) => x.size === size && x.server === s && x.mode === "alone");
  const b = load.find((x) => x.size === size && x.server === s && x.mode === "scan");
  if (!a || !b) continue;
  const cores = (x) => fmt(x.server_cpu_ms / (x.requests / x.rps) / 1000, 2);
  out.push(`| ${size} | ${s} | ${fmt(a.rps, 0)} | ${fmt(a.p50_us / 1000)} | ${fmt(a.p99_us / 1000)} | ${fmt(b.rps, 0)} | ${fmt(b.p50_us / 1000)} | ${fmt(b.p99_us / 1000)} | ${ratio(b.p99_us, a.p99_us)} | ${b.scans} (${fmt(b.scan_ms / 1000)} s, ${fmt(b.scan_bytes / 1048576)}) | ${cores(a)} / ${cores(b)} | ${mib(a.peak_rss_kb)} / ${mib(b.peak_rss_kb)} | ${a.errors + b.errors} |`);
}
console.log(out.join("\n"));
