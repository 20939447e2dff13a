// pushState routing: every view has a URL (shareable), the query string carries filters and choices.
import { useEffect, useState } from './html.js';

const listeners = new Set();
const notify = () => listeners.forEach((listener) => listener());
addEventListener('popstate', notify);

export function navigate(url, replace = false) {
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  notify();
}

/** Re-renders the caller whenever the URL changes; returns window.location. */
export function useLocation() {
  const [, bump] = useState(0);
  useEffect(() => {
    const listener = () => bump((n) => n + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return location;
}

/** onClick for same-origin <a href>: navigates without reloading, keeps ctrl/middle click for new tabs. */
export function link(event) {
  const a = event.currentTarget;
  if (event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey || a.origin !== location.origin) return;
  event.preventDefault();
  navigate(a.pathname + a.search + a.hash);
}

/** Replaces the current URL's query (keeps history clean while filters change); empty values are dropped. */
export function setQuery(values) {
  navigate(location.pathname + queryString(values), true);
}

/** ?a=1&b=x&b=y from an object whose values are text, numbers, booleans or arrays; empty values are left out. */
export function queryString(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') params.append(name, String(one));
    }
  }
  const text = params.toString();
  return text ? '?' + text : '';
}
