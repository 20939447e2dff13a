// The registered services (GET /services).
import { html } from '../html.js';
import { api } from '../api.js';
import { Async, Link, useAsync } from '../ui.js';
import { enc } from '../forms.js';

export default function Services() {
  const services = useAsync(() => api('/services'), []);
  return html`<h1>Services</h1><${Async} state=${services}>${(d) => d.services.length === 0
    ? html`<p class="muted">No services yet: <${Link} href="/ui/deployments?register=1">register a deployment<//>.</p>`
    : html`<table><thead><tr><th>Service</th><th>Type</th><th>Handlers</th><th>Deployment</th><th>Revision</th><th>Public</th></tr></thead>
    <tbody>${d.services.sort((a, b) => a.name.localeCompare(b.name)).map((s) => html`<tr>
      <td><${Link} href=${'/ui/services/' + enc(s.name)}>${s.name}<//>${s.documentation && html`<div class="muted">${s.documentation}</div>`}</td>
      <td>${s.ty}</td><td>${s.handlers.map((h) => h.name).join(', ')}</td>
      <td><${Link} class="mono" href=${'/ui/deployments/' + enc(s.deployment_id)}>${s.deployment_id}<//></td>
      <td>${s.revision}</td><td>${s.public ? 'yes' : 'no'}</td></tr>`)}</tbody></table>`}<//>`;
}
