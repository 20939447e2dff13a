// Invocation actions (cancel, kill, pause, resume, restart-as-new, purge) on one invocation or in batches, each behind
// a confirmation; batches report progress from the live stream.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { useLive } from '../live.js';
import { ErrorBox, confirm, formatCount, isCompleted } from '../ui.js';

const notCompleted = (s) => !isCompleted(s) && s !== 'deleted';

export const OPS = {
  cancel: { label: 'Cancel', past: 'cancelled', danger: true, when: notCompleted,
    text: 'The handler sees a cancellation at its next await and can run compensations before it ends as cancelled.' },
  kill: { label: 'Kill', past: 'killed', danger: true, when: notCompleted,
    text: 'Ends the invocation at once as killed, without running compensations; the calls it is waiting for are killed too.' },
  pause: { label: 'Pause', past: 'paused', when: (s) => notCompleted(s) && s !== 'paused',
    text: 'Stops retrying after the current attempt; resume it later, on the same or another deployment.' },
  resume: { label: 'Resume', past: 'resumed', deployment: true, when: (s) => ['paused', 'backing-off', 'suspended'].includes(s),
    text: 'Starts a new attempt now.' },
  'restart-as-new': { label: 'Restart as new', past: 'restarted', deployment: true, from: true, when: isCompleted,
    text: 'Starts a new invocation with the same input, keeping this one’s journal up to the chosen entry.' },
  purge: { label: 'Purge', past: 'purged', danger: true, when: isCompleted,
    text: 'Deletes the completed invocation, its journal and its stored outcome for good.' },
};

/** keep / latest / one of the registered deployments (GET /deployments). */
export function DeploymentChoice({ value, onChange }) {
  const [deployments, setDeployments] = useState([]);
  useEffect(() => {
    api('/deployments').then((r) => setDeployments(r.deployments || []), () => {});
  }, []);
  return html`<label>Deployment <select value=${value} onChange=${(e) => onChange(e.target.value)}>
    <option value="keep">Keep the pinned deployment</option>
    <option value="latest">Latest deployment</option>
    ${deployments.map((d) => html`<option value=${d.id}>${d.id} ${d.uri || d.arn || ''}</option>`)}
  </select></label>`;
}

/** What journal entry `index` is, under the restart picker. */
function EntryName({ id, index }) {
  const [text, setText] = useState('');
  useEffect(() => {
    let current = true;
    api(`/ui/api/invocations/${encodeURIComponent(id)}/journal/${Number(index) || 0}`).then((d) => {
      const body = d.entry && Object.values(Object.values(d.entry)[0] || {})[0];
      if (current) setText(`Entry ${d.index}: ${d.entry_type}${body && body.name ? ' ' + body.name : ''}`);
    }, (e) => current && setText(e.message));
    return () => { current = false; };
  }, [id, index]);
  return html`<span class="muted" role="status">${text} — the new invocation keeps the journal before it (0: only the input).</span>`;
}

/** Confirms and runs one action on one invocation: PATCH /invocations/{id}/{op}. Resolves the answer, or undefined. */
export function actOn(inv, op, from = 0) {
  const spec = OPS[op];
  return confirm({
    title: `${spec.label} ${inv.id}?`,
    message: spec.text,
    confirmLabel: spec.label,
    danger: spec.danger,
    values: { deployment: 'keep', from },
    fields: (spec.deployment || spec.from) && ((v, set) => html`<div class="fields">
      ${spec.from && html`<label>Restart from journal entry <input type="number" min="0" max=${Math.max(0, (inv.journal_size || 1) - 1)}
        value=${v.from} onInput=${(e) => set('from', e.target.value)} /></label>
        <${EntryName} id=${inv.id} index=${v.from} />`}
      ${spec.deployment && html`<${DeploymentChoice} value=${v.deployment} onChange=${(d) => set('deployment', d)} />`}
    </div>`),
    action: async (v) => {
      const params = new URLSearchParams();
      if (spec.from) params.set('from', v.from);
      if (spec.deployment) params.set('deployment', v.deployment);
      const query = params.toString();
      return (await api(`/invocations/${encodeURIComponent(inv.id)}/${op}${query ? '?' + query : ''}`, { method: 'PATCH' })) || {};
    },
  });
}

/** Buttons for the actions the invocation's status allows; onDone(op, answer) after one ran. */
export function ActionButtons({ inv, onDone }) {
  return html`<div class="actions">${Object.entries(OPS).filter(([, spec]) => spec.when(inv.status)).map(([op, spec]) => html`
    <button class=${spec.danger ? 'danger' : ''} onClick=${async () => {
      const answer = await actOn(inv, op);
      if (answer) onDone(op, answer);
    }}>${spec.label}…</button>`)}</div>`;
}

/**
 * Confirms a batch (stating how many) and starts it: POST /ui/api/batch with ids or a filter. Resolves {job, total}.
 * count: how many it touches (counted beforehand for a filter).
 */
export function startBatch(op, target, count) {
  const spec = OPS[op];
  const what = target.ids ? 'selected' : 'matching the filter';
  return confirm({
    title: `${spec.label} ${formatCount(count)} invocation${count === 1 ? '' : 's'}?`,
    message: `${spec.label} ${formatCount(count)} invocation${count === 1 ? '' : 's'} ${what}. ${spec.text}`,
    confirmLabel: `${spec.label} ${formatCount(count)}`,
    danger: spec.danger,
    values: { deployment: 'keep' },
    fields: spec.deployment && ((v, set) => html`<div class="fields"><${DeploymentChoice} value=${v.deployment} onChange=${(d) => set('deployment', d)} /></div>`),
    action: (v) => api('/ui/api/batch', { method: 'POST', body: { operation: op, ...target, ...(spec.deployment ? { deployment: v.deployment } : {}) } }),
  });
}

/**
 * A running or finished batch job: progress from `batch` events, read once at start and after a reconnect. Progress
 * only moves forward: a read answered before the job's last event may arrive after it and must not undo it.
 */
export function BatchProgress({ job, onFinished, onClose }) {
  const [state, set] = useState({ job: job.job, total: job.total, done: 0, succeeded: 0, failures: [], finished: false });
  const [error, setError] = useState(null);
  const setState = (next) => set((old) => (old.finished || next.done < old.done ? old : next));
  const read = () => api('/ui/api/batch/' + encodeURIComponent(job.job)).then(setState, setError);
  useEffect(() => { read(); }, [job.job]);
  useLive(null, (type, data) => {
    if (type === 'batch' && data.job === job.job) setState(data);
    else if (type === 'open') read();
  });
  useEffect(() => { if (state.finished) onFinished(); }, [state.finished]);
  const spec = OPS[state.operation || job.operation] || { past: 'done' };
  const failed = state.done - state.succeeded;
  return html`<div class="card batch" role="status" aria-label="Batch progress">
    <progress max=${state.total || 1} value=${state.done}></progress>
    <span>${`${state.finished ? 'Finished' : 'Working'}: ${formatCount(state.done)} of ${formatCount(state.total)} processed, `
      + `${formatCount(state.succeeded)} ${spec.past}${failed ? `, ${formatCount(failed)} failed` : ''}.`}</span>
    ${state.finished && html`<button onClick=${onClose}>Dismiss</button>`}
    <${ErrorBox} error=${error} />
    ${state.failures && state.failures.length > 0 && html`<details><summary>Failures</summary><ul>
      ${state.failures.map((f) => html`<li><code>${f.id}</code>: ${f.message}</li>`)}</ul></details>`}
  </div>`;
}
