//! A search's results as text for a person: rank, id, where the point sits, its document, and a
//! snippet with the matches marked, then the total and the time.
//!
//! Design choice: the engine returns character ranges, never markup; this module is where they become
//! terminal marks (bold red, as grep marks matches), and only when colour is on, so piped text stays
//! plain. It reads the index for titles and locations and changes nothing.

use std::fmt::Write;

use policy_search::index::Index;
use policy_search::matching::{Bucket, Matches};
use policy_search::search::Results;

const MARK_ON: &str = "\x1b[1;31m";
const MARK_OFF: &str = "\x1b[0m";

/// `text` with its half-open char ranges `marks` wrapped in terminal colour when `color`.
pub fn marked(text: &str, marks: &[[u32; 2]], color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + marks.len() * 12);
    for (i, c) in text.chars().enumerate() {
        let i = i as u32;
        if marks.iter().any(|m| m[0] == i && m[1] > m[0]) {
            out.push_str(MARK_ON);
        }
        out.push(c);
        if marks.iter().any(|m| m[1] == i + 1 && m[1] > m[0]) {
            out.push_str(MARK_OFF);
        }
    }
    out
}

/// The human-readable listing of one page of results.
pub fn text(index: &Index, query: &str, results: &Results, first_rank: usize, millis: f64, color: bool) -> String {
    let mut out = String::new();
    if let Some(notice) = &results.notice {
        let _ = writeln!(out, "注意：{notice}");
    }
    if let Some(suggestion) = &results.suggestion {
        let _ = writeln!(out, "按“{suggestion}”查找");
    }
    if let Some(explanation) = &results.explanation {
        let _ = writeln!(out, "{explanation}（加引号按原词查找）");
    }
    if results.partial {
        let _ = writeln!(out, "没有完全匹配的政策，以下为部分匹配：");
    }
    for (k, hit) in results.hits.iter().enumerate() {
        let Some(point) = index.point(hit.id) else { continue };
        let docno = point.docnos.first().map_or("无文号", String::as_str);
        let partial = if hit.partial && !results.partial { "  （部分匹配）" } else { "" };
        let most = point.max_benefit().map(|a| format!(" · 最高 {}", point.text_range(a.start, a.end))).unwrap_or_default();
        let support: Vec<&str> = hit.facts.support.iter().map(|s| s.as_str()).collect();
        let support = if support.is_empty() { String::new() } else { format!("  [{}]", support.join("、")) };
        let _ = writeln!(out, "{:>3}. #{} {} · 第 {} 条 · {docno}{most}{support}{partial}", first_rank + k + 1, hit.id, hit.chapter, hit.no);
        if let Some(doc) = point.docnos.first().and_then(|d| index.document_by_docno(d)) {
            let _ = writeln!(out, "     《{}》", doc.title);
        }
        let ellipsis = |on: bool| if on { "…" } else { "" };
        let shown = &hit.snippet;
        let cut_end = (shown.start as usize + shown.text.chars().count()) < point.text.chars().count();
        let _ = writeln!(out, "     {}{}{}", ellipsis(shown.start > 0), marked(&shown.text, &shown.highlights, color), ellipsis(cut_end));
    }
    let label = if query.trim().is_empty() { "全部政策".to_string() } else { format!("“{}”", query.trim()) };
    let _ = writeln!(out, "{label}：共 {} 条，显示 {} 条，用时 {millis:.1} 毫秒", results.total, results.hits.len());
    out
}

/// The human-readable listing of a profile's matches, grouped as the spec orders them.
pub fn matches(index: &Index, m: &Matches, today: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "政策匹配（{today}）：精准匹配 {} 条，普遍适用 {} 条，需核实 {} 条", m.targeted, m.general, m.unknown);
    let mut group = None;
    for (k, hit) in m.matches.iter().enumerate() {
        let Some(point) = index.point(hit.id) else { continue };
        if group != Some(hit.bucket) {
            group = Some(hit.bucket);
            let count = match hit.bucket {
                Bucket::Targeted => m.targeted,
                Bucket::General => m.general,
                Bucket::Unknown => m.unknown,
            };
            let _ = writeln!(out, "\n{}（{count}）", hit.bucket.label());
        }
        let docno = point.docnos.first().map_or("无文号", String::as_str);
        let most = point.max_benefit().map(|a| format!(" · 最高 {}", point.text_range(a.start, a.end))).unwrap_or_default();
        let support: Vec<&str> = point.support.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(out, "{:>3}. #{} {} · 第 {} 条 · {docno}{most}  [{}]", k + 1, hit.id, point.chapter, point.no, support.join("、"));
        for r in &hit.reasons {
            let _ = writeln!(out, "     符合：{}", r.describe());
        }
        for c in &hit.open {
            let _ = writeln!(out, "     需核实：{}", c.describe(point));
        }
    }
    let _ = writeln!(out, "\n共 {} 条，显示 {} 条", m.total, m.matches.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_exactly_the_ranges_and_only_with_colour() {
        assert_eq!(marked("给予贷款贴息", &[[2, 4]], false), "给予贷款贴息");
        assert_eq!(marked("给予贷款贴息", &[[2, 4], [4, 6]], true), "给予\x1b[1;31m贷款\x1b[0m\x1b[1;31m贴息\x1b[0m");
        assert_eq!(marked("税", &[[0, 1]], true), "\x1b[1;31m税\x1b[0m");
    }
}
