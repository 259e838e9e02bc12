//! The widget's custom hooks, one concern each, so `App` reads as what it renders.
//!
//! Design choice: every effect that talks to the page outside the widget (the URL and history, the
//! document-wide `/` key, moving focus) lives in a hook of its own with its listener's lifetime tied to
//! the component, and the search itself is a memo of the query. None of them changes the state except
//! through the reducer's actions.

mod cursor;
mod search;
mod slash;
mod url_sync;

pub use cursor::use_keyboard_cursor;
pub use search::use_search;
pub use slash::use_slash_focus;
pub use url_sync::use_url_sync;
