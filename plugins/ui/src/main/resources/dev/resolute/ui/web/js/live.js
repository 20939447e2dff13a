// One server-sent-events stream per tab (/ui/api/stream), shared by every view that wants live data. It is read with
// fetch so it can carry the admin token, reopened when the wanted invocations change, and closed while the tab is hidden.
import { authHeaders } from './api.js';
import { useEffect, useRef } from './html.js';

const subscriptions = new Set(); // {ids: string[] | null (every change), onEvent(type, data)}
let stream = null; // {key, controller}
let retry = 0;

function wantedKey() {
  if (subscriptions.size === 0 || document.hidden) return null;
  const ids = new Set();
  for (const s of subscriptions) {
    if (!s.ids) return '*';
    s.ids.forEach((id) => ids.add(id));
  }
  return [...ids].sort().join(',');
}

/** The shell's indicator hears whether the stream is up (true), down (false) or not wanted (null). */
const announce = (state) => dispatchEvent(new CustomEvent('resolute-live', { detail: state }));

function dispatch(type, data) {
  for (const s of subscriptions) {
    if (type === 'changes' && s.ids) {
      const mine = data.filter((change) => s.ids.includes(change.id));
      if (mine.length) s.onEvent(type, mine);
    } else {
      s.onEvent(type, data);
    }
  }
}

async function open(key) {
  const controller = new AbortController();
  stream = { key, controller };
  const query = key === '*' ? '' : '?' + key.split(',').map((id) => 'invocation=' + encodeURIComponent(id)).join('&');
  try {
    const response = await fetch('/ui/api/stream' + query, { headers: authHeaders(), signal: controller.signal });
    if (!response.ok) {
      if (response.status === 401) dispatchEvent(new CustomEvent('resolute-unauthorized'));
      throw new Error('stream answered ' + response.status);
    }
    retry = 0;
    dispatch('open', null);
    announce(true);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let type = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) type = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
        }
        if (data) dispatch(type, JSON.parse(data));
      }
    }
  } catch (e) {
    if (controller.signal.aborted) return;
  }
  if (stream && stream.controller === controller) { // dropped by the server or the network: reconnect, backing off
    stream = null;
    dispatch('closed', null);
    announce(false);
    setTimeout(refresh, Math.min(30000, 500 * 2 ** retry++));
  }
}

function refresh() {
  const key = wantedKey();
  if (stream && stream.key === key) return;
  if (stream) {
    stream.controller.abort();
    stream = null;
    announce(null);
  }
  if (key) open(key);
}

document.addEventListener('visibilitychange', refresh);

/**
 * Live events while the calling component is mounted: ids = the invocations to follow, null for every change, or
 * false for none (an offline view).
 * onEvent(type, data) gets 'changes' (a list of {id, service, handler, status, journal_length, retry_count}), 'batch'
 * (a batch job's progress), 'open' and 'closed' (the stream's state).
 */
export function useLive(ids, onEvent) {
  const key = ids === false ? '' : ids ? ids.join(',') : '*';
  const latest = useRef(onEvent);
  latest.current = onEvent; // the subscription outlives renders; it always calls the newest handler
  useEffect(() => {
    if (ids === false) return undefined;
    const subscription = { ids, onEvent: (type, data) => latest.current(type, data) };
    subscriptions.add(subscription);
    queueMicrotask(refresh);
    return () => {
      subscriptions.delete(subscription);
      queueMicrotask(refresh);
    };
  }, [key]);
}
