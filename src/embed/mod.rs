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

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback, Renderer};

use crate::index::Index;
use crate::search::{search as run_search, Filter, Query};
use crate::ui::state::{is_filter_key, parse_sort};
use crate::ui::{App, AppProps, Config, STYLE};

thread_local! {
    static INDEXES: RefCell<HashMap<String, Rc<Index>>> = RefCell::new(HashMap::new());
    static SHEET: RefCell<Option<Option<web_sys::CssStyleSheet>>> = const { RefCell::new(None) };
}

/// Attributes that preset a filter, e.g. `<policy-search chapter="财税金融">`.
const PRESET_ATTRIBUTES: [&str; 7] = ["chapter", "category", "subcategory", "year", "agency", "document", "flag"];
const DEFAULT_PLACEHOLDER: &str = "搜索惠企政策，如：贷款贴息、专精特新、晋政办发〔2022〕30号";
const MAX_PAGE_SIZE: usize = 100;

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
    if INDEXES.with(|m| m.borrow().contains_key(src)) {
        return Ok(());
    }
    let index = Index::from_bytes(bytes).map_err(|e| error(format!("{src} 不是可用的政策索引：{e}")))?;
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
}

#[wasm_bindgen]
impl Widget {
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
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
    let props = AppProps { index, config: Rc::new(config), on_open };
    Ok(Widget { handle: Some(Renderer::<App>::with_root_and_props(mount, props).render()) })
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

fn read_config(host: &HtmlElement, index: &Index, instance: usize) -> Config {
    let attr = |name: &str| host.get_attribute(name).map(|v| v.trim().to_string());
    let page_size = match attr("page-size") {
        None => 10,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => n,
            _ => {
                console_error(&format!("page-size=\"{raw}\" 不是 1–{MAX_PAGE_SIZE} 之间的整数，已改用 10"));
                10
            }
        },
    };
    let mut preset = Vec::new();
    for key in PRESET_ATTRIBUTES {
        let Some(value) = attr(key).filter(|v| !v.is_empty()) else { continue };
        let filter = Filter { key: key.to_string(), value: value.clone() };
        let matched = run_search(index, &Query { filters: vec![filter.clone()], ..Query::default() }).total;
        if matched == 0 {
            console_error(&format!("{key}=\"{value}\" 没有匹配任何政策，请检查拼写；该筛选仍然生效"));
        }
        preset.push(filter);
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
    }
}

/// Options of the JS `search(query, options)`.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct SearchOptions {
    /// `{chapter: "财税金融"}` or `[{key, value}]`.
    filters: Option<serde_json::Value>,
    sort: Option<String>,
    /// 0-based.
    page: Option<usize>,
    page_size: Option<usize>,
}

fn parse_filters(value: serde_json::Value) -> Result<Vec<Filter>, String> {
    let pairs: Vec<(String, String)> = match value {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::Object(map) => map
            .into_iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => Ok((k, s)),
                serde_json::Value::Number(n) => Ok((k, n.to_string())),
                other => Err(format!("筛选 {k} 的值应为字符串，收到 {other}")),
            })
            .collect::<Result<_, _>>()?,
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|item| serde_json::from_value::<Filter>(item).map(|f| (f.key, f.value)))
            .collect::<Result<_, _>>()
            .map_err(|e| format!("filters 数组的每一项应为 {{key, value}}：{e}"))?,
        other => return Err(format!("filters 应为对象或数组，收到 {other}")),
    };
    pairs
        .into_iter()
        .map(|(key, value)| {
            if is_filter_key(&key) {
                Ok(Filter { key, value })
            } else {
                Err(format!("未知的筛选字段 “{key}”（可用：chapter, category, subcategory, year, agency, document, flag）"))
            }
        })
        .collect()
}

/// The JS API: the same hits as the CLI for the same query, each with its point and document title.
#[wasm_bindgen]
pub fn search(src: &str, text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let index = cached(src)?;
    let options: SearchOptions = if options.is_undefined() || options.is_null() {
        SearchOptions::default()
    } else {
        let json = js_sys::JSON::stringify(&options).map_err(|_| error("search()：options 无法读取".into()))?;
        serde_json::from_str(&String::from(json)).map_err(|e| error(format!("search()：options 无效：{e}")))?
    };
    let sort = match options.sort.as_deref() {
        None => Default::default(),
        Some(name) => parse_sort(name)
            .ok_or_else(|| error(format!("search()：未知的排序 “{name}”（可用：relevance, newest, document_order）")))?,
    };
    let filters = parse_filters(options.filters.unwrap_or_default()).map_err(|e| error(format!("search()：{e}")))?;
    let query = Query {
        text: text.to_string(),
        filters,
        sort,
        page: options.page.unwrap_or(0),
        page_size: options.page_size.unwrap_or(0).min(MAX_PAGE_SIZE),
    };
    let results = run_search(&index, &query);
    let mut value = serde_json::to_value(&results).map_err(|e| error(e.to_string()))?;
    if let Some(hits) = value.get_mut("hits").and_then(|h| h.as_array_mut()) {
        for hit in hits {
            let id = hit.get("id").and_then(|i| i.as_u64()).unwrap_or(0) as u32;
            if let (Some(point), Some(obj)) = (index.point(id), hit.as_object_mut()) {
                let title = point.docnos.first().and_then(|d| index.document_by_docno(d)).map(|d| d.title.clone());
                obj.insert("point".into(), serde_json::to_value(point).unwrap_or_default());
                obj.insert("title".into(), title.into());
            }
        }
    }
    js_sys::JSON::parse(&value.to_string())
}
