// The registered services (GET /services) with their invocations counted by status (the overview shows the same table).
import { html } from '../html.js';
import { api } from '../api.js';
import { queryString } from '../router.js';
import { Async, Link, StatusBadge, useAsync } from '../ui.js';
import { enc } from '../forms.js';

/** service → status → count, from /ui/api/summary's counts. */
export function countsByService(summary) {
  const counts = {};
  for (const c of (summary && summary.counts) || []) {
    const s = (counts[c.service] ||= {});
    s[c.status] = (s[c.status] || 0) + c.count;
  }
  return counts;
}

export const ServiceTable = ({ services, counts }) => services.length === 0
  ? html`<p class="muted">No services yet: <${Link} href="/ui/deployments?register=1">register a deployment<//>.</p>`
  : html`<table><thead><tr><th>Service</th><th>Type</th><th>Handlers</th><th>Deployment</th><th>Invocations</th></tr></thead>
    <tbody>${services.sort((a, b) => a.name.localeCompare(b.name)).map((s) => html`<tr>
      <td><${Link} href=${'/ui/services/' + enc(s.name)}>${s.name}<//>${s.documentation && html`<div class="muted">${s.documentation}</div>`}</td>
      <td>${s.ty}${s.public ? '' : html` <span class="tag">private</span>`}</td><td>${s.handlers.map((h) => h.name).join(', ')}</td>
      <td><${Link} class="mono" href=${'/ui/deployments/' + enc(s.deployment_id)}>${s.deployment_id}<//> <span class="muted">r${s.revision}</span></td>
      <td>${Object.entries(counts[s.name] || {}).map(([st, n]) => html`<${Link} class="count"
        href=${'/ui/invocations' + queryString({ service: s.name, status: st })}>${n} <${StatusBadge} status=${st} /><//>`)}</td></tr>`)}</tbody></table>`;

export default function Services() {
  const services = useAsync(() => api('/services'), []);
  const summary = useAsync(() => api('/ui/api/summary').catch(() => null), []);
  return html`<h1>Services</h1><${Async} state=${services}>${(d) => html`<${ServiceTable} services=${d.services} counts=${countsByService(summary.data)} />`}<//>`;
}
