//! The seed parser: the official list's extracted text → [`Dataset`] plus every anomaly found.
//!
//! The seed is text pulled out of a PDF: one printed line per line, blank lines between, page-start
//! indentation, the footer "山西省民营经济发展局 NN" spliced vertically (one character per line) into
//! whatever sentence the page break cut, and once a foreign document title pasted mid-sentence. The
//! design choice is a *line-classifying state machine*: every non-blank line is exactly one of
//! chapter heading, category heading, subcategory heading, point start, document-number line, table
//! row or text continuation, decided from the line alone plus the expected next number. Numbering is
//! the anchor: a point starts only where the next expected number is printed, so a wrapped line that
//! happens to begin with `2022 年` or `400 万元` never splits a point. Whatever is removed is recorded as
//! an [`Anomaly`] with its line; whatever cannot be understood is a [`ParseError`] naming the line —
//! nothing is dropped silently. Linking points to documents, flags and agencies is done here too,
//! because the report must cover them; the JSON schema itself lives in [`super::model`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::agency::AgencyTable;
use super::docno;
use super::model::{Dataset, Document, Flags, Point, LEVEL_DEPARTMENT, LEVEL_PROVINCE, SCHEMA_VERSION};

/// The page footer printed vertically on each page, which the extraction splices into sentences.
const FOOTER: &str = "山西省民营经济发展局";

/// Numerals of category (`一、`) and subcategory (`（一）`) headings.
const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
    "十六", "十七", "十八", "十九", "二十",
];

/// A fatal problem in the input, with the 1-based line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

fn fail<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError { line, message: message.into() })
}

/// Kinds of anomaly, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnomalyKind {
    PageFooter,
    ForeignTitle,
    MissingHeading,
    Truncated,
    NonCanonicalDocno,
    MalformedDocno,
    NoDocno,
    Duplicate,
    CitedNotInTables,
    TableNotCited,
    UnknownPrefix,
    Repealed,
    CompatibilityCharacters,
}

impl AnomalyKind {
    pub const ALL: [AnomalyKind; 13] = [
        Self::PageFooter,
        Self::ForeignTitle,
        Self::MissingHeading,
        Self::Truncated,
        Self::NonCanonicalDocno,
        Self::MalformedDocno,
        Self::NoDocno,
        Self::Duplicate,
        Self::CitedNotInTables,
        Self::TableNotCited,
        Self::UnknownPrefix,
        Self::Repealed,
        Self::CompatibilityCharacters,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Self::PageFooter => "page footer spliced into a sentence (removed)",
            Self::ForeignTitle => "foreign document title pasted into a sentence (removed)",
            Self::MissingHeading => "heading missing from the source",
            Self::Truncated => "text visibly cut off",
            Self::NonCanonicalDocno => "document number written in a non-canonical form (one line per form)",
            Self::MalformedDocno => "document number with an impossible year",
            Self::NoDocno => "point without a document number",
            Self::Duplicate => "text identical to an earlier point",
            Self::CitedNotInTables => "document number cited by points but absent from the tables",
            Self::TableNotCited => "table row not cited by any point",
            Self::UnknownPrefix => "document-number prefix not in data/agencies.tsv",
            Self::Repealed => "repealed (已废止)",
            Self::CompatibilityCharacters => "Kangxi radicals or compatibility ideographs in place of ordinary characters (mapped)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anomaly {
    pub kind: AnomalyKind,
    /// 1-based line in the seed, where one applies.
    pub line: Option<usize>,
    pub detail: String,
}

/// Parse result: the dataset and what had to be done or noticed to get it.
#[derive(Debug)]
pub struct Parsed {
    pub dataset: Dataset,
    pub anomalies: Vec<Anomaly>,
}

/// Decodes raw bytes, rejecting what is not UTF-8 text with an error that says what it is instead.
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return fail(1, "the file is empty");
    }
    let line_of = |offset: usize| 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return fail(line_of(pos), "this is a binary file (NUL byte), not the text of a policy list");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let controls = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
            if controls * 100 > text.chars().count() {
                let pos = text.find(|c: char| c.is_control() && !c.is_whitespace()).unwrap_or(0);
                return fail(line_of(pos), "this is a binary file (control bytes), not text");
            }
            Ok(text)
        }
        Err(e) => {
            let at = line_of(e.valid_up_to());
            let (decoded, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
            if !had_errors && decoded.chars().any(docno::is_han) {
                fail(at, "the file is GBK-encoded; convert it to UTF-8 first (iconv -f GBK -t UTF-8)")
            } else {
                fail(at, format!("not valid UTF-8 at byte {}: is this a binary file?", e.valid_up_to()))
            }
        }
    }
}

/// One non-blank line, trimmed, with its 1-based line number in the file.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    no: usize,
    text: &'a str,
}

/// Parses the seed text. `source` names the file in the dataset.
pub fn parse(text: &str, source: &str, agencies: &AgencyTable) -> Result<Parsed, ParseError> {
    let mut anomalies = Vec::new();
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Line { no: i + 1, text: l.trim() })
        .filter(|l| !l.text.is_empty())
        .collect();
    let lines = remove_page_footers(&lines, &mut anomalies);
    let first_chapter = lines
        .iter()
        .position(|l| chapter_name(l.text).is_some())
        .ok_or(ParseError { line: 1, message: "no chapter heading such as 惠企政策点清单（市场建设篇） found".into() })?;
    let table_start = lines.iter().position(|l| l.text.contains("汇总表")).map(|i| {
        // The table heading wraps: "2021 年——2025 年山西省委省政府惠" / "企政策汇总表".
        if i > 0 && lines[i - 1].text.contains("——") { i - 1 } else { i }
    });
    let Some(table_start) = table_start.filter(|&t| t > first_chapter) else {
        let last = lines.last().map_or(1, |l| l.no);
        return fail(last, "the file ends before the summary tables (汇总表): it looks truncated");
    };
    let mut points = parse_points(&lines[first_chapter..table_start], &mut anomalies)?;
    let mut documents = parse_tables(&lines[table_start..], &mut anomalies)?;
    map_compatibility_characters(&mut points, &mut documents, &mut anomalies);
    remove_foreign_titles(&mut points, &documents, &mut anomalies);
    finish(&mut points, &mut documents, agencies, &mut anomalies);
    anomalies.sort_by_key(|a| (a.kind, a.line));
    Ok(Parsed {
        dataset: Dataset { schema_version: SCHEMA_VERSION, source: source.to_string(), points, documents },
        anomalies,
    })
}

/// Drops the vertically printed footer (a run of one-character lines spelling part of
/// 山西省民营经济发展局) and the page number after it.
fn remove_page_footers<'a>(lines: &[Line<'a>], anomalies: &mut Vec<Anomaly>) -> Vec<Line<'a>> {
    let mut kept = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| l.text.chars().count() == 1).count();
        let spelled: String = lines[i..i + run].iter().map(|l| l.text).collect();
        if run >= 3 && FOOTER.contains(&spelled) {
            let mut end = i + run;
            let mut detail = spelled;
            if lines.get(end).is_some_and(|l| l.text.chars().all(|c| c.is_ascii_digit())) {
                detail = format!("{detail} {}", lines[end].text);
                end += 1;
            }
            anomalies.push(Anomaly { kind: AnomalyKind::PageFooter, line: Some(lines[i].no), detail });
            i = end;
        } else {
            kept.push(lines[i]);
            i += 1;
        }
    }
    kept
}

fn chapter_name(line: &str) -> Option<&str> {
    let rest = line.split_once("惠企政策点清单（")?.1;
    rest.strip_suffix("篇）")
}

/// Parses `一、…` or `（一）…` headings: returns the numeral's value and the heading text. Text
/// lines that merely start with an enumeration (`（三）支持各类文化园区…，`) carry sentence
/// punctuation and are not headings.
fn heading(line: &str, parenthesised: bool) -> Option<(usize, &str)> {
    let (numeral, text) = if parenthesised {
        let rest = line.strip_prefix('（')?;
        rest.split_once('）')?
    } else {
        line.split_once('、')?
    };
    let value = NUMERALS.iter().position(|n| *n == numeral)? + 1;
    let text = text.trim();
    let is_heading = !text.is_empty() && text.chars().count() <= 20 && !text.contains(['。', '，', '；', '：']);
    is_heading.then_some((value, text))
}

/// Splits `27.400 万元以下…` into (27, "400 万元以下…") when it starts with a point number.
fn numbered(line: &str) -> Option<(u32, &str)> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = line[digits..].trim_start();
    let rest = rest.strip_prefix(['.', '．'])?;
    Some((line[..digits].parse().ok()?, rest.trim_start()))
}

/// Parses a line that consists only of document numbers (several may be joined by 、).
fn docno_line(line: &str) -> Option<Vec<(String, docno::DocNo)>> {
    line.split(['、', '；'])
        .map(|part| docno::parse(part).filter(|d| !d.prefix.is_empty()).map(|d| (part.trim().to_string(), d)))
        .collect()
}

struct OpenPoint {
    line: usize,
    chapter: String,
    category: String,
    subcategory: Option<String>,
    no: u32,
    text: String,
    docnos: Vec<(String, docno::DocNo)>,
}

fn parse_points(lines: &[Line], anomalies: &mut Vec<Anomaly>) -> Result<Vec<Point>, ParseError> {
    let mut done: Vec<OpenPoint> = Vec::new();
    let mut open: Option<OpenPoint> = None;
    let mut chapter: Option<String> = None;
    let mut category: Option<(usize, String)> = None;
    let mut subcategory: Option<(usize, String)> = None;
    let mut expected_no = 1u32;
    let mut after_docno = false;
    let close = |open: &mut Option<OpenPoint>, done: &mut Vec<OpenPoint>, anomalies: &mut Vec<Anomaly>| {
        if let Some(mut p) = open.take() {
            strip_footer_tail(&mut p, anomalies);
            done.push(p);
        }
    };
    for line in lines {
        let text = line.text;
        if let Some(name) = chapter_name(text) {
            if chapter.is_some() && expected_no == 1 {
                return fail(line.no, "the previous chapter has no points");
            }
            close(&mut open, &mut done, anomalies);
            chapter = Some(name.to_string());
            category = None;
            subcategory = None;
            expected_no = 1;
            after_docno = false;
            continue;
        }
        let Some(chapter_now) = chapter.clone() else { continue };
        if let Some((value, title)) = heading(text, false) {
            let expected = category.as_ref().map_or(1, |c| c.0 + 1);
            if value >= expected && value <= expected + 3 {
                for missing in expected..value {
                    anomalies.push(Anomaly {
                        kind: AnomalyKind::MissingHeading,
                        line: Some(line.no),
                        detail: format!("{chapter_now}: category {}、 is not printed before {}、{title}", NUMERALS[missing - 1], NUMERALS[value - 1]),
                    });
                }
                close(&mut open, &mut done, anomalies);
                category = Some((value, title.to_string()));
                subcategory = None;
                after_docno = false;
                continue;
            }
        }
        if let Some((value, title)) = heading(text, true) {
            let expected = subcategory.as_ref().map_or(1, |c| c.0 + 1);
            if value >= expected && value <= expected + 3 {
                for missing in expected..value {
                    anomalies.push(Anomaly {
                        kind: AnomalyKind::MissingHeading,
                        line: Some(line.no),
                        detail: format!("{chapter_now}: subcategory （{}） is not printed before （{}）{title}", NUMERALS[missing - 1], NUMERALS[value - 1]),
                    });
                }
                close(&mut open, &mut done, anomalies);
                subcategory = Some((value, title.to_string()));
                after_docno = false;
                continue;
            }
        }
        if let Some((no, rest)) = numbered(text) {
            if no == expected_no {
                close(&mut open, &mut done, anomalies);
                let Some((_, category_now)) = category.clone() else {
                    return fail(line.no, format!("point {no} of {chapter_now} comes before any category heading (一、…)"));
                };
                open = Some(OpenPoint {
                    line: line.no,
                    chapter: chapter_now,
                    category: category_now,
                    subcategory: subcategory.as_ref().map(|s| s.1.clone()),
                    no,
                    text: rest.to_string(),
                    docnos: Vec::new(),
                });
                expected_no += 1;
                after_docno = false;
                continue;
            }
            let starts_like_point = !rest.starts_with(|c: char| c.is_ascii_digit());
            if after_docno && starts_like_point && no > expected_no && no <= expected_no + 5 {
                return fail(
                    line.no,
                    format!("numbering gap in {chapter_now}: point {no} follows point {}", expected_no - 1),
                );
            }
        }
        let Some(point) = open.as_mut() else {
            return fail(line.no, format!("text outside any point in {chapter_now}: {text}"));
        };
        if let Some(found) = docno_line(text) {
            point.docnos.extend(found);
            after_docno = true;
            continue;
        }
        if after_docno {
            return fail(line.no, format!("text after the document number of point {} of {chapter_now}: {text}", point.no));
        }
        point.text.push_str(text);
    }
    close(&mut open, &mut done, anomalies);
    let mut non_canonical: BTreeMap<String, (String, Vec<u32>)> = BTreeMap::new();
    let points = done
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let flags = Flags { no_docno: p.docnos.is_empty(), ..Flags::default() };
            for (raw, d) in &p.docnos {
                if *raw != d.canonical() {
                    non_canonical.entry(raw.clone()).or_insert_with(|| (d.canonical(), Vec::new())).1.push(i as u32 + 1);
                }
            }
            Point {
                id: i as u32 + 1,
                chapter: p.chapter,
                category: p.category,
                subcategory: p.subcategory,
                no: p.no,
                text: p.text,
                docnos: p.docnos.iter().map(|(_, d)| d.canonical()).collect(),
                docnos_raw: p.docnos.iter().map(|(raw, _)| raw.clone()).collect(),
                year: None,
                agency: None,
                flags,
                region: crate::data::vocab::PROVINCE_WIDE.to_string(),
                ..Point::default()
            }
        })
        .collect();
    for (raw, (canonical, ids)) in non_canonical {
        anomalies.push(Anomaly {
            kind: AnomalyKind::NonCanonicalDocno,
            line: None,
            detail: format!("{raw} → {canonical} (points {})", id_list(&ids)),
        });
    }
    Ok(points)
}

/// `1, 2, 5` — for report lines.
fn id_list(ids: &[u32]) -> String {
    ids.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// The footer's first characters can also land at the very end of a page's last line, after the
/// sentence's full stop (`…综合评估。山`): strip them from the end of a point.
fn strip_footer_tail(point: &mut OpenPoint, anomalies: &mut Vec<Anomaly>) {
    let Some(stop) = point.text.rfind(['。', '；']) else { return };
    let tail = &point.text[stop + '。'.len_utf8()..];
    if !tail.is_empty() && FOOTER.starts_with(tail) {
        anomalies.push(Anomaly {
            kind: AnomalyKind::PageFooter,
            line: Some(point.line),
            detail: format!("「{tail}」 at the end of point {} of {}", point.no, point.chapter),
        });
        point.text.truncate(stop + '。'.len_utf8());
    }
}

/// Parses both summary tables. A row is `N.` followed by title lines and the document number, which
/// the table wraps over up to three lines (`晋政办发` / `〔2025〕4 号`), or `无`.
fn parse_tables(lines: &[Line], anomalies: &mut Vec<Anomaly>) -> Result<Vec<Document>, ParseError> {
    let mut documents = Vec::new();
    let mut level: Option<&str> = None;
    let mut row: Option<(usize, u32, Vec<&str>)> = None;
    let mut expected_row = 1;
    let mut i = 0;
    let mut flush = |row: &mut Option<(usize, u32, Vec<&str>)>, level: &str, documents: &mut Vec<Document>| {
        if let Some((line, no, parts)) = row.take() {
            documents.push(table_row(line, no, &parts, level, anomalies)?);
        }
        Ok::<(), ParseError>(())
    };
    while i < lines.len() {
        let text = lines[i].text;
        let is_title = text.contains("——") && lines.get(i + 1).is_some_and(|n| n.text.contains("汇总表"));
        if is_title || text.contains("汇总表") {
            if let Some(l) = level {
                flush(&mut row, l, &mut documents)?;
            }
            let heading: String = if is_title { format!("{text}{}", lines[i + 1].text) } else { text.to_string() };
            level = Some(if heading.contains("省委省政府") { LEVEL_PROVINCE } else { LEVEL_DEPARTMENT });
            expected_row = 1;
            i += if is_title { 2 } else { 1 };
            continue;
        }
        if text.starts_with("序号") {
            i += 1;
            continue;
        }
        let level_now = level.unwrap_or(LEVEL_PROVINCE);
        match numbered(text) {
            Some((no, rest)) if no == expected_row => {
                flush(&mut row, level_now, &mut documents)?;
                row = Some((lines[i].no, no, if rest.is_empty() { vec![] } else { vec![rest] }));
                expected_row += 1;
            }
            _ => match row.as_mut() {
                Some((_, _, parts)) => parts.push(text),
                None => return fail(lines[i].no, format!("text in a summary table outside any row: {text}")),
            },
        }
        i += 1;
    }
    if let Some(l) = level {
        flush(&mut row, l, &mut documents)?;
    }
    Ok(documents)
}

fn table_row(line: usize, no: u32, parts: &[&str], level: &str, anomalies: &mut Vec<Anomaly>) -> Result<Document, ParseError> {
    // `无` closes the row's title, sometimes on the title's own line ("…免征土地增 无", then the
    // title's last line follows).
    let mut title = String::new();
    let mut none_marked = false;
    for part in parts {
        if *part == "无" {
            none_marked = true;
        } else if let Some(t) = part.strip_suffix(" 无") {
            none_marked = true;
            title.push_str(t.trim_end());
        } else {
            title.push_str(part);
        }
    }
    let mut doc = Document {
        row: no,
        title: String::new(),
        docno: None,
        docno_raw: None,
        year: None,
        agency: None,
        level: level.to_string(),
        repealed: false,
        points: Vec::new(),
    };
    if !none_marked {
        // The document number is the shortest tail of the row's lines that starts like an issuer
        // (`晋…`, `国家税务总局…`) and parses as one: `晋工信新材料规` / `字〔2024〕1 号` is one number.
        let found = (0..parts.len()).rev().find_map(|k| {
            let raw: String = parts[k..].concat();
            let issuer_start = raw.starts_with('晋') || raw.starts_with("国家");
            docno::parse(&raw).filter(|d| issuer_start && d.prefix.chars().count() <= 14).map(|d| (k, raw, d))
        });
        let Some((k, raw, d)) = found else {
            return fail(line, format!("table row {no} has neither a document number nor 无"));
        };
        title = parts[..k].concat();
        if d.year().is_none() {
            anomalies.push(Anomaly {
                kind: AnomalyKind::MalformedDocno,
                line: Some(line),
                detail: format!("table row {no}: {raw} (year {})", d.year_digits),
            });
        }
        doc.docno_raw = Some(raw);
        doc.docno = Some(d.canonical());
    }
    if title.is_empty() {
        return fail(line, format!("table row {no} has no title"));
    }
    doc.repealed = title.contains("已废止");
    doc.title = title;
    Ok(doc)
}

/// The PDF's fonts map some characters to look-alike code points (⼭ U+2F2D, the Kangxi radical, for
/// 山 U+5C71): the text reads the same but never matches a search. They are mapped to the ordinary
/// ideograph, which is what was published.
fn map_compatibility_characters(points: &mut [Point], documents: &mut [Document], anomalies: &mut Vec<Anomaly>) {
    use unicode_normalization::UnicodeNormalization;
    let is_compat = |c: char| matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{F900}'..='\u{FAFF}');
    let mut fix = |text: &mut String, what: String| {
        if text.contains(is_compat) {
            let fixed: String = text.chars().map(|c| if is_compat(c) { c.nfkc().next().unwrap_or(c) } else { c }).collect();
            anomalies.push(Anomaly { kind: AnomalyKind::CompatibilityCharacters, line: None, detail: format!("{what}: {text} → {fixed}") });
            *text = fixed;
        }
    };
    for p in points.iter_mut() {
        fix(&mut p.text, format!("point {}", p.id));
    }
    for d in documents.iter_mut() {
        fix(&mut d.title, format!("{} row {}", d.level, d.row));
    }
}

/// A foreign title was pasted into a sentence together with a Latin reference code:
/// "…土地有偿" + "山西省财政厅…的公告(FBM-CLI.12.8441925)" + "使用手续。". Such a paste is recognised by
/// the code in brackets (letters, a hyphen, dotted digits) directly after a title from the tables.
fn remove_foreign_titles(points: &mut [Point], documents: &[Document], anomalies: &mut Vec<Anomaly>) {
    for point in points {
        while let Some((start, end)) = find_pasted_title(&point.text, documents) {
            anomalies.push(Anomaly {
                kind: AnomalyKind::ForeignTitle,
                line: None,
                detail: format!("point {}: removed 「{}」", point.id, &point.text[start..end]),
            });
            point.text.replace_range(start..end, "");
        }
    }
}

fn find_pasted_title(text: &str, documents: &[Document]) -> Option<(usize, usize)> {
    for (open, bracket) in text.match_indices(['(', '（']) {
        let inner = open + bracket.len();
        let after = &text[inner..];
        let Some(close_rel) = after.find([')', '）']) else { continue };
        let code = &after[..close_rel];
        let is_code = code.contains('-')
            && code.chars().any(|c| c.is_ascii_uppercase())
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !is_code {
            continue;
        }
        let end = inner + close_rel + after[close_rel..].chars().next().map_or(1, char::len_utf8);
        let before = &text[..open];
        if let Some(doc) = documents.iter().filter(|d| !d.title.is_empty()).find(|d| before.ends_with(d.title.as_str())) {
            return Some((open - doc.title.len(), end));
        }
    }
    None
}

/// Derives year, agency and flags; links points and documents; reports what does not add up.
fn finish(points: &mut [Point], documents: &mut [Document], agencies: &AgencyTable, anomalies: &mut Vec<Anomaly>) {
    let mut first_with_text: HashMap<&str, u32> = HashMap::new();
    let mut duplicates = Vec::new();
    for p in points.iter() {
        match first_with_text.get(p.text.as_str()) {
            Some(&first) => duplicates.push((p.id, first)),
            None => {
                first_with_text.insert(&p.text, p.id);
            }
        }
    }
    for (id, first) in duplicates {
        points[id as usize - 1].flags.duplicate_of = Some(first);
        anomalies.push(Anomaly { kind: AnomalyKind::Duplicate, line: None, detail: format!("point {id} repeats point {first}") });
    }

    // Table typo: a document number whose year is malformed is linked to the cited number with the
    // same prefix and serial whose year its digits start with (〔20234〕81号 ↔ 〔2023〕81号).
    let mut cited: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for p in points.iter() {
        for d in &p.docnos {
            cited.entry(d.clone()).or_default().push(p.id);
        }
    }
    for doc in documents.iter_mut() {
        let Some(canonical) = doc.docno.clone() else {
            anomalies.push(Anomaly {
                kind: AnomalyKind::TableNotCited,
                line: None,
                detail: format!("{} row {}: 无文号, cannot be linked to points: {}", doc.level, doc.row, doc.title),
            });
            continue;
        };
        let parsed = docno::parse(&canonical).expect("canonical document numbers parse");
        if let Some(ids) = cited.get(&canonical) {
            doc.points = ids.clone();
        } else if parsed.year().is_none() {
            let fix = cited.keys().find(|c| {
                docno::parse(c).is_some_and(|d| {
                    d.prefix == parsed.prefix && d.serial == parsed.serial && parsed.year_digits.starts_with(&d.year_digits)
                })
            });
            if let Some(fix) = fix.cloned() {
                anomalies.push(Anomaly {
                    kind: AnomalyKind::MalformedDocno,
                    line: None,
                    detail: format!("table row {} ({canonical}) linked to the cited {fix}", doc.row),
                });
                doc.points = cited[&fix].clone();
                doc.docno = Some(fix);
            }
        }
        let d = docno::parse(doc.docno.as_deref().unwrap_or_default()).expect("canonical document numbers parse");
        doc.year = d.year();
        doc.agency = agencies.agency_of(&d.prefix).map(str::to_string);
        if doc.agency.is_none() {
            anomalies.push(Anomaly { kind: AnomalyKind::UnknownPrefix, line: None, detail: format!("table row {}: {}", doc.row, d.prefix) });
        }
        if doc.points.is_empty() {
            anomalies.push(Anomaly {
                kind: AnomalyKind::TableNotCited,
                line: None,
                detail: format!("{} row {}: {} {}", doc.level, doc.row, canonical, doc.title),
            });
        }
    }
    let in_tables: HashMap<&str, &Document> =
        documents.iter().filter_map(|d| d.docno.as_deref().map(|n| (n, d))).collect();
    for (docno, ids) in &cited {
        if !in_tables.contains_key(docno.as_str()) {
            anomalies.push(Anomaly {
                kind: AnomalyKind::CitedNotInTables,
                line: None,
                detail: format!("{docno} (points {})", id_list(ids)),
            });
        }
    }
    let mut unknown_reported = std::collections::BTreeSet::new();
    for p in points.iter_mut() {
        if let Some(first) = p.docnos.first() {
            let d = docno::parse(first).expect("canonical document numbers parse");
            p.year = d.year();
            p.agency = agencies.agency_of(&d.prefix).map(str::to_string);
            if p.agency.is_none() && unknown_reported.insert(d.prefix.clone()) {
                anomalies.push(Anomaly { kind: AnomalyKind::UnknownPrefix, line: None, detail: format!("point {}: {}", p.id, d.prefix) });
            }
        } else {
            anomalies.push(Anomaly {
                kind: AnomalyKind::NoDocno,
                line: None,
                detail: format!("point {} ({} {}.)", p.id, p.chapter, p.no),
            });
        }
        let doc_repealed = p.docnos.iter().any(|n| in_tables.get(n.as_str()).is_some_and(|d| d.repealed));
        p.flags.repealed = p.text.contains("已废止") || doc_repealed;
        if p.flags.repealed {
            anomalies.push(Anomaly { kind: AnomalyKind::Repealed, line: None, detail: format!("point {}", p.id) });
        }
        p.flags.truncated = !ends_like_a_sentence(&p.text);
        if p.flags.truncated {
            let tail: String = p.text.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
            anomalies.push(Anomaly { kind: AnomalyKind::Truncated, line: None, detail: format!("point {} ends “…{tail}”", p.id) });
        }
    }
    for doc in documents.iter().filter(|d| d.repealed) {
        anomalies.push(Anomaly { kind: AnomalyKind::Repealed, line: None, detail: format!("document {}", doc.title) });
    }
}

fn ends_like_a_sentence(text: &str) -> bool {
    text.ends_with(['。', '；', '！', '？', '”', '）', ')', '」', '…', '.', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGENCIES: &str = "晋发\t中共山西省委 山西省人民政府\n晋政办发\t山西省人民政府办公厅\n";

    /// A minimal list: one chapter around `body`, then both summary tables.
    fn seed(body: &str) -> String {
        format!(
            "前 言\n\n说明文字。\n\n 惠企政策点清单（市场建设篇）\n\n{body}\n\
             \x202021 年——2025 年山西省委省政府惠\n企政策汇总表\n序号 政策 文号\n\
             1.\n中共山西省委、山西省人民政府关于印发某某方案\n的通知\n晋发〔2021〕\n67 号\n\
             \x202021 年——2025 年山西各厅局惠企政\n策汇总表\n序号 政策 文号\n\
             1. 山西省人民政府办公厅关于某某的通知\n晋政办发\n〔2021〕1 号\n\
             2. 某某办法（已废止） 无\n"
        )
    }

    fn parse_ok(body: &str) -> Parsed {
        let agencies = AgencyTable::parse(AGENCIES).unwrap();
        parse(&seed(body), "fixture.txt", &agencies).unwrap_or_else(|e| panic!("{e}"))
    }

    fn parse_err(text: &str) -> ParseError {
        let agencies = AgencyTable::parse(AGENCIES).unwrap();
        parse(text, "fixture.txt", &agencies).expect_err("the fixture must be rejected")
    }

    fn texts(parsed: &Parsed) -> Vec<&str> {
        parsed.dataset.points.iter().map(|p| p.text.as_str()).collect()
    }

    fn kinds(parsed: &Parsed, kind: AnomalyKind) -> Vec<&str> {
        parsed.anomalies.iter().filter(|a| a.kind == kind).map(|a| a.detail.as_str()).collect()
    }

    #[test]
    fn line_wraps_are_joined_and_headings_assigned() {
        let p = parse_ok("一、市场构建类\n\n（一）市场准入\n\n1.推动改革，取消\n\n限制。\n\n晋政办发〔2021〕1号\n\n二、优化审批类\n2.第二条。\n晋发〔2021〕67 号");
        assert_eq!(texts(&p), ["推动改革，取消限制。", "第二条。"]);
        let first = &p.dataset.points[0];
        assert_eq!((first.chapter.as_str(), first.category.as_str()), ("市场建设", "市场构建类"));
        assert_eq!(first.subcategory.as_deref(), Some("市场准入"));
        assert_eq!(p.dataset.points[1].subcategory, None, "a new category resets the subcategory");
        assert_eq!(first.agency.as_deref(), Some("山西省人民政府办公厅"));
        assert_eq!(first.year, Some(2021));
    }

    #[test]
    fn enumerations_inside_a_text_are_not_headings() {
        let p = parse_ok("一、类\n1.包括：\n（三）支持各类文化园区（基地）建设，推动融合。\n晋发〔2021〕67 号");
        assert_eq!(texts(&p), ["包括：（三）支持各类文化园区（基地）建设，推动融合。"]);
        assert_eq!(p.dataset.points[0].subcategory, None);
    }

    #[test]
    fn a_point_may_start_with_digits() {
        let p = parse_ok("一、类\n1.第一条。\n晋发〔2021〕67 号\n2.400 万元以下的项目\n2022 年底前完成。\n晋发〔2021〕67 号");
        assert_eq!(texts(&p), ["第一条。", "400 万元以下的项目2022 年底前完成。"]);
    }

    #[test]
    fn vertical_page_footer_and_page_number_are_removed() {
        let p = parse_ok("一、类\n1.促进项目尽快\n山\n西\n省\n民\n营\n经\n济\n发\n展\n局\n52\n落地实施。\n晋发〔2021〕67 号");
        assert_eq!(texts(&p), ["促进项目尽快落地实施。"]);
        assert_eq!(kinds(&p, AnomalyKind::PageFooter), ["山西省民营经济发展局 52"]);
    }

    #[test]
    fn footer_fragment_after_the_last_full_stop_is_removed() {
        let p = parse_ok("一、类\n1.开展综合评估。山");
        assert_eq!(texts(&p), ["开展综合评估。"]);
        assert_eq!(kinds(&p, AnomalyKind::PageFooter).len(), 1);
    }

    #[test]
    fn pasted_foreign_title_is_removed() {
        let p = parse_ok("一、类\n1.办理土地有偿山西省人民政府办公厅关于某某的通知(FBM-CLI.12.8441925)使用手续。\n晋发〔2021〕67 号");
        assert_eq!(texts(&p), ["办理土地有偿使用手续。"]);
        assert_eq!(kinds(&p, AnomalyKind::ForeignTitle).len(), 1);
    }

    #[test]
    fn document_numbers_are_canonicalised_and_reported() {
        let p = parse_ok("一、类\n1.第一条。\n晋政办发(2021)1 号");
        let point = &p.dataset.points[0];
        assert_eq!(point.docnos, ["晋政办发〔2021〕1号"]);
        assert_eq!(point.docnos_raw, ["晋政办发(2021)1 号"]);
        assert_eq!(kinds(&p, AnomalyKind::NonCanonicalDocno), ["晋政办发(2021)1 号 → 晋政办发〔2021〕1号 (points 1)"]);
        assert_eq!(p.dataset.documents[1].points, [1], "the table row links to the point citing it");
    }

    #[test]
    fn point_without_document_number_is_flagged() {
        let p = parse_ok("一、类\n1.第一条。\n2.第二条。\n晋发〔2021〕67 号");
        assert!(p.dataset.points[0].flags.no_docno);
        assert!(!p.dataset.points[1].flags.no_docno);
        assert_eq!(kinds(&p, AnomalyKind::NoDocno).len(), 1);
    }

    #[test]
    fn identical_texts_point_to_the_first() {
        let p = parse_ok("一、类\n1.同一条。\n晋发〔2021〕67 号\n2.别的。\n3.同一条。\n晋发〔2021〕67 号");
        let dup: Vec<_> = p.dataset.points.iter().map(|x| x.flags.duplicate_of).collect();
        assert_eq!(dup, [None, None, Some(1)]);
    }

    #[test]
    fn repealed_in_text_is_flagged() {
        let p = parse_ok("一、类\n1.（文件已废止）壮大产业。\n晋发〔2021〕67 号\n2.第二条。\n晋发〔2021〕67 号");
        let repealed: Vec<_> = p.dataset.points.iter().map(|x| x.flags.repealed).collect();
        assert_eq!(repealed, [true, false]);
        assert!(p.dataset.documents[2].repealed, "a table title marked 已废止 marks its document");
    }

    #[test]
    fn text_cut_off_mid_sentence_is_flagged_truncated() {
        let p = parse_ok("一、类\n1.联合资助项目\n晋发〔2021〕67 号");
        assert!(p.dataset.points[0].flags.truncated);
        assert_eq!(kinds(&p, AnomalyKind::Truncated).len(), 1);
    }

    #[test]
    fn cited_and_listed_documents_are_reconciled() {
        let p = parse_ok("一、类\n1.第一条。\n晋政办发〔2022〕9号");
        assert_eq!(kinds(&p, AnomalyKind::CitedNotInTables), ["晋政办发〔2022〕9号 (points 1)"]);
        assert_eq!(kinds(&p, AnomalyKind::TableNotCited).len(), 3);
    }

    #[test]
    fn table_rows_join_wrapped_titles_and_numbers() {
        let p = parse_ok("一、类\n1.第一条。\n晋发〔2021〕67 号");
        let docs = &p.dataset.documents;
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].title, "中共山西省委、山西省人民政府关于印发某某方案的通知");
        assert_eq!(docs[0].docno.as_deref(), Some("晋发〔2021〕67号"));
        assert_eq!(docs[0].level, LEVEL_PROVINCE);
        assert_eq!(docs[1].docno.as_deref(), Some("晋政办发〔2021〕1号"));
        assert_eq!(docs[1].level, LEVEL_DEPARTMENT);
        assert_eq!((docs[2].title.as_str(), docs[2].docno.as_deref()), ("某某办法（已废止）", None));
    }

    #[test]
    fn missing_category_heading_is_reported() {
        let p = parse_ok("一、类\n1.第一条。\n晋发〔2021〕67 号\n三、第三类\n2.第二条。\n晋发〔2021〕67 号");
        assert_eq!(p.dataset.points[1].category, "第三类");
        assert_eq!(kinds(&p, AnomalyKind::MissingHeading).len(), 1);
    }

    #[test]
    fn numbering_gap_is_an_error_naming_the_line() {
        let text = seed("一、类\n1.第一条。\n晋发〔2021〕67 号\n3.第三条。\n晋发〔2021〕67 号");
        let e = parse_err(&text);
        assert!(e.message.contains("numbering gap"), "{e}");
        assert_eq!(text.lines().nth(e.line - 1), Some("3.第三条。"));
    }

    #[test]
    fn truncated_file_is_an_error() {
        let e = parse_err(" 惠企政策点清单（市场建设篇）\n一、类\n1.第一条，而文件在此中断");
        assert!(e.message.contains("truncated"), "{e}");
        assert_eq!(e.line, 3);
    }

    #[test]
    fn file_without_chapters_is_an_error() {
        assert!(parse_err("只是一些文字。\n").message.contains("no chapter heading"));
    }

    #[test]
    fn empty_file_is_an_error() {
        assert_eq!(decode(b"").unwrap_err().message, "the file is empty");
        assert_eq!(decode(b" \n\n").unwrap_err().message, "the file is empty");
    }

    #[test]
    fn gbk_file_is_named_as_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("第一行\n惠企政策点清单（市场建设篇）\n");
        let e = decode(&gbk).unwrap_err();
        assert!(e.message.contains("GBK"), "{e}");
        assert_eq!(e.line, 1);
    }

    #[test]
    fn kangxi_radicals_are_mapped_to_ordinary_characters() {
        let p = parse_ok("一、类\n1.⼭西省⽀持资⾦。\n晋发〔2021〕67 号");
        assert_eq!(texts(&p), ["山西省支持资金。"]);
        assert_eq!(kinds(&p, AnomalyKind::CompatibilityCharacters).len(), 1);
    }

    #[test]
    fn binary_file_is_rejected() {
        let e = decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err();
        assert!(e.message.contains("binary"), "{e}");
    }

    #[test]
    fn utf8_bom_is_accepted() {
        assert_eq!(decode("\u{feff}文字".as_bytes()).unwrap(), "文字");
    }
}
