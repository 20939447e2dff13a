// Error triage: failures and retrying invocations grouped by handler, status, code and message over a time range (in
// the URL), each with a sparkline and one click to the filtered invocation list, where the batch actions are.
import { html } from '../html.js';
import { api } from '../api.js';
import { queryString, setQuery } from '../router.js';
import { Async, Link, StatusBadge, Time, useAsync } from '../ui.js';
import { Field, Sparkline } from '../forms.js';

const RANGES = { '1h': [3600e3, 12], '24h': [86400e3, 24], '7d': [7 * 86400e3, 28] };
const LABELS = { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', custom: 'Custom' };
const local = (iso) => iso ? new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60e3).toISOString().slice(0, 16) : '';
const instant = (value) => value ? new Date(value).toISOString() : '';

export default function Errors({ query }) {
  const range = query.get('range') || '24h';
  const from = query.get('from') || '', to = query.get('to') || '';
  const errors = useAsync(() => {
    if (range !== 'custom') {
      const now = Date.now(), [span, buckets] = RANGES[range] || RANGES['24h'];
      return api('/ui/api/errors' + queryString({ from: new Date(now - span).toISOString(), to: new Date(now).toISOString(), buckets }));
    }
    return api('/ui/api/errors' + queryString({ from, to, buckets: 24 }));
  }, [range, from, to]);
  const choose = (values) => setQuery({ range, from, to, ...values });

  return html`<h1>Errors</h1>
    <div class="tools">
      <${Field} label="Range"><select value=${range} onChange=${(e) => choose({ range: e.target.value })}>
        ${Object.entries(LABELS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select><//>
      ${range === 'custom' && html`<${Field} label="From"><input type="datetime-local" value=${local(from)}
          onChange=${(e) => choose({ from: instant(e.target.value) })} /><//>
        <${Field} label="To"><input type="datetime-local" value=${local(to)} onChange=${(e) => choose({ to: instant(e.target.value) })} /><//>`}
      <button onClick=${errors.reload}>Refresh</button></div>
    <${Async} state=${errors}>${(d) => d.groups.length === 0 ? html`<p class="muted">No failures between <${Time} value=${d.from} /> and <${Time} value=${d.to} />.</p>`
      : html`<p class="muted">${d.groups.reduce((n, g) => n + g.count, 0)} invocations in ${d.groups.length} groups, <${Time} value=${d.from} /> – <${Time} value=${d.to} /></p>
      <table><thead><tr><th>Handler</th><th>Status</th><th>Code</th><th>Message</th><th>Count</th><th>Over time</th><th>Last seen</th><th></th></tr></thead>
      <tbody>${d.groups.map((g) => html`<tr>
        <td>${g.service}/${g.handler}</td><td><${StatusBadge} status=${g.status} /></td><td class="mono">${g.error_code ?? ''}</td>
        <td><div class="message mono" title=${g.message}>${g.message}</div></td><td>${g.count}</td>
        <td><${Sparkline} values=${g.buckets} /></td><td><${Time} value=${g.last_seen} /></td>
        <td><${Link} href=${'/ui/invocations' + queryString({ service: g.service, handler: g.handler, status: g.status, failure: g.message, created_from: d.from })}>Show invocations<//></td>
      </tr>`)}</tbody></table>`}<//>`;
}
