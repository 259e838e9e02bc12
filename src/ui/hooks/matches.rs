//! The 政策匹配 of the profile, as a memo: the form's every change matches once, and nothing runs
//! while the search view is shown.

use std::rc::Rc;

use yew::prelude::*;

use crate::index::Index;
use crate::matching::{match_points, Match, Profile};

/// The matches of `profile` on `today` (none when not `active`), and their ids ascending.
#[hook]
pub fn use_matches(index: Rc<Index>, profile: Profile, today: String, active: bool) -> (Rc<Vec<Match>>, Rc<Vec<u32>>) {
    let matched = use_memo((profile, today, active), move |(profile, today, active)| {
        let matches = if *active { match_points(index.points(), profile, today) } else { Vec::new() };
        let mut ids: Vec<u32> = matches.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        (Rc::new(matches), Rc::new(ids))
    });
    (matched.0.clone(), matched.1.clone())
}
