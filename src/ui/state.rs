//! The widget's state and its reducer: everything the user can change, and nothing the DOM owns.
//!
//! Design choice: one plain `State` value changed only by `State::reduce(Action)`, with no DOM or yew
//! types, so every interaction rule (IME composition, filters, paging, keyboard cursor, URL round trip)
//! is tested natively. The search itself is derived from `State::query()` by the component tree.

use crate::data::field::FilterKey;
use crate::search::{Filter, Query, Sort};

/// Filter keys the UI offers as facets, in the order they are shown.
pub const FACET_KEYS: [FilterKey; 5] = [FilterKey::Chapter, FilterKey::Category, FilterKey::Year, FilterKey::Agency, FilterKey::Document];

/// Everything the user has chosen, plus the embedding page's fixed choices.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// What the search box shows, including half-composed IME input.
    pub input: String,
    /// What is searched: `input` as of the last keystroke outside an IME composition.
    pub text: String,
    pub composing: bool,
    /// Filters the user picked; removable as chips.
    pub filters: Vec<Filter>,
    /// Filters fixed by the embedding page's attributes; never shown as chips, never in the URL.
    pub preset: Vec<Filter>,
    pub sort: Sort,
    /// 0-based page.
    pub page: usize,
    pub page_size: usize,
    /// Index into the current page's hits of the result the keyboard is on.
    pub cursor: Option<usize>,
    /// The point whose full text is open.
    pub open: Option<u32>,
    pub large_text: bool,
    /// The visitor's date (`YYYY-MM-DD`), which a policy's status (有效 / 已到期) is judged on.
    pub today: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The search box's value changed.
    Input(String),
    CompositionStart,
    /// Composition finished with the box showing this value.
    CompositionEnd(String),
    /// Esc in the box: empty it.
    ClearText,
    /// Add the filter if absent, remove it if present.
    ToggleFilter(Filter),
    RemoveFilter(Filter),
    /// Clear text and every user filter.
    ClearAll,
    SetSort(Sort),
    SetPage(usize),
    /// Move the keyboard cursor by `delta` over a page of `len` hits; moving up from the first
    /// result returns to the box (`cursor = None`).
    MoveCursor { delta: i32, len: usize },
    /// Focus landed on result `Some(i)` or in the box (`None`) by mouse or Tab.
    SetCursor(Option<usize>),
    Open(u32),
    Close,
    ToggleLargeText,
    /// Replace the user's choices with those read from the URL (back/forward).
    Restore(UrlState),
}

impl State {
    pub fn new(preset: Vec<Filter>, page_size: usize, large_text: bool) -> State {
        State { preset, page_size, large_text, ..State::default() }
    }

    /// The query to run: searched text, preset and user filters, sort and page.
    pub fn query(&self) -> Query {
        let mut filters = self.preset.clone();
        filters.extend(self.filters.iter().filter(|f| !self.preset.contains(f)).cloned());
        Query {
            text: self.text.trim().to_string(),
            filters,
            sort: self.sort,
            page: self.page,
            page_size: self.page_size,
            today: self.today.clone(),
        }
    }

    pub fn has_filter(&self, filter: &Filter) -> bool {
        self.filters.contains(filter) || self.preset.contains(filter)
    }

    pub fn reduce(mut self, action: Action) -> State {
        match action {
            Action::Input(value) => {
                if !self.composing && value != self.text {
                    self.text = value.clone();
                    self.new_results();
                }
                self.input = value;
            }
            Action::CompositionStart => self.composing = true,
            Action::CompositionEnd(value) => {
                self.composing = false;
                if value != self.text {
                    self.text = value.clone();
                    self.new_results();
                }
                self.input = value;
            }
            Action::ClearText => {
                self.input.clear();
                self.text.clear();
                self.composing = false;
                self.new_results();
            }
            Action::ToggleFilter(filter) => {
                if let Some(at) = self.filters.iter().position(|f| *f == filter) {
                    self.filters.remove(at);
                } else if !self.preset.contains(&filter) {
                    self.filters.push(filter);
                }
                self.new_results();
            }
            Action::RemoveFilter(filter) => {
                self.filters.retain(|f| *f != filter);
                self.new_results();
            }
            Action::ClearAll => {
                self.filters.clear();
                self.input.clear();
                self.text.clear();
                self.new_results();
            }
            Action::SetSort(sort) => {
                self.sort = sort;
                self.new_results();
            }
            Action::SetPage(page) => {
                self.page = page;
                self.cursor = None;
                self.open = None;
            }
            Action::MoveCursor { delta, len } => {
                self.cursor = match (self.cursor, len) {
                    (_, 0) => None,
                    (None, _) if delta > 0 => Some(0),
                    (None, _) => None,
                    (Some(at), _) => {
                        let next = at as i64 + delta as i64;
                        if next < 0 {
                            None
                        } else {
                            Some((next as usize).min(len - 1))
                        }
                    }
                };
            }
            Action::SetCursor(cursor) => self.cursor = cursor,
            Action::Open(id) => self.open = Some(id),
            Action::Close => self.open = None,
            Action::ToggleLargeText => self.large_text = !self.large_text,
            Action::Restore(url) => {
                self.input = url.text.clone();
                self.text = url.text;
                self.composing = false;
                self.filters = url.filters;
                self.sort = url.sort;
                self.page = url.page;
                self.open = url.open;
                self.cursor = None;
            }
        }
        self
    }

    /// Anything that changes the result set starts again at page 1 with no cursor and no open point.
    fn new_results(&mut self) {
        self.page = 0;
        self.cursor = None;
        self.open = None;
    }

    pub fn url_state(&self) -> UrlState {
        UrlState {
            text: self.text.trim().to_string(),
            filters: self.filters.clone(),
            sort: self.sort,
            page: self.page,
            open: self.open,
        }
    }
}

/// The part of the state that lives in the URL, so a result list can be shared.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UrlState {
    pub text: String,
    pub filters: Vec<Filter>,
    pub sort: Sort,
    pub page: usize,
    pub open: Option<u32>,
}

impl UrlState {
    /// Query parameters under `prefix` (`ps` gives `ps.q`, `ps.f`, `ps.sort`, `ps.page`, `ps.open`);
    /// defaults are left out so an untouched widget adds nothing to the URL.
    pub fn to_params(&self, prefix: &str) -> Vec<(String, String)> {
        let mut params = Vec::new();
        if !self.text.is_empty() {
            params.push((format!("{prefix}.q"), self.text.clone()));
        }
        for f in &self.filters {
            params.push((format!("{prefix}.f"), format!("{}:{}", f.key, f.value)));
        }
        if self.sort != Sort::default() {
            params.push((format!("{prefix}.sort"), self.sort.to_string()));
        }
        if self.page > 0 {
            params.push((format!("{prefix}.page"), (self.page + 1).to_string()));
        }
        if let Some(id) = self.open {
            params.push((format!("{prefix}.open"), id.to_string()));
        }
        params
    }

    /// Reads this widget's parameters, ignoring the host page's and any value that does not parse
    /// (links outlive versions): `filter` reads a `key:value` filter (`search::request::parse_filter`).
    pub fn from_params<'a>(
        prefix: &str,
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
        filter: impl Fn(&str) -> Option<Filter>,
    ) -> UrlState {
        let mut url = UrlState::default();
        for (name, value) in params {
            let Some(field) = name.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('.')) else {
                continue;
            };
            match field {
                "q" => url.text = value.trim().to_string(),
                "f" => {
                    if let Some(filter) = filter(value).filter(|f| !url.filters.contains(f)) {
                        url.filters.push(filter);
                    }
                }
                "sort" => url.sort = Sort::parse(value).unwrap_or_default(),
                "page" => url.page = value.parse::<usize>().ok().filter(|&p| p >= 1).map_or(0, |p| p - 1),
                "open" => url.open = value.parse().ok(),
                _ => {}
            }
        }
        url
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: std::rc::Rc<Self>, action: Action) -> std::rc::Rc<Self> {
        std::rc::Rc::new((*self).clone().reduce(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(key: &str, value: &str) -> Filter {
        Filter { key: FilterKey::parse(key).unwrap(), value: value.into() }
    }

    /// Reads `key:value` with a known key, as `search::request::parse_filter` does without an index.
    fn known_key(text: &str) -> Option<Filter> {
        let (key, value) = text.split_once(':')?;
        Some(Filter { key: FilterKey::parse(key)?, value: value.to_string() }).filter(|_| !value.is_empty())
    }

    fn typed(state: State, text: &str) -> State {
        state.reduce(Action::Input(text.into()))
    }

    #[test]
    fn typing_outside_a_composition_searches_the_box_value() {
        let state = typed(State::new(vec![], 10, false), "贷款");
        assert_eq!(state.query().text, "贷款");
        assert_eq!(state.input, "贷款");
    }

    #[test]
    fn half_composed_ime_input_is_shown_but_not_searched() {
        let state = typed(State::default(), "贷款").reduce(Action::CompositionStart);
        let state = typed(state, "贷款tiex");
        assert_eq!(state.input, "贷款tiex");
        assert_eq!(state.query().text, "贷款");
        let state = state.reduce(Action::CompositionEnd("贷款贴息".into()));
        assert!(!state.composing);
        assert_eq!(state.query().text, "贷款贴息");
    }

    #[test]
    fn a_new_search_returns_to_page_one_and_closes_the_open_point() {
        let state = typed(State::default(), "税").reduce(Action::SetPage(3)).reduce(Action::Open(7));
        assert_eq!((state.page, state.open), (3, Some(7)));
        let state = typed(state, "税收");
        assert_eq!((state.page, state.open, state.cursor), (0, None, None));
    }

    #[test]
    fn toggling_a_filter_twice_removes_it() {
        let f = filter("chapter", "财税金融");
        let state = State::default().reduce(Action::ToggleFilter(f.clone()));
        assert_eq!(state.query().filters, vec![f.clone()]);
        let state = state.reduce(Action::ToggleFilter(f));
        assert!(state.query().filters.is_empty());
    }

    #[test]
    fn preset_filters_always_apply_and_cannot_be_removed() {
        let preset = filter("agency", "山西省财政厅");
        let state = State::new(vec![preset.clone()], 10, false)
            .reduce(Action::ToggleFilter(preset.clone()))
            .reduce(Action::RemoveFilter(preset.clone()))
            .reduce(Action::ClearAll);
        assert_eq!(state.query().filters, vec![preset]);
        assert!(state.filters.is_empty());
    }

    #[test]
    fn clear_all_empties_the_box_and_the_user_filters() {
        let state = typed(State::default(), "贴息")
            .reduce(Action::ToggleFilter(filter("year", "2022")))
            .reduce(Action::ClearAll);
        assert_eq!(state.query(), Query { page_size: 0, ..Query::default() });
        assert_eq!(state.input, "");
    }

    #[test]
    fn the_cursor_moves_within_the_page_and_up_from_the_first_hit_returns_to_the_box() {
        let state = State::default().reduce(Action::MoveCursor { delta: 1, len: 3 });
        assert_eq!(state.cursor, Some(0));
        let state = state
            .reduce(Action::MoveCursor { delta: 1, len: 3 })
            .reduce(Action::MoveCursor { delta: 1, len: 3 })
            .reduce(Action::MoveCursor { delta: 1, len: 3 });
        assert_eq!(state.cursor, Some(2));
        let state = (0..3).fold(state, |s, _| s.reduce(Action::MoveCursor { delta: -1, len: 3 }));
        assert_eq!(state.cursor, None);
        assert_eq!(State::default().reduce(Action::MoveCursor { delta: 1, len: 0 }).cursor, None);
    }

    #[test]
    fn the_url_round_trip_keeps_text_filters_sort_page_and_open_point() {
        let state = typed(State::default(), "专精特新 奖励")
            .reduce(Action::ToggleFilter(filter("chapter", "创新创业")))
            .reduce(Action::ToggleFilter(filter("year", "2022")))
            .reduce(Action::SetSort(Sort::Newest))
            .reduce(Action::SetPage(2))
            .reduce(Action::Open(42));
        let params = state.url_state().to_params("ps");
        let restored = UrlState::from_params("ps", params.iter().map(|(k, v)| (k.as_str(), v.as_str())), known_key);
        assert_eq!(restored, state.url_state());
        let back = State::default().reduce(Action::Restore(restored));
        assert_eq!(back.query(), state.query());
        assert_eq!(back.input, "专精特新 奖励");
    }

    #[test]
    fn an_untouched_widget_puts_nothing_in_the_url() {
        assert!(State::default().url_state().to_params("ps").is_empty());
    }

    #[test]
    fn url_parameters_of_the_host_page_and_other_instances_and_bad_values_are_ignored() {
        let params = [
            ("q", "host"),
            ("ps2.q", "other"),
            ("ps.f", "color:red"),
            ("ps.f", "novalue"),
            ("ps.f", "year:2021"),
            ("ps.page", "0"),
            ("ps.sort", "sideways"),
            ("ps.open", "x"),
        ];
        let url = UrlState::from_params("ps", params, known_key);
        assert_eq!(url, UrlState { filters: vec![filter("year", "2021")], ..UrlState::default() });
    }
}
