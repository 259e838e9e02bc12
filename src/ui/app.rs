//! The widget's root: owns the state and lays out the parts; the search, the URL, the keyboard
//! cursor and the `/` shortcut are its hooks (`hooks`).
//!
//! Design choice: one `use_reducer_eq` over `State`, and the search as a memo of `State::query()`,
//! so a keystroke runs exactly one search and renders once; children receive the results by `Rc`.

use std::rc::Rc;

use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use super::chips::Chips;
use super::detail::Detail;
use super::facets::Facets;
use super::hit::HitItem;
use super::pager::Pager;
use super::hooks::{use_keyboard_cursor, use_matches, use_search, use_slash_focus, use_url_sync};
use super::search_box::SearchBox;
use super::match_form::MatchForm;
use super::match_list::MatchList;
use super::state::{Action, State, Tab};
use super::url;
use crate::analysis::query::literal_query;
use crate::index::Index;
use crate::matching::{Bucket, Match};
use crate::search::{Filter, Query, Results, Sort};

/// What the embedding page chose through attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    pub placeholder: String,
    pub preset: Vec<Filter>,
    pub page_size: usize,
    pub large_text: bool,
    /// Prefix of this instance's URL parameters; `None` keeps the state out of the URL.
    pub url_prefix: Option<String>,
    /// Unique per instance on the page, for element ids.
    pub instance: usize,
    /// Whether `/` anywhere on the page focuses this instance's box (the first instance only).
    pub slash_focus: bool,
    /// The visitor's date, `YYYY-MM-DD`.
    pub today: String,
    /// `mode="match"`: the 政策匹配 view alone, without tabs.
    pub match_only: bool,
}

#[derive(Properties, Clone)]
pub struct AppProps {
    pub index: Rc<Index>,
    /// Whether `index` had its readings (pinyin, query-only variant pairs) when these props were
    /// made: an index read from its head alone gains them later, and new props with this set make
    /// the widget search again.
    pub readings: bool,
    pub config: Rc<Config>,
    /// Called with the point id whenever a result is opened.
    pub on_open: Callback<u32>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index)
            && self.readings == other.readings
            && self.config == other.config
            && self.on_open == other.on_open
    }
}

/// `millis` with one decimal, formatted as integers: Rust's float formatting would add 4 KB to the wasm.
fn one_decimal(millis: f64) -> String {
    let tenths = (millis.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// What the sort control calls each order.
fn sort_label(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "相关度",
        Sort::Newest => "最新发布",
        Sort::DocumentOrder => "清单顺序",
        Sort::Amount => "金额最高",
    }
}

/// One page of the matches that the search kept, in the matcher's order: the page's hits (as
/// `Results`, with the search's total, facets and notes), the page's matches, and how many of the
/// kept matches each group has.
fn match_page(searched: &Rc<Results>, matches: &[Match], page: usize, size: usize) -> (Rc<Results>, Rc<Vec<Match>>, [usize; 3]) {
    let hit_of = |id: u32| searched.hits.iter().position(|h| h.id == id);
    let kept: Vec<(&Match, usize)> = matches.iter().filter_map(|m| hit_of(m.id).map(|h| (m, h))).collect();
    let count = |b: Bucket| kept.iter().filter(|(m, _)| m.bucket == b).count();
    let counts = [count(Bucket::Targeted), count(Bucket::General), count(Bucket::Unknown)];
    let shown: Vec<(&Match, usize)> = kept.iter().copied().skip(page * size).take(size).collect();
    let results = Results {
        total: kept.len(),
        hits: shown.iter().map(|(_, h)| searched.hits[*h].clone()).collect(),
        ..(**searched).clone()
    };
    (Rc::new(results), Rc::new(shown.into_iter().map(|(m, _)| m.clone()).collect()), counts)
}

/// The search time as shown: Firefox and Safari round `performance.now()` to 1 ms (Chromium to
/// 0.1 ms), so a faster search measures 0 there and reads “不到 1” instead of “0.0”.
fn took(millis: f64) -> String {
    if millis < 1.0 { "不到 1".to_string() } else { one_decimal(millis) }
}

fn effective_page_size(page_size: usize) -> usize {
    if page_size == 0 { 10 } else { page_size }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let config = props.config.clone();
    let state = {
        let config = config.clone();
        let index = props.index.clone();
        use_reducer_eq(move || {
            let state = State { today: Some(config.today.clone()), ..State::new(config.preset.clone(), config.page_size, config.large_text) };
            let state = match &config.url_prefix {
                Some(prefix) => state.reduce(Action::Restore(url::read(prefix, &index))),
                None => state,
            };
            match config.match_only {
                true => state.reduce(Action::SetTab(Tab::Match)),
                false => state,
            }
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let in_match = state.tab == Tab::Match;
    let (matches, matched_ids) = use_matches(props.index.clone(), state.profile.clone(), config.today.clone(), in_match);
    // In the 政策匹配 view the search box and the facets refine the matches: every match the query
    // keeps is searched for at once, and the view pages them in the matcher's order.
    let query = match in_match {
        true => Query { page: 0, page_size: matches.len().max(1), sort: Sort::Relevance, ..state.query() },
        false => state.query(),
    };
    let (searched, millis) = use_search(props.index.clone(), query, in_match.then(|| matched_ids.clone()), props.readings);
    let page_size = effective_page_size(state.page_size);
    let (results, page_matches, counts) = match in_match {
        true => match_page(&searched, &matches, state.page, page_size),
        false => (searched.clone(), Rc::new(Vec::new()), [0; 3]),
    };
    let root = use_node_ref();
    let input_ref = use_node_ref();
    use_url_sync(config.url_prefix.clone(), state.url_state(), props.index.clone(), dispatch.clone());
    use_slash_focus(config.slash_focus, input_ref.clone());
    let keyboard_move = use_keyboard_cursor(root.clone(), input_ref.clone(), state.cursor, state.open);

    let hits_len = results.hits.len();
    let onkeydown = {
        let dispatch = dispatch.clone();
        let keyboard_move = keyboard_move.clone();
        let open = state.open;
        let has_text = !state.input.is_empty();
        let composing = state.composing;
        Callback::from(move |e: KeyboardEvent| {
            let target = e.target_dyn_into::<Element>();
            let in_box = target.as_ref().map_or(false, |t| t.class_list().contains("ps-input"));
            let on_hit = target.as_ref().map_or(false, |t| t.class_list().contains("ps-hit-open"));
            // keyCode 229: the key ended an IME composition; Safari sends it after compositionend.
            if composing || e.is_composing() || e.key_code() == 229 {
                return;
            }
            match e.key().as_str() {
                "ArrowDown" | "ArrowUp" if open.is_none() && (in_box || on_hit) => {
                    e.prevent_default();
                    *keyboard_move.borrow_mut() = true;
                    let delta = if e.key() == "ArrowDown" { 1 } else { -1 };
                    dispatch.emit(Action::MoveCursor { delta, len: hits_len });
                }
                "Escape" if open.is_some() => dispatch.emit(Action::Close),
                "Escape" if on_hit => {
                    *keyboard_move.borrow_mut() = true;
                    dispatch.emit(Action::MoveCursor { delta: -(hits_len as i32) - 1, len: hits_len });
                }
                "Escape" if in_box && has_text => {
                    e.prevent_default();
                    dispatch.emit(Action::ClearText);
                }
                _ => {}
            }
        })
    };
    let onfocusin = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: FocusEvent| {
            let Some(target) = e.target_dyn_into::<Element>() else { return };
            if target.class_list().contains("ps-hit-open") {
                let i = target.get_attribute("data-index").and_then(|i| i.parse().ok());
                dispatch.emit(Action::SetCursor(i));
            } else if target.class_list().contains("ps-input") {
                dispatch.emit(Action::SetCursor(None));
            }
        })
    };
    let on_open = {
        let dispatch = dispatch.clone();
        let outer = props.on_open.clone();
        Callback::from(move |id: u32| {
            dispatch.emit(Action::Open(id));
            outer.emit(id);
        })
    };
    let on_sort = dispatch.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::SetSort(Sort::parse(&value).unwrap_or_default())
    });
    let toggle_large = dispatch.reform(|_: MouseEvent| Action::ToggleLargeText);

    let pages = results.total.div_ceil(page_size);
    let browsing = state.text.trim().is_empty();
    let stats = if results.total == 0 {
        "没有找到相关政策".to_string()
    } else if browsing && state.filters.is_empty() {
        format!("共 {} 条政策，可按篇章、年份、机关浏览", results.total)
    } else {
        format!("找到 {} 条政策", results.total)
    };
    let stats = match in_match {
        false => stats,
        true if results.total == 0 => "没有找到适用的政策，可减少所填条件或清除搜索词".to_string(),
        true => format!("为您找到 {} 条可申请或享受的政策：精准匹配 {} 条，普遍适用 {} 条，需核实 {} 条", results.total, counts[0], counts[1], counts[2]),
    };
    let active: Vec<Filter> = state.query().filters;
    let tab = |which: Tab, label: &'static str| {
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetTab(which));
        html! { <button type="button" class="ps-tab" aria-pressed={(state.tab == which).to_string()} {onclick}>{ label }</button> }
    };
    let suggestion = results.suggestion.clone().map(|s| {
        let pick = dispatch.reform({
            let s = s.clone();
            move |_: MouseEvent| Action::Input(s.clone())
        });
        html! {
            <p class="ps-suggest">{ "您是不是要找：" }
                <button type="button" class="ps-link" onclick={pick}>{ s }</button>
            </p>
        }
    });
    // A translated or relaxed answer says how it was found, with the way back to the words as typed.
    let explanation = results.explanation.clone().map(|e| {
        let literal = dispatch.reform({
            let text = literal_query(&state.text);
            move |_: MouseEvent| Action::Input(text.clone())
        });
        html! {
            <p class="ps-explain">{ e }{ "　" }
                <button type="button" class="ps-link" onclick={literal}>{ "按原词查找" }</button>
            </p>
        }
    });
    let open_highlights = state
        .open
        .and_then(|id| results.hits.iter().find(|h| h.id == id))
        .map(|h| h.highlights.clone())
        .unwrap_or_default();
    let input_id = format!("ps-q-{}", config.instance);

    html! {
        <div ref={root} class={classes!("ps-root", state.large_text.then_some("ps-large"))} {onkeydown} {onfocusin}>
            if !config.match_only {
                <nav class="ps-tabs" aria-label="功能">
                    { tab(Tab::Search, "搜索政策") }
                    { tab(Tab::Match, "政策匹配") }
                </nav>
            }
            if in_match {
                <MatchForm profile={state.profile.clone()} instance={config.instance} dispatch={dispatch.clone()} />
            }
            <div class="ps-head">
                <SearchBox value={AttrValue::from(state.input.clone())}
                    placeholder={AttrValue::from(if in_match { "在匹配结果中搜索，如：贷款、奖励".to_string() } else { config.placeholder.clone() })}
                    input_id={AttrValue::from(input_id)} input_ref={input_ref.clone()} dispatch={dispatch.clone()} />
                <div class="ps-tools">
                    if !in_match {
                        <label class="ps-sort">{ "排序" }
                            <select onchange={on_sort}>
                                { for Sort::ALL.iter().map(|&sort| html! {
                                    <option value={sort.as_str()} selected={state.sort == sort}>{ sort_label(sort) }</option>
                                }) }
                            </select>
                        </label>
                    }
                    <button type="button" class="ps-btn ps-large-toggle" aria-pressed={state.large_text.to_string()} onclick={toggle_large}>
                        { "大字模式" }
                    </button>
                </div>
            </div>
            <Chips index={props.index.clone()} filters={state.filters.clone()} preset={state.preset.clone()}
                has_text={!state.text.is_empty()} dispatch={dispatch.clone()} />
            <div class="ps-body">
                <Facets index={props.index.clone()} results={results.clone()} active={active} preset={state.preset.clone()} dispatch={dispatch.clone()} />
                <section class="ps-results" aria-label={if in_match { "匹配结果" } else { "搜索结果" }}>
                    if let Some(id) = state.open {
                        <Detail index={props.index.clone()} {id} highlights={open_highlights} today={state.today.clone()} on_close={dispatch.reform(|_| Action::Close)} />
                    } else {
                        <p class="ps-stats">
                            { stats.clone() }
                            <span class="ps-time">{ format!("（用时 {} 毫秒）", took(millis)) }</span>
                        </p>
                        if results.partial && results.total > 0 {
                            <p class="ps-partial" role="note">{ "没有完全匹配的政策，以下是最接近的部分匹配：" }</p>
                        }
                        { for suggestion }
                        { for explanation }
                        if let Some(notice) = results.notice.clone() {
                            <p class="ps-notice">{ notice }</p>
                        }
                        if results.total == 0 && !in_match {
                            <div class="ps-empty">
                                <p>{ "请尝试更短或更常用的词，例如“贷款贴息”“专精特新”，或清除筛选条件。" }</p>
                                <button type="button" class="ps-btn" onclick={dispatch.reform(|_: MouseEvent| Action::ClearAll)}>{ "清除搜索词和筛选" }</button>
                            </div>
                        }
                        if in_match {
                            <MatchList index={props.index.clone()} matches={page_matches} results={results.clone()} {counts}
                                first={state.page * page_size + 1} on_open={on_open.clone()} />
                        } else {
                            <ol class="ps-hits" start={(state.page * page_size + 1).to_string()}>
                                { for (0..hits_len).map(|position| html! {
                                    <HitItem key={results.hits[position].id} index={props.index.clone()} results={results.clone()} {position} on_open={on_open.clone()} />
                                }) }
                            </ol>
                        }
                        <Pager page={state.page} {pages} dispatch={dispatch.clone()} />
                    }
                </section>
            </div>
            <div class="ps-sr" role="status" aria-live="polite" aria-atomic="true">{ stats }</div>
        </div>
    }
}
