//! The search box: searches as you type, but not on half-composed IME input.
//!
//! Design choice: the box reports raw events (value changes, composition start and end) and the
//! reducer decides what is searched, so the IME rule lives in `state.rs` where it is tested.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::Action;

#[derive(Properties, PartialEq, Clone)]
pub struct SearchBoxProps {
    pub value: AttrValue,
    pub placeholder: AttrValue,
    pub input_id: AttrValue,
    pub input_ref: NodeRef,
    pub dispatch: Callback<Action>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let value_of = |e: &Event| e.target_unchecked_into::<HtmlInputElement>().value();
    let oninput = props.dispatch.reform(move |e: InputEvent| Action::Input(value_of(&e)));
    {
        // yew has no composition listeners, so they are added to the input directly.
        let input_ref = props.input_ref.clone();
        let dispatch = props.dispatch.clone();
        use_effect_with((), move |_| {
            let listeners = input_ref.cast::<HtmlInputElement>().map(|input| {
                let start = dispatch.reform(|_: web_sys::Event| Action::CompositionStart);
                let end = dispatch.reform(move |e: web_sys::Event| Action::CompositionEnd(value_of(&e)));
                [listen(&input, "compositionstart", start), listen(&input, "compositionend", end)]
            });
            move || drop(listeners)
        });
    }
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let clear = props.dispatch.reform(|_: MouseEvent| Action::ClearText);
    html! {
        <form class="ps-searchbar" role="search" aria-label="政策搜索" {onsubmit}>
            <label class="ps-sr" for={props.input_id.clone()}>{ "搜索惠企政策" }</label>
            <input
                id={props.input_id.clone()}
                ref={props.input_ref.clone()}
                class="ps-input"
                type="search"
                enterkeyhint="search"
                autocomplete="off"
                spellcheck="false"
                placeholder={props.placeholder.clone()}
                value={props.value.clone()}
                {oninput}
            />
            if !props.value.is_empty() {
                <button type="button" class="ps-clear" aria-label="清空搜索词" onclick={clear}>{ "×" }</button>
            }
        </form>
    }
}

/// An event listener removed when dropped.
struct Listener {
    target: web_sys::EventTarget,
    name: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

fn listen(target: &web_sys::EventTarget, name: &'static str, callback: Callback<web_sys::Event>) -> Listener {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |e| callback.emit(e));
    let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    Listener { target: target.clone(), name, closure }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.name, self.closure.as_ref().unchecked_ref());
    }
}
