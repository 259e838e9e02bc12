// The reference the cold-load budget is measured against: Pagefind (npm `pagefind`, pinned in
// package.json) over the same 739 policy points, built fresh into target/pagefind-site/ so that both
// engines are loaded by the same browser, server and load on the same machine in the same run.
// One static page per point (heading, text, document title; chapter and 文号 as filters), then:
//   ui.html   Pagefind's Default UI, the preset query run by its documented triggerSearch();
//   api.html  the lower bound: Pagefind's JS API only, the first 10 results rendered as a list.
// Both read the query from ?q=. Used by bench.mjs.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PAGEFIND_SITE = join(here, '../../target/pagefind-site');
/** What each page renders once per result: the bench waits for the first one. */
export const PAGEFIND_PAGES = [
  { name: 'Pagefind Default UI', path: 'ui.html', result: '.pagefind-ui__result' },
  { name: 'Pagefind JS API', path: 'api.html', result: '.api-result' },
];

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const UI_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind Default UI</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div>
<script>
window.addEventListener('DOMContentLoaded', () => {
  const ui = new PagefindUI({ element: '#search', showSubResults: false });
  const q = new URLSearchParams(location.search).get('q');
  if (q) ui.triggerSearch(q);
});
</script></body></html>
`;

const API_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind JS API</title></head>
<body><ol id="results"></ol>
<script type="module">
const q = new URLSearchParams(location.search).get('q');
const pagefind = await import('/pagefind/pagefind.js');
const found = await pagefind.search(q);
const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
const list = document.getElementById('results');
for (const d of data) {
  const item = document.createElement('li');
  item.className = 'api-result';
  const link = document.createElement('a');
  link.href = d.url;
  link.textContent = d.meta.title;
  const excerpt = document.createElement('p');
  excerpt.innerHTML = d.excerpt;
  item.append(link, excerpt);
  list.append(item);
}
</script></body></html>
`;

/** Writes the site for data/policies.json and runs Pagefind over it; returns the site's folder. */
export async function buildPagefindSite() {
  const data = JSON.parse(await readFile(join(here, '../../data/policies.json'), 'utf8'));
  const titleOf = new Map(data.documents.filter((d) => d.docno).map((d) => [d.docno, d.title]));
  await rm(PAGEFIND_SITE, { recursive: true, force: true });
  await mkdir(join(PAGEFIND_SITE, 'p'), { recursive: true });
  for (const p of data.points) {
    const heading = [p.chapter, p.category, p.subcategory].filter(Boolean).join(' · ') + ` 第${p.no}条`;
    const title = p.docnos.map((d) => titleOf.get(d)).filter(Boolean).join('；');
    await writeFile(join(PAGEFIND_SITE, 'p', `${p.id}.html`), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(heading)}</title></head>
<body><main data-pagefind-body>
<h1>${escape(heading)}</h1>
<p>${escape(p.text)}</p>
<p>文件：${escape(title)}</p>
<p>文号：<span data-pagefind-filter="文号">${escape(p.docnos.join('；') || '无')}</span></p>
<p>篇章：<span data-pagefind-filter="chapter">${escape(p.chapter)}</span></p>
</main></body></html>
`);
  }
  await writeFile(join(PAGEFIND_SITE, 'ui.html'), UI_PAGE);
  await writeFile(join(PAGEFIND_SITE, 'api.html'), API_PAGE);
  execFileSync(join(here, 'node_modules/.bin/pagefind'), ['--site', PAGEFIND_SITE], { stdio: 'ignore' });
  return PAGEFIND_SITE;
}
