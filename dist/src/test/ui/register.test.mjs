// Registering a deployment through the UI: a dry run shows what it would register, then the confirmation registers it.
import assert from 'node:assert/strict';
import { admin, call, servicesUrl, uiSuite } from './browser.mjs';

const uiTest = uiSuite('register');

uiTest('register a deployment with a dry run first', async (page) => {
  assert.equal((await call(`${admin}/services/Greeter`, { method: 'GET', expect: null })).status, 404, 'not registered yet');
  await page.goto(`${admin}/ui/deployments`);
  await page.getByRole('button', { name: 'Register deployment' }).click();
  const form = page.getByRole('form', { name: 'Register a deployment' });
  await form.getByLabel('Endpoint URI').fill(servicesUrl);
  await form.getByRole('button', { name: 'Preview (dry run)' }).click();
  const preview = form.locator('.preview');
  await preview.waitFor();
  for (const service of ['Greeter', 'Counter', 'Signup']) {
    await preview.getByRole('link', { name: service }).waitFor();
  }
  assert.equal((await call(`${admin}/services/Greeter`, { method: 'GET', expect: null })).status, 404, 'a dry run registers nothing');
  await form.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL(/\/ui\/deployments\/dp_/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployments' }).click();
  const row = page.locator('tbody tr', { hasText: servicesUrl });
  await row.getByRole('link', { name: 'Greeter' }).waitFor();
  assert.equal((await call(`${admin}/services/Greeter`, { method: 'GET' })).status, 200, 'the server has the service');
});
