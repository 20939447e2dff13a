// Actions on one invocation from its page: cancel, resume a paused one, restart as new from a chosen journal entry.
import assert from 'node:assert/strict';
import { admin, invoke, query, send, statusOf, uiSuite, until } from './browser.mjs';

const uiTest = uiSuite('actions');

const badge = (page, status) => page.locator('header .status', { hasText: status });

/** Clicks the action's button and confirms it in the dialog. */
async function act(page, label) {
  await page.getByRole('button', { name: `${label}…` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

uiTest('cancel a running invocation', async (page) => {
  const id = await send('Watch/sleep', 600_000);
  await page.goto(`${admin}/ui/invocations/${id}`);
  await page.getByRole('list', { name: 'Journal' }).locator('.kind', { hasText: 'Sleep' }).first().waitFor();
  await act(page, 'Cancel');
  await badge(page, 'cancelled').waitFor();
  const [row] = await query(`SELECT status, completion_failure FROM sys_invocation WHERE id = '${id}'`);
  assert.equal(row.status, 'completed');
  assert.match(row.completion_failure, /cancel/i);
});

uiTest('resume a paused invocation', async (page) => {
  const tag = `ui-resume-${Date.now()}`;
  const id = await send('Pauser/flaky', tag);
  await statusOf(id, 'paused');
  await invoke('Pauser/fix', tag);
  await page.goto(`${admin}/ui/invocations/${id}`);
  await badge(page, 'paused').waitFor();
  assert.match(await page.locator('pre.failure').textContent(), new RegExp(`${tag} is broken`));
  await act(page, 'Resume');
  await badge(page, 'succeeded').waitFor();
  const [row] = await query(`SELECT completion_result FROM sys_invocation WHERE id = '${id}'`);
  assert.equal(row.completion_result, 'success');
});

uiTest('restart as new from a chosen journal entry', async (page) => {
  const { id } = await invoke('Watch/steps', 'ui-restart');
  await page.goto(`${admin}/ui/invocations/${id}`);
  const transform = page.getByRole('list', { name: 'Journal' }).locator('[role=listitem]', { has: page.locator('.detail', { hasText: /^transform(\s|$)/ }) });
  await transform.click();
  const index = Number(await transform.getAttribute('data-index'));
  await page.getByRole('button', { name: 'Restart as new from here…' }).click();
  const dialog = page.getByRole('dialog');
  assert.equal(await dialog.getByLabel('Restart from journal entry').inputValue(), String(index));
  await dialog.getByText('transform').waitFor(); // the dialog names the chosen entry
  await dialog.getByRole('button', { name: 'Restart as new', exact: true }).click();
  await until(() => !page.url().includes(id), 'the page to move to the new invocation');
  const fresh = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  assert.match(fresh, /^inv_/);
  await badge(page, 'succeeded').waitFor();
  const link = page.locator('dl.cards').getByRole('link', { name: id }).first(); // invoked by: restart of <id>
  await link.waitFor();
  const [row] = await query(`SELECT restarted_from FROM sys_invocation WHERE id = '${fresh}'`);
  assert.equal(row.restarted_from, id);
  await link.click();
  await page.locator('header code', { hasText: id }).waitFor();
});
