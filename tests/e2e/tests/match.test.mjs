// 政策匹配 in the widget and the JS API: the form by keyboard alone, grouped results with reasons,
// the profile in the URL, mode="match", two instances, and match() equal to the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServerAndBrowser, open, hitIds, insertWidget, DIST, cliMatch, devProfiles } from '../harness.mjs';
import { apiMatchIds } from '../probes.mjs';

const env = useServerAndBrowser();
const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const TODAY = '2025-06-30';

/** Today as the widget sees it (the browser runs on this machine, in its time zone). */
function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Waits until the instance in `host` shows its match results line, and returns it. */
async function matchStats(page, host = '#w') {
  const handle = await page.waitForFunction((sel) => {
    const stats = document.querySelector(sel)?.shadowRoot?.querySelector('.ps-stats');
    return stats && /为您找到|没有找到适用/.test(stats.textContent) && stats.textContent;
  }, host);
  return handle.jsonValue();
}

test('match() returns the same ids in the same order as the CLI for every dev profile', async () => {
  const { page } = await open(env.browser, env.server.base + 'test/empty.html');
  for (const { name, profile } of await devProfiles()) {
    const expected = cliMatch(profile, TODAY);
    assert.ok(expected.length > 0, `${name}: the CLI finds matches`);
    assert.deepEqual(await page.evaluate(apiMatchIds, { profile, today: TODAY, pageSize: 20 }), expected, name);
  }
  await page.close();
});

test('match() refuses an unknown field with the same message as the CLI', async () => {
  const r = spawnSync(join(repo, 'target/release/policy-search'), ['match', '--index', join(DIST, 'policies.idx'), '--profile', '-'],
    { input: '{"colour":"red"}', encoding: 'utf8' });
  assert.equal(r.status, 2);
  const { page } = await open(env.browser, env.server.base + 'test/empty.html');
  const message = await page.evaluate(async () => {
    const { match } = await import('/policy-search.js');
    try { await match({ colour: 'red' }); return 'resolved'; } catch (e) { return e.message; }
  });
  const body = message.replace(/^policy-search: match\(\)：/, '');
  assert.match(body, /^未知的字段 “colour”（可用：region, entity, size, traits, industries, needs）/);
  assert.ok(r.stderr.includes(body), r.stderr);
  await page.close();
});

test('the 政策匹配 form can be filled by keyboard alone and shows grouped matches with reasons', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/empty.html');
  await insertWidget(page, {});
  await page.locator('#w .ps-tab', { hasText: '政策匹配' }).focus();
  await page.keyboard.press('Enter');
  const region = page.locator('#w .ps-match-form select').first();
  await region.waitFor();
  await region.focus();
  await page.keyboard.press('ArrowDown'); // 不限 → the first region
  await page.keyboard.press('Tab'); // to the 主体类型 radios
  await page.keyboard.press('ArrowRight'); // 不限 → 企业
  await page.keyboard.press('Tab'); // to 规模
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // 不限 → 大型 → 中型
  await page.keyboard.press('Tab'); // to the first 资质 checkbox
  await page.keyboard.press('Space');
  const stats = await matchStats(page);
  assert.match(stats, /为您找到 \d+ 条可申请或享受的政策：精准匹配 \d+ 条，普遍适用 \d+ 条，需核实 \d+ 条/);
  const groups = await page.locator('#w .ps-match-bucket h3').allTextContents();
  assert.ok(groups.length > 0 && groups.every((g) => /^(精准匹配|普遍适用|需核实)（\d+）$/.test(g)), groups.join('|'));
  assert.ok(await page.locator('#w .ps-why li').count() > 0);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('ps.tab'), 'match');
  assert.equal(url.searchParams.get('ps.p.entity'), '企业');
  assert.equal(url.searchParams.get('ps.p.size'), '中型');
  assert.equal(url.searchParams.getAll('ps.p.traits').length, 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link with a profile reproduces the matches, and the clear button empties the form', async () => {
  const profile = { region: '太原', entity: '企业', size: '小型', industries: ['制造业'] };
  const query = 'ps.tab=match&ps.p.region=太原&ps.p.entity=企业&ps.p.size=小型&ps.p.industries=制造业';
  const { page } = await open(env.browser, env.server.base + 'test/empty.html?' + query);
  await insertWidget(page, { 'page-size': '20' });
  await matchStats(page);
  assert.deepEqual(await hitIds(page, '#w'), cliMatch(profile, localToday()));
  await page.locator('#w .ps-match-clear').click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('ps.p.region'));
  assert.equal(await page.locator('#w .ps-match-form select').first().inputValue(), '');
  await page.close();
});

test('mode="match" shows the matcher alone, and two instances keep their own profiles', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/empty.html');
  await insertWidget(page, { mode: 'match' }, 'only');
  await insertWidget(page, { 'no-url': '' }, 'other');
  assert.equal(await page.locator('#only .ps-tabs').count(), 0);
  assert.equal(await page.locator('#only .ps-match-form').count(), 1);
  assert.equal(await page.locator('#other .ps-match-form').count(), 0);
  await page.locator('#only .ps-match-form select').first().selectOption('大同');
  await matchStats(page, '#only');
  assert.match(await page.locator('#other .ps-stats').textContent(), /共 739 条政策/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the search box refines within the matches', async () => {
  const { page } = await open(env.browser, env.server.base + 'test/empty.html?ps.tab=match&ps.p.entity=企业');
  await insertWidget(page, {});
  const all = Number((await matchStats(page)).match(/为您找到 (\d+) 条/)[1]);
  await page.locator('#w input.ps-input').fill('贷款');
  await page.waitForFunction((n) => {
    const text = document.querySelector('#w').shadowRoot.querySelector('.ps-stats')?.textContent || '';
    const m = text.match(/为您找到 (\d+) 条/);
    return m && Number(m[1]) < n;
  }, all);
  const texts = await page.locator('#w .ps-hit-text').allTextContents();
  assert.ok(texts.length > 0 && texts.every((t) => t.includes('贷款')), texts.join('\n'));
  await page.close();
});

test('large-text mode enlarges the 政策匹配 form and its results', async () => {
  const { page } = await open(env.browser, env.server.base + 'test/empty.html?ps.tab=match&ps.p.entity=企业');
  await insertWidget(page, { 'large-text': '' });
  await matchStats(page);
  const sizes = await page.evaluate(() => {
    const root = document.querySelector('#w').shadowRoot;
    const px = (sel) => parseFloat(getComputedStyle(root.querySelector(sel)).fontSize);
    return [px('.ps-check'), px('.ps-field select'), px('.ps-why li'), px('.ps-hit-text')];
  });
  assert.ok(sizes.every((s) => s >= 20), `font sizes in large-text mode: ${sizes.join(', ')} px`);
  await page.close();
});
