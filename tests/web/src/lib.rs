//! Component tests in headless Chromium (wasm-bindgen-test, yew's `test` feature).
//!
//! Each test renders the real `App` (or one component) over the real index built by
//! `scripts/build-web.sh` into `dist/policies.idx`, drives it with DOM events, waits for yew with
//! `scheduler::flush`, and reads the DOM. Run by `scripts/test.sh`.
#![cfg(all(test, target_arch = "wasm32"))]

use std::rc::Rc;

use policy_search::index::Index;
use policy_search::data::field::FilterKey;
use policy_search::search::Filter;
use policy_search::ui::{App, AppProps, Config, Highlighted, HighlightedProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::{AttrValue, Callback, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

static INDEX: &[u8] = include_bytes!("../../../dist/policies.idx");

fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

async fn app(config: Config) -> Element {
    let root = container();
    let index = Rc::new(Index::from_bytes(INDEX).expect("dist/policies.idx loads"));
    let props = AppProps { index, readings: true, config: Rc::new(config), on_open: Callback::noop() };
    Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn config() -> Config {
    Config { placeholder: "搜索".into(), page_size: 10, instance: 1, ..Config::default() }
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content()).unwrap_or_default()
}

fn ids(root: &Element) -> Vec<String> {
    all(root, ".ps-hit").iter().map(|e| e.get_attribute("data-policy-id").unwrap()).collect()
}

fn input(root: &Element) -> HtmlInputElement {
    root.query_selector("input.ps-input").unwrap().unwrap().unchecked_into()
}

fn fire(target: &Element, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(name, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

async fn type_into(root: &Element, value: &str) {
    let input = input(root);
    input.set_value(value);
    fire(&input, "input");
    yew::scheduler::flush().await;
}

async fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn an_empty_box_shows_every_policy_for_browsing() {
    let root = app(config()).await;
    assert!(text(&root, ".ps-stats").contains("共 739 条政策"), "{}", text(&root, ".ps-stats"));
    assert_eq!(ids(&root).len(), 10);
    assert!(!all(&root, ".ps-facet[data-key=\"chapter\"]").is_empty());
}

#[wasm_bindgen_test]
async fn typing_renders_hits_with_policy_ids_and_highlights() {
    let root = app(config()).await;
    type_into(&root, "贷款贴息").await;
    assert!(text(&root, ".ps-stats").starts_with("找到"), "{}", text(&root, ".ps-stats"));
    assert!(!ids(&root).is_empty());
    assert!(!all(&root, ".ps-hit mark").is_empty());
}

#[wasm_bindgen_test]
async fn a_document_number_query_marks_that_number_on_each_result() {
    let root = app(config()).await;
    type_into(&root, "晋政办发（2022）30号").await;
    let metas = all(&root, ".ps-hit-meta");
    assert!(!metas.is_empty());
    for meta in metas {
        let marked: Vec<String> = (0..meta.query_selector_all("mark").unwrap().length())
            .map(|i| meta.query_selector_all("mark").unwrap().item(i).unwrap().text_content().unwrap())
            .collect();
        assert_eq!(marked, ["晋政办发〔2022〕30号"], "{}", meta.inner_html());
    }
}

#[wasm_bindgen_test]
async fn input_during_a_composition_is_not_searched_until_it_ends() {
    let root = app(config()).await;
    let before = ids(&root);
    let field = input(&root);
    fire(&field, "compositionstart");
    type_into(&root, "daik").await;
    assert_eq!(ids(&root), before);
    field.set_value("贷款");
    fire(&field, "compositionend");
    yew::scheduler::flush().await;
    assert_ne!(ids(&root), before);
    assert!(text(&root, ".ps-stats").starts_with("找到"));
}

#[wasm_bindgen_test]
async fn a_facet_click_adds_a_chip_and_the_chip_removes_the_filter() {
    let root = app(config()).await;
    let facet = all(&root, ".ps-facet[data-key=\"chapter\"]").remove(0);
    let chapter = facet.get_attribute("data-value").unwrap();
    click(&facet).await;
    let chips = all(&root, ".ps-chip");
    assert_eq!(chips.len(), 1);
    assert!(all(&root, ".ps-hit-where").iter().all(|w| w.text_content().unwrap().starts_with(&format!("{chapter}篇"))));
    click(&chips[0]).await;
    assert!(all(&root, ".ps-chip").is_empty());
    assert!(text(&root, ".ps-stats").contains("共 739 条政策"));
}

#[wasm_bindgen_test]
async fn preset_filters_restrict_results_and_are_not_chips() {
    let preset = vec![Filter { key: FilterKey::Chapter, value: "财税金融".into() }];
    let root = app(Config { preset, ..config() }).await;
    assert!(all(&root, ".ps-chip").is_empty());
    assert!(text(&root, ".ps-preset").contains("财税金融篇"));
    assert!(all(&root, ".ps-hit-where").iter().all(|w| w.text_content().unwrap().starts_with("财税金融篇")));
}

#[wasm_bindgen_test]
async fn markup_typed_into_the_box_stays_text() {
    let root = app(config()).await;
    type_into(&root, "<img src=x onerror=alert(1)><b>贷款</b>").await;
    assert!(all(&root, "img, b").is_empty());
    assert_eq!(input(&root).value(), "<img src=x onerror=alert(1)><b>贷款</b>");
}

#[wasm_bindgen_test]
async fn opening_a_result_shows_its_full_text_and_closing_returns_to_the_list() {
    let root = app(config()).await;
    let first = all(&root, ".ps-hit-open").remove(0);
    click(&first).await;
    assert!(!all(&root, ".ps-detail").is_empty());
    assert!(text(&root, ".ps-facts").contains("文号"));
    click(&all(&root, ".ps-back").remove(0)).await;
    assert!(all(&root, ".ps-detail").is_empty());
    assert_eq!(ids(&root).len(), 10);
}

#[wasm_bindgen_test]
async fn highlighted_text_marks_character_ranges_and_ignores_bad_ones() {
    let root = container();
    let props = HighlightedProps { text: AttrValue::from("支持专精特新企业"), ranges: vec![[2, 6], [4, 5], [7, 99], [5, 3]] };
    Renderer::<Highlighted>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let marks: Vec<String> = all(&root, "mark").iter().map(|m| m.text_content().unwrap()).collect();
    assert_eq!(marks, vec!["专精特新", "业"]);
    assert_eq!(root.text_content().unwrap(), "支持专精特新企业");
}
