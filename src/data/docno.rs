//! Document numbers (文号): recognising them however they are typed, and their one canonical form.
//!
//! A 文号 is an issuer prefix, a year in brackets and a serial number: `晋政办发〔2022〕30号`. The seed,
//! the summary tables and users all write them loosely — `〔〕 [] () （）`, spaces inside, a missing
//! `号`, full-width digits, the prefix wrapped over two lines. Everything that compares document numbers
//! (the parser linking points to documents, the index, the query analyzer) goes through [`DocNo`], so
//! `〔2022〕5号` can never equal `〔2022〕58号`: the serial is compared as a number, not as text.
//! This module is pure string logic with no dependencies, so it ships in the wasm unchanged.

use std::fmt;

/// The one 文号 shape that is not `prefix〔year〕n号`: a tax bureau announcement.
const BULLETIN_PREFIX: &str = "国家税务总局山西省税务局公告";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocNo {
    /// Issuer prefix, e.g. `晋政办发`; empty when only `〔2022〕5号` was given (a query may do that).
    pub prefix: String,
    /// The year digits as printed (normally 4; the tables contain one 5-digit typo).
    pub year_digits: String,
    pub serial: u32,
}

impl DocNo {
    /// The year, when the digits form a plausible one.
    pub fn year(&self) -> Option<u16> {
        if self.year_digits.len() != 4 {
            return None;
        }
        self.year_digits.parse().ok().filter(|y| (1949..=2100).contains(y))
    }

    /// Canonical text: `晋政办发〔2022〕30号`, or the announcement form `…公告2021年第3号`.
    pub fn canonical(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for DocNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.prefix == BULLETIN_PREFIX {
            write!(f, "{}{}年第{}号", self.prefix, self.year_digits, self.serial)
        } else {
            write!(f, "{}〔{}〕{}号", self.prefix, self.year_digits, self.serial)
        }
    }
}

fn is_open(c: char) -> bool {
    matches!(c, '〔' | '[' | '［' | '(' | '（' | '【' | '〖')
}

fn is_close(c: char) -> bool {
    matches!(c, '〕' | ']' | '］' | ')' | '）' | '】' | '〗')
}

/// Han ideographs (the issuer prefixes are made only of these).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Full-width digits to ASCII; everything else unchanged.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// Parses a string that is exactly one document number, allowing whitespace anywhere and a missing
/// `号`. Returns `None` for anything else, including trailing text.
pub fn parse(s: &str) -> Option<DocNo> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).map(ascii_digit).collect();
    let (doc, used) = parse_prefix_of(&chars)?;
    (used == chars.len()).then_some(doc)
}

/// A document number found inside a longer text, with its char range (in the whitespace-free
/// sequence the caller passed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub docno: DocNo,
}

/// Finds every document number in `chars` (already whitespace-free and ASCII-digit). The prefix is
/// taken as the longest run of Han characters before the bracket, capped at 12, so callers that
/// know their prefixes should trim it with [`DocNo::prefix`] against a table.
pub fn find_all(chars: &[char]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let bulletin = starts_with_str(&chars[i..], BULLETIN_PREFIX);
        if bulletin || is_open(chars[i]) {
            let start = if bulletin { i } else { prefix_start(chars, i) };
            if let Some((doc, used)) = parse_prefix_of(&chars[start..]) {
                found.push(Found { start, end: start + used, docno: doc });
                i = start + used;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// Where an issuer prefix ending just before `end` starts: the run of Han characters before it, at
/// most 12 long (the longest prefixes in use are 8).
pub fn prefix_start(chars: &[char], end: usize) -> usize {
    let mut start = end;
    while start > 0 && end - start < 12 && is_han(chars[start - 1]) {
        start -= 1;
    }
    start
}

fn starts_with_str(chars: &[char], s: &str) -> bool {
    let mut it = chars.iter();
    s.chars().all(|c| it.next() == Some(&c))
}

/// Parses a document number at the start of `chars`; returns it and how many chars it used.
fn parse_prefix_of(chars: &[char]) -> Option<(DocNo, usize)> {
    if starts_with_str(chars, BULLETIN_PREFIX) {
        let mut i = BULLETIN_PREFIX.chars().count();
        let year = take_digits(chars, &mut i);
        if year.len() != 4 || chars.get(i) != Some(&'年') || chars.get(i + 1) != Some(&'第') {
            return None;
        }
        i += 2;
        let serial = take_digits(chars, &mut i);
        let serial = serial.parse().ok()?;
        if chars.get(i) == Some(&'号') {
            i += 1;
        }
        return Some((DocNo { prefix: BULLETIN_PREFIX.into(), year_digits: year, serial }, i));
    }
    let mut i = 0;
    while i < chars.len() && is_han(chars[i]) {
        i += 1;
    }
    let prefix: String = chars[..i].iter().collect();
    if !chars.get(i).copied().is_some_and(is_open) {
        return None;
    }
    i += 1;
    let year = take_digits(chars, &mut i);
    if !(4..=5).contains(&year.len()) || !chars.get(i).copied().is_some_and(is_close) {
        return None;
    }
    i += 1;
    let serial = take_digits(chars, &mut i);
    if serial.is_empty() || serial.len() > 5 {
        return None;
    }
    if chars.get(i) == Some(&'号') {
        i += 1;
    }
    Some((DocNo { prefix, year_digits: year, serial: serial.parse().ok()? }, i))
}

fn take_digits(chars: &[char], i: &mut usize) -> String {
    let start = *i;
    while *i < chars.len() && chars[*i].is_ascii_digit() {
        *i += 1;
    }
    chars[start..*i].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_forms_share_one_canonical_form() {
        for raw in [
            "晋政办发〔2022〕30号",
            "晋政办发〔2022〕30 号",
            "晋政办发(2022)30号",
            "晋政办发（2022）30号",
            "晋政办发[2022]30",
            "晋政办发 〔 2022 〕 30",
            "晋政办发〔２０２２〕３０号",
        ] {
            assert_eq!(parse(raw).map(|d| d.canonical()).as_deref(), Some("晋政办发〔2022〕30号"), "{raw}");
        }
    }

    #[test]
    fn serial_is_compared_as_a_number() {
        assert_ne!(parse("晋政办发〔2022〕5号"), parse("晋政办发〔2022〕58号"));
    }

    #[test]
    fn tax_bulletin_has_its_own_form() {
        let d = parse("国家税务总局山西省税务局公告 2021 年第 3号").unwrap();
        assert_eq!(d.canonical(), "国家税务总局山西省税务局公告2021年第3号");
        assert_eq!(d.year(), Some(2021));
    }

    #[test]
    fn five_digit_year_parses_but_has_no_year() {
        let d = parse("晋能源直党发〔20234〕81 号").unwrap();
        assert_eq!(d.year(), None);
    }

    #[test]
    fn trailing_text_is_not_a_docno() {
        assert_eq!(parse("晋政办发〔2022〕30号）等"), None);
        assert_eq!(parse("2022年12月底前完成"), None);
    }

    #[test]
    fn finds_docnos_inside_text() {
        let text: Vec<char> = "依据(晋政办发〔2021〕159号)等规定".chars().collect();
        let found = find_all(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].docno.canonical(), "晋政办发〔2021〕159号");
    }
}
