//! The facet table: per filter key, each distinct value once and each point's values as ids.
//!
//! Design choice: values are interned once per index, on load, so counting and filtering tens of
//! thousands of hits is integer work, not string hashing. Values keep their first-seen order in
//! document order, which makes every listing of them deterministic. `status` is the one key whose
//! value depends on the date asked about: its three values are fixed and a point's is worked out when
//! asked, through a [`FacetView`] for that date. This module owns the table and its lookups; what a
//! filter or a facet count means is `search`'s.

use rustc_hash::FxHashMap;

use crate::data::field::{for_each_value, status, FilterKey, Status};
use crate::data::Point;

/// A point's status id is its [`Status`]'s position, a slice of this.
static STATUS_IDS: [u32; 3] = [0, 1, 2];

/// Per key (in [`FilterKey::ALL`] order): the distinct values and each point's value ids.
#[derive(Debug, Default)]
pub struct FacetTable {
    keys: Vec<KeyTable>,
}

#[derive(Debug, Default)]
struct KeyTable {
    values: Vec<String>,
    by_value: FxHashMap<String, u32>,
    /// CSR: point `p`'s ids are `ids[offsets[p]..offsets[p + 1]]`.
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl FacetTable {
    /// Built on every load in the browser; out of line for V8's tiering (see `corpus`).
    #[inline(never)]
    pub fn new(points: &[Point]) -> FacetTable {
        let keys = FilterKey::ALL
            .iter()
            .map(|&key| {
                let mut t = KeyTable { offsets: vec![0], ..KeyTable::default() };
                if key == FilterKey::Status {
                    t.values = Status::ALL.iter().map(|s| s.as_str().to_string()).collect();
                    t.by_value = t.values.iter().cloned().zip(0..).collect();
                }
                for p in points {
                    for_each_value(p, key, |v| {
                        // Looked up by &str first: a String is made only for a new value.
                        let id = match t.by_value.get(v) {
                            Some(&id) => id,
                            None => {
                                let id = t.values.len() as u32;
                                t.values.push(v.to_string());
                                t.by_value.insert(v.to_string(), id);
                                id
                            }
                        };
                        t.ids.push(id);
                    });
                    t.offsets.push(t.ids.len() as u32);
                }
                t
            })
            .collect();
        FacetTable { keys }
    }

    fn table(&self, key: FilterKey) -> &KeyTable {
        &self.keys[key as usize]
    }

    /// The distinct values of `key`, in first-seen order; a value's id is its position.
    pub fn values(&self, key: FilterKey) -> &[String] {
        &self.table(key).values
    }

    /// The id of `value` under `key`, if any point has it.
    pub fn id(&self, key: FilterKey, value: &str) -> Option<u32> {
        self.table(key).by_value.get(value).copied()
    }

    /// The value ids point `p` has for `key` (none for `status`: see [`FacetView`]).
    fn ids(&self, key: FilterKey, p: usize) -> &[u32] {
        let t = self.table(key);
        &t.ids[t.offsets[p] as usize..t.offsets[p + 1] as usize]
    }

    /// The table as of `today` (`YYYY-MM-DD`; `None`: nothing expires), for `points`, the points it
    /// was built from.
    pub fn view<'a>(&'a self, points: &'a [Point], today: Option<&'a str>) -> FacetView<'a> {
        FacetView { table: self, points, today }
    }

    /// The distinct values of `key` that `accept` takes, in first-seen order.
    pub fn values_with(&self, key: FilterKey, accept: impl Fn(&str) -> bool) -> Vec<&str> {
        self.values(key).iter().map(String::as_str).filter(|v| accept(v)).collect()
    }

    /// The points (ascending) with a value of `key` that `accept` takes; each distinct value is tested
    /// once.
    pub fn points_with(&self, key: FilterKey, accept: impl Fn(&str) -> bool) -> Vec<u32> {
        let wanted: Vec<bool> = self.values(key).iter().map(|v| accept(v)).collect();
        let points = self.table(key).offsets.len() - 1;
        (0..points).filter(|&p| self.ids(key, p).iter().any(|&id| wanted[id as usize])).map(|p| p as u32).collect()
    }
}

/// The facet table as of one date: every key's values, `status` included.
pub struct FacetView<'a> {
    table: &'a FacetTable,
    points: &'a [Point],
    today: Option<&'a str>,
}

impl FacetView<'_> {
    pub fn values(&self, key: FilterKey) -> &[String] {
        self.table.values(key)
    }

    pub fn id(&self, key: FilterKey, value: &str) -> Option<u32> {
        self.table.id(key, value)
    }

    /// The value ids point `p` has for `key`.
    pub fn ids(&self, key: FilterKey, p: usize) -> &[u32] {
        match key {
            FilterKey::Status => {
                let s = status(&self.points[p], self.today) as usize;
                &STATUS_IDS[s..s + 1]
            }
            _ => self.table.ids(key, p),
        }
    }
}
