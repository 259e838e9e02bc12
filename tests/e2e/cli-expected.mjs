// Writes, for every dev query, the hit ids the command line returns from dist/policies.idx, as
// [{q, ids}] on stdout: what the browser's search() must return for the same query.
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const queries = JSON.parse(await readFile(join(here, 'dev-queries.json'), 'utf8')).map((q) => q.q);
const out = queries.map((q) => {
  const json = execFileSync('cargo', ['run', '--release', '--quiet', '--', 'search', '--index', 'dist/policies.idx', '--json', '--', q],
    { cwd: repo, encoding: 'utf8' });
  return { q, ids: JSON.parse(json).hits.map((h) => h.id) };
});
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
