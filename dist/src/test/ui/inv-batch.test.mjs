// The invocations list live and in batches: new invocations are announced from the stream (no polling), and a batch
// over everything a filter matches states how many in its confirmation and reports its progress.
import assert from 'node:assert/strict';
import { admin, call, ingress, uiSuite } from './browser.mjs';

const uiTest = uiSuite('inv-batch');

const send = async (path, body) => (await call(`${ingress}/${path}/send`, { body, expect: 202 })).json().invocationId;

uiTest('new invocations are announced live and shown on request', async (page) => {
  await page.goto(`${admin}/ui/invocations?service=Hello`);
  await page.getByText(/\d+ shown/).waitFor();
  await page.getByRole('status').filter({ hasText: '● live' }).waitFor();
  const ids = [await send('Hello/greet', 'live one'), await send('Hello/greet', 'live two')];
  const banner = page.getByRole('button', { name: /^2 new invocations — show$/ });
  await banner.waitFor();
  await banner.click();
  for (const id of ids) await page.getByRole('link', { name: id }).waitFor();
});

uiTest('a batch cancel over a filter states the count and reports progress', async (page) => {
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await send('Watch/sleep', 600000));
  await page.goto(`${admin}/ui/invocations?service=Watch&handler=sleep&status=suspended&status=running&status=ready&status=pending`);
  for (const id of ids) await page.getByRole('link', { name: id }).waitFor();
  await page.getByRole('status').filter({ hasText: '● live' }).waitFor();
  // the job's first read is answered late and stale (as when the job finishes between that read and its first event):
  // it must not undo the finished progress the stream reported
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/ui\/api\/batch\/job_/, async (route) => {
    await held;
    await route.fulfill({ json: { job: route.request().url().split('/').pop(), operation: 'cancel', total: 3, done: 0, succeeded: 0,
      failures: [], finished: false } });
  });
  await page.getByRole('button', { name: 'Cancel all matching' }).click();
  const dialog = page.getByRole('dialog');
  const title = await dialog.getByRole('heading').textContent();
  const count = Number(/Cancel (\d+) invocations\?/.exec(title)[1]);
  assert.ok(count >= 3, title);
  await dialog.getByRole('button', { name: `Cancel ${count}` }).click();
  const progress = page.getByRole('status', { name: 'Batch progress' });
  const finished = progress.filter({ hasText: `Finished: ${count} of ${count} processed, ${count} cancelled.` });
  await finished.waitFor();
  const stale = page.waitForResponse(/\/ui\/api\/batch\/job_/);
  release();
  await stale;
  await page.waitForTimeout(300); // the stale answer is applied (or ignored) within a frame or two
  assert.equal(await finished.count(), 1, await progress.textContent());
  for (const id of ids) {
    const status = await call(`${admin}/ui/api/invocations/${id}`, { method: 'GET' });
    assert.equal(status.json().invocation.status, 'cancelled', id);
  }
});
