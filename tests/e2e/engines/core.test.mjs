// The core behaviours in the engine PS_ENGINE names (firefox, webkit; chromium runs the full suite in
// tests/ and can run this one too): driven over W3C WebDriver with real key input, reading the widget
// with the probes the Chromium suite also uses (as P, also inside the page's functions). Each test
// opens its page afresh; every wait polls a condition inside the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndSession, KEYS } from '../webdriver.mjs';
import * as P from '../probes.mjs';
import { cliExpectations, cliMatch, devProfiles } from '../harness.mjs';

const env = useServerAndSession();
const W = 'policy-search';
/** The date statuses are judged on when the page and the CLI must agree. */
const MATCH_DAY = '2025-06-30';

/** Waits until the widget shows its first results. */
const firstResults = (s) => s.until('the first results', (h) => { const ids = P.hitIds(h); return ids && ids.length > 0; }, [W]);

/** Opens the demo portal (a hostile host page with a strict CSP) and waits for its first results. */
async function portal(query = '') {
  const s = env.session;
  await s.goto(env.server.base + 'index.html' + query);
  await firstResults(s);
  return s;
}

/** Waits until the count line matches `pattern` (a RegExp) and returns it. */
function stats(s, pattern) {
  return s.until(`the count line to match ${pattern}`,
    (h, src) => { const text = P.statsText(h); return new RegExp(src).test(text) && text; }, [W, pattern.source]);
}

/** Types `text` into the search box as key presses and waits for its results. */
async function search(s, text) {
  await s.type(await s.element('the search box', P.searchBox, W), text);
  return stats(s, /找到 \d+ 条政策/);
}

const ids = (s) => s.run(P.hitIds, W);

/** Waits until the focus is on the result `id` (keys arrive faster than the focus follows them). */
async function focusOn(s, id) {
  await s.until(`the focus on result ${id}`, (h, want) => P.focusedHitId(h) === want, [W, id])
    .catch(async (e) => { throw new Error(`${e.message}; it is on ${await s.run(P.focusedHitId, W)}`); });
  return s.run(P.focusedHitId, W);
}
const urlParam = (s, key, value) => s.until(`${key}=${value} in the URL`,
  (k, v) => new URL(location.href).searchParams.get(k) === v, [key, value]);

test('the portal under its strict CSP shows all 739 policies', async () => {
  const s = await portal();
  assert.match(await stats(s, /共 \d+ 条政策/), /共 739 条政策/);
});

test('typing a query shows the matching policies with the typed words highlighted', async () => {
  const s = await portal();
  assert.match(await search(s, '贷款贴息'), /找到 \d+ 条政策/);
  const marks = await s.run(P.markedTexts, W);
  assert.ok(marks.length > 0, 'no highlighted match');
  assert.ok(marks.every((m) => ['贷款贴息', '贷款', '贴息'].includes(m)), `unexpected highlights: ${marks}`);
});

test('the search time never reads zero, even where the clock counts whole milliseconds', async () => {
  const s = await portal();
  // Rare words: the search takes well under a millisecond, which Firefox's and Safari's clocks round to 0.
  await search(s, '晋政办发〔2022〕30号');
  const line = await s.until('the count line with its time', P.countLine, [W]);
  assert.match(line, /用时 (不到 1|\d+\.\d) 毫秒/);
  assert.doesNotMatch(line, /用时 0\.0 毫秒/);
});

test('a year filter shows only that year, as many policies as its count said', async () => {
  const s = await portal();
  const [year] = await s.until('the year filters', (h) => { const f = P.facetButtons(h, '年份'); return f.length > 0 && f.map((b) => ({ value: b.value, count: b.count })); }, [W]);
  await s.click(await s.element('the first year filter', (h) => P.facetButtons(h, '年份')[0].button, W));
  assert.match(await stats(s, /找到/), new RegExp(`找到 ${year.count} 条政策`));
  assert.ok((await s.run(P.chipTexts, W)).some((c) => c.includes(year.value)), 'no chip for the filter');
  const texts = await s.run((h) => Array.from(document.querySelector(h).shadowRoot.querySelectorAll('[data-policy-id]')).map((e) => e.textContent), W);
  assert.ok(texts.length > 0 && texts.every((t) => t.includes(year.value)), `a result outside ${year.value}`);
  const pressed = await s.run((h) => P.facetButtons(h, '年份')[0].pressed, W);
  assert.equal(pressed, true);
});

test('removing the filter chip shows every policy again', async () => {
  const s = await portal();
  await s.click(await s.element('the first year filter', (h) => P.facetButtons(h, '年份')[0].button, W));
  await s.click(await s.element('the chip', P.buttonNamed, W, '移除筛选条件'));
  await stats(s, /共 739 条政策/);
  assert.deepEqual(await s.run(P.chipTexts, W), []);
});

test('clicking a result opens its details and emits policy-open with its id', async () => {
  const s = await portal();
  await s.execute(`window.opened = null;
    document.addEventListener('policy-open', (e) => { window.opened = e.detail; });`);
  const [id] = await ids(s);
  await s.click(await s.element('the first result', P.hitButton, W, 0));
  const detail = await s.until('the details', P.openedDetail, [W]);
  assert.ok(detail.title.length > 2, `title “${detail.title}”`);
  for (const fact of ['文号', '发文机关', '年份']) assert.match(detail.text, new RegExp(fact));
  assert.equal(await s.until('policy-open', () => window.opened && window.opened.id), id);
});

test('the arrow keys move the focus through the results', async () => {
  const s = await portal();
  await search(s, '企业');
  const shown = await ids(s);
  await s.press(KEYS.ArrowDown, KEYS.ArrowDown, KEYS.ArrowDown);
  assert.equal(await focusOn(s, shown[2]), shown[2]);
  await s.press(KEYS.ArrowUp);
  assert.equal(await focusOn(s, shown[1]), shown[1]);
});

test('the result the arrow keys focus shows a focus ring', async () => {
  const s = await portal();
  await search(s, '企业');
  await s.press(KEYS.ArrowDown);
  await s.until('a focused result', P.focusedHitId, [W]);
  const ring = await s.run(P.focusRing, W);
  assert.ok(ring.style !== 'none' && ring.width >= 2, `focus ring ${JSON.stringify(ring)}`);
});

test('Enter opens the focused result and Escape closes it, returning the focus to it', async () => {
  const s = await portal();
  await search(s, '企业');
  const shown = await ids(s);
  await s.press(KEYS.ArrowDown, KEYS.ArrowDown);
  await focusOn(s, shown[1]);
  await s.press(KEYS.Enter);
  await s.until('the details', P.openedDetail, [W]);
  await s.press(KEYS.Escape);
  await s.until('the details to close', (h) => !P.openedDetail(h), [W]);
  assert.equal(await focusOn(s, shown[1]), shown[1]);
});

test('Escape in the search box clears it and slash focuses it again', async () => {
  const s = await portal();
  await search(s, '贴息');
  await s.press(KEYS.Escape);
  await stats(s, /共 739 条政策/);
  await s.click(await s.element('the page heading', () => document.querySelector('h1')));
  await s.press('/');
  await s.until('the search box to have the focus', (h) => document.querySelector(h).shadowRoot.activeElement === P.searchBox(h), [W]);
  assert.equal(await s.run((h) => P.searchBox(h).value, W), '', 'the slash was typed into the box');
});

test('an Escape that cancels an IME composition after compositionend, as Safari sends it, keeps the query', async () => {
  const s = await portal();
  await search(s, '贷款');
  const shown = await ids(s);
  // WebKit fires compositionend before the keydown of the key that ended the composition, which then
  // has isComposing false and keyCode 229 (WebKit bug 165004). No driver can type through an IME, so
  // the events are the ones Safari sends when Escape cancels a candidate of “tiexi”.
  await s.run((h) => {
    const input = P.searchBox(h);
    const fire = (e) => input.dispatchEvent(e);
    fire(new CompositionEvent('compositionstart', { bubbles: true, composed: true, data: '' }));
    input.value = '贷款tiexi';
    fire(new InputEvent('input', { bubbles: true, composed: true, isComposing: true, inputType: 'insertCompositionText', data: 'tiexi' }));
    input.value = '贷款';
    fire(new InputEvent('input', { bubbles: true, composed: true, isComposing: true, inputType: 'deleteCompositionText' }));
    fire(new CompositionEvent('compositionend', { bubbles: true, composed: true, data: '' }));
    const escape = new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, composed: true, cancelable: true });
    Object.defineProperty(escape, 'keyCode', { value: 229 });
    fire(escape);
  }, W);
  // A real key after it: once ArrowDown has focused the first result, the Escape has been handled.
  await s.press(KEYS.ArrowDown);
  assert.equal(await focusOn(s, shown[0]), shown[0]);
  assert.equal(await s.run((h) => P.searchBox(h).value, W), '贷款');
  assert.match(await s.run(P.statsText, W), /找到 \d+ 条政策/);
});

test('the 政策匹配 form can be filled by keyboard alone and answers with the matches', async () => {
  const s = await portal();
  await s.run((h) => P.buttonNamed(h, '政策匹配').focus(), W);
  await s.press(KEYS.Enter);
  await s.until('the region question', (h) => P.control(h, '所在地区'), [W]);
  await s.run((h) => P.control(h, '所在地区').focus(), W);
  // 不限 → the first region; Tab to the 主体类型 radios, → 企业; Tab to 规模, 不限 → 大型 → 中型;
  // Tab to the first 资质 checkbox, Space ticks it. Each key waits for the focus it needs.
  await s.press(KEYS.ArrowDown, KEYS.Tab);
  await s.until('the focus on the 主体类型 radios', (h) => /input:radio/.test(P.focusedControl(h)), [W]);
  await s.press(KEYS.ArrowRight, KEYS.Tab);
  await s.until('the focus on 企业规模', (h) => document.querySelector(h).shadowRoot.activeElement === P.control(h, '企业规模'), [W]);
  await s.press(KEYS.ArrowDown, KEYS.ArrowDown, KEYS.Tab);
  await s.until('the focus on the first 资质 checkbox', (h) => /input:checkbox/.test(P.focusedControl(h)), [W]);
  await s.press(KEYS.Space);
  const line = await s.until('the match results', (h) => { const t = P.statsText(h); return /为您找到|没有找到适用/.test(t) && t; }, [W]);
  assert.match(line, /为您找到 \d+ 条可申请或享受的政策：精准匹配 \d+ 条，普遍适用 \d+ 条，需核实 \d+ 条|没有找到适用的政策/);
  const groups = await s.run((h) => Array.from(document.querySelector(h).shadowRoot.querySelectorAll('section[aria-label]'))
    .map((g) => g.getAttribute('aria-label')).filter((l) => /^(精准匹配|普遍适用|需核实)，共 \d+ 条$/.test(l)), W);
  // (Until the dataset carries its facts, nothing matches: then there is no group to show.)
  assert.equal(groups.length > 0, /为您找到/.test(line), `groups ${groups} for “${line}”`);
  const state = await urlParam(s, 'ps.p.size', '中型').then(() => s.run(P.urlState));
  assert.equal(state['ps.tab'], 'match');
  assert.equal(state['ps.p.entity'], '企业');
  assert.ok(state['ps.p.region'], 'no region chosen');
  assert.ok(state['ps.p.traits'], 'no trait ticked');
});

test('the URL keeps the query, filter, sort and page, and a reload restores them', async () => {
  const s = await portal('?site=portal#top');
  await search(s, '企业');
  await s.click(await s.element('the first chapter filter', (h) => P.facetButtons(h, '篇章与类别')[0].button, W));
  await s.until('a chapter filter in the URL', () => /^chapter:/.test(new URL(location.href).searchParams.get('ps.f') || ''));
  await s.click(await s.element('the sort option 最新发布', P.optionNamed, W, '排序', '最新发布'));
  await urlParam(s, 'ps.sort', 'newest');
  await s.click(await s.element('the next page button', P.buttonNamed, W, '下一页'));
  await urlParam(s, 'ps.page', '2');
  const state = await s.run(P.urlState);
  assert.equal(state.site, 'portal');
  assert.equal(state.hash, '#top');
  assert.equal(state['ps.q'], '企业');
  const shown = await ids(s);
  await s.refresh();
  await s.until('the restored results', (h, want) => JSON.stringify(P.hitIds(h)) === want, [W, JSON.stringify(shown)]);
  assert.equal(await s.run((h) => P.searchBox(h).value, W), '企业');
  assert.equal(await s.run(P.selectedOption, W, '排序'), '最新发布');
});

test('back and forward step through filter changes', async () => {
  const s = await portal();
  const all = await ids(s);
  await s.click(await s.element('the first year filter', (h) => P.facetButtons(h, '年份')[0].button, W));
  const changed = (h, prev) => { const ids = P.hitIds(h); return ids && JSON.stringify(ids) !== prev && ids; };
  const filtered = await s.until('the filtered results', changed, [W, JSON.stringify(all)]);
  await s.until('the filter in the URL', () => new URL(location.href).searchParams.has('ps.f'));
  await s.back();
  assert.deepEqual(await s.until('the unfiltered results', changed, [W, JSON.stringify(filtered)]), all);
  await s.forward();
  assert.deepEqual(await s.until('the filtered results again', changed, [W, JSON.stringify(all)]), filtered);
});

test('large-text mode makes the body text at least 24 px', async () => {
  const s = await portal();
  await s.click(await s.element('the large-text toggle', P.buttonNamed, W, '大字模式'));
  await s.until('the large-text toggle to be pressed', (h) => P.buttonNamed(h, '大字模式').getAttribute('aria-pressed') === 'true', [W]);
  const size = await s.until('large body text', (h) => { const c = P.hostileCheck(h); return c && c.text >= 24 && c.text; }, [W]);
  assert.ok(size >= 24, `large text is ${size}px`);
});

test('the hostile host CSS changes neither the widget text size nor its touch targets', async () => {
  const s = await portal();
  const style = await s.until('the widget styles', P.hostileCheck, [W]);
  assert.ok(style.text >= 16, `body text ${style.text}px`);
  assert.doesNotMatch(style.family, /SimSun/);
  const small = style.controls.filter((c) => c.height < 44);
  assert.deepEqual(small, [], 'touch targets under 44px');
  assert.equal(style.hostLead, 13, 'the widget changed the host page');
});

test('all widget text has a contrast of at least 4.5:1 against its background', async () => {
  const s = await portal();
  await search(s, '贷款');
  await s.click(await s.element('the first year filter', (h) => P.facetButtons(h, '年份')[0].button, W));
  await s.until('the chip', (h) => P.chipTexts(h).length > 0, [W]);
  const failures = await s.run(P.contrastFailures, W);
  assert.ok(failures.checked > 30, `only ${failures.checked} text elements checked`);
  assert.deepEqual(failures.out, []);
});

for (const [frame, what] of [['w320', 'at 320 px'], ['w640', 'at 200 % zoom (640 CSS px)']]) {
  test(`${what} the portal has no horizontal scrolling and nothing sticks out of the widget`, async () => {
    const s = env.session;
    await s.goto(env.server.base + 'test/narrow.html');
    await s.frame(await s.element(`the ${frame} frame`, (id) => document.getElementById(id), frame));
    try {
      await firstResults(s);
      const o = await s.run(P.overflow, W);
      assert.ok(o.page <= o.view, `the page is ${o.page}px wide in ${o.view}px`);
      assert.deepEqual(o.outside, []);
    } finally {
      await s.frame(null);
    }
  });
}

test('search() returns the same ids as the CLI for every dev query', async () => {
  const { queries, expected } = await cliExpectations();
  const s = env.session;
  await s.goto(env.server.base + 'api.html');
  assert.deepEqual(await s.runAsync(P.apiIds, queries), expected);
});

test('match() returns the same ids as the CLI for every dev profile', async () => {
  const s = env.session;
  await s.goto(env.server.base + 'api.html');
  for (const { name, profile } of await devProfiles()) {
    const expected = cliMatch(profile, MATCH_DAY);
    assert.deepEqual(await s.runAsync(P.apiMatchIds, { profile, today: MATCH_DAY, pageSize: 20 }), expected, name);
  }
});
