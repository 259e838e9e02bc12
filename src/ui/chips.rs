//! The current filters as removable chips, and "clear all".
//!
//! Design choice: only the user's filters are chips; the embedding page's preset filters are shown as a
//! plain note because the user cannot remove them.

use std::rc::Rc;

use yew::prelude::*;

use super::labels::filter_label;
use super::state::Action;
use crate::index::Index;
use crate::search::Filter;

#[derive(Properties, Clone)]
pub struct ChipsProps {
    pub index: Rc<Index>,
    pub filters: Vec<Filter>,
    pub preset: Vec<Filter>,
    pub has_text: bool,
    pub dispatch: Callback<Action>,
}

impl PartialEq for ChipsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index)
            && self.filters == other.filters
            && self.preset == other.preset
            && self.has_text == other.has_text
    }
}

#[function_component(Chips)]
pub fn chips(props: &ChipsProps) -> Html {
    if props.filters.is_empty() && props.preset.is_empty() {
        return html! {};
    }
    let preset = (!props.preset.is_empty()).then(|| {
        let text: Vec<String> = props.preset.iter().map(|f| filter_label(&props.index, f)).collect();
        html! { <p class="ps-preset">{ format!("仅显示 {}", text.join("，")) }</p> }
    });
    html! {
        <div class="ps-chips">
            { for preset }
            if !props.filters.is_empty() {
                <ul class="ps-chiplist" aria-label="当前筛选条件">
                    { for props.filters.iter().map(|f| {
                        let label = filter_label(&props.index, f);
                        let remove = props.dispatch.reform({
                            let f = f.clone();
                            move |_: MouseEvent| Action::RemoveFilter(f.clone())
                        });
                        html! {
                            <li>
                                <button type="button" class="ps-chip" data-key={f.key.as_str()} data-value={f.value.clone()}
                                    aria-label={format!("移除筛选条件 {label}")} onclick={remove}>
                                    <span>{ label }</span><span class="ps-chip-x" aria-hidden="true">{ "×" }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                <button type="button" class="ps-link ps-clearall" onclick={props.dispatch.reform(|_: MouseEvent| Action::ClearAll)}>
                    { if props.has_text { "清除全部（含搜索词）" } else { "清除全部筛选" } }
                </button>
            }
        </div>
    }
}
