// Small shared pieces every view uses. Text is always rendered through htm (escaped); never set innerHTML.
import { html, useEffect, useState } from './html.js';
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

export const Loading = () => html`<div class="loading">Loading…</div>`;

/** Loading, the error, or the children rendered from the data. */
export function Async({ state, children }) {
  if (state.error) return html`<${ErrorBox} error=${state.error} />`;
  if (state.data === undefined) return html`<${Loading} />`;
  return children(state.data);
}

export const StatusBadge = ({ status }) => html`<span class="status status-${status}">${status}</span>`;

/** An instant as local time, full ISO in the tooltip. */
export function Time({ value }) {
  if (!value) return html`<span class="muted">—</span>`;
  const date = new Date(value);
  return html`<time datetime=${value} title=${value}>${date.toLocaleString()}</time>`;
}

export function invocationHref(id) {
  return '/ui/invocations/' + encodeURIComponent(id);
}
