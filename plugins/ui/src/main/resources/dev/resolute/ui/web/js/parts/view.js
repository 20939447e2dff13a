// One invocation: header, actions, timings, failure, journal timeline with entry detail, and its object's state. The
// same view shows a live invocation from the server or an exported bundle offline (parts/source.js).
import { html, useEffect, useState } from '../html.js';
import { api, authHeaders } from '../api.js';
import { useLive } from '../live.js';
import { navigate, queryString } from '../router.js';
import { ErrorBox, Link, Loading, StatusBadge, Time, formatBytes, formatCount, formatDuration, invocationDuration,
  invocationHref, prettyJson, saveBlob, useAsync } from '../ui.js';
import { ActionButtons, actOn } from './actions.js';
import { Journal } from './journal.js';

const Field = ({ label, children }) => html`<div class="fact"><dt>${label}</dt><dd>${children ?? html`<span class="muted">—</span>`}</dd></div>`;
const InvLink = ({ id }) => id && html`<${Link} href=${invocationHref(id)} class="mono">${id}<//>`;
const DeploymentLink = ({ id, offline }) => id && (offline ? html`<span class="mono">${id}</span>`
  : html`<${Link} href=${'/ui/deployments/' + encodeURIComponent(id)} class="mono">${id}<//>`);

/** source: the data source; id: the invocation; query: the page's URLSearchParams (entry = the open entry). */
export function InvocationView({ source, id, query }) {
  const { offline } = source;
  const [inv, setInv] = useState(null);
  const [error, setError] = useState(null);
  const openIndex = query.has('entry') ? Number(query.get('entry')) : null;
  const [jump, setJump] = useState(() => openIndex != null ? { index: openIndex, seq: 0 } : null); // a shared ?entry= link
  const reload = () => source.invocation(id).then((row) => { setInv(row); setError(null); }, setError);
  useEffect(() => { reload(); }, [id]);
  useLive(offline ? false : [id], (type, data) => {
    if (type === 'open') reload();
    if (type !== 'changes') return;
    const change = data[data.length - 1];
    setInv((old) => old && { ...old, status: change.status, retry_count: change.retry_count,
      journal_size: Math.max(old.journal_size || 0, change.journal_length) });
    if (change.status !== 'deleted') reload(); // timings and failure details
  });
  const open = (index) => navigate(location.pathname + queryString({ ...Object.fromEntries(query), entry: index }), true);

  if (!inv) return error ? html`<${ErrorBox} error=${error} />` : html`<${Loading} />`;
  const failed = inv.completion_failure || inv.last_failure;
  const related = inv.last_failure_related_entry_index; // the journal index (the command index counts commands only)
  const command = inv.last_failure_related_command_index != null && ['Related command: #' + inv.last_failure_related_command_index,
    inv.last_failure_related_command_type, inv.last_failure_related_command_name].filter(Boolean).join(' ');
  const after = (op, answer) => {
    if (answer && answer.new_invocation_id) navigate(invocationHref(answer.new_invocation_id));
    else if (op === 'purge') setInv({ ...inv, status: 'deleted' });
    else reload();
  };
  return html`<div class="invocation">
    <header class="head">
      <h1>${inv.target || `${inv.target_service_name}/${inv.target_handler_name}`}</h1>
      <${StatusBadge} status=${inv.status} />
      <code class="muted">${inv.id}</code>
    </header>
    ${offline ? html`<p class="muted">Opened from a bundle: read only.</p>` : html`<div class="bar">
      ${inv.status !== 'deleted' && html`<${ActionButtons} inv=${inv} onDone=${after} />`}
      <a href=${`/ui/api/invocations/${encodeURIComponent(id)}/bundle`} download onClick=${exportBundle}>Export bundle</a>
    </div>`}
    <${ErrorBox} error=${error} />
    ${inv.status === 'deleted' && html`<div class="error" role="alert">This invocation was purged.</div>`}
    <dl class="cards">
      <div class="card"><h2>Details</h2>
        <${Field} label="Target">${inv.target}<//>
        <${Field} label="Status"><${StatusBadge} status=${inv.status} /><//>
        <${Field} label="Invoked by">${invokedBy(inv, offline)}<//>
        <${Field} label="Idempotency key">${inv.idempotency_key}<//>
        <${Field} label="Pinned deployment"><${DeploymentLink} id=${inv.pinned_deployment_id} offline=${offline} /><//>
        ${inv.last_attempt_deployment_id && inv.last_attempt_deployment_id !== inv.pinned_deployment_id
          && html`<${Field} label="Last attempt on"><${DeploymentLink} id=${inv.last_attempt_deployment_id} offline=${offline} /><//>`}
        ${inv.restarted_from && inv.invoked_by !== 'restart_as_new' && html`<${Field} label="Restarted from"><${InvLink} id=${inv.restarted_from} /><//>`}
      </div>
      <div class="card"><h2>Timing</h2>
        <${Field} label="Created"><${Time} value=${inv.created_at} /><//>
        ${inv.scheduled_start_at && html`<${Field} label="Scheduled for"><${Time} value=${inv.scheduled_start_at} /><//>`}
        <${Field} label="Running since"><${Time} value=${inv.running_at} /><//>
        <${Field} label="Modified"><${Time} value=${inv.modified_at} /><//>
        <${Field} label="Completed"><${Time} value=${inv.completed_at} /><//>
        <${Field} label="Duration">${formatDuration(invocationDuration(inv))}<//>
      </div>
      <div class="card"><h2>Attempts</h2>
        <${Field} label="Retries">${formatCount(inv.retry_count || 0)}<//>
        ${inv.next_retry_at && html`<${Field} label="Next retry"><${Time} value=${inv.next_retry_at} /><//>`}
        <${Field} label="Last attempt started"><${Time} value=${inv.last_start_at} /><//>
        ${failed && html`<${Field} label=${inv.completion_failure ? 'Failure' : 'Last failure'}>
          ${inv.last_failure_error_code && html`<b>${inv.last_failure_error_code} </b>`}<pre class="failure">${failed}</pre>
          ${command && (related == null ? html`<span>${command}</span>`
            : html`<button class="link" onClick=${() => { setJump({ index: related, seq: Math.random() }); open(related); }}>${command} (entry ${related})</button>`)}<//>`}
      </div>
    </dl>
    <h2>Journal</h2>
    <div class=${openIndex != null ? 'journal-wrap split' : 'journal-wrap'}>
      <${Journal} key=${id} source=${source} inv=${inv} length=${inv.journal_size || 0} openIndex=${openIndex} onOpen=${open} jump=${jump} />
      ${openIndex != null && html`<${EntryDetail} key=${openIndex} source=${source} inv=${inv} index=${openIndex}
        onClose=${() => navigate(location.pathname + queryString({ ...Object.fromEntries(query), entry: null }), true)}
        onRestart=${offline ? null : async () => after('restart-as-new', await actOn(inv, 'restart-as-new', openIndex))} />`}
    </div>
    ${inv.target_service_key != null && html`<${StatePreview} source=${source} inv=${inv} />`}
  </div>`;
}

function invokedBy(inv, offline) {
  if (inv.invoked_by === 'service') {
    return html`${inv.invoked_by_target || inv.invoked_by_service_name} ${offline ? html`<code>${inv.invoked_by_id}</code>` : html`<${InvLink} id=${inv.invoked_by_id} />`}`;
  }
  if (inv.invoked_by === 'restart_as_new') return html`restart of ${offline ? inv.restarted_from : html`<${InvLink} id=${inv.restarted_from} />`}`;
  if (inv.invoked_by === 'subscription') return html`subscription <code>${inv.invoked_by_subscription_id}</code>`;
  return inv.invoked_by;
}

/** The link works by itself; with an admin token the file is fetched with it instead. */
async function exportBundle(e) {
  if (!authHeaders().authorization) return;
  e.preventDefault();
  const href = e.currentTarget.getAttribute('href');
  const response = await api(href, { raw: true });
  saveBlob(await response.blob(), decodeURIComponent(href.split('/')[4]) + '.json');
}

function EntryDetail({ source, inv, index, onClose, onRestart }) {
  const state = useAsync(() => source.entry(inv.id, index), [inv.id, index]);
  const [error, setError] = useState(null);
  const d = state.data;
  const child = d && d.entry && findChild(d.entry);
  return html`<section class="card entry" aria-label=${`Entry ${index}`}>
    <div class="head"><h2>Entry #${index}${d ? ': ' + d.entry_type : ''}</h2><button onClick=${onClose} aria-label="Close entry">✕</button></div>
    ${state.error && html`<${ErrorBox} error=${state.error} />`}
    ${!d ? !state.error && html`<${Loading} />` : html`
      ${child && html`<p>Invocation: <${InvLink} id=${child} /></p>`}
      <p>Value: ${formatBytes(d.value_length || 0)}
        ${d.value_length > 0 && html` <button onClick=${() => source.download(inv.id, index).catch(setError)}>Download value</button>`}
        ${onRestart && html` <button onClick=${onRestart}>Restart as new from here…</button>`}</p>
      <${ErrorBox} error=${error} />
      ${d.value_preview != null && html`<h3>Value${d.value_truncated ? ' (first 64 KiB)' : ''}</h3><pre class="value">${d.value_preview}</pre>`}
      <h3>Entry</h3><pre>${d.entry ? prettyJson(d.entry) : 'No detail stored for this entry.'}</pre>`}
  </section>`;
}

function findChild(entry) {
  const text = JSON.stringify(entry);
  const match = /"invocation_id":"(inv_[^"]+)"/.exec(text);
  return match && match[1];
}

function decode(base64) {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    return base64;
  }
}

function StatePreview({ source, inv }) {
  const service = inv.target_service_name;
  const key = inv.target_service_key;
  const state = useAsync(() => source.state(service, key), [service, key]);
  const href = `/ui/state/${encodeURIComponent(service)}/${encodeURIComponent(key)}`;
  return html`<section aria-label="State"><h2>State of ${service}/${key}${source.offline ? ' (when exported)' : ''}</h2>
    ${state.error ? html`<${ErrorBox} error=${state.error} />` : !state.data ? (state.data === null ? html`<p class="muted">Not in the bundle.</p>` : html`<${Loading} />`)
      : html`<table><thead><tr><th>Key</th><th>Size</th><th>Value</th></tr></thead><tbody>
        ${state.data.rows.map((r) => html`<tr><td class="mono">${r.key}</td><td>${formatBytes(r.value_length)}</td>
          <td class="mono">${r.value == null ? html`<span class="muted">too large to show inline</span>` : html`<span class="clip">${decode(r.value).slice(0, 300)}</span>`}</td></tr>`)}
        ${state.data.rows.length === 0 && html`<tr><td colspan="3" class="muted">No state.</td></tr>`}
      </tbody></table>
      ${!source.offline && html`<p><${Link} href=${href}>${state.data.next_cursor ? 'All state entries' : 'Open in State'}<//></p>`}`}
  </section>`;
}
