// The bundle viewer: an exported invocation opens offline (file input and drag and drop) in the invocation view,
// without calling the server.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin, call, ingress, query, uiSuite, until } from './browser.mjs';

const uiTest = uiSuite('inv-bundle');

async function exported() {
  await call(`${ingress}/Hello/greet`, { body: 'bundle <script>' });
  const [{ id }] = await until(() => query(`SELECT id FROM sys_invocation WHERE target_handler_name = 'greet' ORDER BY created_at DESC LIMIT 1`)
    .then((rows) => rows.length && rows), 'the invocation');
  const bundle = await call(`${admin}/ui/api/invocations/${id}/bundle`, { method: 'GET' });
  assert.match(bundle.headers.get('content-disposition'), new RegExp(`${id}\\.json`));
  return { id, text: bundle.text };
}

async function opensOffline(page, id) {
  await page.getByRole('heading', { name: 'Hello/greet' }).waitFor();
  await page.getByText('Opened from a bundle').waitFor();
  await page.getByText(id).first().waitFor();
  const journal = page.getByRole('list', { name: 'Journal' });
  await journal.getByText('Output').click();
  const detail = page.getByRole('region', { name: /^Entry / });
  await detail.getByText('Hello, bundle <script>!').first().waitFor();
}

uiTest('opens an exported bundle from a file, without server calls', async (page) => {
  const { id, text } = await exported();
  const file = join(mkdtempSync(join(tmpdir(), 'bundle-')), `${id}.json`);
  writeFileSync(file, text);
  await page.goto(`${admin}/ui/bundle`);
  await page.getByText('Open a bundle file').waitFor();
  const calls = [];
  page.on('request', (request) => { if (!/\.(m?js|css)(\?|$)|favicon/.test(request.url())) calls.push(request.url()); });
  await page.getByLabel('Open a bundle file').setInputFiles(file);
  await opensOffline(page, id);
  assert.deepEqual(calls, [], 'the viewer works offline');
});

uiTest('opens a dropped bundle and rejects other files', async (page) => {
  const { id, text } = await exported();
  await page.goto(`${admin}/ui/bundle`);
  const drop = async (content, name) => {
    const transfer = await page.evaluateHandle(([c, n]) => {
      const data = new DataTransfer();
      data.items.add(new File([c], n, { type: 'application/json' }));
      return data;
    }, [content, name]);
    await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });
  };
  await drop('{"hello": 1}', 'other.json');
  await page.getByRole('alert').filter({ hasText: 'is not an invocation bundle' }).waitFor();
  await drop(text, `${id}.json`);
  await opensOffline(page, id);
});
