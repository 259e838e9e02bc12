// shorten-imports.mjs WASM GLUE — gives the wasm's imports from wasm-bindgen's glue short names, in
// the wasm's import section and in the glue's import object alike, rewriting both files in place.
// wasm-bindgen names each import after its Rust path plus a 16-hex hash
// (`__wbg_addEventListener_a8ef3e1a6cd4dcab`): 5.4 KB of names carried twice, once in the wasm and once
// in the entry module, which a host that compresses nothing sends as it is. Short names (a, b, … Z, ba …)
// are assigned in import order. Fails, leaving both files untouched, if the wasm imports from any other
// module or a name is not found exactly once as a key in the glue.
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) throw new Error('usage: shorten-imports.mjs FILE.wasm GLUE.js');
const GLUE_MODULE = './' + gluePath.split('/').pop().replace(/\.js$/, '_bg.js');
const bytes = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');

const readLeb = (at) => {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at.pos++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return value;
};
const leb = (n) => {
  const out = [];
  do { let byte = n & 0x7f; n = Math.floor(n / 128); if (n) byte |= 0x80; out.push(byte); } while (n);
  return Buffer.from(out);
};
const name = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([leb(b.length), b]); };
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const short = (i) => (i < LETTERS.length ? '' : short(Math.floor(i / LETTERS.length) - 1)) + LETTERS[i % LETTERS.length];

const at = { pos: 8 };
const parts = [bytes.subarray(0, 8)];
let renamed = 0;
while (at.pos < bytes.length) {
  const start = at.pos;
  const id = bytes[at.pos++];
  const size = readLeb(at);
  const end = at.pos + size;
  if (id !== 2) {
    parts.push(bytes.subarray(start, end));
    at.pos = end;
    continue;
  }
  const count = readLeb(at);
  const entries = [leb(count)];
  for (let i = 0; i < count; i += 1) {
    const moduleLength = readLeb(at);
    const module = bytes.toString('utf8', at.pos, at.pos + moduleLength);
    at.pos += moduleLength;
    const fieldLength = readLeb(at);
    const field = bytes.toString('utf8', at.pos, at.pos + fieldLength);
    at.pos += fieldLength;
    const kind = bytes[at.pos];
    if (module !== GLUE_MODULE || kind !== 0) throw new Error(`shorten-imports: unexpected import ${module} ${field} (kind ${kind})`);
    const descStart = at.pos;
    at.pos += 1;
    readLeb(at);
    const key = new RegExp(`(?<![\\w$])${field}:`, 'g');
    const found = glue.match(key) || [];
    if (found.length !== 1) throw new Error(`shorten-imports: ${field} is a key ${found.length} times in ${gluePath}`);
    const shortName = short(renamed);
    glue = glue.replace(key, shortName + ':');
    renamed += 1;
    entries.push(name(module), name(shortName), bytes.subarray(descStart, at.pos));
  }
  if (at.pos !== end) throw new Error('shorten-imports: the import section does not end where its size says');
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), leb(body.length), body);
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
console.error(`shorten-imports: ${renamed} imports renamed`);
