// Helpers shared by the overview, errors, services, deployments, state and SQL pages: confirmations, bytes, charts,
// downloads, schemas. User data is always rendered as text through htm.
import { html, useEffect, useRef, useState } from './html.js';
import { api } from './api.js';
import { ErrorBox } from './ui.js';

export const STATUSES = ['pending', 'scheduled', 'ready', 'running', 'backing-off', 'suspended', 'paused',
  'succeeded', 'failed', 'cancelled', 'killed'];

export const enc = encodeURIComponent;

/** A labelled form control: <label>Text <input…/></label>, so tests and screen readers find it by its label. */
export const Field = ({ label, children, hint }) => html`<label class="field"><span>${label}</span>${children}${hint && html`<small class="muted">${hint}</small>`}</label>`;

/**
 * A modal confirmation: title, body, and a button that runs `action` (async). Errors stay in the dialog; success
 * closes it and calls `done`.
 */
function Confirm({ title, body, label = 'Confirm', danger, action, done, close }) {
  const ref = useRef();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => { ref.current.showModal(); }, []);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      close();
      if (done) done(result);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return html`<dialog ref=${ref} aria-label=${title} onCancel=${(e) => { e.preventDefault(); close(); }}>
    <h2>${title}</h2>${body}<${ErrorBox} error=${error} />
    <div class="buttons"><button type="button" onClick=${close}>Cancel</button>
    <button type="button" class=${danger ? 'danger' : 'primary'} disabled=${busy} onClick=${run}>${busy ? 'Working…' : label}</button></div></dialog>`;
}

/** [dialog element or null, ask({title, body, label, danger, action, done})]. */
export function useConfirm() {
  const [props, setProps] = useState(null);
  return [props && html`<${Confirm} ...${props} close=${() => setProps(null)} />`, setProps];
}

/** Calls `fn` at most once a second however often it is asked to (live refreshes from the change feed). */
export function useThrottled(fn, ms = 1000) {
  const latest = useRef(fn);
  latest.current = fn;
  const state = useRef({ last: 0, timer: null });
  useEffect(() => () => clearTimeout(state.current.timer), []);
  return () => {
    const s = state.current;
    if (s.timer) return;
    s.timer = setTimeout(() => { s.timer = null; s.last = Date.now(); latest.current(); }, Math.max(0, s.last + ms - Date.now()));
  };
}

// Bytes: the API carries binary values as base64.
export const fromBase64 = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
export function toBase64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
export const utf8Base64 = (text) => toBase64(new TextEncoder().encode(text));
/** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
export function utf8(bytes) {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { return null; }
}
export const hex = (bytes, max = 64) => [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0')).join(' ') + (bytes.length > max ? ' …' : '');
export function size(n) {
  if (n == null) return '—';
  return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1048576).toFixed(1) + ' MiB';
}
/** Pretty JSON when the text is JSON, else the text itself. */
export function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

/** Saves a Blob (or text) as a file, client side. */
export function save(name, data, type = 'application/octet-stream') {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(data instanceof Blob ? data : new Blob([data], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
/** Downloads from the admin API with the token (a plain link could not send it). */
export const download = async (path, name) => save(name, await (await api(path, { raw: true })).blob());

/** The UI status of an invocation row (sys_invocation columns): completed splits by its result. */
export function statusOf(row) {
  if (row.status !== 'completed') return row.status;
  if (row.completion_result === 'success') return 'succeeded';
  const failure = (row.completion_failure || '').toLowerCase();
  return failure.includes('kill') ? 'killed' : failure.includes('cancel') ? 'cancelled' : 'failed';
}

/** A tiny bar sparkline of counts. */
export function Sparkline({ values, width = 120, height = 24 }) {
  const max = Math.max(1, ...values);
  const w = width / Math.max(1, values.length);
  return html`<svg class="spark" width=${width} height=${height} role="img" aria-label=${'counts: ' + values.join(', ')}>
    ${values.map((v, i) => html`<rect x=${i * w} y=${height - (v / max) * height} width=${Math.max(1, w - 1)} height=${(v / max) * height}><title>${v}</title></rect>`)}</svg>`;
}

/** A JSON schema shown as a readable tree of properties and types; anything unusual falls back to the raw JSON. */
export function Schema({ schema }) {
  if (!schema) return html`<span class="muted">none</span>`;
  const type = (s) => s.type ? [].concat(s.type).join(' | ') + (s.items ? ' of ' + type(s.items) : '') : s.enum ? s.enum.map((e) => JSON.stringify(e)).join(' | ') : s.$ref || 'any';
  const props = schema.properties;
  return html`<div class="schema"><code>${type(schema)}</code>${props && html`<ul>${Object.entries(props).map(([name, s]) => html`<li>
    <code>${name}${(schema.required || []).includes(name) ? '' : '?'}</code>: <code>${type(s)}</code>${s.description && html` <span class="muted">${s.description}</span>`}
    ${s.properties && html`<${Schema} schema=${s} />`}</li>`)}</ul>`}
    <details><summary>JSON</summary><pre>${JSON.stringify(schema, null, 2)}</pre></details></div>`;
}

/** A starting value for a handler's input, from its JSON schema where it is simple. */
export function example(schema) {
  if (!schema) return undefined;
  if ('default' in schema) return schema.default;
  if (schema.examples && schema.examples.length) return schema.examples[0];
  if (schema.enum) return schema.enum[0];
  const type = [].concat(schema.type)[0];
  if (type === 'object') return Object.fromEntries(Object.entries(schema.properties || {}).map(([k, s]) => [k, example(s) ?? null]));
  return { string: '', number: 0, integer: 0, boolean: false, array: [], null: null }[type];
}
