// State explorer: virtual objects and workflows → their keys → the entries of one key, with keyset paging. Entries are
// edited, added and deleted with the optimistic version read with the page (a 409 means someone changed it meanwhile).
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { navigate, queryString } from '../router.js';
import { Async, ErrorBox, Link, bytesText, confirm, formatBytes, useAsync } from '../ui.js';
import { Field, download, enc, fromBase64, hex, pretty, utf8Base64 } from '../forms.js';

const statePath = (...parts) => '/ui/state/' + parts.map(enc).join('/');

// pages are history entries: Back returns to the previous page
const page = (after) => navigate(location.pathname + queryString({ after }));
function Pager({ after, next }) {
  return (after || next) && html`<div class="buttons">
    ${after && html`<button onClick=${() => page()}>First page</button>`}
    ${next && html`<button onClick=${() => page(next)}>Next page</button>`}</div>`;
}

function Services() {
  const services = useAsync(() => api('/services'), []);
  return html`<h1>State</h1><${Async} state=${services}>${(d) => {
    const keyed = d.services.filter((s) => s.ty === 'VirtualObject' || s.ty === 'Workflow').sort((a, b) => a.name.localeCompare(b.name));
    return keyed.length === 0 ? html`<p class="muted">No virtual objects or workflows are registered.</p>` : html`<table>
      <thead><tr><th>Service</th><th>Type</th><th>Handlers</th></tr></thead>
      <tbody>${keyed.map((s) => html`<tr><td><${Link} href=${statePath(s.name)}>${s.name}<//></td><td>${s.ty}</td>
        <td>${s.handlers.map((h) => h.name).join(', ')}</td></tr>`)}</tbody></table>`;
  }}<//>`;
}

function Keys({ service, after }) {
  const keys = useAsync(() => api(`/ui/api/state/${enc(service)}?limit=100&after=${enc(after)}`), [service, after]);
  const open = (e) => { e.preventDefault(); navigate(statePath(service, new FormData(e.target).get('key'))); };
  return html`<h1><${Link} href="/ui/state">State<//> › ${service}</h1>
    <form class="tools" onSubmit=${open} role="search"><${Field} label="Key"><input name="key" required /><//><button type="submit">Open</button></form>
    <${Async} state=${keys}>${(d) => html`${d.rows.length === 0 ? html`<p class="muted">No keys with state${after ? ' after this point' : ''}.</p>` : html`<table>
      <thead><tr><th>Key</th><th>Entries</th><th>Size</th></tr></thead>
      <tbody>${d.rows.map((r) => html`<tr><td><${Link} class="mono" href=${statePath(service, r.service_key)}>${r.service_key}<//></td>
        <td>${r.entries}</td><td>${formatBytes(r.size)}</td></tr>`)}</tbody></table>`}<${Pager} after=${after} next=${d.next_cursor} />`}<//>`;
}

const LIMIT = 4000; // characters shown before "Show all"
function Value({ row, path }) {
  const [all, setAll] = useState(false);
  if (row.value == null) {
    return html`<span class="muted">too large to show </span><button onClick=${() => download(path + '/value?name=' + enc(row.key), row.key)}>Download</button>`;
  }
  const bytes = fromBase64(row.value), text = bytesText(bytes);
  if (text == null) return html`<span class="muted">binary </span><code>${hex(bytes)}</code>`;
  const shown = pretty(text);
  return html`<pre class="value">${all ? shown : shown.slice(0, LIMIT)}</pre>
    ${shown.length > LIMIT && !all && html`<button onClick=${() => setAll(true)}>Show all (${formatBytes(bytes.length)})</button>`}`;
}

function Editor({ name, text, save, cancel }) {
  const submit = (e) => { e.preventDefault(); const f = new FormData(e.target); save(f.get('name'), f.get('value')); };
  return html`<form class="form editor" onSubmit=${submit} aria-label=${name == null ? 'New entry' : 'Edit ' + name}>
    ${name == null ? html`<${Field} label="Name"><input name="name" required /><//>` : html`<input type="hidden" name="name" value=${name} />`}
    <${Field} label="Value (UTF-8 text, e.g. JSON)"><textarea name="value" rows="4" class="mono" value=${text} /><//>
    <div class="buttons"><button type="button" onClick=${cancel}>Cancel</button><button type="submit" class="primary">Save</button></div></form>`;
}

function Entries({ service, stateKey, after }) {
  const path = `/ui/api/state/${enc(service)}/${enc(stateKey)}`;
  const read = () => api(`${path}?limit=100&after=${enc(after)}`);
  const entries = useAsync(read, [service, stateKey, after]);
  const [editing, setEditing] = useState(undefined); // an entry's name, null for a new entry
  const [notice, setNotice] = useState(null);
  const change = async (set) => {
    try {
      const version = entries.data.version;
      await api(path, { method: 'POST', body: { version, set } });
      // the change is applied asynchronously, in turn with the object's invocations: wait until it shows
      for (let i = 0; i < 20 && (await read()).version === version; i++) await new Promise((r) => setTimeout(r, 150));
      setEditing(undefined);
      setNotice(null);
    } catch (e) {
      if (e.status !== 409) throw e;
      setNotice({ message: 'The state changed since this page was read; it has been reloaded. Please apply your change again.' });
    }
    entries.reload();
  };
  const save = (name, text) => change({ [name]: utf8Base64(text) }).catch(setNotice);
  const text = (row) => row.value == null ? null : bytesText(fromBase64(row.value));
  return html`<h1><${Link} href="/ui/state">State<//> › <${Link} href=${statePath(service)}>${service}<//> › <span class="mono">${stateKey}</span></h1>
    <p><${Link} href=${'/ui/invocations?service=' + enc(service) + '&key=' + enc(stateKey)}>Invocations of this key<//></p>
    <${ErrorBox} error=${notice} />
    <${Async} state=${entries}>${(d) => html`
      ${editing === null ? html`<${Editor} text="" save=${save} cancel=${() => setEditing(undefined)} />`
        : html`<div class="tools"><button onClick=${() => setEditing(null)}>Add entry</button></div>`}
      ${d.rows.length === 0 ? html`<p class="muted">No state at this key.</p>` : html`<table>
      <thead><tr><th>Name</th><th>Size</th><th>Value</th><th></th></tr></thead>
      <tbody>${d.rows.map((r) => html`<tr><td class="mono">${r.key}</td><td>${formatBytes(r.value_length)}</td>
        <td>${editing === r.key ? html`<${Editor} name=${r.key} text=${text(r)} save=${save} cancel=${() => setEditing(undefined)} />` : html`<${Value} row=${r} path=${path} />`}</td>
        <td><div class="buttons">${text(r) != null && editing !== r.key && html`<button onClick=${() => setEditing(r.key)}>Edit</button>`}
          <button class="danger" onClick=${() => confirm({ title: 'Delete the entry ' + r.key + '?', confirmLabel: 'Delete', danger: true,
            message: `${service} › ${stateKey} › ${r.key} (${formatBytes(r.value_length)})`, action: () => change({ [r.key]: null }) })}>Delete</button></div></td></tr>`)}
      </tbody></table>`}<${Pager} after=${after} next=${d.next_cursor} />`}<//>`;
}

export default function State({ params, query }) {
  const after = query.get('after') || '';
  if (params.key != null) return html`<${Entries} service=${params.service} stateKey=${params.key} after=${after} />`;
  if (params.service != null) return html`<${Keys} service=${params.service} after=${after} />`;
  return html`<${Services} />`;
}
