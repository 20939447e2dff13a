// /ui/invocations — every invocation, newest first, paged on the server (keyset cursors), filtered, live, with batch
// actions. Filters, columns and the starting cursor live in the URL, so any view can be shared.
import { html, useEffect, useMemo, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { useLive } from '../live.js';
import { navigate, queryString } from '../router.js';
import { ErrorBox, Link, Loading, StatusBadge, Time, formatCount, formatDuration, invocationDuration, invocationHref } from '../ui.js';
import { BatchProgress, OPS, startBatch } from '../parts/actions.js';

const STATUSES = ['pending', 'scheduled', 'ready', 'running', 'backing-off', 'suspended', 'paused', 'succeeded', 'failed', 'cancelled', 'killed'];
const OPEN = STATUSES.slice(0, 7);
const QUICK = [['Running', ['running']], ['In flight', ['ready', 'running', 'backing-off']], ['Not completed', OPEN],
  ['Failed', ['failed']], ['All', []]];
const LISTS = ['status', 'service', 'handler', 'id'];
const TEXTS = ['key', 'deployment', 'idempotency_key', 'created_from', 'created_before', 'failure'];
const PAGE = 50;

const td = (value) => value == null || value === '' ? html`<span class="muted">—</span>` : value;
const COLUMNS = {
  id: ['Id', (r) => html`<${Link} href=${invocationHref(r.id)} class="mono">${r.id}<//>`],
  created: ['Created', (r) => html`<${Time} value=${r.created_at} />`],
  target: ['Target', (r) => r.target],
  status: ['Status', (r) => html`<${StatusBadge} status=${r.status} />${r.retry_count > 0 ? html` <span class="muted" title="retries">↻${r.retry_count}</span>` : ''}`],
  duration: ['Duration', (r) => formatDuration(invocationDuration(r))],
  modified: ['Modified', (r) => html`<${Time} value=${r.modified_at} />`],
  completed: ['Completed', (r) => html`<${Time} value=${r.completed_at} />`],
  deployment: ['Deployment', (r) => td(r.pinned_deployment_id || r.last_attempt_deployment_id)],
  idempotency_key: ['Idempotency key', (r) => td(r.idempotency_key)],
  retries: ['Retries', (r) => formatCount(r.retry_count || 0)],
  last_failure: ['Last failure', (r) => html`<span class="clip" title=${r.last_failure || r.completion_failure || ''}>${td(r.last_failure || r.completion_failure)}</span>`],
  journal: ['Journal size', (r) => formatCount(r.journal_size || 0)],
  invoked_by: ['Invoked by', (r) => td(r.invoked_by_target || r.invoked_by)],
  key: ['Key', (r) => td(r.target_service_key)],
};
const DEFAULT_COLUMNS = ['id', 'created', 'target', 'status', 'duration'];

/** The filters in the URL as the list API's parameters (and a batch's filter object). */
function filtersOf(query) {
  const filters = {};
  for (const name of LISTS) if (query.getAll(name).length) filters[name] = query.getAll(name);
  for (const name of TEXTS) if (query.get(name)) filters[name] = query.get(name);
  return filters;
}

const go = (query, changes) => {
  const next = {};
  for (const name of new Set([...query.keys()])) next[name] = query.getAll(name);
  navigate(location.pathname + queryString({ ...next, ...changes }));
};

export default function Page({ query }) {
  const filters = filtersOf(query);
  const columns = query.getAll('col').filter((c) => COLUMNS[c]);
  const shown = columns.length ? columns : DEFAULT_COLUMNS;
  const cursor = query.get('cursor');
  const filterKey = queryString(filters);
  const [pages, setPages] = useState([]);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const [changed, setChanged] = useState({});
  const [fresh, setFresh] = useState(() => new Set());
  const [selected, setSelected] = useState(() => new Set());
  const [job, setJob] = useState(null);

  const fetchPage = (from) => api('/ui/api/invocations' + queryString({ ...filters, cursor: from, limit: PAGE }));
  useEffect(() => {
    let current = true;
    setLoading(true);
    fetchPage(cursor).then((page) => {
      if (!current) return;
      setPages([page]);
      setError(null);
      setChanged({});
      setFresh(new Set());
      checked.current = new Set();
      setSelected(new Set());
      setLoading(false);
    }, (e) => current && (setError(e), setLoading(false)));
    return () => { current = false; };
  }, [filterKey, cursor, round]);

  const more = () => {
    setLoading(true);
    fetchPage(pages[pages.length - 1].next_cursor).then((page) => { setPages([...pages, page]); setLoading(false); },
      (e) => { setError(e); setLoading(false); });
  };

  const rows = useMemo(() => pages.flatMap((p) => p.rows), [pages]);
  const visible = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const checked = useRef(new Set()); // ids the live stream named that are not shown and were looked up already
  useLive(null, (type, data) => {
    if (type !== 'changes') return;
    const updates = {};
    const unknown = [];
    for (const change of data) {
      if (visible.has(change.id)) updates[change.id] = change;
      else if (!checked.current.has(change.id) && (!filters.id || filters.id.includes(change.id))) unknown.push(change.id);
    }
    if (Object.keys(updates).length) setChanged((old) => ({ ...old, ...updates }));
    if (cursor || !unknown.length) return;
    // new when it matches the filter and was created after the newest row shown (pushed, never polled)
    unknown.forEach((id) => checked.current.add(id));
    const newest = rows.length ? rows[0].created_at : '';
    api('/ui/api/invocations' + queryString({ ...filters, id: unknown, limit: Math.min(1000, unknown.length) })).then((page) => {
      const added = page.rows.filter((r) => r.created_at >= newest && !visible.has(r.id)).map((r) => r.id);
      if (added.length) setFresh((old) => new Set([...old, ...added]));
    }, () => {});
  });
  const live = (row) => {
    const change = changed[row.id];
    return change ? { ...row, status: change.status, retry_count: change.retry_count, journal_size: change.journal_length } : row;
  };

  const last = pages[pages.length - 1];
  const scanned = pages.reduce((n, p) => n + (p.scanned || 0), 0);
  const toggle = (id) => setSelected((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const batch = async (op) => {
    try {
      const target = selected.size ? { ids: [...selected] } : { filter: filters };
      const count = selected.size || (await api('/ui/api/invocations/count' + filterKey)).count;
      const started = await startBatch(op, target, count);
      if (started) setJob({ ...started, operation: op });
    } catch (e) {
      setError(e);
    }
  };

  return html`<div>
    <h1>Invocations</h1>
    <div class="quick" role="group" aria-label="Quick filters">
      ${QUICK.map(([label, statuses]) => html`<button class=${sameSet(filters.status || [], statuses) ? 'chosen' : ''}
        onClick=${() => go(query, { status: statuses, cursor: null })}>${label}</button>`)}
    </div>
    <${Filters} key=${filterKey} filters=${filters} onApply=${(f) => go(query, { ...Object.fromEntries([...LISTS, ...TEXTS].map((n) => [n, null])), ...f, cursor: null })} />
    <div class="bar">
      <span>${selected.size ? `${selected.size} selected` : 'No selection: actions apply to everything matching the filter'}</span>
      ${Object.entries(OPS).map(([op, spec]) => html`<button class=${spec.danger ? 'danger' : ''} onClick=${() => batch(op)}
        aria-label=${`${spec.label} ${selected.size ? 'selected' : 'all matching'}`}>${spec.label}…</button>`)}
      <${ColumnPicker} shown=${shown} onChange=${(cols) => go(query, { col: cols })} />
    </div>
    ${job && html`<${BatchProgress} key=${job.job} job=${job} onFinished=${() => setRound((n) => n + 1)} onClose=${() => setJob(null)} />`}
    ${fresh.size > 0 && html`<button class="banner" onClick=${() => setRound((n) => n + 1)}>${formatCount(fresh.size)} new invocation${fresh.size === 1 ? '' : 's'} — show</button>`}
    <${ErrorBox} error=${error} />
    <table class="list">
      <thead><tr>
        <th><input type="checkbox" aria-label="Select all shown" checked=${all}
          onChange=${() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))} /></th>
        ${shown.map((c) => html`<th>${COLUMNS[c][0]}</th>`)}
      </tr></thead>
      <tbody>${rows.map((r) => {
        const row = live(r);
        return html`<tr key=${row.id}>
          <td><input type="checkbox" aria-label=${'Select ' + row.id} checked=${selected.has(row.id)} onChange=${() => toggle(row.id)} /></td>
          ${shown.map((c) => html`<td>${COLUMNS[c][1](row)}</td>`)}</tr>`;
      })}</tbody>
    </table>
    ${loading ? html`<${Loading} />` : last && html`<div class="pager">
      <span class="muted">${formatCount(rows.length)} shown${scanned ? `, ${formatCount(scanned)} scanned` : ''}.</span>
      ${rows.length === 0 && !last.next_cursor && html`<span>No invocations match.</span>`}
      ${last.next_cursor && (last.rows.length < PAGE
        ? html`<span>The scan stopped before a full page.</span><button onClick=${more}>Continue scanning</button>`
        : html`<button onClick=${more}>Load more</button>`)}
      ${last.next_cursor && html`<button onClick=${() => go(query, { cursor: last.next_cursor })}>Next page</button>`}
      ${cursor && html`<button onClick=${() => go(query, { cursor: null })}>Newest</button>`}
    </div>`}
  </div>`;
}

const sameSet = (a, b) => a.length === b.length && b.every((s) => a.includes(s));

const localInput = (iso) => (iso ? new Date(Date.parse(iso) - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '');
const isoOf = (local) => (local ? new Date(local).toISOString() : null);

function Filters({ filters, onApply }) {
  const [draft, setDraft] = useState(() => ({ ...filters, status: filters.status || [] }));
  const [names, setNames] = useState([]);
  useEffect(() => { api('/services').then((r) => setNames(r.services.map((s) => s.name)), () => {}); }, []);
  const set = (name) => (e) => setDraft({ ...draft, [name]: e.target.value });
  const list = (name) => (e) => setDraft({ ...draft, [name]: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) });
  const flip = (status) => setDraft({ ...draft, status: draft.status.includes(status) ? draft.status.filter((s) => s !== status) : [...draft.status, status] });
  const text = (label, name) => html`<label>${label} <input value=${draft[name] || ''} onInput=${set(name)} /></label>`;
  const apply = (e) => {
    e.preventDefault();
    onApply(draft);
  };
  return html`<form class="filters" onSubmit=${apply} aria-label="Filters">
    <fieldset class="statuses"><legend>Status</legend>
      ${STATUSES.map((s) => html`<label class="chip"><input type="checkbox" checked=${draft.status.includes(s)} onChange=${() => flip(s)} />${s}</label>`)}
    </fieldset>
    <label>Service <input list="service-names" value=${(draft.service || []).join(', ')} onChange=${list('service')} /></label>
    <datalist id="service-names">${names.map((n) => html`<option value=${n} />`)}</datalist>
    <label>Handler <input value=${(draft.handler || []).join(', ')} onChange=${list('handler')} /></label>
    ${text('Key', 'key')}
    ${text('Deployment', 'deployment')}
    ${text('Idempotency key', 'idempotency_key')}
    ${text('Failure text', 'failure')}
    <label>Invocation id <input value=${(draft.id || []).join(', ')} onChange=${list('id')} /></label>
    <label>Created from <input type="datetime-local" value=${localInput(draft.created_from)} onChange=${(e) => setDraft({ ...draft, created_from: isoOf(e.target.value) })} /></label>
    <label>Created before <input type="datetime-local" value=${localInput(draft.created_before)} onChange=${(e) => setDraft({ ...draft, created_before: isoOf(e.target.value) })} /></label>
    <div class="buttons"><button type="submit" class="primary">Apply filters</button>
      <button type="button" onClick=${() => onApply({})}>Clear</button></div>
  </form>`;
}

function ColumnPicker({ shown, onChange }) {
  const flip = (c) => onChange(shown.includes(c) ? shown.filter((s) => s !== c) : Object.keys(COLUMNS).filter((k) => k === c || shown.includes(k)));
  return html`<details class="columns"><summary>Columns</summary><div class="menu">
    ${Object.entries(COLUMNS).map(([c, [label]]) => html`<label><input type="checkbox" checked=${shown.includes(c)} onChange=${() => flip(c)} />${label}</label>`)}
  </div></details>`;
}
