//! Pagination: previous, page n of m, next.
//!
//! Design choice: pages rather than infinite scroll, so a page lives in the URL and keyboard users can
//! reach the controls after the results.

use yew::prelude::*;

use super::state::Action;

#[derive(Properties, PartialEq, Clone)]
pub struct PagerProps {
    /// 0-based.
    pub page: usize,
    pub pages: usize,
    pub dispatch: Callback<Action>,
}

#[function_component(Pager)]
pub fn pager(props: &PagerProps) -> Html {
    if props.pages <= 1 {
        return html! {};
    }
    let page = props.page;
    let prev = props.dispatch.reform(move |_: MouseEvent| Action::SetPage(page.saturating_sub(1)));
    let next = props.dispatch.reform(move |_: MouseEvent| Action::SetPage(page + 1));
    html! {
        <nav class="ps-pager" aria-label="分页">
            <button type="button" class="ps-btn" disabled={page == 0} onclick={prev}>{ "上一页" }</button>
            <span class="ps-pageno" aria-current="page">{ format!("第 {} / {} 页", page + 1, props.pages) }</span>
            <button type="button" class="ps-btn" disabled={page + 1 >= props.pages} onclick={next}>{ "下一页" }</button>
        </nav>
    }
}
