// Firefox ESR and WebKitGTK (and, for comparison, Chromium) over plain W3C WebDriver: the engine's
// own driver (geckodriver, WebKitWebDriver under Xvfb, chromedriver) spoken to with fetch. Raw HTTP
// because the tests need a dozen endpoints, and a client library would add a dependency tree (and,
// for selenium-webdriver, a driver-downloading manager) to hide twenty lines of JSON.
//
// PS_ENGINE picks the engine: firefox (default), webkit or chromium.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { before, after } from 'node:test';
import { serve } from './harness.mjs';
import * as probes from './probes.mjs';

// Every page script starts with the probes as `P`, so a script can call P.hitIds(host) and so on.
const PRELUDE = `const P = {${Object.entries(probes).map(([name, fn]) => `${name}: ${fn}`).join(',\n')}};\n`;

const ENGINES = {
  firefox: {
    driver: (port) => [process.env.GECKODRIVER || 'geckodriver', ['--port', String(port), '--log', 'error']],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': { binary: process.env.FIREFOX || '/usr/bin/firefox-esr', args: ['-headless'], prefs: { 'intl.accept_languages': 'zh-CN' } },
    },
  },
  webkit: {
    // MiniBrowser hangs on session start without a display, even with --headless: Xvfb gives it one.
    driver: (port) => ['xvfb-run', ['-a', '-s', '-screen 0 1600x1200x24', 'WebKitWebDriver', `--port=${port}`]],
    capabilities: {
      'webkitgtk:browserOptions': { binary: process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
    },
  },
  chromium: {
    driver: (port) => [process.env.CHROMEDRIVER || '/usr/bin/chromedriver', [`--port=${port}`]],
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': { binary: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] },
    },
  },
};

export const ENGINE = process.env.PS_ENGINE || 'firefox';

/** W3C key codes of the keys the tests press. */
export const KEYS = { ArrowDown: '\uE015', ArrowUp: '\uE013', ArrowRight: '\uE014', Enter: '\uE007', Escape: '\uE00C', Tab: '\uE004', Space: ' ' };

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** Starts the engine's driver and returns {url, stop}; the driver runs in its own process group. */
async function startDriver(engine) {
  const port = await freePort();
  const [command, args] = ENGINES[engine].driver(port);
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((ok) => child.on('exit', (code) => ok(code)));
  const url = `http://127.0.0.1:${port}`;
  // Ready when /status answers; the loop ends on the answer, on the driver's exit or after 30 s.
  const deadline = Date.now() + 30000;
  for (;;) {
    const status = await fetch(url + '/status').then((r) => r.json(), () => null);
    if (status && status.value && status.value.ready !== false) break;
    const code = await Promise.race([exited, new Promise((ok) => setTimeout(() => ok(undefined), 100))]);
    if (code !== undefined) throw new Error(`${command} exited (${code}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`${command} did not answer on ${url}: ${stderr}`);
  }
  return {
    url,
    stop: async () => {
      const signal = (name) => { try { process.kill(-child.pid, name); } catch { /* already gone */ } };
      signal('SIGTERM');
      // A driver that ignores SIGTERM for 5 s is killed, so a test run never hangs on its way out.
      const late = setTimeout(() => signal('SIGKILL'), 5000);
      await exited;
      clearTimeout(late);
    },
  };
}

class WebDriverError extends Error {}

/** One browser session: the few W3C endpoints the tests use, plus in-page probes and polling. */
export class Session {
  constructor(driverUrl, id, engine) {
    this.base = `${driverUrl}/session/${id}`;
    this.engine = engine;
  }

  static async create(driverUrl, engine) {
    const response = await fetch(driverUrl + '/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: ENGINES[engine].capabilities } }),
    });
    const body = await response.json();
    if (!response.ok) throw new WebDriverError(`new session: ${JSON.stringify(body.value)}`);
    const session = new Session(driverUrl, body.value.sessionId, engine);
    session.browser = `${body.value.capabilities.browserName} ${body.value.capabilities.browserVersion}`;
    await session.call('POST', '/timeouts', { script: 60000, pageLoad: 60000, implicit: 0 });
    return session;
  }

  async call(method, path, body) {
    const response = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) {
      const v = json.value || {};
      throw new WebDriverError(`${method} ${path}: ${v.error}: ${v.message}`);
    }
    return json.value;
  }

  quit() { return fetch(this.base, { method: 'DELETE' }).then((r) => r.json()); }
  goto(url) { return this.call('POST', '/url', { url }); }
  url() { return this.call('GET', '/url'); }
  back() { return this.call('POST', '/back', {}); }
  forward() { return this.call('POST', '/forward', {}); }
  refresh() { return this.call('POST', '/refresh', {}); }
  setWindow(width, height) { return this.call('POST', '/window/rect', { width, height }); }

  /** Runs `script` (a function body using `arguments` and the probes as `P`) in the page and returns its result. */
  execute(script, args = []) { return this.call('POST', '/execute/sync', { script: PRELUDE + script, args }); }
  /** Like execute, but the body calls its last argument with the result. */
  executeAsync(script, args = []) { return this.call('POST', '/execute/async', { script: PRELUDE + script, args }); }

  /** Calls `fn(...args)` in the page: a probe, or a function of its own that may use `P`. */
  run(fn, ...args) {
    return this.execute(`return (${fn}).apply(null, arguments);`, args);
  }

  /** Awaits the promise `fn(...args)` returns in the page. */
  runAsync(fn, ...args) {
    return this.executeAsync(`const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((value) => done({ value }), (e) => done({ error: String(e && e.message || e) }));`, args)
      .then((r) => { if (r.error !== undefined) throw new Error(r.error); return r.value; });
  }

  /**
   * Polls `fn(...args)` in the page (every 20 ms, inside the page, no round trips) until it returns
   * a truthy value and returns that; fails after `timeout` ms with `what` and the last value.
   */
  async until(what, fn, args = [], timeout = 20000) {
    const r = await this.executeAsync(`const done = arguments[arguments.length - 1];
      const args = Array.prototype.slice.call(arguments, 0, -1);
      const fn = (${fn});
      const deadline = Date.now() + ${timeout};
      (function tick() {
        let value = null;
        let error = null;
        try { value = fn.apply(null, args); } catch (e) { error = String(e); }
        if (value) return done({ ok: true, value });
        if (Date.now() > deadline) return done({ ok: false, value: error || (value === undefined ? null : value), at: location.href });
        setTimeout(tick, 20);
      })();`, args);
    if (!r.ok) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(r.value)}, at ${r.at})`);
    return r.value;
  }

  /** An element reference for what `fn(...args)` returns in the page (waiting until it exists). */
  async element(what, fn, ...args) {
    const ref = await this.until(what, fn, args);
    if (!ref || !ref[ELEMENT]) throw new Error(`${what} is not an element: ${JSON.stringify(ref)}`);
    return ref[ELEMENT];
  }

  /** Sends the following commands into the iframe `element` (null: back to the top page). */
  frame(element) { return this.call('POST', '/frame', { id: element === null ? null : { [ELEMENT]: element } }); }

  click(element) { return this.call('POST', `/element/${element}/click`, {}); }
  type(element, text) { return this.call('POST', `/element/${element}/value`, { text }); }
  clear(element) { return this.call('POST', `/element/${element}/clear`, {}); }
  property(element, name) { return this.call('GET', `/element/${element}/property/${name}`); }

  /** Presses and releases each key (a KEYS value or a character) in order, on the focused element. */
  press(...keys) {
    const actions = keys.flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
    return this.call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] })
      .then(() => this.call('DELETE', '/actions'));
  }
}

/**
 * For a test file: starts the static server, the engine's driver and one session before its tests,
 * and stops all three after. The returned object's `server` and `session` are set once tests run.
 */
export function useServerAndSession(engine = ENGINE) {
  const env = { engine };
  let driver;
  before(async () => {
    env.server = await serve();
    driver = await startDriver(engine);
    env.session = await Session.create(driver.url, engine);
    await env.session.setWindow(1280, 900);
  });
  after(async () => {
    if (env.session) await env.session.quit().catch(() => {});
    if (driver) await driver.stop();
    if (env.server) await env.server.close();
  });
  return env;
}
