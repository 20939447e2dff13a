// Helpers shared by the overview, errors, services, deployments, state and SQL pages: labelled controls, bytes,
// sparklines, downloads, schemas. User data is always rendered as text through htm.
import { html, useEffect, useRef } from './html.js';
import { api } from './api.js';
import { saveBlob } from './ui.js';

export const STATUSES = ['pending', 'scheduled', 'ready', 'running', 'backing-off', 'suspended', 'paused',
  'succeeded', 'failed', 'cancelled', 'killed'];

export const enc = encodeURIComponent;

/** A labelled form control: <label>Text <input…/></label>, so tests and screen readers find it by its label. */
export const Field = ({ label, children, hint }) => html`<label class="control"><span>${label}</span>${children}${hint && html`<small class="muted">${hint}</small>`}</label>`;

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
/** Text as the base64 of its UTF-8 bytes (in chunks: spreading megabytes into one call would overflow the stack). */
export function utf8Base64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
export const hex = (bytes, max = 64) => [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0')).join(' ') + (bytes.length > max ? ' …' : '');
/** Pretty JSON when the text is JSON, else the text itself. */
export function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

/** The drained deployments' ids; a failure leaves the deployments themselves readable (none marked). */
export const drained = () => api('/ui/api/deployments/drained').catch(() => ({ ids: [] }));

/** Downloads from the admin API with the token (a plain link could not send it). */
export const download = async (path, name) => saveBlob(await (await api(path, { raw: true })).blob(), name);

/** A tiny bar sparkline of counts. */
export function Sparkline({ values, width = 120, height = 24 }) {
  const max = Math.max(1, ...values);
  const w = width / Math.max(1, values.length);
  return html`<svg class="spark" width=${width} height=${height} role="img" aria-label=${'counts: ' + values.join(', ')}>
    ${values.map((v, i) => html`<rect x=${i * w} y=${height - (v / max) * height} width=${Math.max(1, w - 1)} height=${(v / max) * height}><title>${v}</title></rect>`)}</svg>`;
}

/** A JSON schema shown as a readable tree of properties and types; anything unusual falls back to the raw JSON. */
export function Schema({ schema, nested }) {
  if (!schema) return html`<span class="muted">none</span>`;
  const type = (s) => s.type ? [].concat(s.type).join(' | ') + (s.items ? ' of ' + type(s.items) : '') : s.enum ? s.enum.map((e) => JSON.stringify(e)).join(' | ') : s.$ref || 'any';
  const props = schema.properties;
  return html`<div class="schema">${!nested && html`<code>${type(schema)}</code>`}${props && html`<ul>${Object.entries(props).map(([name, s]) => html`<li>
    <code>${name}${(schema.required || []).includes(name) ? '' : '?'}</code>: <code>${type(s)}</code>${s.description && html` <span class="muted">${s.description}</span>`}
    ${s.properties && html`<${Schema} schema=${s} nested />`}</li>`)}</ul>`}
    ${!nested && html`<details><summary>JSON schema</summary><pre>${JSON.stringify(schema, null, 2)}</pre></details>`}</div>`;
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
