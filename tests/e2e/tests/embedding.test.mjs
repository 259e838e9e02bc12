// Embedding: two independent instances with attributes, and clear errors for bad mounts and inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, open, hitIds, waitForStats } from '../harness.mjs';

const env = useServerAndBrowser();

async function two() {
  const opened = await open(env.browser, env.server.base + 'test/two.html');
  await opened.page.locator('#first .ps-hit').first().waitFor();
  await opened.page.locator('#second .ps-hit').first().waitFor();
  return opened;
}

test('two instances on one page search independently', async () => {
  const { page } = await two();
  const second = await hitIds(page, '#second');
  await page.locator('#first input.ps-input').fill('贷款');
  await waitForStats(page, /找到/, '#first');
  assert.deepEqual(await hitIds(page, '#second'), second);
  assert.equal(await page.locator('#second input.ps-input').inputValue(), '');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('ps.q') === '贷款');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('ps2.q'), null);
  await page.close();
});

test('the preset chapter, page size and placeholder attributes apply to their instance only', async () => {
  const { page, errors } = await two();
  const where = await page.locator('#second .ps-hit-where').allTextContents();
  assert.equal(where.length, 5);
  assert.ok(where.every((w) => w.startsWith('财税金融篇')));
  assert.equal(await page.locator('#second input.ps-input').getAttribute('placeholder'), '只搜财税金融篇');
  assert.equal((await hitIds(page, '#first')).length, 10);
  assert.match(await page.locator('#second .ps-preset').textContent(), /财税金融篇/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the two-line embedding on a bare page renders results', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/bare.html');
  await page.locator('policy-search .ps-hit').first().waitFor();
  assert.match(await page.locator('policy-search .ps-stats').textContent(), /共 739 条政策/);
  assert.equal(await page.evaluate(() => document.querySelector('policy-search').shadowRoot.mode), 'open');
  assert.deepEqual(errors, []);
  await page.close();
});

test('each rendered result carries its policy id', async () => {
  const { page } = await two();
  const ids = await hitIds(page, '#first');
  assert.ok(ids.length > 0 && ids.every((id) => Number.isInteger(id) && id >= 1 && id <= 739));
  await page.close();
});

test('mounting into a missing element or an img logs a clear error and the page keeps working', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/errors.html');
  const results = await page.evaluate(() => window.mountResults);
  assert.deepEqual(results, [null, null]);
  assert.ok(errors.some((e) => /policy-search: mount\(\) 没有找到要挂载的元素：#does-not-exist/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /policy-search: 无法挂载到 <img> 元素/.test(e)), errors.join('\n'));
  assert.equal(await page.locator('#alive').textContent(), 'host page content');
  await page.close();
});

test('an index that cannot be downloaded is reported inside the widget and in the console', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/errors.html');
  const message = page.locator('#bad-src .ps-error');
  await message.waitFor();
  assert.match(await message.textContent(), /无法下载政策索引 .*missing\.idx.*HTTP 404/);
  assert.equal(await message.getAttribute('role'), 'alert');
  assert.ok(errors.some((e) => /missing\.idx/.test(e)));
  await page.close();
});

test('a page-size that is not a number is reported and the default of 10 is used', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/errors.html');
  await page.locator('#bad-size .ps-hit').first().waitFor();
  assert.equal((await hitIds(page, '#bad-size')).length, 10);
  assert.ok(errors.some((e) => /page-size 属性已忽略：每页条数 “many”/.test(e)), errors.join('\n'));
  await page.close();
});
