// How the widget gets its bytes: the gzip files whatever the host, inflated in the page; the plain
// files where the browser cannot inflate; hosts that label .gz files or know no wasm MIME type; and
// the index's second part (the pinyin readings) after the first results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, useServerAndBrowser, open, hitIds, waitForStats } from '../harness.mjs';

const env = useServerAndBrowser();
let legacy;
before(async () => { legacy = await serve(undefined, 'legacy'); });
after(async () => { await legacy.close(); });

/** Opens the two-line page at `base` with `query`, recording the paths it requests. */
async function load(base, query, init) {
  const page = await env.browser.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  if (init) await page.addInitScript(init);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + 'test/bare.html?ps.q=' + encodeURIComponent(query));
  return { page, requested, errors };
}

const idsOfApi = (page, q) => page.evaluate(async (query) => {
  const { search } = await import('/policy-search.js');
  return (await search(query)).hits.map((h) => h.id);
}, q);

test('the widget downloads the gzip files and shows results from them', async () => {
  const { page, requested, errors } = await load(env.server.base, '贷款贴息');
  await waitForStats(page, /找到/);
  const assets = requested.filter((p) => /\.(wasm|idx)(\.gz)?$/.test(p));
  assert.ok(assets.some((p) => /^\/policy-search\.[0-9a-f]{12}\.wasm\.gz$/.test(p)), assets.join(' '));
  assert.ok(assets.some((p) => /^\/policies-head\.[0-9a-f]{12}\.idx\.gz$/.test(p)), assets.join(' '));
  assert.ok(assets.every((p) => p.endsWith('.gz')), 'no plain file when the browser can inflate: ' + assets.join(' '));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a browser without DecompressionStream downloads the plain files', async () => {
  const { page, requested, errors } = await load(env.server.base, '贷款贴息', () => { delete window.DecompressionStream; });
  await waitForStats(page, /找到/);
  const assets = requested.filter((p) => /\.(wasm|idx)(\.gz)?$/.test(p));
  assert.ok(assets.length >= 2 && assets.every((p) => !p.endsWith('.gz')), assets.join(' '));
  assert.deepEqual(errors, []);
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
