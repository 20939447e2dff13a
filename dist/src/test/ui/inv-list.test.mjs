// The invocations list: server-side keyset paging (load more, next page with the cursor in the URL) and columns.
import assert from 'node:assert/strict';
import { before } from 'node:test';
import { admin, call, ingress, uiSuite, until } from './browser.mjs';

const uiTest = uiSuite('inv-list');
const NAMES = 120;

before(async () => {
  for (let i = 0; i < NAMES; i += 20) {
    await Promise.all(Array.from({ length: 20 }, (_, j) => call(`${ingress}/Hello/greet`, { body: `page-${i + j}` })));
  }
});

const ids = (page) => page.locator('tbody tr td:nth-child(2)').allTextContents();

uiTest('pages through the list with load more and next page', async (page) => {
  await page.goto(`${admin}/ui/invocations?service=Hello&handler=greet`);
  await page.getByRole('button', { name: 'Load more' }).waitFor();
  const first = await ids(page);
  assert.equal(first.length, 50);
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.locator('tbody tr').nth(99).waitFor();
  const two = await ids(page);
  assert.equal(two.length, 100);
  assert.equal(new Set(two).size, 100, 'every row once');
  assert.deepEqual(two.slice(0, 50), first);

  await page.getByRole('button', { name: 'Next page' }).click();
  await page.waitForURL(/cursor=/);
  assert.match(page.url(), /service=Hello/);
  await page.getByRole('button', { name: 'Newest' }).waitFor();
  const next = await ids(page);
  assert.ok(next.length >= NAMES - 100, `the rest: ${next.length} rows`);
  assert.ok(next.every((id) => !two.includes(id)), 'the next page starts after the rows shown');

  await page.goBack();
  await until(async () => (await ids(page))[0] === first[0], 'the first page again');
  assert.deepEqual(await ids(page), first);
});

uiTest('column choice lives in the URL', async (page) => {
  await page.goto(`${admin}/ui/invocations?service=Hello`);
  await page.getByText('Columns').click();
  await page.getByRole('checkbox', { name: 'Journal size' }).check();
  await page.waitForURL(/col=journal/);
  await page.getByRole('columnheader', { name: 'Journal size' }).waitFor();
  const url = page.url();
  await page.goto(url);
  await page.getByRole('columnheader', { name: 'Journal size' }).waitFor();
  assert.equal(await page.getByRole('columnheader', { name: 'Target' }).count(), 1);
});
