// The JS API: search() from the same module, the demo page using it, and its input errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, open, cliExpectations } from '../harness.mjs';
import { apiIds } from '../probes.mjs';

const env = useServerAndBrowser();

test('the API demo page renders hits with data-policy-id from search()', async () => {
  const { page, errors } = await open(env.browser, env.server.base + 'api.html');
  await page.locator('#hits li').first().waitFor();
  const ids = await page.locator('#hits li').evaluateAll((els) => els.map((e) => Number(e.dataset.policyId)));
  assert.ok(ids.length > 0 && ids.length <= 8);
  assert.match(await page.locator('#status').textContent(), /共 \d+ 条/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('search() filters by an object of facets and returns points with their documents', async () => {
  const { page } = await open(env.browser, env.server.base + 'api.html');
  const result = await page.evaluate(async () => {
    const { search } = await import('/policy-search.js');
    return search('', { filters: { chapter: '财税金融' }, pageSize: 20 });
  });
  assert.ok(result.total > 0);
  assert.equal(result.hits.length, Math.min(20, result.total));
  assert.ok(result.hits.every((h) => h.point.chapter === '财税金融' && h.point.id === h.id));
  await page.close();
});

test('search() takes a year filter given as a number', async () => {
  const { page } = await open(env.browser, env.server.base + 'api.html');
  const [asNumber, asString] = await page.evaluate(async () => {
    const { search } = await import('/policy-search.js');
    return [await search('', { filters: { year: 2022 } }), await search('', { filters: { year: '2022' } })];
  });
  assert.ok(asNumber.total > 0);
  assert.ok(asNumber.hits.every((h) => h.point.year === 2022));
  assert.deepEqual(asNumber.hits.map((h) => h.id), asString.hits.map((h) => h.id));
  await page.close();
});

test('search() rejects an unknown sort or filter key with a message naming it', async () => {
  const { page } = await open(env.browser, env.server.base + 'api.html');
  const messages = await page.evaluate(async () => {
    const { search } = await import('/policy-search.js');
    const out = [];
    for (const options of [{ sort: 'sideways' }, { filters: { colour: 'red' } }, { pageSiz: 3 }]) {
      try {
        await search('贷款', options);
        out.push('resolved');
      } catch (e) {
        out.push(e.message);
      }
    }
    return out;
  });
  assert.match(messages[0], /未知的排序 “sideways”/);
  assert.match(messages[1], /未知的筛选字段 “colour”/);
  assert.match(messages[2], /pageSiz/);
  await page.close();
});

test('search() returns the same ids as the CLI for every dev query', async () => {
  const { queries, expected } = await cliExpectations();
  const { page } = await open(env.browser, env.server.base + 'api.html');
  assert.deepEqual(await page.evaluate(apiIds, queries), expected);
  await page.close();
});
