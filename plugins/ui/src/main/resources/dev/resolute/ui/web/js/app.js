// The shell: navigation, theme, the admin token prompt, and the route table mapping URLs to page modules.
import { html, render, useEffect, useState, useErrorBoundary } from './html.js';
import { useLocation } from './router.js';
import { setToken } from './api.js';
import { DialogHost, ErrorBox, Link, Loading } from './ui.js';

// [path pattern, page module, navigation label or null]; :name segments become params
const ROUTES = [
  ['/ui/', 'overview', 'Overview'],
  ['/ui/invocations', 'invocations', 'Invocations'],
  ['/ui/invocations/:id', 'invocation', null],
  ['/ui/errors', 'errors', 'Errors'],
  ['/ui/services', 'services', 'Services'],
  ['/ui/services/:service', 'service', null],
  ['/ui/deployments', 'deployments', 'Deployments'],
  ['/ui/deployments/:id', 'deployment', null],
  ['/ui/state', 'state', 'State'],
  ['/ui/state/:service', 'state', null],
  ['/ui/state/:service/:key', 'state', null],
  ['/ui/sql', 'sql', 'SQL'],
  ['/ui/bundle', 'bundle', 'Open bundle'],
];

const TITLES = Object.fromEntries(ROUTES.filter((r) => r[2]).map(([, page, label]) => [page, label]));

function match(pathname) {
  const parts = pathname.replace(/\/+$/, '').split('/');
  for (const [pattern, page] of ROUTES) {
    const want = pattern.replace(/\/+$/, '').split('/');
    if (want.length !== parts.length) continue;
    const params = {};
    if (want.every((w, i) => (w.startsWith(':') ? (params[w.slice(1)] = decodeURIComponent(parts[i]), true) : w === parts[i]))) {
      return { page, params };
    }
  }
  return null;
}

const THEME = 'resolute-theme';
const systemDark = matchMedia('(prefers-color-scheme: dark)');
function applyTheme(theme) {
  document.documentElement.dataset.theme = theme === 'light' || theme === 'dark' ? theme : systemDark.matches ? 'dark' : 'light';
}
systemDark.addEventListener('change', () => applyTheme(localStorage.getItem(THEME)));
applyTheme(localStorage.getItem(THEME));

function ThemeSwitch() {
  const [theme, setTheme] = useState(localStorage.getItem(THEME) || 'system');
  const choose = (e) => {
    setTheme(e.target.value);
    localStorage.setItem(THEME, e.target.value);
    applyTheme(e.target.value);
  };
  return html`<label class="theme">Theme <select value=${theme} onChange=${choose}>
    <option value="system">System</option><option value="light">Light</option><option value="dark">Dark</option></select></label>`;
}

/** Whether live updates flow: shown while a view follows the server's stream. */
function LiveState() {
  const [state, setState] = useState(null);
  useEffect(() => {
    const hear = (e) => setState(e.detail);
    addEventListener('resolute-live', hear);
    return () => removeEventListener('resolute-live', hear);
  }, []);
  return state === null ? null : html`<span class=${state ? 'live on' : 'live'} role="status">${state ? '● live' : '○ reconnecting…'}</span>`;
}

function TokenPrompt() {
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    const ask = () => setAsked(true);
    addEventListener('resolute-unauthorized', ask);
    return () => removeEventListener('resolute-unauthorized', ask);
  }, []);
  if (!asked) return null;
  const save = (e) => {
    e.preventDefault();
    setToken(new FormData(e.target).get('token'));
    location.reload();
  };
  return html`<form class="token-prompt" onSubmit=${save}>
    <p>The admin API needs a token.</p>
    <input name="token" type="password" aria-label="Admin token" autocomplete="off" required />
    <button type="submit">Use token</button></form>`;
}

const loaded = {};
function PageHost({ page, params, query }) {
  const [module, setModule] = useState(loaded[page]);
  const [error, resetError] = useErrorBoundary();
  useEffect(() => {
    if (!loaded[page]) import(`./pages/${page}.js`).then((m) => setModule((loaded[page] = m)), (e) => setModule({ error: e }));
    else setModule(loaded[page]);
  }, [page]);
  useEffect(() => {
    document.title = [params.id || params.key || params.service, TITLES[page], 'Resolute'].filter(Boolean).join(' · ');
  }, [page, params]);
  if (error) return html`<${ErrorBox} error=${error} /><button onClick=${resetError}>Try again</button>`;
  if (!module || module !== loaded[page]) return module && module.error ? html`<${ErrorBox} error=${module.error} />` : html`<${Loading} />`;
  const Page = module.default;
  return html`<${Page} params=${params} query=${query} />`;
}

function App() {
  const location = useLocation();
  const found = match(location.pathname);
  return html`<div class="shell">
    <nav class="sidebar" aria-label="Main">
      <a class="brand" href="/ui/">Resolute</a>
      ${ROUTES.filter((r) => r[2]).map(([path, , label]) => html`<${Link} href=${path}
        class=${found && (path === '/ui/' ? location.pathname === '/ui/' : location.pathname.startsWith(path)) ? 'active' : ''}>${label}<//>`)}
      <${LiveState} />
      <${ThemeSwitch} />
    </nav>
    <main>
      <${TokenPrompt} />
      ${found
        ? html`<${PageHost} key=${found.page + JSON.stringify(found.params)} page=${found.page} params=${found.params} query=${new URLSearchParams(location.search)} />`
        : html`<${ErrorBox} error=${{ message: 'No page at ' + location.pathname }} />`}
    </main>
    <${DialogHost} />
  </div>`;
}

render(html`<${App} />`, document.getElementById('app'));
