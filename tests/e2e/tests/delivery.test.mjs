// How the widget gets its bytes: the gzip files whatever the host, inflated in the page; the plain
// files where the browser cannot inflate; the glue's plain file where the page's CSP refuses blob:
// scripts; hosts that label .gz files or know no wasm MIME type; the index's second part (the pinyin
// readings) after the first results; a gzipped index named by `src`; and a gzip stream cut short.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, useServerAndBrowser, open, hitIds, waitForStats, insertWidget, DIST } from '../harness.mjs';

const env = useServerAndBrowser();
let legacy;
before(async () => { legacy = await serve(undefined, 'legacy'); });
after(async () => { await legacy.close(); });

/**
 * Opens the two-line page (or `path`) at `base` with `query`, recording the paths it requests and
 * its console errors; `init` runs in the page first, `prepare(page)` before it is opened.
 */
async function load(base, query, init, { path = 'test/bare.html', prepare } = {}) {
  const page = await env.browser.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  if (init) await page.addInitScript(init);
  if (prepare) await prepare(page);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + path + '?ps.q=' + encodeURIComponent(query));
  return { page, requested, errors };
}

// The files the entry module downloads: the glue, the wasm and the index parts, plain or gzipped.
const ASSET = /(^\/policy-search-glue\.[0-9a-f]{12}\.js|\.wasm|\.idx)(\.gz)?$/;
const GLUE_GZ = /^\/policy-search-glue\.[0-9a-f]{12}\.js\.gz$/;
const GLUE_PLAIN = /^\/policy-search-glue\.[0-9a-f]{12}\.js$/;

const idsOfApi = (page, q) => page.evaluate(async (query) => {
  const { search } = await import('/policy-search.js');
  return (await search(query)).hits.map((h) => h.id);
}, q);

test('the widget downloads the gzip files and shows results from them', async () => {
  const { page, requested, errors } = await load(env.server.base, '贷款贴息');
  await waitForStats(page, /找到/);
  const assets = requested.filter((p) => ASSET.test(p));
  assert.ok(assets.some((p) => GLUE_GZ.test(p)), assets.join(' '));
  assert.ok(assets.some((p) => /^\/policy-search\.[0-9a-f]{12}\.wasm\.gz$/.test(p)), assets.join(' '));
  assert.ok(assets.some((p) => /^\/policies-head\.[0-9a-f]{12}\.idx\.gz$/.test(p)), assets.join(' '));
  assert.ok(assets.every((p) => p.endsWith('.gz')), 'no plain file when the browser can inflate: ' + assets.join(' '));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a browser without DecompressionStream downloads the plain files', async () => {
  const { page, requested, errors } = await load(env.server.base, '贷款贴息', () => { delete window.DecompressionStream; });
  await waitForStats(page, /找到/);
  const assets = requested.filter((p) => ASSET.test(p));
  assert.ok(assets.length >= 3 && assets.some((p) => GLUE_PLAIN.test(p)) && assets.every((p) => !p.endsWith('.gz')), assets.join(' '));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page whose CSP meta element refuses blob: scripts gets the plain glue, with no console error', async () => {
  const { page, requested, errors } = await load(env.server.base, '贷款贴息', null, { path: 'index.html' });
  await waitForStats(page, /找到/);
  assert.ok(requested.some((p) => GLUE_PLAIN.test(p)) && !requested.some((p) => GLUE_GZ.test(p)), requested.join(' '));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page whose CSP header refuses blob: scripts still shows results, from the plain glue', async () => {
  const withCsp = (page) => page.route('**/test/bare.html*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" };
    await route.fulfill({ response, headers });
  });
  const { page, requested, errors } = await load(env.server.base, '贷款贴息', null, { prepare: withCsp });
  await waitForStats(page, /找到/);
  assert.ok(requested.some((p) => GLUE_PLAIN.test(p)), requested.join(' '));
  assert.ok(errors.every((e) => /Content Security Policy/i.test(e)), 'only the refusal is reported: ' + errors.join(' | '));
  await page.close();
});

test('a host that labels .gz files and knows no wasm MIME type serves a working widget', async () => {
  const { page, errors } = await load(legacy.base, '贷款贴息');
  await waitForStats(page, /找到/);
  assert.deepEqual(await hitIds(page), await idsOfApi(page, '贷款贴息'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pinyin query in a shared link shows the full answer once the readings arrive', async () => {
  const { page, requested, errors } = await load(env.server.base, 'zjtx');
  const expected = await idsOfApi(page, 'zjtx');
  assert.ok(expected.length > 0);
  await page.waitForFunction(`(() => {
    const root = document.querySelector('policy-search').shadowRoot;
    const ids = [...root.querySelectorAll('.ps-hit')].map((h) => Number(h.dataset.policyId));
    return JSON.stringify(ids) === ${JSON.stringify(JSON.stringify(expected))};
  })()`);
  assert.ok(requested.some((p) => /^\/policies-readings\.[0-9a-f]{12}\.idx\.gz$/.test(p)));
  assert.deepEqual(errors, []);
  await page.close();
});

test('an index named by src may itself be gzip-compressed', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'test/empty.html');
  const whole = await readFile(join(DIST, 'policies.idx'));
  await page.route('**/agency.idx.gz', (route) => route.fulfill({ body: gzipSync(whole), contentType: 'application/gzip' }));
  await insertWidget(page, { src: '/agency.idx.gz', 'no-url': '' });
  await waitForStats(page, /共 739 条政策/, '#w');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a download cut short in the middle of its gzip stream is reported, not shown as an empty list', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.route(/policies-head\.[0-9a-f]{12}\.idx\.gz$/, async (route) => {
    const full = await (await route.fetch()).body();
    await route.fulfill({ body: full.subarray(0, full.length >> 1), contentType: 'application/gzip' });
  });
  await page.goto(env.server.base + 'test/bare.html');
  const message = await page.locator('policy-search .ps-error').textContent();
  assert.match(message, /政策搜索暂时无法使用：无法下载政策索引 .*policies-head\.[0-9a-f]{12}\.idx/);
  assert.ok(errors.some((e) => /无法下载政策索引/.test(e)), errors.join('\n'));
  await page.close();
});
