//! One policy point opened to its full text, with its document, its facts (support, beneficiaries,
//! industries, region, every amount with its role, the largest benefit marked in the text), its
//! status and a citation to copy.
//!
//! Design choice: the detail replaces the result list inside the widget (no overlay), which works the
//! same on a phone, at 200 % zoom and in print; focus moves to its heading and back on close.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::highlight::Highlighted;
use super::labels::{citation, document_of, location, role_label};
use crate::data::field::{status, Status};
use crate::index::Index;

#[derive(Properties, Clone)]
pub struct DetailProps {
    pub index: Rc<Index>,
    pub id: u32,
    pub highlights: Vec<[u32; 2]>,
    /// The visitor's date, for the status.
    pub today: Option<String>,
    pub on_close: Callback<()>,
}

impl PartialEq for DetailProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index) && self.id == other.id && self.highlights == other.highlights && self.today == other.today
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
    let in_force = status(point, props.today.as_deref());
    let words = |list: Vec<&str>, none: &str| if list.is_empty() { none.to_string() } else { list.join("、") };
    // The largest benefit's figure is marked in the text as well as the query's matches.
    let mut marks = props.highlights.clone();
    marks.extend(point.max_benefit().map(|a| [a.start, a.end]));
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
                <dt>{ "支持方式" }</dt><dd>{ words(point.support.iter().map(|s| s.as_str()).collect(), "未注明具体支持") }</dd>
                <dt>{ "适用对象" }</dt><dd>{ words(point.beneficiaries.iter().map(|b| b.as_str()).collect(), "各类企业") }</dd>
                <dt>{ "行业" }</dt><dd>{ words(point.industries.iter().map(|i| i.as_str()).collect(), "不限行业") }</dd>
                <dt>{ "地区" }</dt><dd>{ point.region.clone() }</dd>
                if let Some(until) = &point.valid_until {
                    <dt>{ "有效期至" }</dt><dd>{ until.clone() }</dd>
                }
                if !point.amounts.is_empty() {
                    <dt>{ "金额" }</dt>
                    <dd>
                        <ul class="ps-amounts">
                            { for point.amounts.iter().map(|a| html! {
                                <li><span class="ps-tag">{ role_label(a.role) }</span>{ point.text_range(a.start, a.end) }</li>
                            }) }
                        </ul>
                    </dd>
                }
                <dt>{ "状态" }</dt>
                <dd>
                    if in_force == Status::Valid { { "有效" } } else {
                        <span class={classes!("ps-badge", (in_force == Status::Repealed).then_some("ps-badge-repealed"))}>{ in_force.as_str() }</span>
                    }
                    if flags.truncated { <span class="ps-badge">{ "原文截断" }</span> }
                    if flags.no_docno { <span class="ps-badge">{ "原文无文号" }</span> }
                    if let Some(of) = flags.duplicate_of { <span class="ps-badge">{ format!("与第 {of} 号政策点重复") }</span> }
                </dd>
            </dl>
            <p class="ps-fulltext"><Highlighted text={AttrValue::from(point.text.clone())} ranges={marks} /></p>
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
