// /ui/invocations/:id — one invocation from the server, live.
import { html } from '../html.js';
import { InvocationView } from '../parts/view.js';
import { serverSource } from '../parts/source.js';

export default function Page({ params, query }) {
  return html`<${InvocationView} source=${serverSource} id=${params.id} query=${query} />`;
}
