// Shared by the browser tests and the benchmark: a static server over dist/ (plus the test pages)
// and Debian's Chromium driven by playwright-core. No browser download: executablePath is fixed.
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import * as probes from './probes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = resolve(process.env.PS_DIST || join(here, '../../dist'));
const PAGES = join(here, 'pages');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.idx': 'application/octet-stream',
  '.gz': 'application/gzip',
};

/**
 * The kinds of static host the bench loads pages from. Both send the caching headers www/README.md
 * recommends (an ETag on everything; a year for content-hashed names, revalidation for the rest):
 *   brotli  compresses every response the browser accepts brotli for (quality 11), except files that
 *           are gzip already (ours' .gz, Pagefind's chunks), as a CDN or a well-configured server does;
 *   plain   compresses nothing, as a server whose compression covers only text/html.
 * Without a host, the server is the tests': no compression and `no-store`. One more kind, for the
 * tests only:
 *   legacy  knows no MIME type but HTML's and JS's (the .wasm goes out as application/octet-stream)
 *           and, like Apache's `AddEncoding x-gzip .gz`, labels .gz files `Content-Encoding: gzip`,
 *           so that the browser inflates them before the widget sees them.
 */
export const HOSTS = ['brotli', 'plain'];
const HASHED = /\.[0-9a-f]{12}\./;

/** Serves dist/ (or another folder) at / and tests/e2e/pages/ at /test/ on a free port of 127.0.0.1. */
export async function serve(folder = DIST, host = null) {
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [root, rel] = path.startsWith('/test/') ? [PAGES, path.slice(6)] : [folder, path.slice(1) || 'index.html'];
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    let body;
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream' };
    if (host === 'legacy') {
      if (!/\.(html|js|mjs)$/.test(file)) headers['content-type'] = 'application/octet-stream';
      if (file.endsWith('.gz')) headers['content-encoding'] = 'gzip';
    }
    if (!host || host === 'legacy') {
      res.writeHead(200, { ...headers, 'cache-control': 'no-store' }).end(body);
      return;
    }
    const etag = '"' + createHash('sha1').update(body).digest('hex').slice(0, 16) + '"';
    headers.etag = etag;
    headers['cache-control'] = HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers).end(); return; }
    const gzipped = body[0] === 0x1f && body[1] === 0x8b;
    if (host === 'brotli' && !gzipped && /\bbr\b/.test(req.headers['accept-encoding'] || '')) {
      if (!compressed.has(file)) {
        compressed.set(file, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
      body = compressed.get(file);
      headers['content-encoding'] = 'br';
      headers.vary = 'accept-encoding';
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}/`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
}

/**
 * For a test file: starts the server over dist/ and Chromium before its tests and stops both after.
 * Returns an object whose `server` and `browser` are set once the tests run.
 */
export function useServerAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser.close();
    await env.server.close();
  });
  return env;
}

export const SCREENSHOTS = join(here, 'screenshots');

/** The data-policy-id of each rendered result of the widget in `host` (a CSS selector). */
export function hitIds(page, host = 'policy-search') {
  return page.evaluate(probes.hitIds, host);
}

/** Waits until the widget's result count line matches `pattern` and returns it. */
export async function waitForStats(page, pattern, host = 'policy-search') {
  const handle = await page.waitForFunction(([sel, src]) => {
    const root = document.querySelector(sel) && document.querySelector(sel).shadowRoot;
    const stats = root && root.querySelector('.ps-stats');
    return stats && new RegExp(src).test(stats.textContent) && stats.textContent;
  }, [host, pattern.source]);
  return handle.jsonValue();
}

/** Waits until the widget in `host` shows results whose ids differ from `before`. */
export async function waitForHitsChange(page, before, host = 'policy-search') {
  // An expression with the shared probe's source in it: waitForFunction's function must be self-contained.
  const handle = await page.waitForFunction(`(() => {
    const ids = (${probes.hitIds})(${JSON.stringify(host)});
    return ids && JSON.stringify(ids) !== ${JSON.stringify(JSON.stringify(before))} && ids;
  })()`);
  return handle.jsonValue();
}

/**
 * What search() must return for every dev query: the ids the CLI gave, read from the file
 * PS_CLI_EXPECTED names (written by cli-expected.mjs), checked to be for today's dev queries.
 */
export async function cliExpectations() {
  const path = process.env.PS_CLI_EXPECTED;
  assert.ok(path, 'PS_CLI_EXPECTED must name the file written by tests/e2e/cli-expected.mjs');
  const expected = JSON.parse(await readFile(path, 'utf8'));
  const queries = JSON.parse(await readFile(join(here, 'dev-queries.json'), 'utf8')).map((q) => q.q);
  assert.deepEqual(expected.map((e) => e.q), queries, 'the CLI expectations are for other queries');
  return { queries, expected };
}

const REPO = join(here, '../..');
/** The dev profiles of 政策匹配: [{name, profile, rel}]. */
export const devProfiles = async () => JSON.parse(await readFile(join(REPO, 'tests/eval/profiles-dev.json'), 'utf8'));

/** The ids `policy-search match` gives over dist/'s index for `profile` on `today`. */
export function cliMatch(profile, today, limit = 20) {
  const r = spawnSync(join(REPO, 'target/release/policy-search'),
    ['match', '--index', join(DIST, 'policies.idx'), '--json', '--today', today, '--limit', String(limit), '--profile', '-'],
    { input: JSON.stringify(profile), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).matches.map((m) => m.id);
}

export async function insertWidget(page, attributes, id = 'w') {
  await page.evaluate(([attrs, elementId]) => {
    const el = document.createElement('policy-search');
    el.id = elementId;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, [attributes, id]);
  await page.locator(`#${id} .ps-hit`).first().waitFor();
}

/** Opens a page and collects its console errors and uncaught exceptions. */
export async function open(browser, url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}
