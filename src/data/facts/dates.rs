//! `valid_until`: the end date a point states for its own benefit.
//!
//! Design choice: a date is an end date only by the words around it. It counts when a validity word
//! leads to it (截至, 执行期限至, 延长至, 到…年底，对… — "until"), or when it closes a period
//! (2022 年 8 月到 12 月, 2021 至 2025 年) that is not a target or a start; it does not count when
//! what follows is work to be done by then (…前完成, 建成, 力争, 实现), which is a deadline for the
//! government, not for the enterprise. Several end dates give the latest. This module reads dates and
//! nothing else.

use super::text::{contains_any, sentence_start, skip_spaces};

/// Words right before a date that make it the end of the benefit.
const UNTIL: &[&str] = &["截至", "截止至", "截止到", "截止", "期限至", "期限到", "执行至", "延长至", "延续至", "实施至", "有效期至", "到期日", "至"];

/// Words after a date that make it a deadline for work or a target, not a benefit's end.
const WORK: &[&str] = &[
    "前完成", "完成", "建成", "力争", "实现", "基本", "全面", "达到", "出台", "制定", "建立", "开展", "推动", "形成",
    "培育", "打造", "上线", "覆盖", "前，", "前", "以来", "起", "开始",
];

/// Words of a sentence that sets a goal: a date in it is when the goal is due.
const TARGETS: &[&str] = &["力争", "目标", "建成", "基本形成"];

/// The sentence of `text` around char `at`.
fn sentence_of<'a>(text: &'a str, chars: &[char], at: usize) -> &'a str {
    let start: usize = chars[..sentence_start(chars, at)].iter().map(|c| c.len_utf8()).sum();
    let rest = &text[start..];
    rest.split_inclusive(super::text::is_sentence_break).next().unwrap_or(rest)
}

/// A date as written: year, and the month and day if given (a missing one means the period's end).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Date {
    year: u32,
    month: Option<u32>,
    day: Option<u32>,
    start: usize,
    end: usize,
}

impl Date {
    /// The last day the date covers, `YYYY-MM-DD`.
    fn last_day(self) -> String {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        format!("{:04}-{month:02}-{day:02}", self.year)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The latest end date the text states for its benefit, `YYYY-MM-DD`.
pub fn valid_until(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let dates = scan(&chars);
    let mut ends: Vec<String> = Vec::new();
    for (k, d) in dates.iter().enumerate() {
        let before: String = chars[d.start.saturating_sub(8)..d.start].iter().filter(|c| !c.is_whitespace()).collect();
        let after: String = chars[d.end..(d.end + 8).min(chars.len())].iter().filter(|c| !c.is_whitespace()).collect();
        let closes_period = k > 0 && {
            let prev = dates[k - 1];
            let gap: String = chars[prev.end..d.start].iter().filter(|c| !c.is_whitespace()).collect();
            matches!(gap.as_str(), "至" | "到" | "-" | "—" | "－")
        };
        let until = UNTIL.iter().any(|w| before.ends_with(w));
        // "到 2027 年底，对…" opens a clause that the date bounds; "到 2025 年，…" (a bare year) and
        // any sentence with a target are goals.
        let bounds_clause = d.month.is_some()
            && before.ends_with('到')
            && after.starts_with('，')
            && !contains_any(&after, WORK)
            && !contains_any(sentence_of(text, &chars, d.start), TARGETS);
        // "2030 年前，对…" is an end date; "2022 年 12 月底前，建成…" a deadline.
        let ends_before = after.starts_with("前，对");
        let work = !ends_before && (WORK.iter().any(|w| after.starts_with(w)) || contains_any(&after, TARGETS));
        if (until || closes_period || bounds_clause || ends_before) && !work {
            ends.push(d.last_day());
        }
    }
    ends.into_iter().max()
}

fn digits(chars: &[char], mut i: usize) -> Option<(u32, usize)> {
    i = skip_spaces(chars, i);
    let from = i;
    let mut v = 0u32;
    while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
        v = v * 10 + d;
        i += 1;
    }
    (i > from && i - from <= 4).then_some((v, i))
}


/// Whether `word` is written at `i` (after spaces): the index after it.
fn word(chars: &[char], i: usize, word: &str) -> Option<usize> {
    let i = skip_spaces(chars, i);
    let n = word.chars().count();
    (chars.len() >= i + n && chars[i..i + n].iter().copied().eq(word.chars())).then_some(i + n)
}

/// Every date: "2023 年 12 月 31 日", "2025 年底", "2023 年 3 月底", "12 月" after a dated start, and
/// the first year of "2021 至 2025 年".
fn scan(chars: &[char]) -> Vec<Date> {
    let mut dates: Vec<Date> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let fresh = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        let Some((n, after)) = fresh.then(|| digits(chars, i)).flatten() else {
            i += 1;
            continue;
        };
        let date = if (2000..2100).contains(&n) {
            year_date(chars, i, n, after)
        } else {
            // "到 12 月": a month in the same year as the date just before it.
            dates.last().filter(|d| (1..=12).contains(&n) && chars[d.end..i].iter().filter(|c| !c.is_whitespace()).count() <= 1).and_then(|d| {
                let end = word(chars, after, "月")?;
                Some(month_day(chars, Date { year: d.year, month: Some(n), day: None, start: i, end }))
            })
        };
        match date {
            Some(d) => {
                i = d.end;
                dates.push(d);
            }
            None => i = after,
        }
    }
    dates
}

/// A date starting with year `year` at `start`; a bare year followed by a range mark is the start of
/// a year range, which its second year closes.
fn year_date(chars: &[char], start: usize, year: u32, after: usize) -> Option<Date> {
    let Some(end) = word(chars, after, "年") else {
        let mark = skip_spaces(chars, after);
        return matches!(chars.get(mark), Some('至' | '到' | '-' | '—' | '－'))
            .then_some(Date { year, month: Some(1), day: Some(1), start, end: after });
    };
    for (suffix, month) in [("底", 12), ("末", 12), ("年底", 12), ("年末", 12), ("上半年", 6)] {
        if let Some(e) = word(chars, end, suffix) {
            return Some(Date { year, month: Some(month), day: None, start, end: e });
        }
    }
    match digits(chars, end).filter(|(m, _)| (1..=12).contains(m)) {
        Some((m, k)) => {
            let e = word(chars, k, "月")?;
            Some(month_day(chars, Date { year, month: Some(m), day: None, start, end: e }))
        }
        None => Some(Date { year, month: None, day: None, start, end }),
    }
}

/// Extends a date that ends with its month by a day ("31 日") or "底".
fn month_day(chars: &[char], mut d: Date) -> Date {
    if let Some(e) = word(chars, d.end, "底").or_else(|| word(chars, d.end, "末")) {
        d.end = e;
    } else if let Some((day, k)) = digits(chars, d.end).filter(|(day, _)| (1..=31).contains(day)) {
        if let Some(e) = word(chars, k, "日") {
            d.day = Some(day);
            d.end = e;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::valid_until;

    #[test]
    fn end_dates() {
        let cases: &[(&str, Option<&str>)] = &[
            // An end date inside one clause of a longer point.
            ("补贴标准为每人 1000 元，政策实施期限截至 2023 年 12 月 31 日。", Some("2023-12-31")),
            ("执行期限至 2023 年 4月 30 日。缓缴期限到 2023 年 3 月底。", Some("2023-04-30")),
            ("将阶段性降低失业保险费率政策延续实施至 2025 年底，对不裁员的企业返还。", Some("2025-12-31")),
            ("政策期限延长至2024 年年底。", Some("2024-12-31")),
            ("到 2027 年底，对月销售额 10万元以下的小规模纳税人，免征增值税。", Some("2027-12-31")),
            ("一律免除 2022 年 8 月到 12 月租金。", Some("2022-12-31")),
            ("2021 至 2025 年，省财政将每年增量部分返还。", Some("2025-12-31")),
            // Deadlines for work, targets and start dates are not.
            ("2022 年 12 月底前，省级试点建成服务窗口。", None),
            ("到 2025 年，力争培育 100 家企业。", None),
            ("到 2025 年，企业开办流程进一步优化。", None),
            ("2030 年前，对实行两部制电价的充换电设施免收需量电费。", Some("2030-12-31")),
            ("对 2022 年 1 月 1 日以来注册的企业给予奖励。", None),
            ("2023年底前完成工业类开发区“标准地”改革。", None),
            ("对企业给予奖励。", None),
        ];
        for (text, want) in cases {
            assert_eq!(valid_until(text).as_deref(), *want, "{text}");
        }
    }
}
