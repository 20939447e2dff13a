// The service page's playground calls a handler and shows the response.
import assert from 'node:assert/strict';
import { admin, uiSuite } from './browser.mjs';

const uiTest = uiSuite('playground');

uiTest('invoke a handler through the playground', async (page) => {
  await page.goto(`${admin}/ui/services/Hello`);
  const playground = page.getByRole('form', { name: 'Playground' });
  await playground.getByLabel('Handler').selectOption('greet');
  await playground.getByLabel('Request body (JSON)').fill('"Ada"');
  await playground.getByRole('button', { name: 'Send' }).click();
  const response = playground.getByTestId('playground-response');
  await response.waitFor();
  assert.match(await response.textContent(), /Status 200/);
  assert.equal(await response.locator('pre').first().textContent(), '"Hello, Ada!"');
  await response.getByRole('link', { name: 'Open the invocation' }).click();
  await page.locator('header .status', { hasText: 'succeeded' }).waitFor();
  assert.equal(await page.locator('header h1').textContent(), 'Hello/greet');
});
