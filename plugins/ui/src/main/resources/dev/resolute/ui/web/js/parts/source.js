// Where an invocation view reads from: the server (the /ui/api endpoints) or an exported bundle (offline, no calls).
// Both answer the same shapes, so the same components show either.
import { api } from '../api.js';
import { bytesText, saveBlob } from '../ui.js';

const enc = encodeURIComponent;
const path = (id) => '/ui/api/invocations/' + enc(id);
const PREVIEW = 65536;

export const serverSource = {
  offline: false,
  invocation: (id) => api(path(id)).then((r) => r.invocation),
  /** {rows, next_cursor}: entries from index `from`, at most `limit`. */
  journal: (id, from, limit) => api(`${path(id)}/journal?from=${from}&limit=${limit}`),
  /** {index, entry_type, entry, value_length, value_preview, value_truncated} */
  entry: (id, index) => api(`${path(id)}/journal/${index}`),
  download: async (id, index) => saveBlob(await (await api(`${path(id)}/journal/${index}/value`, { raw: true })).blob(), `${id}-entry-${index}.bin`),
  /** {rows: [{key, value_length, value (base64|null)}], next_cursor, version} */
  state: (service, key) => api(`/ui/api/state/${enc(service)}/${enc(key)}?limit=20`),
  deployments: () => api('/deployments').then((r) => r.deployments),
};

/** The main value an entry carries (an input's payload, a state value, a call's parameter, a success result), as bytes. */
export function entryValue(entry) {
  let found = null;
  const walk = (node) => {
    if (found || !node || typeof node !== 'object') return;
    for (const [name, value] of Object.entries(node)) {
      if (['payload', 'value', 'parameter', 'Success'].includes(name) && Array.isArray(value)) {
        found = value;
        return;
      }
      walk(value);
    }
  };
  walk(entry);
  return found;
}

/** Reads a parsed bundle (docs/ui-api.md: resolute-invocation-bundle) as a source; only its own invocation is known. */
export function bundleSource(bundle) {
  const journal = bundle.journal || [];
  const own = (id) => {
    if (id !== bundle.invocation.id) throw new Error(`${id} is not in this bundle (it holds ${bundle.invocation.id} only)`);
  };
  const detail = (id, index) => {
    own(id);
    const row = journal[index] && journal[index].index === index ? journal[index] : journal.find((r) => r.index === index);
    if (!row) throw new Error(`entry ${index} is not in this bundle`);
    let entry = null;
    try {
      entry = row.entry_json ? JSON.parse(row.entry_json) : null;
    } catch { /* unparsable: shown without detail */ }
    const bytes = entryValue(entry) || [];
    return { index, entry_type: row.entry_type, entry, bytes, value_length: bytes.length,
      value_preview: bytes.length ? bytesText(bytes.slice(0, PREVIEW)) : null, value_truncated: bytes.length > PREVIEW };
  };
  return {
    offline: true,
    bundle,
    invocation: async (id) => (own(id), bundle.invocation),
    journal: async (id, from, limit) => {
      own(id);
      return { rows: journal.slice(from, from + limit), next_cursor: from + limit < journal.length ? String(from + limit) : null };
    },
    entry: async (id, index) => detail(id, index),
    download: async (id, index) => saveBlob(new Blob([Uint8Array.from(detail(id, index).bytes)]), `${id}-entry-${index}.bin`),
    state: async () => (bundle.state ? { rows: bundle.state.entries || [], next_cursor: null } : null),
    deployments: async () => [],
  };
}
