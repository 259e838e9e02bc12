// Old-browser compatibility of what dist/ ships: the JS is ES2017 (plus import.meta and import(),
// which Chrome 64 has) and never evaluates strings as code, so the only CSP need is 'wasm-unsafe-eval'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'acorn';
import { simple } from 'acorn-walk';
import { DIST } from '../harness.mjs';

async function shippedScripts() {
  const names = (await readdir(DIST)).filter((n) => n.endsWith('.js'));
  return Promise.all(names.map(async (name) => ({ name, source: await readFile(join(DIST, name), 'utf8') })));
}

// `import.meta` and `import(…)` are the post-2017 syntax allowed; each becomes an identifier.
const parse2017 = (source) =>
  parse(source.replace(/\bimport\.meta\b/g, 'import_meta').replace(/\bimport\(/g, 'import_call('), { ecmaVersion: 2017, sourceType: 'module' });

test('every shipped script parses as ES2017 apart from import.meta and import()', async () => {
  const scripts = await shippedScripts();
  assert.ok(scripts.some((s) => s.name === 'policy-search.js'), 'dist/policy-search.js is missing');
  for (const { name, source } of scripts) {
    assert.doesNotThrow(() => parse2017(source), `${name} is not ES2017`);
  }
});

test('the ES2017 check rejects newer syntax', () => {
  assert.throws(() => parse2017('const a = b?.c;'));
  assert.throws(() => parse2017('const a = b ?? c;'));
  assert.throws(() => parse2017('const { a, ...rest } = b;'));
});

test('no shipped script calls eval or the Function constructor', async () => {
  for (const { name, source } of await shippedScripts()) {
    const calls = [];
    const check = (node) => {
      const callee = node.callee;
      if (callee.type === 'Identifier' && (callee.name === 'eval' || callee.name === 'Function')) calls.push(callee.name);
      if (callee.type === 'MemberExpression' && callee.property.name === 'eval') calls.push('eval');
    };
    simple(parse2017(source), { CallExpression: check, NewExpression: check });
    assert.deepEqual(calls, [], `${name} evaluates code`);
  }
});
