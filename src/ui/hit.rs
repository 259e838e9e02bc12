//! One result in the list: where the point sits, what it gives (support types, the largest amount in
//! the text's own words, a region other than 全省, a status other than 有效), its snippet with
//! highlights, its document.
//!
//! Design choice: the whole result is one button (Enter or click opens it), carrying
//! `data-policy-id` and `data-index` so the keyboard cursor and host pages can find it.

use std::rc::Rc;

use yew::prelude::*;

use super::highlight::Highlighted;
use super::labels::{location, max_benefit_badge};
use crate::data::field::Status;
use crate::data::vocab::PROVINCE_WIDE;
use crate::index::Index;
use crate::search::Results;

#[derive(Properties, Clone)]
pub struct HitItemProps {
    pub index: Rc<Index>,
    pub results: Rc<Results>,
    /// Position in `results.hits`.
    pub position: usize,
    pub on_open: Callback<u32>,
}

impl PartialEq for HitItemProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.results, &other.results) && self.position == other.position
    }
}

#[function_component(HitItem)]
pub fn hit_item(props: &HitItemProps) -> Html {
    let hit = &props.results.hits[props.position];
    let Some(point) = props.index.point(hit.id) else {
        return html! {};
    };
    let id = hit.id;
    let facts = &hit.facts;
    let most = max_benefit_badge(point);
    let onclick = props.on_open.reform(move |_: MouseEvent| id);
    let snippet = &hit.snippet;
    let ellipsis_before = snippet.start > 0;
    let ellipsis_after = (snippet.start as usize + snippet.text.chars().count()) < point.text.chars().count();
    // The document number the query asked for is shown marked, like any other match.
    let docno = hit.docno.as_ref().or(point.docnos.first()).map(|no| {
        let no = no.clone();
        let separator = (point.agency.is_some() || point.year.is_some()).then_some(" · ");
        if hit.docno.is_some() {
            html! { <><mark>{ no }</mark>{ separator }</> }
        } else {
            html! { <>{ no }{ separator }</> }
        }
    });
    let mut meta: Vec<String> = Vec::new();
    if let Some(agency) = &point.agency {
        meta.push(agency.clone());
    }
    if let Some(year) = point.year {
        meta.push(format!("{year}年"));
    }
    html! {
        <li class="ps-hit" data-policy-id={id.to_string()}>
            <button type="button" class="ps-hit-open" data-index={props.position.to_string()} {onclick}>
                <span class="ps-hit-where">
                    { location(point) }
                    if facts.status != Status::Valid {
                        <span class={classes!("ps-badge", (facts.status == Status::Repealed).then_some("ps-badge-repealed"))}>{ facts.status.as_str() }</span>
                    }
                    if hit.partial {
                        <span class="ps-badge">{ "部分匹配" }</span>
                    }
                </span>
                if !facts.support.is_empty() || most.is_some() || facts.region != PROVINCE_WIDE {
                    <span class="ps-hit-facts">
                        if let Some(most) = most { <span class="ps-badge ps-badge-amount">{ most }</span> }
                        { for facts.support.iter().map(|s| html! { <span class="ps-tag">{ s.as_str() }</span> }) }
                        if facts.region != PROVINCE_WIDE { <span class="ps-badge ps-badge-region">{ facts.region.clone() }</span> }
                    </span>
                }
                <span class="ps-hit-text">
                    if ellipsis_before { { "…" } }
                    <Highlighted text={AttrValue::from(snippet.text.clone())} ranges={snippet.highlights.clone()} />
                    if ellipsis_after { { "…" } }
                </span>
                <span class="ps-hit-meta">{ for docno }{ meta.join(" · ") }</span>
            </button>
        </li>
    }
}
