// One vocabulary in every face: the command line, the JS API, the element's attributes and the URL
// take the same filters and sorts, answer the same request with the same hits, and refuse the same
// mistake with the same message (only what happens next differs: exit 2, a rejected promise, a
// console error with the attribute ignored, a URL parameter ignored).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServerAndBrowser, open, hitIds, insertWidget, DIST } from '../harness.mjs';

const env = useServerAndBrowser();
const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(repo, 'target/release/policy-search');

/** Runs `policy-search search --json` over dist/'s index: {status, ids, stderr}. */
function cli(args) {
  const r = spawnSync(CLI, ['search', '--index', join(DIST, 'policies.idx'), '--json', ...args], { encoding: 'utf8' });
  return { status: r.status, ids: r.status === 0 ? JSON.parse(r.stdout).hits.map((h) => h.id) : null, stderr: r.stderr };
}

/** The rejection message of search(text, options) in the page, without the prefixes. */
async function apiError(page, text, options) {
  const message = await page.evaluate(async ([t, o]) => {
    const { search } = await import('/policy-search.js');
    try { await search(t, o); return 'resolved'; } catch (e) { return e.message; }
  }, [text, options]);
  return message.replace(/^policy-search: search\(\)：/, '');
}

async function apiIds(page, text, options) {
  return page.evaluate(async ([t, o]) => (await (await import('/policy-search.js')).search(t, o)).hits.map((h) => h.id), [text, options]);
}

test('an unknown filter key is refused with the same message by the CLI and the JS API', async () => {
  const run = cli(['--filter', 'nosuch:x', '贷款']);
  assert.equal(run.status, 2);
  const message = run.stderr.trim().replace(/^policy-search: /, '');
  assert.match(message, /^未知的筛选字段 “nosuch”（可用：chapter, category/);
  const { page } = await open(env.browser, env.server.base + 'test/empty.html');
  assert.equal(await apiError(page, '贷款', { filters: { nosuch: 'x' } }), message);
  await page.close();
});

test('a misspelt value is refused by the CLI and the JS API, logged and ignored as an attribute, ignored in the URL', async () => {
  const run = cli(['--filter', 'chapter:财税', '贷款']);
  assert.equal(run.status, 2);
  const message = run.stderr.trim().replace(/^policy-search: /, '');
  assert.match(message, /^筛选 chapter 没有值 “财税”（可用：市场建设, 人才支持, 财税金融/);
  const { page, errors } = await open(env.browser, env.server.base + 'test/empty.html?ps.f=chapter:财税');
  assert.equal(await apiError(page, '贷款', { filters: { chapter: '财税' } }), message);
  await insertWidget(page, { chapter: '财税' });
  assert.ok(errors.includes(`policy-search: chapter 属性已忽略：${message}`), errors.join('\n'));
  assert.match(await page.locator('#w .ps-stats').textContent(), /共 739 条政策/, 'neither the attribute nor the URL filter applies');
  assert.equal(await page.locator('#w .ps-preset').count(), 0);
  await page.close();
});

test('a page size outside 1–100 gets the same message in the CLI, the JS API and the attribute', async () => {
  const run = cli(['--limit', '0', '贷款']);
  assert.equal(run.status, 2);
  const message = '每页条数 “0” 应为 1–100 之间的整数';
  assert.ok(run.stderr.includes(message), run.stderr);
  const { page, errors } = await open(env.browser, env.server.base + 'test/empty.html');
  assert.equal(await apiError(page, '贷款', { pageSize: 0 }), message);
  await insertWidget(page, { 'page-size': '0', 'no-url': '' });
  assert.ok(errors.includes(`policy-search: page-size 属性已忽略：${message}`), errors.join('\n'));
  assert.equal((await hitIds(page, '#w')).length, 10);
  await page.close();
});

test('several values of one key are alternatives in the CLI, the JS API, the attribute and the URL', async () => {
  const run = cli(['--filter', 'chapter:人才支持', '--filter', 'chapter:创新支持', '--limit', '10', '人才']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.ids.length, 10);
  const { page } = await open(env.browser, env.server.base + 'test/empty.html?ps.q=人才&ps.f=chapter:人才支持&ps.f=chapter:创新支持');
  assert.deepEqual(await apiIds(page, '人才', { filters: { chapter: ['人才支持', '创新支持'] } }), run.ids);
  assert.deepEqual(await apiIds(page, '人才', { filters: [{ key: 'chapter', value: '人才支持' }, { key: 'chapter', value: '创新支持' }] }), run.ids);
  await insertWidget(page, {}, 'by-url');
  assert.deepEqual(await hitIds(page, '#by-url'), run.ids);
  await insertWidget(page, { chapter: '人才支持,创新支持', 'no-url': '' }, 'by-attribute');
  await page.locator('#by-attribute input.ps-input').fill('人才');
  await page.waitForFunction(() => document.querySelector('#by-attribute').shadowRoot.querySelector('.ps-stats').textContent.startsWith('找到'));
  assert.deepEqual(await hitIds(page, '#by-attribute'), run.ids);
  await page.close();
});

test('an unknown sort is refused with the same message by the CLI and the JS API', async () => {
  const run = cli(['--sort', 'sideways', '贷款']);
  assert.equal(run.status, 2);
  const message = '未知的排序 “sideways”（可用：relevance, newest, document_order, amount）';
  assert.ok(run.stderr.includes(message), run.stderr);
  const { page } = await open(env.browser, env.server.base + 'test/empty.html');
  assert.equal(await apiError(page, '贷款', { sort: 'sideways' }), message);
  await page.close();
});
