//! `/` anywhere on the page focuses the search box, unless the visitor is typing somewhere else.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Listens on the document while `enabled` (the page's first instance only).
#[hook]
pub fn use_slash_focus(enabled: bool, input_ref: NodeRef) {
    use_effect_with(enabled, move |&enabled| {
        let listener = enabled.then(|| SlashListener::new(input_ref));
        move || drop(listener)
    });
}

/// A document-level `/` shortcut that focuses one box, removed when dropped.
struct SlashListener {
    closure: Closure<dyn FnMut(web_sys::KeyboardEvent)>,
}

impl SlashListener {
    fn new(input_ref: NodeRef) -> SlashListener {
        let closure = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            if e.key() != "/" || e.is_composing() || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let origin = e.composed_path().get(0).dyn_into::<HtmlElement>().ok();
            let typing = origin.map_or(false, |el| {
                el.is_content_editable() || matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
            if typing {
                return;
            }
            if let Some(input) = input_ref.cast::<HtmlElement>() {
                e.prevent_default();
                let _ = input.focus();
            }
        });
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let _ = doc.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
        }
        SlashListener { closure }
    }
}

impl Drop for SlashListener {
    fn drop(&mut self) {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let _ = doc.remove_event_listener_with_callback("keydown", self.closure.as_ref().unchecked_ref());
        }
    }
}
