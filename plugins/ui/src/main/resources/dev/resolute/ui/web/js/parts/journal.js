// The journal as a timeline of any size: entries fetched in windows as they scroll into view, only the visible rows in
// the DOM (fixed row height), runs of repeated entries collapsed into one expandable row, calls expandable inline.
import { html, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from '../html.js';
import { link } from '../router.js';
import { ErrorBox, Link, StatusBadge, bytesText, formatBytes, formatCount, invocationHref, isCompleted } from '../ui.js';
import { entryValue } from './source.js';

const H = 28; // px per row
const WINDOW = 1000; // entries per request (the API's maximum)
const MIN_RUN = 4; // this many equal entries in a row collapse
const CHILD_ROWS = 7;
const OVERSCAN = 15;
const CHASE = 4 * WINDOW; // a collapsed run this long stops loading the entries after it until asked

/** What a row shows, from sys_journal columns, entry_lite_json and value_preview: cached on the row. */
export function entryInfo(row) {
  if (row._info) return row._info;
  const [prefix, type] = (row.entry_type || '').includes(': ') ? row.entry_type.split(': ') : ['', row.entry_type || '?'];
  let lite = {};
  try {
    lite = JSON.parse(row.entry_lite_json || '{}');
  } catch { /* shown by type only */ }
  const notification = prefix === 'Notification' || !!lite.Notification;
  const parts = [];
  let child = null;
  let result = null;
  if (lite.Command) {
    const body = Object.values(lite.Command)[0] || {};
    if (row.name || body.name) parts.push(row.name || body.name);
    if (body.key != null) parts.push(String(body.key));
    if (body.invocation_target) parts.push(targetText(body.invocation_target));
    if (body.target) parts.push(typeof body.target === 'object' ? targetText(body.target) : String(body.target));
    if (body.wake_up_time) parts.push('until ' + new Date(body.wake_up_time).toISOString());
    if (body.target_invocation_id) parts.push('→ ' + body.target_invocation_id);
    if (body.id && typeof body.id === 'string') parts.push(body.id);
    child = body.invocation_id || null;
    result = typeof body.result === 'string' ? body.result : null;
  } else if (lite.Notification) {
    const n = lite.Notification;
    const id = n.id && (n.id.CompletionId ?? n.id.SignalName ?? n.id.SignalIndex);
    parts.push((n.ty && n.ty.Completion) ? `completion ${id}` : `signal ${id}`);
    result = n.result || null;
  } else if (row.name) {
    parts.push(row.name);
  }
  const detail = parts.join(' ');
  return (row._info = {
    type, notification, detail, child, result, preview: preview(row),
    failed: result === 'Failure' || /"Failure"/.test(row.entry_lite_json || ''),
    key: row.entry_type + '|' + (lite.Command ? detail : type),
  });
}

/** A short preview of the row's main value: the server's value_preview, or a bundle row's entry_json. */
function preview(row) {
  if (row.value_preview != null) return row.value_preview;
  try {
    const bytes = row.entry_json && entryValue(JSON.parse(row.entry_json));
    return (bytes && bytesText(bytes.slice(0, 120))) || '';
  } catch {
    return '';
  }
}

/** Svc/handler or Svc/key/handler from the journal model's tagged target (or an id for attach targets). */
function targetText(target) {
  const body = Object.values(target)[0];
  if (typeof body !== 'object' || body === null) return String(body);
  const name = body.name || body.service_name;
  return [name, body.key, body.handler].filter((p) => p != null).join('/');
}

/**
 * Splits the journal into display items: loaded entries, collapsed runs, inline children and not yet loaded gaps. A
 * gap next to a collapsed run takes one row (so loading it cannot make the layout shrink under the view), and an open
 * run continues open after a gap (entries loaded at the end of an expanded run stay expanded).
 */
function layout(rows, length, expanded, children, growing) {
  const items = [];
  let openKey = null; // the key of an open run cut short by a gap
  for (let i = 0; i < length;) {
    if (!rows[i]) {
      let j = i;
      while (j < length && !rows[j]) j++;
      items.push({ k: 'gap', i, n: j - i, rows: j - i });
      i = j;
      continue;
    }
    const key = entryInfo(rows[i]).key;
    let j = i + 1;
    while (j < length && rows[j] && entryInfo(rows[j]).key === key) j++;
    const goesOn = openKey === key && items[items.length - 1].k === 'gap';
    openKey = null;
    if (j - i >= MIN_RUN && !(growing && j === length)) { // the live tail stays expanded, so new entries show
      const more = j < length && !rows[j];
      const open = goesOn || [...expanded].some((x) => x >= i && x < j); // stays open as loads extend the run
      if (!goesOn) items.push({ k: 'run', i, n: j - i, rows: 1, open, more });
      if (!open) {
        i = j;
        continue;
      }
      if (more) openKey = key;
    }
    for (; i < j; i++) {
      items.push({ k: 'entry', i, rows: 1 });
      if (children.has(i)) items.push({ k: 'child', i, rows: CHILD_ROWS });
    }
  }
  const shut = (item) => item && item.k === 'run' && !item.open;
  items.forEach((item, k) => {
    if (item.k === 'gap' && (shut(items[k - 1]) || shut(items[k + 1]))) {
      item.rows = 1;
      item.held = shut(items[k - 1]) && items[k - 1].n >= CHASE; // loads when asked
    }
  });
  const starts = new Float64Array(items.length + 1);
  items.forEach((item, k) => { starts[k + 1] = starts[k] + item.rows; });
  return { items, starts };
}

/** The item showing entry `index`: its entry row, the run or the gap holding it. */
function itemOf(items, index) {
  let lo = 0, hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (items[mid].i <= index) lo = mid; else hi = mid - 1;
  }
  return items[lo].k === 'child' ? lo - 1 : lo;
}

/** The display row of entry `index`. */
function rowOf(items, starts, index) {
  const k = itemOf(items, index);
  return starts[k] + (items[k].k === 'gap' ? Math.min(index - items[k].i, items[k].rows - 1) : 0);
}

/** The last item starting at or before display row r. */
function itemAt(starts, count, r) {
  let lo = 0, hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= r) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * source: a data source (parts/source.js); inv: the invocation row; length: its journal length (grows live);
 * openIndex: the entry shown in detail (highlighted); onOpen(index); jump: {index, seq} scrolls there when it changes.
 */
export function Journal({ source, inv, length, openIndex, onOpen, jump }) {
  const id = inv.id;
  const growing = !source.offline && !isCompleted(inv.status);
  // rows by index; loading: from → promise; failed: froms whose load failed (not retried); end: where the stored journal
  // ended short of `length` (the tail is asked for again once the length grows)
  const target = useRef(null); // entry index to scroll to once laid out
  const store = useRef({ rows: [], loading: new Map(), failed: new Set(), end: Infinity, retries: 0 }).current;
  const [version, bump] = useReducer((n) => n + 1, 0);
  const [expanded, setExpanded] = useState(() => new Set());
  const [children, setChildren] = useState(() => new Set());
  const [view, setView] = useState({ top: 0, height: 520 });
  const [error, setError] = useState(null);
  const [note, setNote] = useState(null);
  const box = useRef();
  const follow = useRef(false); // scrolled to the end: stay there as the journal grows
  const anchor = useRef(null); // {index, offset}: the entry at the top of the view
  const laidOut = useRef(null); // the items the view was last placed for

  const load = (from) => {
    if (!store.loading.has(from) && !store.rows[from]) {
      store.loading.set(from, source.journal(id, from, WINDOW).then((page) => {
        for (const row of page.rows) store.rows[row.index] = row;
        if (!page.next_cursor) {
          store.end = Math.max(from, store.rows.length); // past every row read (an older, shorter answer may come last)
          // shorter than the length the invocation reported: its newest entries may not be readable yet, so ask
          // again a few times, backing off, rather than hiding them until the next change
          if (store.end < known.current && store.retries < 5) {
            setTimeout(() => { store.end = Infinity; bump(); }, 250 * 2 ** store.retries++);
          }
        }
        store.loading.delete(from);
        bump();
      }, (e) => {
        store.loading.delete(from);
        store.failed.add(from);
        setError(e);
      }));
    }
    return store.loading.get(from) || Promise.resolve();
  };

  const known = useRef(length);
  if (length > known.current) { // grew: ask for the tail again
    store.end = Infinity;
    store.retries = 0;
  }
  known.current = length;
  const shown = Math.min(length, store.end);
  const { items, starts } = useMemo(() => layout(store.rows, shown, expanded, children, growing), [version, shown, expanded, children, growing]);
  const seq = useRef(null);
  if (jump && jump.seq !== seq.current) {
    seq.current = jump.seq;
    target.current = jump.index;
  }
  const total = starts[items.length];
  const first = Math.max(0, Math.floor(view.top / H) - OVERSCAN);
  const last = Math.min(total, Math.ceil((view.top + view.height) / H) + OVERSCAN);
  const visible = [];
  const wanted = [];
  if (items.length) {
    for (let k = itemAt(starts, items.length, first); k < items.length && starts[k] < last; k++) {
      const item = items[k];
      visible.push([item, starts[k]]);
      if (item.k === 'gap' && !item.held) {
        const firstMissing = item.i + Math.max(0, first - starts[k]);
        wanted.push(Math.max(item.i, firstMissing - (firstMissing % WINDOW)));
      }
    }
  }

  useEffect(() => {
    wanted.filter((from) => !store.failed.has(from)).slice(0, 2).forEach(load);
  });

  // After every layout change: follow the tail, or scroll to a requested entry (expanding its run, loading its
  // window), or else keep the entry at the top of the view in place while rows above it load or collapse.
  useLayoutEffect(() => {
    const el = box.current;
    const index = target.current;
    if (index != null && index < shown) {
      const k = itemOf(items, index);
      const item = items[k];
      if (item.k === 'gap') {
        let from = index;
        while (from > item.i && index - from < WINDOW - 1 && from % WINDOW) from--;
        load(from);
      } else if (item.k === 'run' && !item.open) {
        setExpanded((s) => new Set(s).add(item.i));
      } else {
        target.current = null;
        el.scrollTop = Math.max(0, starts[k] * H - el.clientHeight / 3);
      }
    } else if (follow.current) {
      el.scrollTop = total * H;
    } else if (anchor.current && laidOut.current !== items) {
      el.scrollTop = rowOf(items, starts, anchor.current.index) * H + anchor.current.offset;
    }
    laidOut.current = items;
    if (items.length) {
      const r = Math.floor(el.scrollTop / H);
      const item = items[itemAt(starts, items.length, r)];
      const at = item.i + (item.k === 'gap' ? r - starts[itemAt(starts, items.length, r)] : 0);
      anchor.current = { index: at, offset: el.scrollTop - rowOf(items, starts, at) * H };
    }
  });

  useEffect(() => {
    const el = box.current;
    let frame = 0;
    const measure = () => {
      frame = 0;
      follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - H;
      setView({ top: el.scrollTop, height: el.clientHeight });
    };
    const onScroll = () => { if (!frame) frame = requestAnimationFrame(measure); };
    el.addEventListener('scroll', onScroll, { passive: true });
    measure();
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  /** Loads windows from the start until a failed entry (or the last failure's related entry) shows up. */
  const jumpToFailure = async () => {
    setNote('Searching…');
    const related = inv.last_failure_related_entry_index;
    const end = related != null ? Math.min(shown, related + 1) : shown;
    for (let i = 0; i < end; i++) {
      if (!store.rows[i]) await load(i);
      const row = store.rows[i];
      if (!row) return setNote(null); // the load failed: its error shows
      if ((row && entryInfo(row).failed) || i === related) {
        setNote(null);
        target.current = i;
        bump();
        onOpen(i);
        return;
      }
    }
    setNote('No failed entry in this journal.');
  };

  const toggle = (set, setter, value) => setter(new Set(set.has(value) ? [...set].filter((v) => v !== value) : [...set, value]));
  const failing = inv.last_failure_related_entry_index;

  const row = (item, top) => {
    const style = `top:${top * H}px;height:${item.rows * H}px`;
    if (item.k === 'gap') {
      const range = `entries ${item.i}–${item.i + item.n - 1}`;
      return html`<div class="jrow gap" style=${style}>${item.held ? html`<button class="link" onClick=${() => load(item.i)}>Load ${range}</button>`
        : html`<span class="muted">Loading ${range}…</span>`}</div>`;
    }
    if (item.k === 'child') return html`<div class="jrow childbox" style=${style}><${ChildPreview} source=${source} row=${store.rows[item.i]} /></div>`;
    const entry = store.rows[item.i];
    const info = entryInfo(entry);
    if (item.k === 'run') {
      const end = store.rows[item.i + item.n - 1];
      return html`<div class="jrow run" role="listitem" style=${style}>
        <button class="link" aria-expanded=${item.open} onClick=${() => setExpanded(item.open
          ? new Set([...expanded].filter((x) => x < item.i || x >= item.i + item.n)) : new Set(expanded).add(item.i))}>${item.open ? '▾' : '▸'}</button>
        <span class="idx">${item.i}–${item.i + item.n - 1}</span>
        <span class="when">${clock(entry.appended_at)}–${clock(end.appended_at)}</span>
        <span class="kind">${info.type}</span>
        <span class="detail">${info.detail} <b>×${formatCount(item.n)}${item.more ? '+' : ''}</b></span>
      </div>`;
    }
    const classes = ['jrow', info.notification && 'note', info.failed && 'failed', item.i === failing && 'failing', item.i === openIndex && 'open'];
    return html`<div class=${classes.filter(Boolean).join(' ')} role="listitem" style=${style} tabindex="0" data-index=${item.i}
        onClick=${() => onOpen(item.i)} onKeyDown=${(e) => e.key === 'Enter' && onOpen(item.i)}>
      <span class="tree">${info.child && html`<button class="link" aria-label=${`Show child ${info.child}`} aria-expanded=${children.has(item.i)}
        onClick=${(e) => { e.stopPropagation(); toggle(children, setChildren, item.i); }}>${children.has(item.i) ? '▾' : '▸'}</button>`}</span>
      <span class="idx">${item.i}</span>
      <span class="when" title=${entry.appended_at}>${clock(entry.appended_at)}</span>
      <span class="kind">${info.notification ? '↳ ' : ''}${info.type}</span>
      <span class="detail">${info.detail}${info.child && !source.offline && html` <a href=${invocationHref(info.child)}
        onClick=${(e) => { e.stopPropagation(); link(e); }}>${info.child}</a>`} <span class="muted">${info.preview}</span></span>
      <span class="result">${info.result && info.result !== 'Void' && html`<span class=${'res-' + info.result}>${info.result}</span>`}${item.i === failing ? ' ⚠ last failure' : ''}</span>
      <span class="size">${entry.raw_length ? formatBytes(entry.raw_length) : ''}</span>
    </div>`;
  };

  return html`<div class="journal">
    <div class="toolbar">
      <span>${formatCount(length)} entries</span>
      <button onClick=${jumpToFailure} disabled=${!length}>Jump to first failure</button>
      <button onClick=${() => { target.current = Math.max(0, length - 1); bump(); }} disabled=${!length}>Jump to end</button>
      ${note && html`<span class="muted" role="status">${note}</span>`}
    </div>
    <${ErrorBox} error=${error} />
    <div class="jscroll" ref=${box} role="list" aria-label="Journal" style=${`height:min(60vh,${total * H + 2}px)`}>
      <div style=${`height:${total * H}px;position:relative`}>${visible.map(([item, top]) => row(item, top))}</div>
    </div>
  </div>`;
}

const clock = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) + '.' + iso.slice(20, 23) : '');

/** A call's callee inline: its status and first journal entries. */
function ChildPreview({ source, row }) {
  const id = entryInfo(row).child;
  const [data, setData] = useState(null);
  useEffect(() => {
    Promise.all([source.invocation(id), source.journal(id, 0, CHILD_ROWS - 2)])
      .then(([inv, page]) => setData({ inv, rows: page.rows }), (error) => setData({ error }));
  }, [id]);
  if (!data) return html`<span class="muted">Loading ${id}…</span>`;
  if (data.error) return html`<${ErrorBox} error=${data.error} />`;
  return html`<div><${Link} href=${invocationHref(id)}>${id}<//> <${StatusBadge} status=${data.inv.status} /> ${data.inv.target}
    ${data.rows.map((r) => html`<div class="muted">${r.index} ${entryInfo(r).type} ${entryInfo(r).detail}</div>`)}</div>`;
}
