//! Focus follows the keyboard cursor, and closing a point returns focus to its result.
//!
//! Focus moves only when the keyboard moved the cursor: a cursor set by a click or Tab already has
//! focus where it should, and stealing it would fight the visitor.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

fn focus_in(root: &NodeRef, selector: &str) {
    let found = root.cast::<Element>().and_then(|r| r.query_selector(selector).ok().flatten());
    if let Some(el) = found.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Moves focus to result `cursor` (or back to the box at `input_ref`) after a keyboard move, and to
/// the result of a point just closed. Returns the flag a key handler sets before dispatching a
/// keyboard move.
#[hook]
pub fn use_keyboard_cursor(root: NodeRef, input_ref: NodeRef, cursor: Option<usize>, open: Option<u32>) -> Rc<RefCell<bool>> {
    let keyboard_move = use_mut_ref(|| false);
    let last_cursor = use_mut_ref(|| None::<usize>);
    let last_open = use_mut_ref(|| None::<u32>);
    {
        let root = root.clone();
        let keyboard_move = keyboard_move.clone();
        use_effect_with(cursor, move |cursor| {
            let was = last_cursor.replace(*cursor);
            if keyboard_move.replace(false) {
                match cursor {
                    Some(i) => focus_in(&root, &format!("[data-index=\"{i}\"]")),
                    None if was.is_some() => {
                        if let Some(input) = input_ref.cast::<HtmlElement>() {
                            let _ = input.focus();
                        }
                    }
                    None => {}
                }
            }
        });
    }
    use_effect_with(open, move |open| {
        if let (Some(was), None) = (last_open.replace(*open), open) {
            focus_in(&root, &format!("[data-policy-id=\"{was}\"] button"));
        }
    });
    keyboard_move
}
