// One deployment: endpoint, protocol range, SDK, headers, metadata and its services; update it (PATCH) or remove it.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { Async, Link, Time, confirm, useAsync } from '../ui.js';
import { drained, enc } from '../forms.js';
import { DeploymentForm, ServiceList, endpoint, kind } from './deployments.js';

const Pairs = ({ value }) => Object.keys(value || {}).length
  ? html`<dl class="kv">${Object.entries(value).map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>` : html`<span class="muted">none</span>`;

export default function Deployment({ params }) {
  const path = '/deployments/' + enc(params.id);
  const state = useAsync(() => Promise.all([api(path), drained()]), [params.id]);
  const [editing, setEditing] = useState(false);
  const remove = async (d) => await confirm({ title: 'Remove deployment ' + d.id + '?', confirmLabel: 'Remove', danger: true,
    message: `${endpoint(d)} serves ${d.services.map((s) => s.name).join(', ') || 'no services'}.`, values: { force: true },
    fields: (v, set) => html`<label class="check"><input type="checkbox" checked=${v.force} onChange=${(e) => set('force', e.target.checked)} />
      Force (drop it at once, also while invocations still run on it)</label>`,
    action: (v) => api(path + (v.force ? '?force=true' : ''), { method: 'DELETE' }) }) && navigate('/ui/deployments');
  return html`<${Async} state=${state}>${([d, unused]) => html`
    <h1><span class="mono">${d.id}</span>${unused.ids.includes(d.id) && html` <span class="tag">drained</span>`}</h1>
    <section class="card"><dl class="kv">
      <dt>Endpoint</dt><dd>${endpoint(d)}</dd><dt>Type</dt><dd>${kind(d)}</dd>
      <dt>Protocol versions</dt><dd>${d.min_protocol_version}–${d.max_protocol_version}</dd>
      <dt>SDK</dt><dd>${d.sdk_version || '—'}</dd><dt>Created</dt><dd><${Time} value=${d.created_at} /></dd>
      <dt>Headers</dt><dd><${Pairs} value=${d.additional_headers} /></dd><dt>Metadata</dt><dd><${Pairs} value=${d.metadata} /></dd>
      ${d.info && d.info.length > 0 && html`<dt>Info</dt><dd>${d.info.map((i) => html`<div>${i.code && html`<code>${i.code}</code> `}${i.message}</div>`)}</dd>`}
    </dl><p><${Link} href=${'/ui/invocations?deployment=' + enc(d.id)}>Invocations on this deployment<//></p>
    <div class="buttons"><button onClick=${() => setEditing(true)}>Update</button><button class="danger" onClick=${() => remove(d)}>Remove</button></div></section>
    ${editing && html`<${DeploymentForm} title="Update deployment" update initial=${d} cancel=${() => setEditing(false)}
      send=${(body) => api(path, { method: 'PATCH', body })} done=${() => { setEditing(false); state.reload(); }} />`}
    <section class="card"><h2>Services</h2><${ServiceList} services=${d.services} /></section>`}<//>`;
}
