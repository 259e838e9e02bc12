//! Facets with counts: chapter → category tree, the facts (支持方式, 适用对象, 行业, 地区, 状态), year,
//! agency, document, flags (e.g. 原文截断).
//!
//! Design choice: counts come from the engine's facets for the current query; the tree's parent links
//! (which chapter a category belongs to) come from the index once. Long groups show their top values
//! with a "show all" button; on narrow screens the whole panel folds behind one toggle.

use std::rc::Rc;

use yew::prelude::*;

use super::labels::value_label;
use super::state::Action;
use crate::data::field::FilterKey;
use crate::index::Index;
use crate::search::{FacetCount, Filter, Results};

const SHOWN: usize = 6;

#[derive(Properties, Clone)]
pub struct FacetsProps {
    pub index: Rc<Index>,
    pub results: Rc<Results>,
    /// Every filter in force (user and preset), to mark values as selected.
    pub active: Vec<Filter>,
    pub preset: Vec<Filter>,
    pub dispatch: Callback<Action>,
}

impl PartialEq for FacetsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.results, &other.results) && self.active == other.active
    }
}

#[function_component(Facets)]
pub fn facets(props: &FacetsProps) -> Html {
    let open = use_state(|| false);
    let expanded = use_state(Vec::<FilterKey>::new);
    let parents = {
        let index = props.index.clone();
        use_memo((), move |_| {
            // (chapter, category) pairs, each once: a few dozen, so a list (a map of sets cost 5 KB of wasm).
            let mut parents: Vec<(&str, &str)> = Vec::new();
            for p in index.points() {
                if !parents.contains(&(p.chapter.as_str(), p.category.as_str())) {
                    parents.push((p.chapter.as_str(), p.category.as_str()));
                }
            }
            parents.into_iter().map(|(ch, cat)| (ch.to_string(), cat.to_string())).collect::<Vec<_>>()
        })
    };
    let counts = |key: FilterKey| props.results.facets.get(key);
    let value_button = |key: FilterKey, fc: &FacetCount, nested: bool| -> Html {
        let filter = Filter { key, value: fc.value.clone() };
        let pressed = props.active.contains(&filter);
        let locked = props.preset.contains(&filter);
        let label = value_label(&props.index, key, &fc.value);
        let onclick = props.dispatch.reform({
            let filter = filter.clone();
            move |_: MouseEvent| Action::ToggleFilter(filter.clone())
        });
        html! {
            <button type="button" class={classes!("ps-facet", nested.then_some("ps-facet-nested"))}
                aria-pressed={pressed.to_string()} disabled={locked}
                data-key={key.as_str()} data-value={fc.value.clone()} {onclick}>
                <span class="ps-facet-label">{ label }</span>
                <span class="ps-count" aria-label={format!("{} 条", fc.count)}>{ fc.count }</span>
            </button>
        }
    };
    let chapters = counts(FilterKey::Chapter);
    let categories = counts(FilterKey::Category);
    let chapter_tree = chapters.iter().map(|ch| {
        let selected = props.active.iter().any(|f| f.key == FilterKey::Chapter && f.value == ch.value);
        let children: Vec<&FacetCount> = if selected || chapters.len() == 1 {
            categories.iter().filter(|c| parents.iter().any(|(of, cat)| *of == ch.value && *cat == c.value)).collect()
        } else {
            Vec::new()
        };
        html! {
            <li>
                { value_button(FilterKey::Chapter, ch, false) }
                if !children.is_empty() {
                    <ul class="ps-facet-children" aria-label={format!("{}篇的类别", ch.value)}>
                        { for children.into_iter().map(|c| html! { <li>{ value_button(FilterKey::Category, c, true) }</li> }) }
                    </ul>
                }
            </li>
        }
    });
    let mut year_counts: Vec<&FacetCount> = counts(FilterKey::Year).iter().collect();
    crate::sort::sort_by(&mut year_counts, |a, b| b.value.cmp(&a.value));
    let flat_group = |key: FilterKey, values: Vec<&FacetCount>| -> Html {
        if values.is_empty() {
            return html! {};
        }
        let all = expanded.contains(&key);
        let hidden = values.len().saturating_sub(SHOWN);
        let toggle = {
            let expanded = expanded.clone();
            Callback::from(move |_: MouseEvent| {
                let mut set = (*expanded).clone();
                match set.iter().position(|k| *k == key) {
                    Some(at) => {
                        set.remove(at);
                    }
                    None => set.push(key),
                }
                expanded.set(set);
            })
        };
        html! {
            <section class="ps-facet-group" aria-label={key.label()}>
                <h3>{ key.label() }</h3>
                <ul>
                    { for values.iter().take(if all { usize::MAX } else { SHOWN }).map(|fc| html! { <li>{ value_button(key, fc, false) }</li> }) }
                </ul>
                if hidden > 0 {
                    <button type="button" class="ps-link" aria-expanded={all.to_string()} onclick={toggle}>
                        { if all { "收起".to_string() } else { format!("显示全部（另有 {hidden} 项）") } }
                    </button>
                }
            </section>
        }
    };
    let toggle_open = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <aside class={classes!("ps-facets", (*open).then_some("ps-open"))} aria-label="筛选">
            <button type="button" class="ps-btn ps-facets-toggle" aria-expanded={(*open).to_string()} onclick={toggle_open}>
                { if *open { "收起筛选" } else { "按篇章、年份、机关筛选" } }
            </button>
            <div class="ps-facets-body">
                if !chapters.is_empty() {
                    <section class="ps-facet-group" aria-label="篇章与类别">
                        <h3>{ "篇章与类别" }</h3>
                        <ul>{ for chapter_tree }</ul>
                    </section>
                }
                { flat_group(FilterKey::Support, counts(FilterKey::Support).iter().collect()) }
                { flat_group(FilterKey::Beneficiary, counts(FilterKey::Beneficiary).iter().collect()) }
                { flat_group(FilterKey::Industry, counts(FilterKey::Industry).iter().collect()) }
                { flat_group(FilterKey::Region, counts(FilterKey::Region).iter().collect()) }
                { flat_group(FilterKey::Status, counts(FilterKey::Status).iter().collect()) }
                { flat_group(FilterKey::Year, year_counts) }
                { flat_group(FilterKey::Agency, counts(FilterKey::Agency).iter().collect()) }
                { flat_group(FilterKey::Document, counts(FilterKey::Document).iter().collect()) }
                { flat_group(FilterKey::Flag, counts(FilterKey::Flag).iter().collect()) }
            </div>
        </aside>
    }
}
