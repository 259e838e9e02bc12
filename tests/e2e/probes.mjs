// What the tests read from a widget, written once for every engine: each probe is a plain function
// that runs inside the page (playwright's evaluate and waitForFunction in Chromium, WebDriver's
// execute scripts in Firefox and WebKit), so it uses only the DOM, closes over nothing and takes
// the host element's CSS selector as its first argument. They find things as a user would — by
// role, label and text — except results, which carry the documented data-policy-id.

/** The widget's shadow root, or null while it is not mounted yet. */
export function shadowOf(host) {
  const el = document.querySelector(host);
  return (el && el.shadowRoot) || null;
}

/** The ids (data-policy-id) of the rendered results, in order; null before the widget is mounted. */
export function hitIds(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return null;
  return Array.from(root.querySelectorAll('[data-policy-id]')).map((e) => Number(e.getAttribute('data-policy-id')));
}

/** The result count line ("找到 12 条政策…"), as announced to screen readers; '' while loading. */
export function statsText(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  const status = root && root.querySelector('[role="status"][aria-live]');
  return status ? status.textContent : '';
}

/** The visible count line with the search time ("找到 12 条政策（用时 1.3 毫秒）"); '' when not shown. */
export function countLine(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return '';
  const line = Array.from(root.querySelectorAll('p')).find((p) => p.textContent.indexOf('用时') >= 0);
  return line ? line.textContent : '';
}

/** The search box: the input labelled 搜索惠企政策. */
export function searchBox(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return null;
  const label = Array.from(root.querySelectorAll('label')).find((l) => l.textContent.trim() === '搜索惠企政策');
  return label ? root.getElementById(label.htmlFor) : null;
}

/** The form control whose label starts with `text` (e.g. 所在地区), or the focused one's label. */
export function control(host, text) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return null;
  const label = Array.from(root.querySelectorAll('label')).find((l) => l.textContent.trim().indexOf(text) === 0);
  return (label && (label.control || root.getElementById(label.htmlFor))) || null;
}

/** The focused element inside the widget, described as a user hears it: its type and label. */
export function focusedControl(host) {
  const el = document.querySelector(host);
  const active = el && el.shadowRoot && el.shadowRoot.activeElement;
  if (!active) return null;
  const label = active.labels && active.labels[0];
  return `${active.tagName.toLowerCase()}${active.type ? ':' + active.type : ''} ${(label ? label.textContent : active.textContent).trim().slice(0, 12)}`;
}

/** The first button (or, with `index`, the index-th) whose visible text or aria-label contains `text`. */
export function buttonNamed(host, text, index) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return null;
  const named = Array.from(root.querySelectorAll('button'))
    .filter((b) => (b.getAttribute('aria-label') || b.textContent).indexOf(text) >= 0);
  return named[index || 0] || null;
}

/**
 * The filter buttons of one facet group (its aria-label, e.g. 年份 or 篇章与类别), each as
 * {button, value, count, pressed}: the value is the button's text without its count.
 */
export function facetButtons(host, group) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return [];
  const section = Array.from(root.querySelectorAll('section[aria-label]')).find((s) => s.getAttribute('aria-label') === group);
  if (!section) return [];
  return Array.from(section.querySelectorAll('button[aria-pressed]')).map((button) => {
    const count = button.querySelector('[aria-label$="条"]');
    const full = button.textContent.trim();
    const countText = count ? count.textContent.trim() : '';
    return {
      button,
      value: countText && full.endsWith(countText) ? full.slice(0, -countText.length).trim() : full,
      count: countText ? Number(countText) : null,
      pressed: button.getAttribute('aria-pressed') === 'true',
    };
  });
}

/** The list of active filters (labelled 当前筛选条件): the text of each removable chip. */
export function chipTexts(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  const list = root && root.querySelector('[aria-label="当前筛选条件"]');
  return list ? Array.from(list.querySelectorAll('button')).map((b) => b.getAttribute('aria-label') || b.textContent) : [];
}

/** The opened policy's detail (the section labelled by its heading), or null. */
export function openedDetail(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return null;
  const section = root.querySelector('section[aria-labelledby]');
  if (!section) return null;
  const heading = root.getElementById(section.getAttribute('aria-labelledby'));
  return { title: heading ? heading.textContent : '', text: section.textContent };
}

/** The data-policy-id of the result holding the focus inside the widget, or null. */
export function focusedHitId(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  const active = root && root.activeElement;
  const hit = active && active.closest('[data-policy-id]');
  return hit ? Number(hit.getAttribute('data-policy-id')) : null;
}

/** The highlighted (<mark>) texts inside the rendered results. */
export function markedTexts(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return [];
  return Array.from(root.querySelectorAll('[data-policy-id] mark')).map((m) => m.textContent);
}

/** The button that opens the index-th rendered result. */
export function hitButton(host, index) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  const hit = root && root.querySelectorAll('[data-policy-id]')[index];
  return (hit && hit.querySelector('button')) || null;
}

/** The <option> whose text is `text`, in the widget's select labelled by `label` (e.g. 排序). */
export function optionNamed(host, label, text) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return null;
  const owner = Array.from(root.querySelectorAll('label')).find((l) => l.textContent.trim().indexOf(label) === 0);
  const select = owner && (owner.control || owner.querySelector('select'));
  return (select && Array.from(select.options).find((o) => o.textContent.trim() === text)) || null;
}

/** The text of the option chosen in the widget's select labelled by `label`. */
export function selectedOption(host, label) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return null;
  const owner = Array.from(root.querySelectorAll('label')).find((l) => l.textContent.trim().indexOf(label) === 0);
  const select = owner && (owner.control || owner.querySelector('select'));
  return select ? select.options[select.selectedIndex].textContent.trim() : null;
}

/** The widget's URL state: the value of each `ps.*` parameter, plus the host page's own. */
export function urlState() {
  const url = new URL(location.href);
  const out = { hash: url.hash };
  url.searchParams.forEach((value, key) => { out[key] = value; });
  return out;
}

/**
 * What a host page's CSS could break: the size, line height and font of the results' body text,
 * the height of every visible control (touch targets) and the size of the host's own `.lead`.
 */
export function hostileCheck(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root || !root.querySelector('[data-policy-id]')) return null;
  // The results' body text: the element holding the longest run of text in the first result.
  const hit = root.querySelector('[data-policy-id]');
  let body = null;
  for (const e of hit.querySelectorAll('*')) {
    const own = Array.from(e.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
    if (!body || own.length > body.own) body = { e, own: own.length };
  }
  const cs = getComputedStyle(body.e);
  const lead = document.querySelector('.lead');
  return {
    text: parseFloat(cs.fontSize),
    line: cs.lineHeight,
    family: cs.fontFamily,
    controls: Array.from(root.querySelectorAll('button, input, select'))
      .filter((b) => b.offsetParent !== null)
      .map((b) => ({ name: (b.getAttribute('aria-label') || b.textContent || b.tagName).trim().slice(0, 20), height: b.getBoundingClientRect().height })),
    hostLead: lead ? parseFloat(getComputedStyle(lead).fontSize) : null,
  };
}

/** Elements of the widget that stick out to the right of it, and the page's and window's widths. */
export function overflow(host) {
  const el = document.querySelector(host);
  const root = el && el.shadowRoot;
  if (!root) return null;
  const right = el.getBoundingClientRect().right;
  return {
    page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    outside: Array.from(root.querySelectorAll('*'))
      .filter((e) => e.getBoundingClientRect().right > right + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  };
}

/** The hit ids search() returns for each query, as [{q, ids}]: what the CLI must equal. */
export async function apiIds(queries) {
  const { search } = await import('/policy-search.js');
  const out = [];
  for (const q of queries) out.push({ q, ids: (await search(q)).hits.map((h) => h.id) });
  return out;
}

/** The ids match() returns for `profile` on `today`, `pageSize` of them (one argument, for evaluate). */
export async function apiMatchIds({ profile, today, pageSize }) {
  const { match } = await import('/policy-search.js');
  return (await match(profile, { today, pageSize })).matches.map((m) => m.id);
}

/**
 * The widget's visible text elements whose contrast against their background is under 4.5:1, as
 * "TAG.class ratio", and how many were checked.
 */
export function contrastFailures(host) {
  const rgb = (c) => c.match(/[\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement || (e.getRootNode().host || null)) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const root = document.querySelector(host).shadowRoot;
  const out = [];
  let checked = 0;
  for (const el of root.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null) continue;
    checked += 1;
    const a = lum(rgb(getComputedStyle(el).color));
    const b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) out.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)}`);
  }
  return { checked, out };
}

/** The outline the focused element inside the widget shows ('none' when it has no focus ring). */
export function focusRing(host) {
  const el = document.querySelector(host);
  const active = el && el.shadowRoot && el.shadowRoot.activeElement;
  if (!active) return null;
  const cs = getComputedStyle(active);
  return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
}
