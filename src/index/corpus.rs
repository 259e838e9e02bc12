//! The in-memory side of the index: folded texts, postings and the corpus's vocabulary, derived on load.
//!
//! Design choice: matching is by *substring* over folded text, with one positional bigram postings
//! list to find where a term can start. That guarantees the recall a Chinese user expects (排序 in
//! 快速排序, a single 税) whatever the segmenter did; word boundaries from charabia are used to rank
//! whole-word matches above fragments, not to decide what matches. Only the texts get postings: the
//! few hundred distinct headings and document titles are scanned directly and mapped to their points.
//! All of this is rebuilt on every load in the browser, so it is built for that: one flat postings
//! list made by sorting (see `postings`), the vocabulary as a set of integers, no per-key allocation;
//! and a small corpus is scanned until the browser is idle enough to build its postings
//! ([`SCAN_CHARS`]). Every lookup answers the same either way. The per-point steps of loading are
//! kept out of line (`#[inline(never)]`, and `build-web.sh` stops wasm-opt inlining them back): the
//! browser first runs wasm through a baseline compiler and moves a hot function to optimised code
//! only from its next call on, so a loader inlined into one big function never gets faster, and the
//! optimising compile it triggers anyway takes the machine's other core. This module owns these
//! structures and the primitive lookups on them (occurrences, point counts, the vocabulary and bigram
//! statistics it offers the query analyzer as an `analysis::Lexicon`); it must not score or analyse
//! queries.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::lexicon::Lexicon;
use crate::analysis::normalize::{fold, fold_each, Folded};
use crate::analysis::variants::Variants;
use crate::data::docno::{self, DocNo};

use super::format::Stored;
use super::postings::Postings;

/// Where a point's text can match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Heading,
    Title,
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub texts: Vec<Folded>,
    /// Per point: is folded position `i` (0..=len) a word boundary?
    pub bounds: Vec<Vec<bool>>,
    /// Distinct folded headings and titles; points refer to them by index (many points share one).
    pub headings: Vec<Vec<char>>,
    pub titles: Vec<Vec<char>>,
    pub heading_of: Vec<u32>,
    pub title_of: Vec<u32>,
    /// The inverse of `heading_of` and `title_of`: per heading or title, its points, ascending.
    points_of_heading: Vec<Vec<u32>>,
    points_of_title: Vec<Vec<u32>>,
    /// Every char of every folded text, keyed by the bigram it starts ([`pair`]; the last char of a
    /// text pairs with `'\0'`), as (point, position), ascending. A term's occurrences are found by
    /// checking where its rarest bigram occurs; a char's are the key range of the bigrams it starts.
    /// Built on first need, or by [`Corpus::build_postings`]; see [`SCAN_CHARS`].
    grams: OnceLock<Postings<(u32, u32)>>,
    /// Chars in all texts.
    total_chars: usize,
    /// The Han chars of the texts, headings and titles, ascending (where spelling a pinyin reading
    /// starts); made on first need.
    han_chars: OnceLock<Vec<char>>,
    /// charabia's words of 2..=[`MAX_WORD`] Han chars, packed by [`word_key`]. A word with a char
    /// outside the BMP (rare CJK extensions) cannot be packed and is left out: it is still found by
    /// substring, only not used to split a query.
    vocab: FxHashSet<u128>,
    pub docnos: Vec<Vec<DocNo>>,
    /// The issuer prefixes of the document numbers the corpus cites or lists (晋政办发).
    prefixes: FxHashSet<String>,
    pub avg_len: f32,
}

const MAX_WORD: usize = 8;
/// Bits of a char (`char::MAX` < 2^21): a bigram key is two of them.
const CHAR_BITS: u32 = 21;
/// What the last char of a text pairs with; folded texts never contain it.
const END: char = '\0';
/// Up to this many text chars, lookups scan the texts until the postings exist. Building the postings
/// is most of the work of loading an index in the browser, while scanning a corpus this size costs
/// well under a millisecond per term; so the widget answers its first query without them and builds
/// them when the browser is idle. Larger corpora build them on first need.
const SCAN_CHARS: usize = 1 << 20;

impl Corpus {
    #[inline(never)]
    pub fn new(stored: &Stored, variants: &Variants) -> Corpus {
        let fold_str = |s: &str| fold(s, variants).chars;
        let mut c = Corpus::default();
        // Sized for the ~1 distinct word per 32 chars of this corpus, so building it rarely rehashes.
        c.vocab.reserve(stored.points.iter().map(|p| p.text.len()).sum::<usize>() / 96);
        let titles_by_docno: FxHashMap<&str, &str> = stored
            .documents
            .iter()
            .filter_map(|d| d.docno.as_deref().map(|n| (n, d.title.as_str())))
            .collect();
        // Interned by their source strings, so each distinct heading and title is folded once.
        let mut heading_ids: FxHashMap<(&str, Option<&str>), u32> = FxHashMap::default();
        let mut title_ids: FxHashMap<&[String], u32> = FxHashMap::default();
        let mut parsed: FxHashMap<&str, Option<DocNo>> = FxHashMap::default();
        for (i, p) in stored.points.iter().enumerate() {
            let (text, bounds) = fold_text(&p.text, &stored.boundaries[i], variants);
            let h = intern(&mut c.headings, &mut heading_ids, (p.category.as_str(), p.subcategory.as_deref()), |(category, sub)| {
                let mut heading = fold_str(category);
                if let Some(sub) = sub {
                    heading.push('|');
                    heading.extend(fold_str(sub));
                }
                heading
            });
            let t = intern(&mut c.titles, &mut title_ids, p.docnos.as_slice(), |docnos| {
                let mut title = Vec::new();
                for d in docnos {
                    if let Some(t) = titles_by_docno.get(d.as_str()) {
                        title.extend(fold_str(t));
                        title.push('|');
                    }
                }
                title
            });
            c.add_vocab(&text.chars, &bounds);
            c.texts.push(text);
            c.bounds.push(bounds);
            c.heading_of.push(h);
            c.title_of.push(t);
            c.docnos.push(p.docnos.iter().filter_map(|d| parse_cached(&mut parsed, d)).collect());
        }
        c.points_of_heading = inverse(&c.heading_of, c.headings.len());
        c.points_of_title = inverse(&c.title_of, c.titles.len());
        let total: usize = c.texts.iter().map(|t| t.chars.len()).sum();
        c.total_chars = total;
        for d in stored.documents.iter().filter_map(|d| d.docno.as_deref()) {
            parse_cached(&mut parsed, d);
        }
        // Every distinct number the points cite or the tables list is in `parsed` now.
        c.prefixes = parsed.values().flatten().map(|d| d.prefix.clone()).filter(|p| !p.is_empty()).collect();
        c.avg_len = (total as f32 / c.texts.len().max(1) as f32).max(1.0);
        c
    }

    #[inline(never)]
    fn add_vocab(&mut self, chars: &[char], bounds: &[bool]) {
        let mut start = 0;
        for k in 1..=chars.len() {
            if bounds[k] {
                let w = &chars[start..k];
                if (2..=MAX_WORD).contains(&w.len()) && w.iter().all(|&ch| docno::is_han(ch)) {
                    if let Some(key) = word_key(w) {
                        self.vocab.insert(key);
                    }
                }
                start = k;
            }
        }
    }

    /// Whether charabia made `w` a word somewhere in the texts.
    pub fn is_word(&self, w: &[char]) -> bool {
        (2..=MAX_WORD).contains(&w.len())
            && word_key(w).is_some_and(|key| self.vocab.contains(&key))
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    pub fn field(&self, point: usize, field: Field) -> &[char] {
        match field {
            Field::Text => &self.texts[point].chars,
            Field::Heading => &self.headings[self.heading_of[point] as usize],
            Field::Title => &self.titles[self.title_of[point] as usize],
        }
    }

    /// Points whose heading (`Field::Heading`) or title (`Field::Title`) `has` accepts, ascending.
    pub fn points_where(&self, field: Field, has: &[bool]) -> Vec<u32> {
        let lists = match field {
            Field::Heading => &self.points_of_heading,
            Field::Title => &self.points_of_title,
            Field::Text => return Vec::new(),
        };
        let mut out: Vec<u32> = lists.iter().zip(has).filter(|(_, &h)| h).flat_map(|(l, _)| l.iter().copied()).collect();
        out.sort_unstable();
        out
    }

    /// Builds the postings now if they are not built yet (the widget calls this when idle).
    pub fn build_postings(&self) -> &Postings<(u32, u32)> {
        self.grams.get_or_init(|| {
            let mut grams = Vec::with_capacity(self.total_chars);
            for (point, text) in self.texts.iter().enumerate() {
                let chars = &text.chars;
                let next = chars.iter().skip(1).chain([&END]);
                grams.extend(chars.iter().zip(next).enumerate().map(|(k, (&a, &b))| (pair(a, b), (point as u32, k as u32))));
            }
            Postings::build(grams, 2 * CHAR_BITS)
        })
    }

    /// Whether the postings are built.
    pub fn has_postings(&self) -> bool {
        self.grams.get().is_some()
    }

    /// The postings, or `None` while a small corpus is still scanned instead.
    fn postings(&self) -> Option<&Postings<(u32, u32)>> {
        match self.grams.get() {
            Some(p) => Some(p),
            None if self.total_chars <= SCAN_CHARS => None,
            None => Some(self.build_postings()),
        }
    }

    /// How many points have `term` in their text (numbers unchecked).
    pub fn text_points(&self, term: &[char]) -> usize {
        let seen = vec![Cell::new(false); self.len()];
        let mut count = 0;
        let _ = self.each_text_hit(term, false, |p| !seen[p as usize].get(), |p, _| {
            count += usize::from(!seen[p as usize].replace(true));
            ControlFlow::Continue(())
        });
        count
    }

    /// How often each of `chars` (ascending) occurs in the texts, parallel to `chars`.
    fn char_counts(&self, chars: &[char]) -> Vec<usize> {
        match self.postings() {
            Some(grams) => chars.iter().map(|&ch| char_range(grams, ch).map(|(_, items)| items.len()).sum()).collect(),
            None => {
                let mut counts = vec![0; chars.len()];
                for ch in self.texts.iter().flat_map(|t| &t.chars) {
                    if let Ok(k) = chars.binary_search(ch) {
                        counts[k] += 1;
                    }
                }
                counts
            }
        }
    }

    /// The bigrams ([`pair`]) starting with one of `chars` (ascending) and how often each occurs in
    /// the texts, ascending: those of one char are a key range.
    fn bigrams_from(&self, chars: &[char]) -> Vec<(u64, usize)> {
        match self.postings() {
            Some(grams) => chars.iter().flat_map(|&ch| char_range(grams, ch).map(|(key, items)| (key, items.len()))).collect(),
            None => {
                let mut keys: Vec<u64> = Vec::new();
                for t in &self.texts {
                    for (&a, &b) in t.chars.iter().zip(t.chars.iter().skip(1).chain([&END])) {
                        if chars.binary_search(&a).is_ok() {
                            keys.push(pair(a, b));
                        }
                    }
                }
                keys.sort_unstable();
                let mut out: Vec<(u64, usize)> = Vec::new();
                for key in keys {
                    match out.last_mut() {
                        Some((last, n)) if *last == key => *n += 1,
                        _ => out.push((key, 1)),
                    }
                }
                out
            }
        }
    }

    /// The Han chars of the texts, headings and titles, ascending.
    fn han_chars(&self) -> &[char] {
        self.han_chars.get_or_init(|| {
            // A bitset over all of Unicode (139 KB): one pass, no hashing, comes out sorted.
            let mut seen = vec![0u64; (char::MAX as usize >> 6) + 1];
            for &ch in self.texts.iter().flat_map(|t| &t.chars).chain(self.headings.iter().chain(&self.titles).flatten()) {
                seen[ch as usize >> 6] |= 1 << (ch as u32 & 63);
            }
            let mut out = Vec::new();
            for (i, &word) in seen.iter().enumerate().filter(|(_, &w)| w != 0) {
                let set = (0..64u32).filter(|b| word & (1 << b) != 0).map(|b| (i as u32) << 6 | b);
                out.extend(set.filter_map(char::from_u32).filter(|&ch| docno::is_han(ch)));
            }
            out
        })
    }

    /// Occurrences of `term` in the folded texts, as (point, start), ascending.
    pub fn text_hits(&self, term: &[char], numeric: bool) -> Vec<(u32, u32)> {
        self.text_hits_where(term, numeric, |_| true)
    }

    /// [`Corpus::text_hits`] restricted to points `keep` accepts (checked before any text is read).
    pub fn text_hits_where(&self, term: &[char], numeric: bool, keep: impl Fn(u32) -> bool) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let _ = self.each_text_hit(term, numeric, keep, |p, s| {
            out.push((p, s));
            ControlFlow::Continue(())
        });
        if term.len() == 1 {
            out.sort_unstable();
        }
        out
    }

    /// Whether `term` occurs anywhere (text, heading or title); stops at the first occurrence.
    pub fn occurs(&self, term: &[char]) -> bool {
        self.each_text_hit(term, false, |_| true, |_, _| ControlFlow::Break(())).is_break()
            || self.headings.iter().chain(&self.titles).any(|f| occurrences(f, term, false).next().is_some())
    }

    /// Feeds `f` the occurrences (point, start) of `term` in the texts of the points `keep` accepts
    /// (asked before a text is read), until `f` breaks: by scanning the texts while the postings are
    /// not built, else by walking the rarest bigram's postings (for one char, those of every bigram
    /// it starts). In point order, except a single char's from the postings.
    fn each_text_hit(
        &self,
        term: &[char],
        numeric: bool,
        keep: impl Fn(u32) -> bool,
        mut f: impl FnMut(u32, u32) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let text = |p: u32| self.texts[p as usize].chars.as_slice();
        let (runs, r): (Vec<&[(u32, u32)]>, usize) = match (self.postings(), term) {
            (_, []) => return ControlFlow::Continue(()),
            (None, _) => {
                for p in (0..self.texts.len() as u32).filter(|&p| keep(p)) {
                    for s in occurrences(text(p), term, numeric) {
                        f(p, s as u32)?;
                    }
                }
                return ControlFlow::Continue(());
            }
            (Some(grams), [c]) => (char_range(grams, *c).map(|(_, items)| items).collect(), 0),
            (Some(grams), _) => match rarest_gram(grams, term) {
                Some((list, r)) => (vec![list], r),
                None => return ControlFlow::Continue(()),
            },
        };
        // An entry is its bigram, so a term of one or two chars needs the text only for a number's
        // boundary: no cache miss per entry.
        let proven = term.len() <= 2 && !numeric;
        for &(p, pos) in runs.into_iter().flatten() {
            let Some(s) = (pos as usize).checked_sub(r) else { continue };
            if keep(p) && (proven || matches_at(text(p), term, s, numeric)) {
                f(p, s as u32)?;
            }
        }
        ControlFlow::Continue(())
    }
}

/// The query analyzer's view of the corpus: its vocabulary, what occurs, and the bigram statistics a
/// pinyin reading is spelt from.
impl Lexicon for Corpus {
    fn is_word(&self, w: &[char]) -> bool {
        Corpus::is_word(self, w)
    }

    fn occurs(&self, term: &[char]) -> bool {
        Corpus::occurs(self, term)
    }

    fn text_points(&self, term: &[char]) -> usize {
        Corpus::text_points(self, term)
    }

    fn is_docno_prefix(&self, prefix: &str) -> bool {
        self.prefixes.contains(prefix)
    }

    fn han_chars(&self) -> &[char] {
        Corpus::han_chars(self)
    }

    fn char_counts(&self, chars: &[char]) -> Vec<usize> {
        Corpus::char_counts(self, chars)
    }

    fn successors(&self, chars: &[char]) -> Vec<(char, char, usize)> {
        self.bigrams_from(chars).into_iter().map(|(key, n)| (first(key), second(key), n)).collect()
    }
}

/// The postings of the bigrams `c` starts: all its occurrences.
fn char_range(grams: &Postings<(u32, u32)>, c: char) -> impl Iterator<Item = (u64, &[(u32, u32)])> + '_ {
    grams.range(pair(c, END)..pair(c, END) + (1 << CHAR_BITS))
}

/// The rarest text bigram of `term` (len ≥ 2) and its offset in the term; `None` if one is absent.
fn rarest_gram<'a>(grams: &'a Postings<(u32, u32)>, term: &[char]) -> Option<(&'a [(u32, u32)], usize)> {
    let mut rarest: Option<(&[(u32, u32)], usize)> = None;
    for r in 0..term.len().saturating_sub(1) {
        let list = grams.get(pair(term[r], term[r + 1]))?;
        if rarest.is_none_or(|(best, _)| list.len() < best.len()) {
            rarest = Some((list, r));
        }
    }
    rarest
}

/// A char bigram as one postings key; all bigrams starting with `a` form one key range.
fn pair(a: char, b: char) -> u64 {
    (a as u64) << CHAR_BITS | b as u64
}

fn first(key: u64) -> char {
    char::from_u32((key >> CHAR_BITS) as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
}

fn second(key: u64) -> char {
    char::from_u32((key & ((1 << CHAR_BITS) - 1)) as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// `docno::parse(d)`, remembered: a few hundred distinct numbers are cited over a thousand times.
#[inline(never)]
fn parse_cached<'a>(cache: &mut FxHashMap<&'a str, Option<DocNo>>, d: &'a str) -> Option<DocNo> {
    cache.entry(d).or_insert_with(|| docno::parse(d)).clone()
}

/// A point's folded text and, per folded position, whether a word starts there. Out of line, like the
/// other per-point steps of loading (see the module essay).
#[inline(never)]
fn fold_text(text: &str, bits: &[u8], variants: &Variants) -> (Folded, Vec<bool>) {
    let n = text.chars().count();
    let mut out = Folded { chars: Vec::with_capacity(n), orig: Vec::with_capacity(n) };
    let mut bounds = Vec::with_capacity(n + 1);
    let bit = |k: u32| bits.get(k as usize / 8).is_some_and(|b| b & (1 << (k % 8)) != 0);
    // One pass: a word starts at the text's start, where charabia said, and after dropped chars.
    fold_each(text, variants, |i, f| {
        bounds.push(out.orig.last().is_none_or(|&prev| prev + 1 != i || bit(i)));
        out.chars.push(f);
        out.orig.push(i);
    });
    bounds.push(true);
    (out, bounds)
}

/// Per id in `0..n`, the indexes of `of` holding it, ascending.
fn inverse(of: &[u32], n: usize) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); n];
    for (i, &id) in of.iter().enumerate() {
        out[id as usize].push(i as u32);
    }
    out
}

/// A word of at most 8 BMP chars packed into 128 bits (16 bits per char, none of them 0, so words of different lengths never share a key), so the
/// vocabulary is a set of integers: no allocation per word when it is built or probed.
fn word_key(w: &[char]) -> Option<u128> {
    w.iter().try_fold(0u128, |key, &ch| u16::try_from(ch as u32).ok().filter(|&c| c != 0).map(|c| key << 16 | c as u128))
}

/// The id of `key`'s string in `list`, making the string (and a new id) the first time `key` is seen.
#[inline(never)]
fn intern<K: std::hash::Hash + Eq + Copy>(list: &mut Vec<Vec<char>>, ids: &mut FxHashMap<K, u32>, key: K, make: impl FnOnce(K) -> Vec<char>) -> u32 {
    *ids.entry(key).or_insert_with(|| {
        list.push(make(key));
        list.len() as u32 - 1
    })
}

/// Start positions of `needle` in `hay`. A `numeric` needle must not be glued to further digits
/// (500万元 is not inside 1500万元; 5 is not 58).
pub fn occurrences<'a>(hay: &'a [char], needle: &'a [char], numeric: bool) -> impl Iterator<Item = usize> + 'a {
    let starts = &hay[..(hay.len() + 1).saturating_sub(needle.len().max(1))];
    let mut from = 0;
    // `position` over a slice is the tight loop here (this is how a corpus is scanned before its
    // postings exist), so it runs per candidate first char, not per char.
    std::iter::from_fn(move || {
        let &first = needle.first()?;
        while from < starts.len() {
            let at = from + starts[from..].iter().position(|&c| c == first)?;
            from = at + 1;
            if matches_at(hay, needle, at, numeric) {
                return Some(at);
            }
        }
        None
    })
}

/// Whether `needle` (non-empty) occurs in `hay` at `i`, honouring the number boundary rule.
pub fn matches_at(hay: &[char], needle: &[char], i: usize, numeric: bool) -> bool {
    let n = needle.len();
    let digit = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || *c == '.');
    // A plain loop, not slice equality: comparing a few chars inline beats a memcmp call per candidate.
    n > 0
        && i + n <= hay.len()
        && (0..n).all(|k| hay[i + k] == needle[k])
        && !(numeric
            && ((needle[0].is_ascii_digit() && i > 0 && digit(hay.get(i - 1)))
                || (needle[n - 1].is_ascii_digit() && digit(hay.get(i + n)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn occurrences_find_every_start() {
        let hay = chars("排序快速排序");
        assert_eq!(occurrences(&hay, &chars("排序"), false).collect::<Vec<_>>(), vec![0, 4]);
        assert_eq!(occurrences(&hay, &chars(""), false).count(), 0);
        assert_eq!(occurrences(&chars("排"), &chars("排序"), false).count(), 0);
    }

    #[test]
    fn numbers_do_not_match_inside_longer_numbers() {
        let hay = chars("给予1500万元和500万元");
        assert_eq!(occurrences(&hay, &chars("500万元"), true).collect::<Vec<_>>(), vec![9]);
        assert_eq!(occurrences(&hay, &chars("500万元"), false).count(), 2);
        assert_eq!(occurrences(&chars("第58号"), &chars("5"), true).count(), 0);
    }
}
