// The JS API demo: a site's own UI calling search() from policy-search.js; no widget involved.
// Results are written with textContent and <mark> elements only, never as HTML strings.
import { search } from './policy-search.js';

const form = document.getElementById('form');
const input = document.getElementById('q');
const chapter = document.getElementById('chapter');
const status = document.getElementById('status');
const list = document.getElementById('hits');

function highlighted(text, ranges) {
  const chars = Array.from(text);
  const out = document.createDocumentFragment();
  let at = 0;
  ranges.slice().sort((a, b) => a[0] - b[0]).forEach((r) => {
    if (r[0] < at) return;
    out.append(chars.slice(at, r[0]).join(''));
    const mark = document.createElement('mark');
    mark.textContent = chars.slice(r[0], r[1]).join('');
    out.append(mark);
    at = r[1];
  });
  out.append(chars.slice(at).join(''));
  return out;
}

let latest = 0;
async function run() {
  const ticket = ++latest;
  const filters = chapter.value ? { chapter: chapter.value } : {};
  try {
    const results = await search(input.value, { filters: filters, pageSize: 8 });
    if (ticket !== latest) return;
    status.textContent = '共 ' + results.total + ' 条';
    list.replaceChildren();
    results.hits.forEach((hit) => {
      const li = document.createElement('li');
      li.dataset.policyId = hit.id;
      const title = document.createElement('strong');
      title.textContent = (hit.title ? '《' + hit.title + '》' : '') + ' ' + (hit.point.docnos[0] || '无文号');
      const text = document.createElement('p');
      text.append(highlighted(hit.snippet.text, hit.snippet.highlights));
      li.append(title, text);
      list.append(li);
    });
  } catch (e) {
    status.textContent = '出错了：' + e.message;
  }
}

form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
input.addEventListener('input', run);
chapter.addEventListener('change', run);
run();
