// Overview: services, deployments, counts by status, the last day's completions and the most recent ones; the counts
// follow the engine's commits through the live stream (refreshed at most once a second).
import { html } from '../html.js';
import { api } from '../api.js';
import { useLive } from '../live.js';
import { queryString } from '../router.js';
import { Async, COMPLETED, ErrorBox, Link, StatusBadge, Time, invocationHref, useAsync } from '../ui.js';
import { STATUSES, drained, useThrottled } from '../forms.js';
import { DeploymentTable } from './deployments.js';
import { ServiceTable, countsByService } from './services.js';

function Chart({ buckets }) {
  const max = Math.max(1, ...buckets.map((b) => b.succeeded + b.failed));
  const w = 24, h = 120;
  const hour = (b) => new Date(b.start).getHours();
  return html`<svg class="chart" viewBox=${`0 0 ${buckets.length * w} ${h + 16}`} role="img"
      aria-label="Completions per hour, last 24 hours">
    ${buckets.map((b, i) => {
      const ok = (b.succeeded / max) * h, bad = (b.failed / max) * h;
      return html`<g><title>${new Date(b.start).toLocaleString()}: ${b.succeeded} succeeded, ${b.failed} failed</title>
        <rect class="ok" x=${i * w + 3} y=${h - ok} width=${w - 6} height=${ok} />
        <rect class="bad" x=${i * w + 3} y=${h - ok - bad} width=${w - 6} height=${bad} />
        ${i % 3 === 0 && html`<text x=${i * w + w / 2} y=${h + 13}>${hour(b)}h</text>`}</g>`;
    })}</svg>`;
}

export default function Overview() {
  const services = useAsync(() => api('/services'), []);
  const deployments = useAsync(() => Promise.all([api('/deployments'), drained()]), []);
  const summary = useAsync(() => api('/ui/api/summary'), []);
  const recent = useAsync(() => api('/ui/api/invocations' + queryString({ status: COMPLETED, limit: 10 })), []);
  const refresh = useThrottled(() => { summary.reload(); recent.reload(); });
  useLive(null, (type) => type === 'changes' && refresh());

  const counts = {}; // status → count
  for (const c of (summary.data && summary.data.counts) || []) counts[c.status] = (counts[c.status] || 0) + c.count;
  const none = services.data && services.data.services.length === 0;
  return html`<h1>Overview</h1>
    ${none && html`<div class="card onboarding"><h2>Nothing registered yet</h2>
      <p>Start a service with a Restate SDK, then <${Link} href="/ui/deployments?register=1">register its deployment</${Link}>${' '}
      (or run <code>restate deployments register http://localhost:9080</code>).</p></div>`}
    <section class="card"><h2>Invocations by status</h2><${ErrorBox} error=${summary.error} />
      <div class="tiles">${STATUSES.map((s) => html`<${Link} class="tile" href=${'/ui/invocations?status=' + s}>
        <strong>${counts[s] || 0}</strong><${StatusBadge} status=${s} /><//>`)}</div></section>
    <section class="card"><h2>Completions, last 24 hours</h2>
      <${Async} state=${summary}>${(d) => html`<${Chart} buckets=${d.last_day} /><p class="legend">
        <span class="ok">■</span> succeeded ${d.last_day.reduce((n, b) => n + b.succeeded, 0)}
        <span class="bad">■</span> failed ${d.last_day.reduce((n, b) => n + b.failed, 0)}</p>`}<//></section>
    <section class="card"><h2>Services</h2><${Async} state=${services}>${(d) => html`<${ServiceTable} services=${d.services} counts=${countsByService(summary.data)} />`}<//></section>
    <section class="card"><h2>Deployments</h2><${Async} state=${deployments}>${([d, unused]) => html`<${DeploymentTable} deployments=${d.deployments} unused=${unused} />`}<//></section>
    <section class="card"><h2>Recent completions</h2><${Async} state=${recent}>${(d) => d.rows.length ? html`<table>
      <thead><tr><th>Invocation</th><th>Target</th><th>Status</th><th>Completed</th></tr></thead>
      <tbody>${d.rows.map((r) => html`<tr><td><${Link} class="mono" href=${invocationHref(r.id)}>${r.id}<//></td><td>${r.target}</td>
        <td><${StatusBadge} status=${r.status} /></td><td><${Time} value=${r.completed_at} /></td></tr>`)}</tbody></table>
      <p><${Link} href=${'/ui/invocations' + queryString({ status: COMPLETED })}>All completed invocations<//></p>`
      : html`<p class="muted">No completed invocations.</p>`}<//></section>`;
}
