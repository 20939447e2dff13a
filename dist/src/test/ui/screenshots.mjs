// Screenshots of every page for docs/ui.md: `node dist/src/test/ui/screenshots.mjs` after
// `mvn package -pl dist -am -DskipTests`. Starts the assembled server and the UI test services (random ports, a temp
// dir), fills the server with invocations of every kind, and saves 1280×800 PNGs into docs/ui/.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const out = join(root, 'docs/ui');
const work = mkdtempSync(join(tmpdir(), 'resolute-shots-'));
const children = [];

/** Starts a process; resolves `ready(stdout so far)` once it is truthy. */
function start(command, args, cwd, ready) {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let text = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const value = ready(text);
      if (value) resolve(value);
    });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${text}`)));
  });
}
const port = (text, name) => text.match(new RegExp(`^${name}=.*:(\\d+)$`, 'm'))?.[1];
const listening = (text) => port(text.replace(/^listening on /m, 'x=:'), 'x');

const services = join(root, 'test-services/typescript');
const uiServices = await start('node', ['serve.js', '--module=./ui-services'], services, listening);
const otherServices = await start('node', ['serve.js', '--module=./services'], services, listening);
const [adminPort, ingressPort] = await start(join(root, 'dist/target/resolute/bin/restate-server'),
  ['--use-random-ports', '--no-logo', '--listen-mode', 'tcp', '--base-dir', join(work, 'data')], work,
  (text) => port(text, 'ingress.tcp') && [port(text, 'admin.tcp'), port(text, 'ingress.tcp')]);
process.env.ADMIN_URL = `http://127.0.0.1:${adminPort}`;
process.env.INGRESS_URL = `http://127.0.0.1:${ingressPort}`;
const { admin, call, invoke, launch, send, statusOf, until } = await import('./browser.mjs');

try {
  await until(async () => (await fetch(`${admin}/health`).catch(() => ({}))).ok, 'the server to be healthy', 60_000);
  await call(`${admin}/deployments`, { body: { uri: `http://127.0.0.1:${uiServices}` }, expect: 201 });
  const ids = await fill();
  mkdirSync(out, { recursive: true });
  await shoot(ids);
} finally {
  children.forEach((c) => c.kill());
  rmSync(work, { recursive: true, force: true });
}

/** Invocations of every kind: succeeded, failed, paused, running, cancelled, killed, restarted, big; state. */
async function fill() {
  for (const name of ['Ada', 'Grace', 'Alan', 'Edsger']) await invoke('Hello/greet', name);
  for (const name of ['Mallory', 'Eve']) await call(`${process.env.INGRESS_URL}/Hello/reject`, { body: name, expect: 422 });
  const steps = (await invoke('Watch/steps', 'order-17')).id;
  await call(`${admin}/invocations/${steps}/restart-as-new?from=3`, { method: 'PATCH' });
  const grown = (await invoke('Watch/grow', 6)).id;
  for (const tag of ['payment', 'shipping']) await statusOf(await send('Pauser/flaky', tag), 'paused');
  const cancelled = await send('Watch/sleep', 600_000);
  await call(`${admin}/invocations/${cancelled}/cancel`, { method: 'PATCH', expect: null });
  const killed = await send('Watch/sleep', 600_000);
  await call(`${admin}/invocations/${killed}/kill`, { method: 'PATCH', expect: null });
  await send('Watch/sleep', 600_000);
  await send('Watch/grow', 400);
  await invoke('Shelf/books/put', { title: 'Dune', author: 'Frank Herbert', year: 1965, tags: ['sci-fi', 'classic'] });
  await invoke('Shelf/films/put', { title: 'Alien', year: 1979 });
  await invoke('Shelf/music/put', { album: 'Kind of Blue', artist: 'Miles Davis' });
  const big = (await invoke('Big/archive/journal', 5000)).id;
  await until(async () => (await statusOf(killed)) === 'completed', 'the kill');
  return { grown, big, steps };
}

async function shoot({ grown, big }) {
  const browser = await launch();
  const page = await browser.context.newPage();
  const settle = async () => {
    await page.waitForLoadState('networkidle').catch(() => {});
    await until(async () => !(await page.locator('main').textContent()).includes('Loading'), 'the page to load');
    await page.waitForTimeout(300);
  };
  const snap = async (name, path, act) => {
    if (path) await page.goto(admin + path);
    await settle();
    if (act) {
      await act();
      await settle();
    }
    await page.screenshot({ path: join(out, name + '.png') });
    console.log(`docs/ui/${name}.png  ${page.url()}`);
  };
  const dp = (await call(`${admin}/deployments`, { method: 'GET' })).json().deployments[0].id;
  await snap('overview', '/ui/');
  await snap('invocations', '/ui/invocations');
  await snap('invocation', `/ui/invocations/${grown}?entry=1`);
  await snap('invocation-large-journal', `/ui/invocations/${big}`);
  await snap('errors', '/ui/errors');
  await snap('services', '/ui/services');
  await snap('service-playground', '/ui/services/Hello', async () => {
    const playground = page.getByRole('form', { name: 'Playground' });
    await playground.getByLabel('Request body (JSON)').fill('"Ada"');
    await playground.getByRole('button', { name: 'Send' }).click();
    await playground.getByTestId('playground-response').scrollIntoViewIfNeeded();
  });
  await snap('deployments', '/ui/deployments');
  await snap('deployment-register', '/ui/deployments?register=1', async () => {
    const form = page.getByRole('form', { name: 'Register a deployment' });
    await form.getByLabel('Endpoint URI').fill(`http://127.0.0.1:${otherServices}`);
    await form.getByRole('button', { name: 'Preview (dry run)' }).click();
    await form.locator('.preview').waitFor();
  });
  await snap('deployment', `/ui/deployments/${dp}`);
  await snap('state', '/ui/state/Shelf');
  await snap('state-entries', '/ui/state/Shelf/books');
  await snap('sql', `/ui/sql?q=${encodeURIComponent('SELECT target, status, journal_size, created_at FROM sys_invocation ORDER BY created_at DESC LIMIT 12')}`);
  await snap('bundle', '/ui/bundle', async () => {
    const bundle = (await call(`${admin}/ui/api/invocations/${grown}/bundle`, { method: 'GET' })).text;
    await page.locator('input[type=file]').setInputFiles({ name: 'bundle.json', mimeType: 'application/json', buffer: Buffer.from(bundle) });
  });
  await page.getByLabel('Theme').selectOption('dark');
  await snap('invocation-dark', `/ui/invocations/${grown}?entry=1`);
  await page.getByLabel('Theme').selectOption('light');
  await browser.close();
}
