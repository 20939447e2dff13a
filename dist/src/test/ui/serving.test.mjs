// The shell: redirects to /ui/, the theme switch, shareable URLs that reload to the same view, server errors shown.
import assert from 'node:assert/strict';
import { admin, call, invoke, uiSuite, until } from './browser.mjs';

const uiTest = uiSuite('serving');

/** The main area's text once the page has loaded its data (no "Loading…" left). */
async function settledMain(page) {
  const main = page.locator('main');
  await until(async () => !(await main.textContent()).includes('Loading…'), 'the page to load');
  return main;
}

uiTest('/ and /ui redirect to /ui/ and show the app', async (page) => {
  for (const path of ['/', '/ui']) {
    await page.goto(admin + path);
    assert.equal(new URL(page.url()).pathname, '/ui/', `${path} lands on /ui/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invocations' }).waitFor();
  }
});

uiTest('the dark theme toggles and stays after a reload', async (page) => {
  await page.goto(admin + '/ui/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByLabel('Theme').selectOption('light');
  const light = await background();
  await page.getByLabel('Theme').selectOption('dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const dark = await background();
  assert.notEqual(dark, light, 'the dark theme changes the background');
  await page.reload();
  assert.equal(await background(), dark, 'the choice survives a reload');
  await page.getByLabel('Theme').selectOption('light');
  assert.equal(await background(), light);
});

uiTest('an error from the server is shown with its message', async (page) => {
  const unknown = 'inv_1000000000000000000000000000000000';
  await page.goto(`${admin}/ui/invocations/${unknown}`);
  assert.equal(await page.getByRole('alert').textContent(), `The invocation '${unknown}' does not exist`);
  await page.goto(`${admin}/ui/invocations/inv_1bad`);
  assert.match(await page.getByRole('alert').textContent(), /"inv_1bad" is not a valid invocation id/);
});

uiTest('an unknown page is reported, not blank', async (page) => {
  await page.goto(admin + '/ui/no/such/page');
  assert.match(await page.getByRole('alert').textContent(), /No page at \/ui\/no\/such\/page/);
});

uiTest('every view reloads to the same view', async (page) => {
  const { id } = await invoke('Hello/greet', 'reload');
  await invoke('Shelf/reload/put', { name: 'reloaded' });
  const dp = (await call(`${admin}/deployments`, { method: 'GET' })).json().deployments[0].id;
  const views = {
    [`/ui/invocations/${id}?entry=1`]: 'Hello/greet', '/ui/state/Shelf/reload': 'reload', [`/ui/deployments/${dp}`]: dp,
    '/ui/': 'Overview', '/ui/invocations?status=succeeded': 'Invocations', '/ui/errors': 'Errors', '/ui/services': 'Services',
    '/ui/services/Hello': 'Hello', '/ui/deployments': 'Deployments', '/ui/state': 'State', '/ui/state/Shelf': 'Shelf',
    '/ui/sql?q=SELECT%201': 'SQL', '/ui/bundle': 'bundle',
  };
  for (const [view, heading] of Object.entries(views)) {
    await page.goto(admin + view);
    const before = await (await settledMain(page)).locator('h1').first().textContent();
    assert.ok(before.toLowerCase().includes(heading.toLowerCase()), `${view} shows '${before}'`);
    await page.reload();
    const after = await (await settledMain(page)).locator('h1').first().textContent();
    assert.equal(page.url(), admin + view, `${view} keeps its URL`);
    assert.equal(after, before, `${view} shows the same view after a reload`);
    assert.equal(await page.getByRole('alert').count(), 0, `${view} shows no error`);
    if (view.includes('?entry=1')) await page.getByRole('region', { name: 'Entry 1' }).waitFor();
  }
});
