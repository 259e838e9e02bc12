//! Embed: what `policy-search.js` calls — loading an index, mounting the widget into a shadow root,
//! reading attributes, emitting events, and the `search()` JS API.
//!
//! Design choice: the JS entry (`www/policy-search.js`) only fetches bytes and defines the custom
//! element; everything that can fail with a message a web editor must read (bad element, bad
//! attribute, bad index) is checked here and reported with `console.error`, naming what was wrong.
//! Parsed indexes are cached per URL, so instances and API calls sharing one index parse it once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback, Renderer};

use crate::data::field::FilterKey;
use crate::index::Index;
use crate::search::request::{self, RequestError};
use crate::search::{search as run_search, Filter, Query, Sort};
use crate::ui::{App, AppProps, Config, STYLE};

/// The wasm's allocator. Loading an index makes some ten thousand small allocations (strings of the
/// points, folded texts); with talc instead of std's default for wasm (dlmalloc) a cold load in V8
/// took 72 ms instead of 109 (median of 10), for 0.5 KB more brotli.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    static INDEXES: RefCell<HashMap<String, Rc<Index>>> = RefCell::new(HashMap::new());
    static WARMED: RefCell<std::collections::HashSet<String>> = RefCell::new(std::collections::HashSet::new());
    static SHEET: RefCell<Option<Option<web_sys::CssStyleSheet>>> = const { RefCell::new(None) };
}

const DEFAULT_PLACEHOLDER: &str = "搜索惠企政策，如：贷款贴息、专精特新、晋政办发〔2022〕30号";
/// The element's attributes besides the filter keys (each key is an attribute presetting that
/// filter, e.g. `<policy-search chapter="财税金融,人才支持">`).
const ATTRIBUTES: [&str; 8] = ["src", "data-src", "page-size", "placeholder", "large-text", "no-url", "url-param", "mode"];
/// Separates several values of one preset attribute (none of the data's values contains it).
const VALUE_SEPARATOR: char = ',';

/// Whether a change of attribute `name` changes the widget, so `policy-search.js` mounts it anew.
#[wasm_bindgen]
pub fn is_config_attribute(name: &str) -> bool {
    ATTRIBUTES.contains(&name) || FilterKey::parse(name).is_some()
}

fn error(message: String) -> JsValue {
    js_sys::Error::new(&format!("policy-search: {message}")).into()
}

fn cached(src: &str) -> Result<Rc<Index>, JsValue> {
    INDEXES
        .with(|m| m.borrow().get(src).cloned())
        .ok_or_else(|| error(format!("索引 {src} 尚未加载")))
}

/// Parses an index downloaded from `src` and keeps it for every instance and API call that uses it.
#[wasm_bindgen]
pub fn load_index(src: &str, bytes: &[u8]) -> Result<(), JsValue> {
    load(src, bytes, Index::from_bytes_deferred)
}

/// [`load_index`] for the head of an index alone (see `Index::from_head_bytes_deferred`): enough for
/// first results; [`add_readings`] completes it.
#[wasm_bindgen]
pub fn load_index_head(src: &str, bytes: &[u8]) -> Result<(), JsValue> {
    load(src, bytes, Index::from_head_bytes_deferred)
}

/// Adds the readings (the pinyin, and the variant pairs of traditional characters only a query
/// uses) to the index loaded from `src` by [`load_index_head`]; each widget showing it then
/// searches again ([`Widget::refresh`]).
#[wasm_bindgen]
pub fn add_readings(src: &str, bytes: &[u8]) -> Result<(), JsValue> {
    cached(src)?.add_readings(bytes).map_err(|e| error(format!("{src} 的拼音与繁体字表不可用：{e}")))
}

fn load(src: &str, bytes: &[u8], read: fn(&[u8]) -> Result<Index, crate::index::IndexError>) -> Result<(), JsValue> {
    if INDEXES.with(|m| m.borrow().contains_key(src)) {
        return Ok(());
    }
    // Loading makes thousands of small allocations, which grew the wasm memory some thirty times, each
    // grow a new ArrayBuffer for the browser; reserving about what the loaded index takes (~8× its
    // file, as measured natively) grows it once up front, and the allocator reuses the space.
    drop(std::hint::black_box(Vec::<u8>::with_capacity(bytes.len() * 8)));
    let index = read(bytes).map_err(|e| error(format!("{src} 不是可用的政策索引：{e}")))?;
    INDEXES.with(|m| m.borrow_mut().insert(src.to_string(), Rc::new(index)));
    Ok(())
}

/// Gives `host` an open shadow root holding the widget's stylesheet and a loading message.
#[wasm_bindgen]
pub fn attach(host: &JsValue) -> Result<ShadowRoot, JsValue> {
    let Some(element) = host.dyn_ref::<HtmlElement>() else {
        return Err(error(format!("无法挂载：{} 不是页面中的 HTML 元素", describe(host))));
    };
    let shadow = match element.shadow_root() {
        Some(shadow) => shadow,
        None => {
            let init = ShadowRootInit::new(ShadowRootMode::Open);
            element.attach_shadow(&init).map_err(|_| {
                error(format!(
                    "无法挂载到 <{}> 元素：它不能容纳 shadow root，请改用 <policy-search> 或 <div>",
                    element.tag_name().to_lowercase()
                ))
            })?
        }
    };
    let document = element.owner_document().ok_or_else(|| error("元素不在文档中".into()))?;
    shadow.set_inner_html("");
    adopt_style(&shadow, &document)?;
    let mount = document.create_element("div")?;
    mount.set_class_name("ps-mount");
    let loading = document.create_element("p")?;
    loading.set_class_name("ps-loading");
    loading.set_attribute("role", "status")?;
    loading.set_text_content(Some("正在加载政策库…"));
    mount.append_child(&loading)?;
    shadow.append_child(&mount)?;
    Ok(shadow)
}

/// Gives the shadow root the widget's stylesheet as a constructed stylesheet, shared by all instances:
/// unlike a `<style>` element it needs no `style-src 'unsafe-inline'` in the page's CSP. Browsers
/// without constructed stylesheets get a `<style>` element instead.
fn adopt_style(shadow: &ShadowRoot, document: &web_sys::Document) -> Result<(), JsValue> {
    let sheet = SHEET.with(|sheet| {
        sheet
            .borrow_mut()
            .get_or_insert_with(|| {
                web_sys::CssStyleSheet::new().ok().filter(|s| s.replace_sync(STYLE).is_ok())
            })
            .clone()
    });
    match sheet {
        Some(sheet) => {
            js_sys::Reflect::set(shadow, &"adoptedStyleSheets".into(), &js_sys::Array::of1(&sheet))?;
        }
        None => {
            let style = document.create_element("style")?;
            style.set_text_content(Some(STYLE));
            shadow.append_child(&style)?;
        }
    }
    Ok(())
}

/// Replaces the loading message with an error the reader can see.
#[wasm_bindgen]
pub fn show_error(shadow: &ShadowRoot, message: &str) {
    if let Ok(Some(p)) = shadow.query_selector(".ps-loading") {
        let _ = p.set_attribute("role", "alert");
        p.set_class_name("ps-loading ps-error");
        p.set_text_content(Some(&format!("政策搜索暂时无法使用：{message}")));
    }
}

fn describe(value: &JsValue) -> String {
    if value.is_null() || value.is_undefined() {
        "null".into()
    } else if let Some(s) = value.as_string() {
        format!("“{s}”")
    } else {
        "给定的对象".into()
    }
}

/// A mounted widget; `destroy()` unmounts it.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<AppHandle<App>>,
    props: AppProps,
}

#[wasm_bindgen]
impl Widget {
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }

    /// Searches again if the index has gained its readings since the widget was mounted.
    pub fn refresh(&mut self) {
        let readings = self.props.index.has_readings();
        if let Some(handle) = self.handle.as_mut().filter(|_| readings != self.props.readings) {
            self.props.readings = readings;
            handle.update(self.props.clone());
        }
    }
}

/// Mounts the widget for `host` into `shadow`, using the index loaded from `src`.
#[wasm_bindgen]
pub fn render(host: HtmlElement, shadow: ShadowRoot, src: &str, instance: usize) -> Result<Widget, JsValue> {
    let index = cached(src)?;
    let config = read_config(&host, &index, instance);
    let mount: Element = shadow
        .query_selector(".ps-mount")?
        .ok_or_else(|| error("shadow root 中缺少挂载点".into()))?;
    mount.set_inner_html("");
    let on_open = {
        let host = host.clone();
        let index = index.clone();
        Callback::from(move |id: u32| dispatch_open(&host, &index, id))
    };
    let props = AppProps { index: index.clone(), readings: index.has_readings(), config: Rc::new(config), on_open };
    let handle = Renderer::<App>::with_root_and_props(mount, props.clone()).render();
    warm_up(src, index);
    Ok(Widget { handle: Some(handle), props })
}

/// Queries of each shape the engine handles (a character, words, pinyin initials, a document number,
/// a question), none of them a test or benchmark query.
const WARM_UP: [&str; 5] = ["税", "融资担保", "gxqy", "晋发〔2021〕1号", "小微企业有哪些优惠"];

/// Once per index, when the browser is idle after the first results, builds the postings the first
/// results did without (see `Index::from_bytes_deferred`) and runs a few searches, discarding them:
/// the engine's code gets compiled by the optimising tier and its memory grown before the user's
/// first keystroke rather than during it.
fn warm_up(src: &str, index: Rc<Index>) {
    // Checked before inserting: search() calls this on every API query.
    let first = WARMED.with(|w| !w.borrow().contains(src) && w.borrow_mut().insert(src.to_string()));
    if !first {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let run = Closure::once_into_js(move || {
        index.prepare();
        for text in WARM_UP {
            run_search(&index, &Query { text: text.to_string(), ..Query::default() });
        }
    });
    let _ = window.request_idle_callback(run.unchecked_ref());
}

fn dispatch_open(host: &HtmlElement, index: &Index, id: u32) {
    let detail = index
        .point(id)
        .and_then(|p| serde_json::to_string(p).ok())
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("policy-open", &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn console_error(message: &str) {
    web_sys::console::error_1(&format!("policy-search: {message}").into());
}

/// The visitor's date, `YYYY-MM-DD` in their own time zone: statuses are judged on it.
fn browser_today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

fn read_config(host: &HtmlElement, index: &Index, instance: usize) -> Config {
    let attr = |name: &str| host.get_attribute(name).map(|v| v.trim().to_string());
    // A bad attribute is reported and ignored as a whole: the widget then shows more, never a silent
    // nothing.
    let page_size = match attr("page-size").map(|raw| request::parse_page_size(&raw)) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            console_error(&format!("page-size 属性已忽略：{e}"));
            0
        }
    };
    let mut preset = Vec::new();
    for &key in FilterKey::ALL {
        let Some(raw) = attr(key.as_str()).filter(|v| !v.is_empty()) else { continue };
        let filters: Result<Vec<Filter>, RequestError> =
            raw.split(VALUE_SEPARATOR).map(|value| request::filter(index, key.as_str(), value)).collect();
        match filters {
            Ok(filters) => preset.extend(filters),
            Err(e) => console_error(&format!("{key} 属性已忽略：{e}")),
        }
    }
    let url_prefix = if host.has_attribute("no-url") {
        None
    } else {
        Some(attr("url-param").filter(|p| !p.is_empty()).unwrap_or_else(|| {
            if instance <= 1 { "ps".to_string() } else { format!("ps{instance}") }
        }))
    };
    Config {
        placeholder: attr("placeholder").unwrap_or_else(|| DEFAULT_PLACEHOLDER.to_string()),
        preset,
        page_size,
        large_text: host.has_attribute("large-text"),
        url_prefix,
        instance,
        slash_focus: instance <= 1,
        today: browser_today(),
        match_only: match attr("mode").as_deref() {
            None | Some("search") => false,
            Some("match") => true,
            Some(other) => {
                console_error(&format!("mode 属性已忽略：未知的模式 “{other}”（可用：search, match）"));
                false
            }
        },
    }
}

/// Reads `options[name]`: `undefined` when absent.
fn get(options: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(options, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// How a JS value is quoted in an error: as JSON would write it.
fn quoted(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "?".into())
}

/// A filter value given as a string or a number (`year: 2022`).
fn value_text(v: &JsValue) -> Option<String> {
    // A number is spelled by JS itself: Rust's float formatting would cost 4 KB.
    v.as_string().or_else(|| v.as_f64().and_then(|_| js_sys::Number::from(v.clone()).to_string_with_radix(10).ok()).map(String::from))
}

/// `{chapter: "财税金融"}`, `{chapter: ["财税金融", "人才支持"]}` or `[{key: "chapter", value: "财税金融"}]`.
fn filters_option(index: &Index, options: &JsValue) -> Result<Vec<Filter>, String> {
    let value = get(options, "filters");
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let mut pairs: Vec<(String, JsValue)> = Vec::new();
    if js_sys::Array::is_array(&value) {
        for item in js_sys::Array::from(&value).iter() {
            let key = get(&item, "key").as_string().ok_or_else(|| format!("filters[].key 应为字符串，而不是 {}", quoted(&item)))?;
            pairs.push((key, get(&item, "value")));
        }
    } else if value.is_object() {
        for entry in js_sys::Object::entries(value.unchecked_ref::<js_sys::Object>()).iter() {
            let entry = js_sys::Array::from(&entry);
            pairs.push((entry.get(0).as_string().unwrap_or_default(), entry.get(1)));
        }
    } else {
        return Err("filters 应为对象或数组".into());
    }
    let mut filters = Vec::new();
    for (key, values) in pairs {
        let values: Vec<JsValue> = if js_sys::Array::is_array(&values) { js_sys::Array::from(&values).to_vec() } else { vec![values] };
        for v in values {
            let text = value_text(&v).ok_or_else(|| format!("filters.{key} 的值应为字符串或数字，而不是 {}", quoted(&v)))?;
            filters.push(request::filter(index, &key, &text).map_err(|e| e.to_string())?);
        }
    }
    Ok(filters)
}

const OPTION_NAMES: [&str; 5] = ["filters", "sort", "page", "pageSize", "today"];

/// A whole-number option checked by `check`, or `None` when absent.
fn number_option(options: &JsValue, name: &str, check: fn(f64, &str) -> Result<usize, RequestError>) -> Result<Option<usize>, String> {
    let value = get(options, name);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let n = value.as_f64().unwrap_or(f64::NAN);
    check(n, &quoted(&value)).map(Some).map_err(|e| e.to_string())
}

/// Refuses `options` that are not an object or name an option not in `names`.
fn check_options(options: &JsValue, names: &[&str]) -> Result<(), String> {
    if !options.is_object() {
        return Err("options 应为对象".into());
    }
    for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !names.contains(&key.as_str()) {
            return Err(format!("未知的选项 “{key}”（可用：{}, src）", names.join(", ")));
        }
    }
    Ok(())
}

/// The `today` option (`YYYY-MM-DD`), or the visitor's date.
fn today_option(options: &JsValue) -> Result<String, String> {
    let value = get(options, "today");
    if value.is_undefined() || value.is_null() {
        return Ok(browser_today());
    }
    request::date(&value.as_string().unwrap_or_else(|| quoted(&value))).map_err(|e| e.to_string())
}

fn read_query(index: &Index, text: &str, options: &JsValue) -> Result<Query, String> {
    if options.is_undefined() || options.is_null() {
        return Ok(Query { text: text.to_string(), today: Some(browser_today()), ..Query::default() });
    }
    check_options(options, &OPTION_NAMES)?;
    let sort = get(options, "sort");
    let sort = match sort.is_undefined() || sort.is_null() {
        true => Sort::default(),
        false => sort.as_string().unwrap_or_else(|| quoted(&sort)).parse::<Sort>().map_err(|e| e.to_string())?,
    };
    Ok(Query {
        text: text.to_string(),
        filters: filters_option(index, options)?,
        sort,
        page: number_option(options, "page", request::page)?.unwrap_or(0),
        page_size: number_option(options, "pageSize", request::page_size)?.unwrap_or(0),
        today: Some(today_option(options)?),
    })
}

/// What `search()` returns: the engine's results, each hit with its point and document title.
#[derive(Serialize)]
struct ApiResults<'a> {
    total: usize,
    partial: bool,
    hits: Vec<WithPoint<'a, crate::search::Hit>>,
    facets: &'a crate::search::Facets,
    suggestion: &'a Option<String>,
    notice: &'a Option<String>,
    explanation: &'a Option<String>,
}

/// A hit or a match of the JS API: the engine's, with its point and its document's title.
#[derive(Serialize)]
struct WithPoint<'a, T> {
    #[serde(flatten)]
    hit: &'a T,
    point: Option<&'a crate::data::Point>,
    title: Option<&'a str>,
}

impl<'a, T> WithPoint<'a, T> {
    fn new(index: &'a Index, hit: &'a T, id: u32) -> WithPoint<'a, T> {
        let point = index.point(id);
        let title = point.and_then(|p| p.docnos.first()).and_then(|d| index.document_by_docno(d)).map(|d| d.title.as_str());
        WithPoint { hit, point, title }
    }
}

/// The JS API: the same hits as the CLI for the same query, each with its point and document title.
#[wasm_bindgen]
pub fn search(src: &str, text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let index = cached(src)?;
    let query = read_query(&index, text, &options).map_err(|e| error(format!("search()：{e}")))?;
    let results = run_search(&index, &query);
    warm_up(src, index.clone());
    let hits = results
        .hits
        .iter()
        .map(|hit| WithPoint::new(&index, hit, hit.id))
        .collect();
    let api = ApiResults {
        total: results.total,
        partial: results.partial,
        hits,
        facets: &results.facets,
        suggestion: &results.suggestion,
        notice: &results.notice,
        explanation: &results.explanation,
    };
    let json = serde_json::to_string(&api).map_err(|e| error(e.to_string()))?;
    js_sys::JSON::parse(&json)
}

/// A JS value as JSON's data model, built directly rather than printed and parsed again: the same
/// value `policy-search match` reads from its file (so the same checks and messages), without a JSON
/// parser in the wasm.
fn json_value(v: &JsValue) -> serde_json::Value {
    use serde_json::Value;
    if let Some(text) = v.as_string() {
        Value::String(text)
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    } else if js_sys::Array::is_array(v) {
        Value::Array(js_sys::Array::from(v).iter().map(|item| json_value(&item)).collect())
    } else if v.is_object() && !v.is_function() {
        // Inserted one by one: collecting would sort the entries with a sort compiled for this type alone.
        let mut object = serde_json::Map::new();
        for entry in js_sys::Object::entries(v.unchecked_ref::<js_sys::Object>()).iter() {
            let pair = js_sys::Array::from(&entry);
            object.insert(pair.get(0).as_string().unwrap_or_default(), json_value(&pair.get(1)));
        }
        Value::Object(object)
    } else {
        Value::Null
    }
}

const MATCH_OPTION_NAMES: [&str; 3] = ["page", "pageSize", "today"];
/// Matches per page when `pageSize` is not given (as the CLI's `--limit`).
const MATCH_PAGE_SIZE: usize = 20;

/// What `match()` returns: the counts and one page of matches, each with its point and title.
#[derive(Serialize)]
struct ApiMatches<'a> {
    total: usize,
    targeted: usize,
    general: usize,
    unknown: usize,
    matches: Vec<WithPoint<'a, crate::matching::Match>>,
}

/// The JS API's 政策匹配: the same ids, in the same order, as `policy-search match` for the same
/// profile and date.
#[wasm_bindgen(js_name = "match")]
pub fn match_profile(src: &str, profile: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let index = cached(src)?;
    let fail = |e: String| error(format!("match()：{e}"));
    let profile = crate::matching::Profile::try_from(json_value(&profile)).map_err(|e| fail(e.to_string()))?;
    let (page, size, today) = if options.is_undefined() || options.is_null() {
        (0, MATCH_PAGE_SIZE, browser_today())
    } else {
        check_options(&options, &MATCH_OPTION_NAMES).map_err(fail)?;
        (
            number_option(&options, "page", request::page).map_err(fail)?.unwrap_or(0),
            number_option(&options, "pageSize", request::page_size).map_err(fail)?.unwrap_or(MATCH_PAGE_SIZE),
            today_option(&options).map_err(fail)?,
        )
    };
    let found = crate::matching::match_page(index.points(), &profile, &today, page, size);
    let matches = found
        .matches
        .iter()
        .map(|hit| WithPoint::new(&index, hit, hit.id))
        .collect();
    let api = ApiMatches { total: found.total, targeted: found.targeted, general: found.general, unknown: found.unknown, matches };
    let json = serde_json::to_string(&api).map_err(|e| error(e.to_string()))?;
    js_sys::JSON::parse(&json)
}
