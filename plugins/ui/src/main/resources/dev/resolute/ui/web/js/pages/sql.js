// SQL console over POST /query: the query lives in the URL (?q=), Ctrl/Cmd+Enter runs it, results download as CSV or
// JSON in the browser. The canned queries are written for Resolute's engine (reference §5 tables).
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { setQuery } from '../router.js';
import { ErrorBox, Loading, saveBlob, useAsync } from '../ui.js';
import { Field } from '../forms.js';

const CANNED = {
  'Invocations by status': `SELECT CASE WHEN completion_result = 'success' THEN 'succeeded' WHEN completion_result = 'failure' THEN 'failed' ELSE status END AS ui_status,
  COUNT(*) AS invocations
FROM sys_invocation GROUP BY 1 ORDER BY invocations DESC`,
  'Backlog by service and key': `SELECT target_service_name AS service, target_service_key AS service_key, COUNT(*) AS unfinished
FROM sys_invocation WHERE status <> 'completed'
GROUP BY target_service_name, target_service_key ORDER BY unfinished DESC LIMIT 50`,
  'Oldest unfinished invocations': `SELECT id, target, status, created_at, retry_count, last_failure
FROM sys_invocation WHERE status <> 'completed' ORDER BY created_at LIMIT 50`,
  'Failures in the last hour by message': `SELECT COALESCE(completion_failure, last_failure) AS message, COUNT(*) AS invocations
FROM sys_invocation
WHERE (completion_result = 'failure' OR last_failure IS NOT NULL) AND modified_at > CURRENT_TIMESTAMP - INTERVAL '1' HOUR
GROUP BY COALESCE(completion_failure, last_failure) ORDER BY invocations DESC LIMIT 50`,
  'Longest journals': `SELECT id, target, status, journal_size, journal_commands_size
FROM sys_invocation ORDER BY journal_size DESC LIMIT 50`,
  'Largest journal entries': `SELECT id, "index", entry_type, name, raw_length FROM sys_journal ORDER BY raw_length DESC LIMIT 50`,
  'State size per service': `SELECT service_name, COUNT(DISTINCT service_key) AS service_keys, COUNT(*) AS entries, SUM(value_length) AS bytes
FROM state GROUP BY service_name ORDER BY bytes DESC`,
};
const SHOWN = 1000; // rows rendered; downloads carry them all
const CUT = 200; // characters of a cell shown before "more"

const cell = (v) => v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
const columnsOf = (rows) => [...new Set(rows.flatMap(Object.keys))]; // null columns are omitted per row
const csv = (columns, rows) => [columns, ...rows.map((r) => columns.map((c) => cell(r[c])))]
  .map((line) => line.map((v) => /[",\n\r]/.test(v) ? '"' + v.replaceAll('"', '""') + '"' : v).join(',')).join('\r\n');

function Cell({ value }) {
  const [open, setOpen] = useState(false);
  const text = cell(value);
  if (text.length <= CUT || open) return html`<td>${text}</td>`;
  return html`<td>${text.slice(0, CUT)}… <button class="link" onClick=${() => setOpen(true)}>more</button></td>`;
}

export default function Sql({ query }) {
  const q = query.get('q') || '';
  const [text, setText] = useState(q || CANNED['Invocations by status']);
  useEffect(() => { if (q) setText(q); }, [q]);
  const result = useAsync(async () => {
    if (!q) return null;
    const started = performance.now();
    const answer = await api('/query', { method: 'POST', body: { query: q }, headers: { accept: 'application/json' } });
    return { rows: answer.rows, ms: Math.round(performance.now() - started) };
  }, [q]);
  const run = () => (text === q ? result.reload() : setQuery({ q: text }));
  const keys = (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } };
  const d = result.data, columns = d ? columnsOf(d.rows) : [];
  return html`<h1>SQL console</h1>
    <div class="tools"><${Field} label="Canned queries"><select value="" onChange=${(e) => e.target.value && setText(CANNED[e.target.value])}>
      <option value="">Choose…</option>${Object.keys(CANNED).map((name) => html`<option value=${name}>${name}</option>`)}</select><//></div>
    <${Field} label="SQL query"><textarea class="mono sql" rows="7" spellcheck="false" value=${text}
      onInput=${(e) => setText(e.target.value)} onKeyDown=${keys} /><//>
    <div class="buttons"><button class="primary" onClick=${run} disabled=${result.loading && !!q}>Run</button>
      <span class="muted">Ctrl/⌘ + Enter</span></div>
    ${result.error ? html`<${ErrorBox} error=${result.error} />` : result.loading && q ? html`<${Loading} />` : d && html`
      <div class="tools"><span role="status">${d.rows.length} row${d.rows.length === 1 ? '' : 's'} in ${d.ms} ms</span>
        <button onClick=${() => saveBlob(new Blob([csv(columns, d.rows)], { type: 'text/csv' }), 'result.csv')}>Download CSV</button>
        <button onClick=${() => saveBlob(new Blob([JSON.stringify(d.rows, null, 2)], { type: 'application/json' }), 'result.json')}>Download JSON</button></div>
      ${d.rows.length > SHOWN && html`<p class="muted">Showing the first ${SHOWN} rows; the downloads hold all of them.</p>`}
      <div class="scroll"><table class="results"><thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
        <tbody>${d.rows.slice(0, SHOWN).map((r) => html`<tr>${columns.map((c) => html`<${Cell} value=${r[c]} />`)}</tr>`)}</tbody></table></div>`}`;
}
