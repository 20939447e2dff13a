// The harness itself: the browser reaches the server's admin API and the test services are registered.
import assert from 'node:assert/strict';
import { admin, uiSuite } from './browser.mjs';

const uiTest = uiSuite('harness');

uiTest('the browser reads the admin API', async (page) => {
  await page.goto(`${admin}/services/Hello`);
  assert.match(await page.textContent('body'), /"name":"Hello"/);
});
