//! The instance's part of the URL follows its state, and back/forward restore it.

use std::rc::Rc;

use yew::prelude::*;

use crate::index::Index;
use crate::ui::state::{Action, UrlState};
use crate::ui::url;

/// How long typing must pause before the URL follows the box.
const URL_TYPING_DELAY_MS: i32 = 400;

/// Writes `wanted` under `prefix` when it changes (typing only once the user pauses, everything else
/// at once as a new history entry) and dispatches [`Action::Restore`] on back/forward. `None` keeps
/// this instance out of the URL.
#[hook]
pub fn use_url_sync(prefix: Option<String>, wanted: UrlState, index: Rc<Index>, dispatch: Callback<Action>) {
    let pending = use_mut_ref(|| None::<url::Deferred>);
    {
        let prefix = prefix.clone();
        let index = index.clone();
        use_effect_with(wanted, move |wanted: &UrlState| {
            let mut pending = pending.borrow_mut();
            *pending = None;
            if let Some(prefix) = prefix {
                let current = url::read(&prefix, &index);
                if current != *wanted {
                    let only_text = UrlState { text: wanted.text.clone(), ..current.clone() } == *wanted;
                    if only_text {
                        *pending = url::Deferred::new(prefix, wanted.clone(), URL_TYPING_DELAY_MS);
                    } else {
                        url::write(&prefix, wanted, true);
                    }
                }
            }
        });
    }
    use_effect_with(prefix, move |prefix| {
        let listener = prefix.clone().map(|prefix| {
            url::PopstateListener::new(move || dispatch.emit(Action::Restore(url::read(&prefix, &index))))
        });
        move || drop(listener)
    });
}
