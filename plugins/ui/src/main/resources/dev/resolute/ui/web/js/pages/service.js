// One service: type, deployment, handlers with their schemas, configuration (edited with PATCH /services/{s}) and a
// playground that calls a handler through the admin's relay to this node's ingress.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { queryString } from '../router.js';
import { Async, ErrorBox, Link, confirm, invocationHref, useAsync } from '../ui.js';
import { Field, Schema, enc, example, pretty } from '../forms.js';

const DURATIONS = ['idempotency_retention', 'workflow_completion_retention', 'journal_retention', 'inactivity_timeout', 'abort_timeout'];
const label = (name) => name[0].toUpperCase() + name.slice(1).replaceAll('_', ' ');
const keyed = (s) => s.ty === 'VirtualObject' || s.ty === 'Workflow';
// a call answers the id in a header, a send in its body
function invocationOf({ headers, body }) {
  try { return headers?.['x-restate-id'] || JSON.parse(body).invocationId; } catch { return null; }
}

function Config({ service, reload }) {
  const [editing, setEditing] = useState(false);
  const retry = service.retry_policy || {};
  const fields = DURATIONS.filter((f) => f !== 'workflow_completion_retention' || service.ty === 'Workflow');
  const submit = async (e) => {
    e.preventDefault();
    const form = new FormData(e.target), change = {};
    if (form.has('public') !== service.public) change.public = form.has('public');
    for (const f of fields) if ((form.get(f) || '') !== (service[f] || '')) change[f] = form.get(f);
    if (Object.keys(change).length && !await confirm({ title: 'Change the configuration of ' + service.name + '?', confirmLabel: 'Apply',
      fields: () => html`<ul>${Object.entries(change).map(([k, v]) => html`<li>${label(k)}: <code>${String(service[k] ?? '—')}</code> → <code>${String(v)}</code></li>`)}</ul>`,
      action: () => api('/services/' + enc(service.name), { method: 'PATCH', body: change }) })) return;
    setEditing(false);
    reload();
  };
  if (editing) {
    return html`<form class="card form" onSubmit=${submit}><h2>Configuration</h2>
      <label class="check"><input type="checkbox" name="public" checked=${service.public} /> Public (callable through the ingress)</label>
      ${fields.map((f) => html`<${Field} label=${label(f)} hint="e.g. 1d, 10m, 30s"><input name=${f} value=${service[f] || ''} /><//>`)}
      <div class="buttons"><button type="button" onClick=${() => setEditing(false)}>Cancel</button><button class="primary" type="submit">Save</button></div></form>`;
  }
  const rows = [['Public', service.public ? 'yes' : 'no'], ...fields.map((f) => [label(f), service[f] || '—']),
    ['Lazy state', service.enable_lazy_state ? 'yes' : 'no'],
    ['Retry policy', `initial ${retry.initial_interval}, ×${retry.exponentiation_factor}, max interval ${retry.max_interval}, `
      + `${retry.max_attempts == null ? 'unlimited attempts' : retry.max_attempts + ' attempts'}, then ${retry.on_max_attempts}`]];
  return html`<section class="card"><h2>Configuration</h2><dl class="kv">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
    <button onClick=${() => setEditing(true)}>Edit configuration</button></section>`;
}

function Playground({ service, initial }) {
  const [handler, setHandler] = useState(service.handlers.some((h) => h.name === initial) ? initial : service.handlers[0]?.name);
  const meta = service.handlers.find((h) => h.name === handler) || {};
  const start = example(meta.input_json_schema);
  const [body, setBody] = useState({});
  const [answer, setAnswer] = useState(null);
  const [busy, setBusy] = useState(false);
  const send = async (e) => {
    e.preventDefault();
    const form = new FormData(e.target), idempotency = form.get('idempotency');
    setBusy(true);
    try {
      const path = '/ui/api/playground/' + enc(service.name) + '/' + enc(handler) + queryString({ key: form.get('key'), send: form.has('send') || undefined });
      setAnswer(await api(path, { method: 'POST', body: form.get('body'), headers: { 'content-type': 'application/json', ...(idempotency ? { 'idempotency-key': idempotency } : {}) } }));
    } catch (error) {
      setAnswer({ error });
    }
    setBusy(false);
  };
  const value = body[handler] ?? (start === undefined ? '' : JSON.stringify(start, null, 2));
  return html`<form class="card form" onSubmit=${send} aria-label="Playground"><h2>Playground</h2>
    <${Field} label="Handler"><select name="handler" value=${handler} onChange=${(e) => setHandler(e.target.value)}>
      ${service.handlers.map((h) => html`<option value=${h.name}>${h.name}</option>`)}</select><//>
    ${keyed(service) && html`<${Field} label="Key"><input name="key" required /><//>`}
    <${Field} label="Request body (JSON)"><textarea name="body" rows="6" class="mono" value=${value}
      onInput=${(e) => setBody({ ...body, [handler]: e.target.value })} /><//>
    <${Field} label="Idempotency key" hint="optional"><input name="idempotency" /><//>
    <label class="check"><input type="checkbox" name="send" /> Send without waiting for the result</label>
    <div class="buttons"><button class="primary" type="submit" disabled=${busy}>${busy ? 'Sending…' : 'Send'}</button></div>
    ${answer && (answer.error ? html`<${ErrorBox} error=${answer.error} />` : html`<div class="answer" data-testid="playground-response">
      <p><strong class=${answer.status < 300 ? 'ok' : 'bad'}>Status ${answer.status}</strong> <span class="muted">in ${answer.duration_ms} ms</span>
        ${invocationOf(answer) && html` · <${Link} href=${invocationHref(invocationOf(answer))}>Open the invocation<//>`}</p>
      <pre>${pretty(answer.body)}</pre>
      <details><summary>Headers</summary><dl class="kv">${Object.entries(answer.headers || {}).map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl></details></div>`)}
  </form>`;
}

export default function Service({ params, query }) {
  const state = useAsync(() => api('/services/' + enc(params.service)), [params.service]);
  return html`<${Async} state=${state}>${(s) => html`
    <h1>${s.name} <span class="muted">${s.ty}</span></h1>
    ${s.documentation && html`<p>${s.documentation}</p>`}
    <p>Deployment <${Link} class="mono" href=${'/ui/deployments/' + enc(s.deployment_id)}>${s.deployment_id}<//>, revision ${s.revision}${' · '}
      <${Link} href=${'/ui/invocations?service=' + enc(s.name)}>Invocations<//>${keyed(s) && html`${' · '}<${Link} href=${'/ui/state/' + enc(s.name)}>State<//>`}</p>
    <section class="card"><h2>Handlers</h2><table><thead><tr><th>Handler</th><th>Type</th><th>Input</th><th>Output</th></tr></thead>
      <tbody>${s.handlers.map((h) => html`<tr><td>${h.name}${h.documentation && html`<div class="muted">${h.documentation}</div>`}</td>
        <td>${h.ty || '—'}</td>
        <td>${h.input_description || '—'}${h.input_json_schema && html`<${Schema} schema=${h.input_json_schema} />`}</td>
        <td>${h.output_description || '—'}${h.output_json_schema && html`<${Schema} schema=${h.output_json_schema} />`}</td></tr>`)}</tbody></table></section>
    <${Config} service=${s} reload=${state.reload} />
    <${Playground} service=${s} initial=${query.get('handler')} />`}<//>`;
}
