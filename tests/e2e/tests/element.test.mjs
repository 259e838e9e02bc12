// The <policy-search> element's life: removed and inserted again, attributes changed while it is
// live, another index by `src`, and its own URL parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, open, hitIds, waitForStats, insertWidget } from '../harness.mjs';

const env = useServerAndBrowser();

test('an element removed and inserted again renders one working widget', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/empty.html');
  await insertWidget(page, { 'no-url': '' });
  await page.evaluate(() => {
    const el = document.getElementById('w');
    el.remove();
    document.body.append(el);
  });
  await page.locator('#w input.ps-input').fill('贷款贴息');
  await waitForStats(page, /找到/, '#w');
  assert.equal(await page.locator('#w .ps-root').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('changing the chapter attribute of a live element applies the new preset', async () => {
  const { page } = await open(env.browser, env.server.base + 'test/empty.html');
  await insertWidget(page, { chapter: '财税金融', 'no-url': '' });
  assert.match(await page.locator('#w .ps-preset').textContent(), /财税金融篇/);
  await page.evaluate(() => document.getElementById('w').setAttribute('chapter', '人才支持'));
  await page.waitForFunction(() => /人才支持篇/.test(document.getElementById('w').shadowRoot.querySelector('.ps-preset')?.textContent));
  const where = await page.locator('#w .ps-hit-where').allTextContents();
  assert.ok(where.length > 0 && where.every((w) => w.startsWith('人才支持篇')), where.join('\n'));
  await page.close();
});

test('the src attribute loads another index, and changing it loads that one', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/empty.html');
  await insertWidget(page, { src: '/policies.idx', 'no-url': '' });
  await waitForStats(page, /共 739 条政策/, '#w');
  await page.evaluate(() => document.getElementById('w').setAttribute('src', '/missing.idx'));
  const message = page.locator('#w .ps-error');
  await message.waitFor();
  assert.match(await message.textContent(), /missing\.idx/);
  assert.ok(errors.some((e) => /missing\.idx/.test(e)), errors.join('\n'));
  await page.close();
});

test('url-param names the parameters an instance writes, and no-url writes none', async () => {
  const { page } = await open(env.browser, env.server.base + 'test/empty.html');
  await insertWidget(page, { 'url-param': 'mine' }, 'named');
  await insertWidget(page, { 'no-url': '' }, 'silent');
  await page.locator('#silent input.ps-input').fill('税收');
  await waitForStats(page, /找到/, '#silent');
  await page.locator('#named input.ps-input').fill('贷款');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('mine.q') === '贷款');
  const params = [...new URL(page.url()).searchParams.keys()];
  assert.deepEqual(params, ['mine.q']);
  await page.close();
});

test('a url-param instance restores its state from a shared link', async () => {
  const { page } = await open(env.browser, env.server.base + 'test/empty.html?mine.q=专精特新&mine.f=year:2022');
  await insertWidget(page, { 'url-param': 'mine' });
  assert.equal(await page.locator('#w input.ps-input').inputValue(), '专精特新');
  const ids = await hitIds(page, '#w');
  const api = await page.evaluate(async () => (await (await import('/policy-search.js')).search('专精特新', { filters: { year: 2022 } })).hits.map((h) => h.id));
  assert.deepEqual(ids, api);
  await page.close();
});
