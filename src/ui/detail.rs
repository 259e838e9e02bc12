//! One policy point opened to its full text, with its document, status flags and a citation to copy.
//!
//! Design choice: the detail replaces the result list inside the widget (no overlay), which works the
//! same on a phone, at 200 % zoom and in print; focus moves to its heading and back on close.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::highlight::Highlighted;
use super::labels::{citation, document_of, location};
use crate::index::Index;

#[derive(Properties, Clone)]
pub struct DetailProps {
    pub index: Rc<Index>,
    pub id: u32,
    pub highlights: Vec<[u32; 2]>,
    pub on_close: Callback<()>,
}

impl PartialEq for DetailProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index) && self.id == other.id && self.highlights == other.highlights
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Copy {
    Idle,
    Done,
    Failed,
}

#[function_component(Detail)]
pub fn detail(props: &DetailProps) -> Html {
    let heading = use_node_ref();
    let copy_state = use_state(|| Copy::Idle);
    {
        let heading = heading.clone();
        use_effect_with(props.id, move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let close = props.on_close.reform(|_: MouseEvent| ());
    let Some(point) = props.index.point(props.id) else {
        return html! {
            <section class="ps-detail" aria-labelledby="ps-detail-h">
                <h2 id="ps-detail-h" ref={heading} tabindex="-1">{ format!("没有编号为 {} 的政策", props.id) }</h2>
                <button type="button" class="ps-btn" onclick={close}>{ "返回结果列表" }</button>
            </section>
        };
    };
    let doc = document_of(&props.index, point);
    let cite = citation(&props.index, point);
    let copy = {
        let copy_state = copy_state.clone();
        let cite = cite.clone();
        Callback::from(move |_: MouseEvent| {
            let copy_state = copy_state.clone();
            let cite = cite.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copy_state.set(if write_clipboard(&cite).await { Copy::Done } else { Copy::Failed });
            });
        })
    };
    let flags = &point.flags;
    let docnos = if point.docnos.is_empty() { "无文号".to_string() } else { point.docnos.join("；") };
    html! {
        <section class="ps-detail" aria-labelledby="ps-detail-h">
            <button type="button" class="ps-btn ps-back" onclick={close.clone()}>{ "← 返回结果列表" }</button>
            <p class="ps-hit-where">{ location(point) }</p>
            <h2 id="ps-detail-h" class="ps-detail-title" ref={heading} tabindex="-1">
                { doc.map(|d| format!("《{}》", d.title)).unwrap_or_else(|| "（未列入文件汇总表）".to_string()) }
            </h2>
            if flags.repealed {
                <p class="ps-repealed" role="note">{ "该政策所依据的文件已废止，仅供查阅，不再执行。" }</p>
            }
            <dl class="ps-facts">
                <dt>{ "文号" }</dt><dd>{ docnos }</dd>
                <dt>{ "发文机关" }</dt><dd>{ point.agency.clone().unwrap_or_else(|| "未知".into()) }</dd>
                <dt>{ "年份" }</dt><dd>{ point.year.map(|y| format!("{y}年")).unwrap_or_else(|| "未知".into()) }</dd>
                <dt>{ "状态" }</dt>
                <dd>
                    if flags.repealed { <span class="ps-badge ps-badge-repealed">{ "已废止" }</span> } else { { "有效" } }
                    if flags.truncated { <span class="ps-badge">{ "原文截断" }</span> }
                    if flags.no_docno { <span class="ps-badge">{ "原文无文号" }</span> }
                    if let Some(of) = flags.duplicate_of { <span class="ps-badge">{ format!("与第 {of} 号政策点重复") }</span> }
                </dd>
            </dl>
            <p class="ps-fulltext"><Highlighted text={AttrValue::from(point.text.clone())} ranges={props.highlights.clone()} /></p>
            <div class="ps-cite">
                <button type="button" class="ps-btn ps-primary" onclick={copy}>{ "复制引用" }</button>
                <span role="status" class="ps-copy-status">
                    { match *copy_state {
                        Copy::Idle => "",
                        Copy::Done => "已复制到剪贴板",
                        Copy::Failed => "无法访问剪贴板，请手动选择下面的文字复制",
                    } }
                </span>
                <p class="ps-cite-text">{ cite }</p>
            </div>
        </section>
    }
}

async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_or(false, |c| !c.is_undefined());
    if !has_clipboard {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}
