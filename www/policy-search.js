// policy-search.js — the one file a page includes: defines <policy-search> and exports search() and
// mount(). It only downloads (the wasm and each index once, in parallel) and hands over to the wasm,
// which reads attributes, renders, searches and reports errors. ES2017 and dynamic import, no eval.
//
// Downloads do not depend on the host: the build writes the wasm and the index gzip-compressed beside
// the plain files, and where the browser has DecompressionStream (Chrome 80, Firefox 113, Safari 16.4)
// this module fetches NAME.gz and inflates it as it streams in, so a host that compresses nothing still
// sends ~2.7× fewer bytes. Any download that starts with gzip's magic bytes is inflated, so an index
// named by `src` may be gzipped too, and a host that adds `Content-Encoding: gzip` to .gz files (the
// browser then inflates it already) works as well. The wasm's response is given its MIME type here, so
// a host need not know `.wasm` either. The wasm-bindgen glue is a module of its own for the same
// reason: it comes gzipped too (5 KB instead of 20), inflated into a blob: module (see importGlue).

/* global PS_ASSETS */
// The content-hashed file names, written in by scripts/build-web.sh (esbuild --define).
const ASSETS = PS_ASSETS;
const here = new URL('.', import.meta.url);
const DEFAULT_SRC = new URL(ASSETS.index, here).href;
const INFLATES = typeof DecompressionStream === 'function';
// User Timing marks (policy-search:module, :wasm, :index-fetched, :index-parsed, :index-complete),
// visible in any browser's performance panel: where a slow start went, on the page it happened on.
const mark = (name) => { if (typeof performance !== 'undefined' && performance.mark) performance.mark('policy-search:' + name); };
mark('module');

/**
 * The body of `response` as a Response of MIME type `type`, inflated on the fly when it is gzip.
 * The first chunk decides: it is passed on unchanged, followed by the rest of the stream.
 */
async function inflated(response, type) {
  if (!response.ok) throw new Error('HTTP ' + response.status);
  const headers = { 'content-type': type };
  if (!INFLATES || !response.body) return new Response(await response.arrayBuffer(), { headers });
  const reader = response.body.getReader();
  let head = new Uint8Array(0);
  while (head.length < 2) {
    const chunk = await reader.read();
    if (chunk.done) return new Response(head, { headers });
    const joined = new Uint8Array(head.length + chunk.value.length);
    joined.set(head);
    joined.set(chunk.value, head.length);
    head = joined;
  }
  const body = new ReadableStream({
    start(controller) { controller.enqueue(head); },
    pull(controller) {
      return reader.read().then((chunk) => { if (chunk.done) controller.close(); else controller.enqueue(chunk.value); });
    },
    cancel(reason) { return reader.cancel(reason); },
  });
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  return new Response(gzip ? body.pipeThrough(new DecompressionStream('gzip')) : body, { headers });
}

/** Fetches `url`, or its pre-compressed NAME.gz when `compressed` exists and the browser can inflate. */
function download(url, type, compressed) {
  return fetch(INFLATES && compressed ? url + '.gz' : url).then((response) => inflated(response, type));
}

/**
 * Whether the page lets scripts load from blob: URLs. A Content-Security-Policy that does not would
 * refuse the inflated glue and report it in the console, so such a page gets the plain file. Only a
 * policy in a <meta> element can be read; one sent as an HTTP header is found out by the refusal
 * (the fallback still works, see www/README.md).
 */
function blobScriptsAllowed() {
  const metas = document.querySelectorAll('meta[http-equiv="content-security-policy" i]');
  for (let m = 0; m < metas.length; m++) {
    const directives = (metas[m].getAttribute('content') || '').split(';').map((d) => d.trim().toLowerCase().split(/\s+/));
    const named = (name) => directives.find((d) => d[0] === name);
    const scripts = named('script-src-elem') || named('script-src') || named('default-src');
    if (scripts && scripts.indexOf('blob:') < 0) return false;
  }
  return true;
}

/**
 * The wasm-bindgen glue: its .gz inflated and imported from a blob: URL where the browser can inflate
 * and the page allows it, else (or if that fails) its plain file.
 */
function importGlue() {
  const url = new URL(ASSETS.glue, here).href;
  const plain = () => import(url);
  if (!INFLATES || !blobScriptsAllowed()) return plain();
  return download(url, 'text/javascript', true)
    .then((response) => response.blob())
    .then((blob) => {
      const module = URL.createObjectURL(blob);
      const revoke = () => URL.revokeObjectURL(module);
      return import(module).then((glue) => { revoke(); return glue; }, (e) => { revoke(); throw e; });
    })
    .catch(plain);
}

// The wasm's download starts at once, beside the glue's; `wasm` is the glue once it has started it.
let wasm = null;
const wasmResponse = download(new URL(ASSETS.wasm, here).href, 'application/wasm', true);
wasmResponse.catch(() => {});
const booted = importGlue()
  .then((glue) => glue.default({ module_or_path: wasmResponse }).then(() => { wasm = glue; mark('wasm'); }));
const indexes = new Map();
let instances = 0;

/** The bytes at `url` (see download), or a clear error naming what could not be downloaded. */
function bytesOf(url, what, compressed) {
  return download(url, 'application/octet-stream', compressed)
    .then((response) => response.arrayBuffer())
    .catch((e) => { throw new Error('无法下载' + what + ' ' + url + '（' + (e && e.message ? e.message : e) + '）'); });
}

/**
 * The index at `src` (the build's own by default), loaded once per URL: `ready` resolves to its URL
 * once first results can be shown, `complete()` once every query gets its full answer. The build's
 * index comes in two parts (see src/index/format.rs): the head, enough for first results, and the
 * readings (pinyin, and the variant pairs of traditional characters), fetched only when complete()
 * is first called — after a widget's first results, or by search() and match(), which answer
 * exactly as the command line does. Any other index is one file, complete when ready.
 */
function loadIndex(src) {
  const url = new URL(src || DEFAULT_SRC, document.baseURI).href;
  if (!indexes.has(url)) {
    const split = url === DEFAULT_SRC;
    const bytes = bytesOf(url, '政策索引', split).then((buffer) => { mark('index-fetched'); return buffer; });
    const ready = Promise.all([booted, bytes]).then((parts) => {
      (split ? wasm.load_index_head : wasm.load_index)(url, new Uint8Array(parts[1]));
      mark('index-parsed');
      return url;
    });
    let completing = null;
    const complete = () => {
      if (!completing) {
        completing = !split ? ready : ready
          .then(() => bytesOf(new URL(ASSETS.readings, here).href, '拼音与繁体字表', true))
          .then((buffer) => { wasm.add_readings(url, new Uint8Array(buffer)); mark('index-complete'); return url; });
      }
      return completing;
    };
    indexes.set(url, { ready, complete });
  }
  return indexes.get(url);
}

function message(e) {
  return String(e && e.message ? e.message : e).replace(/^policy-search: /, '');
}

async function mountInto(host, instance) {
  // `src`, as <script> and <img> name it; `data-src` is the older spelling, still read.
  const index = loadIndex(host.getAttribute('src') || host.getAttribute('data-src'));
  index.ready.catch(() => {});
  await booted;
  let shadow;
  try {
    shadow = wasm.attach(host);
  } catch (e) {
    console.error('policy-search: ' + message(e));
    return null;
  }
  try {
    const url = await index.ready;
    const widget = wasm.render(host, shadow, url, instance);
    // After the first results: the rest of the index, then the same search again if it changed.
    setTimeout(() => {
      index.complete().then(() => widget.refresh(), (e) => console.error('policy-search: ' + message(e)));
    }, 0);
    return widget;
  } catch (e) {
    wasm.show_error(shadow, message(e));
    console.error('policy-search: ' + message(e));
    return null;
  }
}

class PolicySearchElement extends HTMLElement {
  connectedCallback() {
    if (!this._instance) this._instance = ++instances;
    // Attributes are watched with a MutationObserver rather than observedAttributes: which names
    // matter is the wasm's to say (every filter key is one), and it is not loaded when the element is
    // defined. A change that matters mounts the widget anew with the new configuration.
    if (!this._observer) {
      this._observer = new MutationObserver((records) => {
        booted.then(() => {
          if (records.some((r) => wasm.is_config_attribute(r.attributeName))) this._mount();
        });
      });
    }
    this._observer.observe(this, { attributes: true });
    if (!this._widget && !this._mounting) this._mount();
  }

  _mount() {
    const previous = this._mounting || Promise.resolve();
    const mounting = previous.then(() => {
      if (this._widget) {
        this._widget.destroy();
        this._widget = null;
      }
      return this.isConnected ? mountInto(this, this._instance) : null;
    }).then((widget) => {
      if (this._mounting === mounting) this._mounting = null;
      if (widget && !this.isConnected) widget.destroy();
      else this._widget = widget;
    });
    this._mounting = mounting;
  }

  disconnectedCallback() {
    if (this._observer) this._observer.disconnect();
    if (this._widget) {
      this._widget.destroy();
      this._widget = null;
    }
  }
}

if (!customElements.get('policy-search')) {
  customElements.define('policy-search', PolicySearchElement);
}

/**
 * Mounts the widget into an existing element (or the first element matching a CSS selector),
 * configured by the same attributes as <policy-search>. Resolves to a handle with destroy(), or to
 * null after a console error when the target is missing or cannot host a shadow root.
 */
export async function mount(target) {
  const host = typeof target === 'string' ? document.querySelector(target) : target;
  if (!host) {
    console.error('policy-search: mount() 没有找到要挂载的元素：' + String(target));
    return null;
  }
  return mountInto(host, ++instances);
}

/**
 * Searches without any UI: search('贷款贴息', {filters: {chapter: '财税金融'}, sort: 'newest',
 * page: 0, pageSize: 10, src: 'other-agency.idx'}) resolves to {total, partial, hits: [{id, chapter,
 * no, score, highlights, snippet, partial, docno, point, title}], facets, suggestion, notice, explanation}.
 */
export async function search(query, options) {
  const opts = options || {};
  const url = await loadIndex(opts.src).complete();
  return wasm.search(url, query == null ? '' : String(query), withoutSrc(opts));
}

/**
 * 政策匹配 without any UI: match({region: '太原', entity: '企业', size: '小型', traits: ['高新技术企业'],
 * industries: ['制造业'], needs: ['资金奖补']}, {page: 0, pageSize: 20, today: '2025-06-30', src})
 * resolves to {total, targeted, general, unknown, matches: [{id, bucket, reasons, open, point, title}]}.
 * Nothing leaves the page: the profile is matched here, in the visitor's browser.
 */
export async function match(profile, options) {
  const opts = options || {};
  const url = await loadIndex(opts.src).complete();
  return wasm.match(url, profile === undefined ? {} : profile, withoutSrc(opts));
}

function withoutSrc(opts) {
  const rest = {};
  Object.keys(opts).forEach((key) => { if (key !== 'src') rest[key] = opts[key]; });
  return rest;
}
