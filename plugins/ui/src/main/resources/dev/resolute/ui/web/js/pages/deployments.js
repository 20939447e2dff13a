// Deployments: the list, registering one (a dry run shows what it would register before the real request), and
// pruning the drained ones (no service revision and no unfinished invocation uses them).
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { navigate, setQuery } from '../router.js';
import { Async, ErrorBox, Link, Time, confirm, useAsync } from '../ui.js';
import { Field, drained, enc } from '../forms.js';

const headerText = (headers) => Object.entries(headers || {}).map(([k, v]) => k + ': ' + v).join('\n');
function parseHeaders(text) {
  const headers = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (line.trim()) {
      if (at <= 0) throw new Error('A header line must read "Name: value": ' + line);
      headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return headers;
}
export const endpoint = (d) => d.uri || d.arn;
export const kind = (d) => d.arn ? 'Lambda' : `${d.protocol_type || ''} ${d.http_version || ''}`;

/** The services and handlers a deployment answers with. */
export const ServiceList = ({ services }) => html`<ul class="services">${services.map((s) => html`<li>
  <${Link} href=${'/ui/services/' + enc(s.name)}><strong>${s.name}</strong><//> <span class="muted">${s.ty} · revision ${s.revision}</span>
  ${s.handlers && html`<div class="muted">${s.handlers.map((h) => h.name + (h.ty ? ` (${h.ty})` : '')).join(', ')}</div>`}</li>`)}</ul>`;

/**
 * The endpoint form for registering (POST /deployments) or updating (PATCH /deployments/{id}): a dry run first,
 * then "Confirm"; when the endpoint only speaks HTTP/1.1 it offers to retry with use_http_11.
 */
export function DeploymentForm({ title, initial = {}, send, done, cancel, update }) {
  const [form, setForm] = useState({ uri: initial.uri || '', headers: headerText(initial.additional_headers), http11: initial.http_version === 'HTTP/1.1', force: false });
  const [preview, setPreview] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (name, value) => { setForm({ ...form, [name]: value }); setPreview(null); };
  const run = async (dryRun, values = form) => {
    setBusy(true);
    setError(null);
    try {
      const body = { uri: values.uri.trim(), additional_headers: parseHeaders(values.headers), use_http_11: values.http11, dry_run: dryRun };
      body[update ? 'overwrite' : 'force'] = values.force;
      const result = await send(body);
      if (dryRun) setPreview(result); else done(result);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };
  const http1 = error && !form.http11 && /META0014|HTTP\/1\.1/.test(error.message);
  return html`<form class="card form" aria-label=${title} onSubmit=${(e) => { e.preventDefault(); run(true); }}><h2>${title}</h2>
    <${Field} label="Endpoint URI"><input name="uri" required placeholder="http://localhost:9080" value=${form.uri} onInput=${(e) => set('uri', e.target.value)} /><//>
    <${Field} label="Additional headers" hint="one per line: Name: value"><textarea name="headers" rows="2" class="mono" value=${form.headers} onInput=${(e) => set('headers', e.target.value)} /><//>
    <label class="check"><input type="checkbox" checked=${form.http11} onChange=${(e) => set('http11', e.target.checked)} /> Use HTTP/1.1</label>
    <label class="check"><input type="checkbox" checked=${form.force} onChange=${(e) => set('force', e.target.checked)} />
      ${update ? ' Overwrite (allow changing the registered services)' : ' Force (overwrite an existing deployment at this endpoint)'}</label>
    <${ErrorBox} error=${error} />
    ${http1 && html`<button type="button" onClick=${() => { const next = { ...form, http11: true }; setForm(next); run(true, next); }}>Retry with HTTP/1.1</button>`}
    ${preview && html`<div class="preview"><h3>${update ? 'After the update' : 'It would register'}</h3><${ServiceList} services=${preview.services} /></div>`}
    <div class="buttons">${cancel && html`<button type="button" onClick=${cancel}>Cancel</button>`}
      ${preview ? html`<button type="button" class="primary" disabled=${busy} onClick=${() => run(false)}>Confirm</button>`
        : html`<button type="submit" class="primary" disabled=${busy}>${busy ? 'Checking…' : 'Preview (dry run)'}</button>`}</div></form>`;
}

export const DeploymentTable = ({ deployments, unused }) => deployments.length === 0 ? html`<p class="muted">No deployments registered.</p>` : html`<table>
  <thead><tr><th>Deployment</th><th>Endpoint</th><th>Type</th><th>Services</th><th>Created</th></tr></thead>
  <tbody>${deployments.map((dp) => html`<tr><td><${Link} class="mono" href=${'/ui/deployments/' + enc(dp.id)}>${dp.id}<//>
    ${unused.ids.includes(dp.id) && html` <span class="tag">drained</span>`}</td><td>${endpoint(dp)}</td><td>${kind(dp)}</td>
    <td>${dp.services.map((s) => html`<${Link} href=${'/ui/services/' + enc(s.name)}>${s.name}<//> <span class="muted">r${s.revision}</span> `)}</td>
    <td><${Time} value=${dp.created_at} /></td></tr>`)}</tbody></table>`;

/** Removes the deployments one by one; the error names every one that failed. */
async function removeAll(ids) {
  const failures = [];
  for (const id of ids) {
    try { await api('/deployments/' + enc(id) + '?force=true', { method: 'DELETE' }); } catch (e) { failures.push(id + ': ' + e.message); }
  }
  if (failures.length) throw new Error('Not removed:\n' + failures.join('\n'));
}

export default function Deployments({ query }) {
  const state = useAsync(() => Promise.all([api('/deployments'), drained()]), []);
  const registering = query.has('register');
  return html`<h1>Deployments</h1>
    ${registering ? html`<${DeploymentForm} title="Register a deployment" cancel=${() => setQuery({})}
        send=${(body) => api('/deployments', { method: 'POST', body })} done=${(r) => navigate('/ui/deployments/' + enc(r.id))} />`
      : html`<div class="tools"><button class="primary" onClick=${() => setQuery({ register: 1 })}>Register deployment</button></div>`}
    <${Async} state=${state}>${([d, unused]) => {
      const idle = d.deployments.filter((dp) => unused.ids.includes(dp.id));
      return html`${idle.length > 0 && html`<div class="tools"><button class="danger" onClick=${() => confirm({
          title: `Remove ${idle.length} drained deployment${idle.length > 1 ? 's' : ''}?`, confirmLabel: 'Remove', danger: true,
          message: 'No service revision and no unfinished invocation uses these:',
          fields: () => html`<ul>${idle.map((dp) => html`<li><code>${dp.id}</code> ${endpoint(dp)}</li>`)}</ul>`,
          action: () => removeAll(idle.map((dp) => dp.id)).finally(state.reload) })}>Prune drained deployments (${idle.length})</button></div>`}
        <${DeploymentTable} deployments=${d.deployments} unused=${unused} />`;
    }}<//>`;
}
