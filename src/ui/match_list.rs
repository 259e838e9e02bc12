//! The 政策匹配 results: grouped 精准匹配 / 普遍适用 / 需核实 with their counts, each policy with why it
//! matched and, for 需核实, what to check in the policy's own words.
//!
//! Design choice: each match is rendered by the search's own `HitItem` (the same badges, snippet,
//! keyboard cursor and opening), with the reasons and open conditions beneath it, so the two views
//! cannot drift apart in how a policy looks.

use std::rc::Rc;

use yew::prelude::*;

use super::hit::HitItem;
use crate::data::Point;
use crate::index::Index;
use crate::matching::{Bucket, Match};
use crate::search::Results;

#[derive(Properties, Clone)]
pub struct MatchListProps {
    pub index: Rc<Index>,
    /// This page's matches, in order, and their hits (`results.hits[i]` is `matches[i]`'s).
    pub matches: Rc<Vec<Match>>,
    pub results: Rc<Results>,
    /// Matches per group over every page: targeted, general, unknown.
    pub counts: [usize; 3],
    /// Rank of the page's first match, from 1.
    pub first: usize,
    pub on_open: Callback<u32>,
}

impl PartialEq for MatchListProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.matches, &other.matches) && Rc::ptr_eq(&self.results, &other.results) && self.counts == other.counts
    }
}

fn count(counts: [usize; 3], bucket: Bucket) -> usize {
    match bucket {
        Bucket::Targeted => counts[0],
        Bucket::General => counts[1],
        Bucket::Unknown => counts[2],
    }
}

/// Why a match was shown and what is left to check.
fn why(point: &Point, m: &Match) -> Html {
    html! {
        <ul class="ps-why">
            { for m.reasons.iter().map(|r| html! { <li class="ps-reason">{ format!("符合：{}", r.describe()) }</li> }) }
            if m.reasons.is_empty() && m.bucket == Bucket::General {
                <li class="ps-reason">{ "各类企业普遍适用" }</li>
            }
            { for m.open.iter().map(|c| html! { <li class="ps-open">{ format!("需核实：{}", c.describe(point)) }</li> }) }
        </ul>
    }
}

#[function_component(MatchList)]
pub fn match_list(props: &MatchListProps) -> Html {
    let mut groups: Vec<(Bucket, Vec<usize>)> = Vec::new();
    for (i, m) in props.matches.iter().enumerate() {
        match groups.last_mut() {
            Some((b, list)) if *b == m.bucket => list.push(i),
            _ => groups.push((m.bucket, vec![i])),
        }
    }
    html! {
        <div class="ps-match-results">
            { for groups.into_iter().map(|(bucket, positions)| {
                let first = props.first + positions[0];
                html! {
                    <section class="ps-match-bucket" aria-label={format!("{}，共 {} 条", bucket.label(), count(props.counts, bucket))}>
                        <h3>{ format!("{}（{}）", bucket.label(), count(props.counts, bucket)) }</h3>
                        <ol class="ps-hits" start={first.to_string()}>
                            { for positions.into_iter().filter_map(|i| {
                                let m = &props.matches[i];
                                let point = props.index.point(m.id)?;
                                Some(html! {
                                    <HitItem key={m.id} index={props.index.clone()} results={props.results.clone()} position={i}
                                        on_open={props.on_open.clone()} extra={why(point, m)} />
                                })
                            }) }
                        </ol>
                    </section>
                }
            }) }
        </div>
    }
}
