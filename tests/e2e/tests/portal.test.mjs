// The demo portal: a hostile host page embedding one widget. Typing, IME composition, facets and
// chips, keyboard use, opening a result, URL state, isolation from the host CSS, screenshots.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { useServerAndBrowser, open, hitIds, waitForStats, waitForHitsChange, SCREENSHOTS } from '../harness.mjs';
import { hostileCheck, contrastFailures } from '../probes.mjs';

const env = useServerAndBrowser();
before(() => mkdir(SCREENSHOTS, { recursive: true }));

async function portal(query = '', viewport) {
  const opened = await open(env.browser, env.server.base + 'index.html' + query, viewport);
  await opened.page.locator('policy-search .ps-hit').first().waitFor();
  return opened;
}

const box = (page) => page.locator('policy-search input.ps-input');

test('the portal shows results under a strict CSP with no console error', async () => {
  const { page, errors } = await portal();
  assert.match(await waitForStats(page, /共 \d+ 条政策/), /共 739 条政策/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing a query renders highlighted matches with a count and time', async () => {
  const { page } = await portal();
  await box(page).pressSequentially('贷款贴息');
  const stats = await waitForStats(page, /找到 \d+ 条政策/);
  assert.match(stats, /用时 (不到 1|\d+\.\d) 毫秒/);
  const marks = await page.locator('policy-search .ps-hit mark').allTextContents();
  assert.ok(marks.length > 0, 'no highlighted match');
  assert.ok(marks.every((m) => '贷款贴息'.includes(m) || m.length > 0));
  await page.close();
});

test('half-composed IME input is not searched until the composition ends', async () => {
  const { page } = await portal();
  const before = await hitIds(page);
  await box(page).click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'daikuan', selectionStart: 7, selectionEnd: 7 });
  await page.waitForFunction(() => document.querySelector('policy-search').shadowRoot.querySelector('input').value === 'daikuan');
  assert.deepEqual(await hitIds(page), before, 'results changed while composing');
  assert.equal(await page.locator('policy-search .ps-stats').textContent().then((t) => /共 739/.test(t)), true);
  await cdp.send('Input.insertText', { text: '贷款' });
  await waitForStats(page, /找到 \d+ 条政策/);
  assert.equal(await box(page).inputValue(), '贷款');
  await page.close();
});

test('a query without a full match shows the closest partial matches and a clickable suggestion', async () => {
  const { page } = await portal();
  const query = '企业上市奖励 外星';
  const api = await page.evaluate(async (q) => {
    const { search } = await import('/policy-search.js');
    const r = await search(q);
    return { partial: r.partial, suggestion: r.suggestion };
  }, query);
  assert.ok(api.partial && api.suggestion, `the engine no longer treats “${query}” as a partial match with a suggestion`);
  await box(page).fill(query);
  await page.locator('policy-search .ps-partial').waitFor();
  assert.match(await page.locator('policy-search .ps-partial').textContent(), /没有完全匹配的政策/);
  assert.ok((await hitIds(page)).length > 0);
  await page.evaluate(() => document.querySelector('policy-search').scrollIntoView());
  await page.screenshot({ path: `${SCREENSHOTS}/desktop-partial.png` });
  const expected = await page.evaluate(async (q) => (await (await import('/policy-search.js')).search(q)).hits.map((h) => h.id), api.suggestion);
  await page.locator('policy-search .ps-suggest button').click();
  await page.waitForFunction((s) => document.querySelector('policy-search').shadowRoot.querySelector('input').value === s, api.suggestion);
  await page.waitForFunction((s) => new URL(location.href).searchParams.get('ps.q') === s, api.suggestion);
  assert.deepEqual(await hitIds(page), expected);
  await page.close();
});

test('clicking a facet filters the results and shows a removable chip', async () => {
  const { page } = await portal();
  const facet = page.locator('policy-search .ps-facet[data-key="chapter"]').first();
  const chapter = await facet.getAttribute('data-value');
  await facet.click();
  await page.locator('policy-search .ps-chip').waitFor();
  assert.equal(await facet.getAttribute('aria-pressed'), 'true');
  const where = await page.locator('policy-search .ps-hit-where').allTextContents();
  assert.ok(where.every((w) => w.startsWith(chapter + '篇')), `a result outside ${chapter}`);
  await page.locator('policy-search .ps-chip').click();
  await page.locator('policy-search .ps-chip').waitFor({ state: 'detached' });
  await waitForStats(page, /共 739 条政策/);
  await page.close();
});

test('clear all removes every filter and the query', async () => {
  const { page } = await portal();
  await box(page).fill('税收');
  await waitForStats(page, /找到/);
  await page.locator('policy-search .ps-facet[data-key="year"]').first().click();
  await page.locator('policy-search .ps-clearall').click();
  await waitForStats(page, /共 739 条政策/);
  assert.equal(await box(page).inputValue(), '');
  await page.close();
});

test('the arrow keys move through results and Enter opens the focused one', async () => {
  const { page } = await portal();
  await box(page).fill('企业');
  await waitForStats(page, /找到/);
  const ids = await hitIds(page);
  await box(page).focus();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
  const focused = () => page.evaluate(() => {
    const el = document.querySelector('policy-search').shadowRoot.activeElement;
    return el && el.closest('.ps-hit') ? Number(el.closest('.ps-hit').dataset.policyId) : null;
  });
  assert.equal(await focused(), ids[2]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), ids[1]);
  await page.keyboard.press('Enter');
  await page.locator('policy-search .ps-detail').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('policy-search .ps-detail').waitFor({ state: 'detached' });
  assert.equal(await focused(), ids[1], 'focus did not return to the opened result');
  await page.close();
});

test('Escape in the search box clears it and slash focuses it again', async () => {
  const { page } = await portal();
  await box(page).fill('贴息');
  await waitForStats(page, /找到/);
  await box(page).press('Escape');
  await waitForStats(page, /共 739 条政策/);
  await page.locator('h1').click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.querySelector('policy-search').shadowRoot.activeElement.className), 'ps-input');
  assert.equal(await box(page).inputValue(), '', 'the slash was typed into the box');
  await page.close();
});

test('opening a result shows its document details and emits policy-open', async () => {
  const { page } = await portal();
  await page.evaluate(() => {
    window.opened = null;
    document.addEventListener('policy-open', (e) => { window.opened = e.detail; });
  });
  const first = page.locator('policy-search .ps-hit').first();
  const id = Number(await first.getAttribute('data-policy-id'));
  await first.locator('button').click();
  const detail = page.locator('policy-search .ps-detail');
  await detail.waitFor();
  const facts = await detail.locator('.ps-facts').textContent();
  assert.match(facts, /文号/);
  assert.match(facts, /发文机关/);
  assert.match(facts, /年份/);
  assert.ok((await detail.locator('.ps-detail-title').textContent()).length > 2);
  assert.equal(await page.evaluate(() => window.opened && window.opened.id), id);
  await page.close();
});

test('a repealed policy is marked repealed in its detail', async () => {
  const { page } = await portal();
  const repealedId = await page.evaluate(async () => {
    const { search } = await import('/policy-search.js');
    for (let page = 0; page < 8; page += 1) {
      const r = await search('', { sort: 'document_order', pageSize: 100, page });
      const hit = r.hits.find((h) => h.point.flags.repealed);
      if (hit) return hit.id;
    }
    return null;
  });
  assert.ok(repealedId, 'the data has no repealed point');
  await page.goto(env.server.base + 'index.html?ps.open=' + repealedId);
  const detail = page.locator('policy-search .ps-detail');
  await detail.waitFor();
  assert.match(await detail.locator('.ps-repealed').textContent(), /已废止/);
  assert.match(await detail.locator('.ps-badge-repealed').textContent(), /已废止/);
  await page.evaluate(() => document.querySelector('policy-search').scrollIntoView());
  await page.screenshot({ path: `${SCREENSHOTS}/desktop-repealed.png` });
  await page.close();
});

test('the URL keeps query, filters, sort and page, and a reload restores them', async () => {
  const { page } = await portal('?site=portal#top');
  await box(page).fill('企业');
  await waitForStats(page, /找到/);
  await page.locator('policy-search .ps-facet[data-key="chapter"]').first().click();
  await page.locator('policy-search select').selectOption('newest');
  await page.locator('policy-search .ps-pager button', { hasText: '下一页' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('ps.page') === '2');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('site'), 'portal');
  assert.equal(url.hash, '#top');
  assert.equal(url.searchParams.get('ps.q'), '企业');
  assert.equal(url.searchParams.get('ps.sort'), 'newest');
  assert.match(url.searchParams.get('ps.f'), /^chapter:/);
  const ids = await hitIds(page);
  await page.reload();
  await page.locator('policy-search .ps-hit').first().waitFor();
  assert.deepEqual(await hitIds(page), ids);
  assert.equal(await box(page).inputValue(), '企业');
  assert.equal(await page.locator('policy-search select').inputValue(), 'newest');
  await page.close();
});

test('back and forward step through filter changes', async () => {
  const { page } = await portal();
  const all = await hitIds(page);
  await page.locator('policy-search .ps-facet[data-key="year"]').first().click();
  const filtered = await waitForHitsChange(page, all);
  await page.goBack();
  assert.deepEqual(await waitForHitsChange(page, filtered), all);
  await page.goForward();
  assert.deepEqual(await waitForHitsChange(page, all), filtered);
  await page.close();
});

test('the hostile host CSS changes neither the widget text size nor its touch targets', async () => {
  const { page } = await portal();
  const style = await page.evaluate(hostileCheck, 'policy-search');
  assert.ok(style.text >= 16, `body text ${style.text}px`);
  assert.doesNotMatch(style.family, /SimSun/);
  assert.deepEqual(style.controls.filter((c) => c.height < 44), [], 'touch targets under 44px');
  assert.equal(style.hostLead, 13, 'the widget changed the host page');
  await page.close();
});

test('the widget fits 320 px without horizontal scrolling and folds its facets', async () => {
  const { page } = await portal('', { width: 320, height: 800 });
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: innerWidth }));
  assert.ok(widths.page <= widths.view, `page is ${widths.page}px wide at ${widths.view}px`);
  const toggle = page.locator('policy-search .ps-facets-toggle');
  assert.equal(await toggle.isVisible(), true);
  await toggle.click();
  await page.locator('policy-search .ps-facet').first().waitFor({ state: 'visible' });
  await toggle.click();
  await box(page).fill('贷款贴息');
  await waitForStats(page, /找到/);
  await page.locator('policy-search').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('policy-search').scrollIntoView());
  await page.screenshot({ path: `${SCREENSHOTS}/mobile-320.png`, fullPage: false });
  await page.close();
});

test('at 200 % zoom (640 CSS px) nothing overflows horizontally', async () => {
  const { page } = await portal('', { width: 640, height: 450 });
  await box(page).fill('专精特新');
  await waitForStats(page, /找到/);
  const overflow = await page.evaluate(() => {
    const root = document.querySelector('policy-search').shadowRoot;
    const host = document.querySelector('policy-search').getBoundingClientRect();
    return Array.from(root.querySelectorAll('*'))
      .filter((e) => e.getBoundingClientRect().right > host.right + 1)
      .map((e) => e.className);
  });
  assert.deepEqual(overflow, []);
  await page.close();
});

test('all widget text has a contrast of at least 4.5:1 against its background', async () => {
  const { page } = await portal();
  await box(page).fill('贷款');
  await waitForStats(page, /找到/);
  await page.locator('policy-search .ps-facet[data-key="year"]').first().click();
  await page.locator('policy-search .ps-chip').waitFor();
  const failures = await page.evaluate(contrastFailures, 'policy-search');
  assert.ok(failures.checked > 30, `only ${failures.checked} text elements checked`);
  assert.deepEqual(failures.out, []);
  await page.close();
});

test('the print style hides the controls and keeps the results', async () => {
  const { page } = await portal();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('policy-search .ps-facets').isVisible(), false);
  assert.equal(await page.locator('policy-search .ps-searchbar').isVisible(), false);
  assert.equal(await page.locator('policy-search .ps-hit').first().isVisible(), true);
  await page.close();
});

test('large-text mode sets body text to at least 18 pt', async () => {
  const { page } = await portal();
  await page.locator('policy-search .ps-large-toggle').click();
  const size = await page.evaluate(() => parseFloat(getComputedStyle(
    document.querySelector('policy-search').shadowRoot.querySelector('.ps-hit-text')).fontSize));
  assert.ok(size >= 24, `large text is ${size}px`);
  await page.screenshot({ path: `${SCREENSHOTS}/large-text.png` });
  await page.close();
});

test('a desktop screenshot of a query with a filter and an opened result', async () => {
  const { page } = await portal();
  await box(page).fill('专精特新');
  await waitForStats(page, /找到/);
  await page.screenshot({ path: `${SCREENSHOTS}/desktop-results.png` });
  await page.locator('policy-search .ps-hit button').first().click();
  await page.locator('policy-search .ps-detail').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}/desktop-detail.png` });
  await page.close();
});
