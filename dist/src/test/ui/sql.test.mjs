// The SQL console runs a query over /query and shows the rows.
import assert from 'node:assert/strict';
import { admin, invoke, query, uiSuite } from './browser.mjs';

const uiTest = uiSuite('sql');

uiTest('the SQL console runs a query and shows its rows', async (page) => {
  await invoke('Hello/greet', 'sql-1');
  await invoke('Hello/greet', 'sql-2');
  const sql = "SELECT id, target, status FROM sys_invocation WHERE target = 'Hello/greet' ORDER BY id";
  const expected = await query(sql);
  await page.goto(`${admin}/ui/sql`);
  await page.getByLabel('SQL query').fill(sql);
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('status').filter({ hasText: `${expected.length} rows` }).waitFor();
  const table = page.locator('table.results');
  assert.deepEqual(await table.locator('thead th').allTextContents(), ['id', 'target', 'status']);
  assert.deepEqual(await table.locator('tbody tr td:first-child').allTextContents(), expected.map((r) => r.id));
  assert.ok(expected.length >= 2);
  assert.equal(new URL(page.url()).searchParams.get('q'), sql, 'the query is in the URL');
});
