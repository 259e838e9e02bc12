// Writes what the browser's JS API must return, from the command line over dist/policies.idx:
// {search: [{q, ids}] for every dev query, match: [{name, profile, today, ids}] for every dev profile}
// on stdout. Matching is judged on a fixed date so that the page and the CLI agree whatever the day.
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const MATCH_TODAY = '2026-06-30';
const MATCH_PAGE = 100;

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
/** `policy-search COMMAND --index dist/policies.idx --json ...args` parsed. */
const cli = (command, args, input) => JSON.parse(execFileSync('cargo',
  ['run', '--release', '--quiet', '--', command, '--index', 'dist/policies.idx', '--json', ...args], { cwd: repo, encoding: 'utf8', input }));

const queries = JSON.parse(await readFile(join(here, 'dev-queries.json'), 'utf8')).map((q) => q.q);
const profiles = JSON.parse(await readFile(join(repo, 'tests/eval/profiles-dev.json'), 'utf8'));
const out = {
  search: queries.map((q) => ({ q, ids: cli('search', ['--', q]).hits.map((h) => h.id) })),
  match: profiles.map(({ name, profile }) => ({
    name,
    profile,
    today: MATCH_TODAY,
    pageSize: MATCH_PAGE,
    ids: cli('match', ['--profile', '-', '--limit', String(MATCH_PAGE), '--today', MATCH_TODAY], JSON.stringify(profile)).matches.map((m) => m.id),
  })),
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
