// /ui/bundle — opens an exported invocation bundle (a JSON file) in the browser, offline: no server calls.
import { html, useState } from '../html.js';
import { ErrorBox } from '../ui.js';
import { InvocationView } from '../parts/view.js';
import { bundleSource } from '../parts/source.js';

async function read(file) {
  const bundle = JSON.parse(await file.text());
  if (!bundle || bundle.format !== 'resolute-invocation-bundle' || !bundle.invocation) {
    throw new Error(`${file.name} is not an invocation bundle (expected "format": "resolute-invocation-bundle")`);
  }
  return { name: file.name, source: bundleSource(bundle) };
}

export default function Page({ query }) {
  const [opened, setOpened] = useState(null);
  const [error, setError] = useState(null);
  const [over, setOver] = useState(false);
  const open = (file) => file && read(file).then((o) => { setOpened(o); setError(null); }, (e) => setError(e));
  const drop = (e) => {
    e.preventDefault();
    setOver(false);
    open(e.dataTransfer.files[0]);
  };
  const bundle = opened && opened.source.bundle;
  return html`<div>
    <h1>Invocation bundle</h1>
    <div class=${over ? 'dropzone over' : 'dropzone'} onDragOver=${(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave=${() => setOver(false)} onDrop=${drop}>
      <label>Open a bundle file <input type="file" accept=".json,application/json" onChange=${(e) => open(e.target.files[0])} /></label>
      <span class="muted">or drop it here. It is read in the browser only; nothing is sent to the server.</span>
    </div>
    <${ErrorBox} error=${error} />
    ${bundle && html`<p class="muted">${`${opened.name}: exported ${bundle.exported_at} from ${(bundle.server || {}).name} `
      + `${(bundle.server || {}).version}${bundle.service ? `, service ${bundle.service.name} (${bundle.service.ty})` : ''}.`}</p>
      <${InvocationView} key=${opened.name + bundle.exported_at} source=${opened.source} id=${bundle.invocation.id} query=${query} />`}
  </div>`;
}
