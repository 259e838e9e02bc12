//! Reading and writing the widget's part of the page URL, and listening for back/forward.
//!
//! Design choice: only parameters under the instance's prefix are touched; the host page's own
//! parameters and hash are carried over untouched. Typing replaces the history entry once the user
//! pauses ([`Deferred`]: history updates are slow enough to cost a frame per keystroke), every other
//! change pushes one at once, so back steps through filters and pages rather than keystrokes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::state::UrlState;
use crate::index::Index;
use crate::search::request;

fn params_of(search: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else { return Vec::new() };
    let Ok(Some(iter)) = js_sys::try_iter(&params) else { return Vec::new() };
    iter.filter_map(|entry| {
        let pair: js_sys::Array = entry.ok()?.unchecked_into();
        Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
    })
    .collect()
}

/// This instance's state as the URL has it; filters the index does not know are ignored.
pub fn read(prefix: &str, index: &Index) -> UrlState {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let params = params_of(&search);
    UrlState::from_params(prefix, params.iter().map(|(k, v)| (k.as_str(), v.as_str())), |f| request::parse_filter(index, f).ok())
}

/// Writes `state` under `prefix`; `push` adds a history entry, otherwise the current one is replaced.
pub fn write(prefix: &str, state: &UrlState, push: bool) {
    let Some(window) = web_sys::window() else { return };
    let Ok(href) = window.location().href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else { return };
    let ours = format!("{prefix}.");
    let kept: Vec<(String, String)> =
        params_of(&url.search()).into_iter().filter(|(k, _)| !k.starts_with(&ours)).collect();
    let fresh = web_sys::UrlSearchParams::new().expect("URLSearchParams exists");
    for (k, v) in kept.iter().chain(state.to_params(prefix).iter()) {
        fresh.append(k, v);
    }
    url.set_search(&fresh.to_string().as_string().unwrap_or_default());
    let next = url.href();
    if next == href {
        return;
    }
    let Ok(history) = window.history() else { return };
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&next))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&next))
    };
}

/// Calls `f` on every back/forward navigation until the returned guard is dropped.
pub struct PopstateListener {
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl PopstateListener {
    pub fn new(mut f: impl FnMut() + 'static) -> PopstateListener {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| f());
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("popstate", closure.as_ref().unchecked_ref());
        }
        PopstateListener { closure }
    }
}

impl Drop for PopstateListener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback("popstate", self.closure.as_ref().unchecked_ref());
        }
    }
}

/// A `write` (replacing the history entry) that happens after `delay_ms` unless dropped first.
pub struct Deferred {
    handle: i32,
    _closure: Closure<dyn FnMut()>,
}

impl Deferred {
    pub fn new(prefix: String, state: UrlState, delay_ms: i32) -> Option<Deferred> {
        let closure = Closure::<dyn FnMut()>::new(move || write(&prefix, &state, false));
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), delay_ms)
            .ok()?;
        Some(Deferred { handle, _closure: closure })
    }
}

impl Drop for Deferred {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.handle);
        }
    }
}
