// The budgets, measured in Debian's Chromium over the built dist/:
//   size      every file needed to show first results (HTML excluded): raw, as the widget downloads it
//             (the entry module as it is, the glue, the wasm and the index head as their .gz), and brotli
//             (quality 11). What a host that compresses nothing sends before the first results must
//             stay under the guard, the target of 300 KB (a regression fails the run)
//   network   the same cold load (and a repeat visit, HTTP cache warm) from a host that brotli-compresses
//             everything and from one that compresses nothing, unthrottled and on DevTools' Slow 4G and
//             Fast 3G presets, ours and Pagefind taking turns: medians of 5, with bytes on the wire;
//             the target is ours ≤ 0.6 × Pagefind's faster page in every cell
//   cold      navigation → first results for a preset query, fresh browser context each, median of 5,
//             with the median time of each of the entry module's User Timing marks on the way; on a
//             page holding only the two embed lines and on the demo portal. The budget is Pagefind's
//             time for the same data on this machine, so Pagefind is built over the same points
//             (pagefind-site.mjs) and loaded the same way in the same run, its pages taking turns with
//             ours load by load so that both see the same machine: the two-line page must beat the
//             faster of Pagefind's two pages.
//   keystroke each dev query typed character by character: input event → results rendered, p95
//   match     the JS API's match() over the dev profiles and every one-answer profile, repeated: p95
//   memory    JS heap + wasm linear memory after load
// Prints a table and writes target/bench.json. Exits non-zero when the size guard or memory budget is
// exceeded; the timing budgets depend on how busy the machine is, so they fail the run only with
// PS_BENCH_STRICT=1 (run it on an otherwise idle machine) and are otherwise reported.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, DIST, HOSTS } from './harness.mjs';
import { buildPagefindSite, PAGEFIND_PAGES } from './pagefind-site.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// Cold load has no fixed number: it must be at most 0.6× Pagefind's, measured here (see `cold` above).
// The issue cites ~214 ms for Pagefind, measured some other way; it is printed beside the measured one.
// The size budget counts the index with every policy's facts in it.
const BUDGET = { firstResultsGuardKB: 300, firstResultsTargetKB: 300, coldRatio: 0.6, keystrokeP95Ms: 16, matchP95Ms: 5, memoryMB: 30 };
const PAGEFIND_CITED_MS = 214;
// The files first results need: the entry module, and the content-hashed glue, wasm and index (each with
// the gzip form the entry module downloads beside it).
const FIRST_RESULTS_FILES = ['policy-search.js', ...(await readdir(DIST)).filter((f) => /^(policy-search|policy-search-glue|policies-head)\.[0-9a-f]{12}\.(wasm|idx|js)$/.test(f)).sort()];
const PRESET_QUERY = '?ps.q=' + encodeURIComponent('贷款贴息');
const PRESET = 'index.html' + PRESET_QUERY;
const BARE = 'test/bare.html' + PRESET_QUERY;
const queries = JSON.parse(await readFile(join(here, 'dev-queries.json'), 'utf8')).map((q) => q.q);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };

// Records, inside the page, when the first element matching `result` appears in the document or in
// any shadow root, and every time a shadow root's DOM changes (a widget's); keeps the wasm memory for
// the memory reading. The same script watches our widget and Pagefind's pages.
const INSTRUMENT = (result) => {
  window.__bench = { first: null, mutations: [], memory: null };
  const found = (root, now) => {
    if (window.__bench.first === null && root.querySelector(result)) window.__bench.first = now;
  };
  new MutationObserver(() => found(document, performance.now())).observe(document, { childList: true, subtree: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver(() => {
      const now = performance.now();
      window.__bench.mutations.push(now);
      found(root, now);
    }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    return root;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        const instance = result.instance || result;
        if (instance.exports && instance.exports.memory) window.__bench.memory = instance.exports.memory;
        return result;
      });
    };
  }
};

async function sizes() {
  const rows = [];
  for (const file of FIRST_RESULTS_FILES) {
    const raw = await readFile(join(DIST, file));
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    const gz = file === 'policy-search.js' ? null : (await readFile(join(DIST, file + '.gz'))).length;
    rows.push({ file, raw: raw.length, gzip: gz, brotli: br.length });
  }
  return rows;
}

/** Five cold loads of each target ({name, url, result}), taking turns: per target its times and marks. */
async function cold(browser, targets) {
  const out = targets.map((t) => ({ ...t, times: [], marks: {} }));
  for (let i = 0; i < 5; i += 1) {
    for (const target of out) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(INSTRUMENT, target.result);
      await page.goto(target.url);
      await page.waitForFunction(() => window.__bench.first !== null);
      target.times.push(await page.evaluate(() => window.__bench.first));
      const seen = await page.evaluate(() => performance.getEntriesByType('mark')
        .filter((m) => m.name.startsWith('policy-search:')).map((m) => [m.name.slice(14), m.startTime]));
      for (const [name, t] of seen) (target.marks[name] = target.marks[name] || []).push(t);
      await context.close();
    }
  }
  return out;
}

async function keystrokes(browser, base) {
  const page = await browser.newPage();
  await page.addInitScript(INSTRUMENT, '.ps-hit');
  await page.goto(base + 'index.html');
  await page.locator('policy-search .ps-hit').first().waitFor();
  await page.evaluate(() => {
    window.__bench.inputs = [];
    const root = document.querySelector('policy-search').shadowRoot;
    root.addEventListener('input', () => window.__bench.inputs.push(performance.now()), true);
  });
  const input = page.locator('policy-search input.ps-input');
  const latencies = [];
  for (const q of queries) {
    await input.fill('');
    await input.focus();
    for (const ch of q) {
      await page.evaluate(() => { window.__bench.mutations = []; window.__bench.inputs = []; });
      await page.keyboard.insertText(ch);
      // Rendering is synchronous after the input event (yew renders in a microtask), so once the
      // task has ended every mutation of this keystroke has been recorded.
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
      const [inputs, mutations] = await page.evaluate(() => [window.__bench.inputs, window.__bench.mutations]);
      if (inputs.length === 1 && mutations.length > 0) latencies.push(Math.max(...mutations) - inputs[0]);
    }
  }
  await page.close();
  return latencies;
}

/** Times match() in the page over the dev profiles and one profile per single answer, 10 rounds. */
async function matching(browser, base) {
  const profiles = JSON.parse(await readFile(join(here, '../eval/profiles-dev.json'), 'utf8')).map((p) => p.profile);
  const single = [{}, { region: '太原' }, { entity: '个体工商户' }, { size: '微型' }, { traits: ['高新技术企业'] },
    { industries: ['住宿餐饮'] }, { needs: ['融资支持'] }];
  const page = await browser.newPage();
  await page.goto(base + 'test/empty.html');
  const times = await page.evaluate(async (all) => {
    const { match } = await import('/policy-search.js');
    await match({});
    const out = [];
    for (let round = 0; round < 10; round++) {
      for (const p of all) {
        const started = performance.now();
        await match(p);
        out.push(performance.now() - started);
      }
    }
    return out;
  }, [...profiles, ...single]);
  await page.close();
  return times;
}

async function memory(browser, base) {
  const page = await browser.newPage();
  await page.addInitScript(INSTRUMENT, '.ps-hit');
  await page.goto(base + PRESET);
  await page.waitForFunction(() => window.__bench.first !== null && window.__bench.memory !== null);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__bench.memory.buffer.byteLength);
  await page.close();
  return { jsHeap: heap.usedSize, wasm };
}

// The networks of the host × network table: DevTools' presets as the issue gives them (round-trip
// latency added to every request; the throughput shared by all requests in flight).
const NETWORKS = [
  { name: 'none' },
  { name: 'Slow 4G', latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  { name: 'Fast 3G', latency: 563, downloadThroughput: 1.44e6 / 8, uploadThroughput: 675e3 / 8 },
];

/**
 * One visit of `url` in `page` (whose context may hold a warm HTTP cache): the time from navigation
 * to the first result, and the bytes on the wire (headers included) of every response that finished
 * before it appeared.
 */
async function visit(page, cdp, url) {
  let bytes = 0;
  const finished = (e) => { bytes += e.encodedDataLength; };
  cdp.on('Network.loadingFinished', finished);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.first !== null);
  const ms = await page.evaluate(() => window.__bench.first);
  cdp.off('Network.loadingFinished', finished);
  return { ms, bytes };
}

/**
 * For every host kind and network: five cold visits of each target (a fresh browser context each),
 * each followed by a repeat visit in the same context (its HTTP cache warm), targets taking turns.
 * Returns rows {host, network, name, cold: [{ms, bytes}], repeat: [{ms, bytes}]}.
 */
async function hostsAndNetworks(browser, targetsOf) {
  const rows = [];
  for (const host of HOSTS) {
    const targets = await targetsOf(host);
    for (const network of NETWORKS) {
      const these = targets.map((t) => ({ host, network: network.name, name: t.name, cold: [], repeat: [] }));
      for (let i = 0; i < 5; i += 1) {
        for (const [k, target] of targets.entries()) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.addInitScript(INSTRUMENT, target.result);
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          if (network.latency !== undefined) {
            const { latency, downloadThroughput, uploadThroughput } = network;
            await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput, uploadThroughput });
          }
          these[k].cold.push(await visit(page, cdp, target.url));
          // A visitor stays longer than the first results: what the page fetches after them (our
          // readings) is in the cache before the repeat visit.
          await page.waitForLoadState('networkidle');
          these[k].repeat.push(await visit(page, cdp, target.url));
          await context.close();
        }
      }
      rows.push(...these);
    }
  }
  return rows;
}

const server = await serve();
const pagefindSite = await buildPagefindSite();
const pagefindServer = await serve(pagefindSite);
const browser = await launch();
try {
  const files = await sizes();
  const totalBrotli = files.reduce((n, f) => n + f.brotli, 0);
  // What a host that compresses nothing sends before the first results: the entry module as it is,
  // the rest as the .gz files the entry module fetches.
  const firstResultsPlain = files.reduce((n, f) => n + (f.gzip === null ? f.raw : f.gzip), 0);
  const query = '?q=' + encodeURIComponent('贷款贴息');
  const targets = await cold(browser, [
    { name: 'policy-search, two-line page', url: server.base + BARE, result: '.ps-hit' },
    { name: 'policy-search, demo portal', url: server.base + PRESET, result: '.ps-hit' },
    ...PAGEFIND_PAGES.map((p) => ({ name: p.name, url: pagefindServer.base + p.path + query, result: p.result })),
  ]);
  const [bare, portal, ...pagefind] = targets.map((t) => ({
    name: t.name,
    ms: t.times,
    medianMs: median(t.times),
    marksMedianMs: Object.fromEntries(Object.entries(t.marks).map(([k, v]) => [k, median(v)])),
  }));
  const pagefindBest = Math.min(...pagefind.map((p) => p.medianMs));
  const hostServers = [];
  const network = await hostsAndNetworks(browser, async (host) => {
    const ours = await serve(DIST, host);
    const theirs = await serve(pagefindSite, host);
    hostServers.push(ours, theirs);
    return [
      { name: 'policy-search', url: ours.base + BARE, result: '.ps-hit' },
      ...PAGEFIND_PAGES.map((p) => ({ name: p.name, url: theirs.base + p.path + query, result: p.result })),
    ];
  });
  await Promise.all(hostServers.map((s) => s.close()));
  const cells = [];
  for (const host of HOSTS) {
    for (const { name } of NETWORKS) {
      const rows = network.filter((r) => r.host === host && r.network === name);
      const summary = (runs) => ({ medianMs: median(runs.map((r) => r.ms)), medianBytes: median(runs.map((r) => r.bytes)) });
      const [ours, ...pagefindRows] = rows.map((r) => ({ name: r.name, cold: summary(r.cold), repeat: summary(r.repeat), runs: r }));
      const best = pagefindRows.reduce((a, b) => (b.cold.medianMs < a.cold.medianMs ? b : a));
      cells.push({ host, network: name, ours, pagefind: pagefindRows, pagefindBest: best.name, ratio: ours.cold.medianMs / best.cold.medianMs });
    }
  }
  const keys = await keystrokes(browser, server.base);
  const matches = await matching(browser, server.base);
  const mem = await memory(browser, server.base);
  const report = {
    files,
    totalBrotli,
    firstResultsPlain,
    cold: { bare, portal, pagefind, pagefindBestMedianMs: pagefindBest, pagefindCitedMs: PAGEFIND_CITED_MS },
    hostsAndNetworks: cells,
    keystrokes: keys.length,
    keystrokeP50Ms: percentile(keys, 0.5),
    keystrokeP95Ms: percentile(keys, 0.95),
    keystrokeMaxMs: Math.max(...keys),
    matchP50Ms: percentile(matches, 0.5),
    matchP95Ms: percentile(matches, 0.95),
    memory: mem,
    memoryMB: (mem.jsHeap + mem.wasm) / 1048576,
  };
  const kb = (n) => (n / 1024).toFixed(1) + ' KB';
  for (const f of files) console.log(`size      ${f.file.padEnd(30)} raw ${kb(f.raw).padStart(9)}  gzip ${(f.gzip ? kb(f.gzip) : '—').padStart(9)}  brotli ${kb(f.brotli).padStart(9)}`);
  console.log(`size      before first results from a host that compresses nothing: ${kb(firstResultsPlain)} (guard ${BUDGET.firstResultsGuardKB} KB, target ${BUDGET.firstResultsTargetKB} KB${firstResultsPlain > BUDGET.firstResultsTargetKB * 1024 ? ', not met' : ', met'}); the same files brotli-compressed: ${kb(totalBrotli)}`);
  const steps = (marks) => Object.entries(marks).map(([k, t]) => `, ${k} ${t.toFixed(0)}`).join('');
  for (const t of [bare, portal, ...pagefind]) {
    console.log(`cold      ${t.name.padEnd(29)} ${t.ms.map((x) => x.toFixed(0)).join(', ')} ms; median ${t.medianMs.toFixed(0)} ms${steps(t.marksMedianMs)}`);
  }
  console.log(`cold      budget: two-line page ${bare.medianMs.toFixed(0)} ms ≤ ${BUDGET.coldRatio} × Pagefind ${pagefindBest.toFixed(0)} ms (its faster page, measured above; the issue cites ~${PAGEFIND_CITED_MS} ms); ours ÷ Pagefind = ${(bare.medianMs / pagefindBest).toFixed(2)}`);
  for (const c of cells) {
    const them = c.pagefind.map((p) => `${p.name} ${p.cold.medianMs.toFixed(0)} ms ${kb(p.cold.medianBytes)}`).join('; ');
    console.log(`network   ${c.host.padEnd(6)} ${c.network.padEnd(7)} ours ${c.ours.cold.medianMs.toFixed(0)} ms ${kb(c.ours.cold.medianBytes)} (repeat visit ${c.ours.repeat.medianMs.toFixed(0)} ms ${kb(c.ours.repeat.medianBytes)}); ${them}; ratio ${c.ratio.toFixed(2)} (target ≤ ${BUDGET.coldRatio})`);
  }
  console.log(`keystroke ${keys.length} keystrokes; p50 ${report.keystrokeP50Ms.toFixed(2)} ms, p95 ${report.keystrokeP95Ms.toFixed(2)} ms, max ${report.keystrokeMaxMs.toFixed(2)} ms (budget p95 ≤ ${BUDGET.keystrokeP95Ms} ms)`);
  console.log(`match     ${matches.length} calls of match(); p50 ${report.matchP50Ms.toFixed(2)} ms, p95 ${report.matchP95Ms.toFixed(2)} ms (budget p95 ≤ ${BUDGET.matchP95Ms} ms)`);
  console.log(`memory    JS heap ${kb(mem.jsHeap)} + wasm ${kb(mem.wasm)} = ${report.memoryMB.toFixed(1)} MB (budget ${BUDGET.memoryMB} MB)`);
  await mkdir(join(here, '../../target'), { recursive: true });
  await writeFile(join(here, '../../target/bench.json'), JSON.stringify(report, null, 2) + '\n');
  const over = [];
  const slow = [];
  if (firstResultsPlain > BUDGET.firstResultsGuardKB * 1024) over.push('size');
  if (report.memoryMB > BUDGET.memoryMB) over.push('memory');
  if (keys.length < queries.length) over.push('too few keystrokes measured');
  if (bare.medianMs > BUDGET.coldRatio * pagefindBest) slow.push('cold load');
  for (const c of cells) if (c.ratio > BUDGET.coldRatio) slow.push(`cold load (${c.host} host, ${c.network})`);
  if (report.matchP95Ms > BUDGET.matchP95Ms) slow.push('match p95');
  if (report.keystrokeP95Ms > BUDGET.keystrokeP95Ms) slow.push('keystroke p95');
  const strict = process.env.PS_BENCH_STRICT === '1';
  if (slow.length) console.error(`bench: over the timing budget${strict ? '' : ' (not enforced without PS_BENCH_STRICT=1)'}: ${slow.join(', ')}`);
  if (over.length) console.error('bench: over budget: ' + over.join(', '));
  if (over.length || (strict && slow.length)) process.exitCode = 1;
  else if (!slow.length) console.log('bench: every budget met');
} finally {
  await browser.close();
  await server.close();
  await pagefindServer.close();
}
