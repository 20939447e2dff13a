// Small shared pieces every view uses. Text is always rendered through htm (escaped); never set innerHTML.
import { html, useEffect, useRef, useState } from './html.js';
import { link } from './router.js';

/** Runs an async loader when deps change: {data, error, loading, reload}. */
export function useAsync(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error) => current && setState({ data: undefined, error, loading: false }));
    return () => { current = false; };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((n) => n + 1) };
}

export const Link = ({ href, children, ...rest }) => html`<a href=${href} onClick=${link} ...${rest}>${children}</a>`;

export const ErrorBox = ({ error }) => error && html`<div class="error" role="alert">${error.message || String(error)}</div>`;

export const Loading = () => html`<div class="loading" role="status">Loading…</div>`;

/** Loading, the error, or the children rendered from the data. */
export function Async({ state, children }) {
  if (state.error) return html`<${ErrorBox} error=${state.error} />`;
  if (state.data === undefined) return html`<${Loading} />`;
  return children(state.data);
}

export const StatusBadge = ({ status }) => html`<span class="status status-${status}">${status}</span>`;

export const COMPLETED = ['succeeded', 'failed', 'cancelled', 'killed'];
export const isCompleted = (status) => COMPLETED.includes(status);

/** An instant as local time, full ISO in the tooltip. */
export function Time({ value }) {
  if (!value) return html`<span class="muted">—</span>`;
  const date = new Date(value);
  return html`<time datetime=${value} title=${value}>${date.toLocaleString()}</time>`;
}

/** 1.2 s, 3 min 4 s, 2 h 5 min, 3 d 4 h. */
export function formatDuration(ms) {
  if (ms == null || isNaN(ms)) return '—';
  if (ms < 1000) return Math.round(ms) + ' ms';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(s < 10 ? 2 : 1) + ' s';
  const parts = [[86400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']].map(([n, u]) => [Math.floor(s / n), u, n]);
  const i = parts.findIndex(([v]) => v > 0);
  const [a, ua, na] = parts[i];
  const rest = Math.floor((s - a * na) / parts[i + 1][2]);
  return `${a} ${ua}` + (rest ? ` ${rest} ${parts[i + 1][1]}` : '');
}

export function formatBytes(n) {
  if (n == null) return '—';
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB'];
  let u = -1;
  do { n /= 1024; u++; } while (n >= 1024 && u < 2);
  return n.toFixed(n < 10 ? 1 : 0) + ' ' + units[u];
}

export const formatCount = (n) => Number(n).toLocaleString('en-US').replace(/,/g, ' ');

/** How long an invocation ran: from its start (or creation) to its completion, or until now; none while scheduled. */
export function invocationDuration(row, now = Date.now()) {
  if (!row.created_at || row.status === 'scheduled') return null;
  const end = row.completed_at && isCompleted(row.status) ? Date.parse(row.completed_at) : now;
  return end - Date.parse(row.scheduled_start_at || row.created_at);
}

export function invocationHref(id) {
  return '/ui/invocations/' + encodeURIComponent(id);
}

/** Bytes of a JSON byte array (entry_json writes payloads that way) as text when they are UTF-8, else null. */
export function bytesText(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

/** Pretty JSON where byte arrays that are UTF-8 text are shown as that text. */
export function prettyJson(value) {
  return JSON.stringify(value, (k, v) => {
    if (Array.isArray(v) && v.length > 0 && v.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) {
      const text = bytesText(v);
      if (text !== null) return `bytes(${v.length}): ${text.length > 2000 ? text.slice(0, 2000) + '…' : text}`;
    }
    return v;
  }, 2);
}

/** Saves a Blob as a file (object URL on a temporary link). */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---- dialogs: one host in the shell; confirm() opens a modal and resolves with the action's result or undefined ----
let openDialog = () => { throw new Error('dialog host not mounted'); };

export function DialogHost() {
  const [dialog, setDialog] = useState(null);
  openDialog = setDialog;
  return dialog && html`<${Dialog} key=${dialog.key} ...${dialog} close=${() => setDialog(null)} />`;
}

/**
 * Asks before acting. title, message (text), confirmLabel, danger; optional values (initial form values) and
 * fields(values, set) rendering extra inputs; action(values) runs on confirm: its error (the server's message) is
 * shown in the dialog, which stays open; its result resolves the promise. Cancel resolves undefined.
 */
export function confirm(options) {
  return new Promise((resolve) => openDialog({ ...options, key: Math.random(), resolve }));
}

function Dialog({ title, message, confirmLabel = 'Confirm', danger, values: initial = {}, fields, action, resolve, close }) {
  const ref = useRef();
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => {
    ref.current.showModal();
  }, []);
  const done = (result) => {
    close();
    resolve(result);
  };
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      done(action ? (await action(values)) ?? true : true);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const set = (name, value) => setValues((v) => ({ ...v, [name]: value }));
  return html`<dialog ref=${ref} aria-label=${title} onCancel=${(e) => { e.preventDefault(); if (!busy) done(undefined); }}>
    <form onSubmit=${submit}>
      <h2>${title}</h2>
      ${message && html`<p>${message}</p>`}
      ${fields && fields(values, set)}
      <${ErrorBox} error=${error} />
      <div class="buttons">
        <button type="button" onClick=${() => done(undefined)} disabled=${busy}>Close</button>
        <button type="submit" class=${danger ? 'danger' : 'primary'} disabled=${busy}>${busy ? 'Working…' : confirmLabel}</button>
      </div>
    </form>
  </dialog>`;
}
