//! Money and percentage figures: where each is in the text, what it is worth, and whose it is.
//!
//! Design choice: a figure's *role* is decided by the words of its own clause, and a list of figures
//! joined only by 、/或/和 (the tiers of an award, or of the revenue that earns it) shares one role,
//! read from the words before its first figure and after its last. A figure is a `threshold` when its
//! clause makes it a condition — a measure of the enterprise (营业收入, 投资额, 贷款…) compared with it
//! (达到, 超过, 不低于…), or "以上/以下/以内" right after it; a `fund` when it is a programme's total
//! (基金, 资金池, 发放总额…) or the nearest recipient named before it in its sentence is a bank, a
//! guarantor, an investor, a park or a government; otherwise a `benefit`. So tiered awards (thresholds
//! and benefits in parallel lists), thresholds beside benefits, money for banks and tax rates are
//! handled by the same few rules rather than by points. This module owns figures and roles; the
//! largest benefit is [`max_benefit`]; it does not decide whether the point is claimable.

use super::text::{clause_end, clause_start, contains_any, sentence_start, skip_spaces};
use crate::data::vocab::{Amount, AmountKind, AmountRole};

/// A figure as scanned, before its role is known.
#[derive(Debug, Clone, Copy)]
struct Figure {
    start: usize,
    end: usize,
    kind: AmountKind,
    /// Upper bound of the figure, in 元 or percent.
    value: f64,
    percent: bool,
}

/// Measures of the enterprise (or its project) that a clause compares with a figure: a condition.
const MEASURES: &[&str] = &[
    "营业收入", "营业额", "销售额", "销售收入", "收入", "投资额", "投资", "产值", "交易规模", "交易额",
    "规模", "资产", "贷款", "借款", "融资", "授信", "研发费用", "研发投入", "研发经费", "支付金额", "采购额",
    "成交额", "合同金额", "所得额", "增速", "增幅", "比值", "比重", "占比", "比例", "不良率", "裁员率",
    "费率", "国产化", "入住率", "用气量", "缴纳", "营收", "合同总金额", "交易金额", "采购金额", "原值",
];

/// Words that compare a measure with the figure after it.
const COMPARATORS: &[&str] = &[
    "达到", "超过", "超", "不低于", "不少于", "高于", "低于", "不高于", "不超过", "在", "提升到", "提高到",
    "突破", "满", "过", "首次", "至", "为",
];

/// Comparators that, ending a clause that pays nothing, make the figure after them a condition.
const END_COMPARATORS: &[&str] = &["达到", "超过", "超", "不低于", "不少于", "高于", "满", "突破", "提升到", "提高到"];

/// Words that turn what follows into money paid out, so a measure before them is not compared.
const PAYING: &[&str] = &["给予", "奖励", "补助", "补贴", "资助", "贴息", "返还", "补偿", "奖补"];

/// What right after a figure makes it a condition.
const THRESHOLD_AFTER: &[&str] = &["以上", "以下", "及以上", "及以下", "以内", "规模"];

/// A programme's total rather than one recipient's money.
const FUND_WORDS: &[&str] = &["基金", "资金池", "专项资金", "专项债", "国债", "总规模", "共计", "授信额度", "发放总额"];

/// Words that say a total is per recipient after all ("每个支持对象年度补助总额最高 20 万元").
const PER_RECIPIENT: &[&str] = &["每个", "单个", "每户", "每家", "同一", "各企业", "单户", "每人", "每项", "每场", "单笔", "单一企业"];

/// Recipients that make money a `fund`: banks, guarantors, investors, parks, carriers, governments.
const FUND_RECIPIENTS: &[&str] = &[
    "银行", "金融机构", "担保机构", "法人机构", "投资机构", "创投机构", "管委会", "开发区", "园区", "企业园",
    "孵化器", "众创空间", "基地", "载体", "各市", "每市", "市县", "政府",
];

/// Recipients that make money a `benefit`.
const ENTERPRISE_RECIPIENTS: &[&str] = &[
    "企业", "单位", "主体", "个人", "团队", "机构", "经营方", "运营方", "应用方", "采购方", "个体工商户", "每人",
    "每户", "项目",
];

/// Recipients too generic to decide alone: the last specific one of an earlier sentence decides.
const GENERIC_RECIPIENTS: &[&str] = &["单位", "主体"];

/// Every money and percentage figure of `text`, with char ranges, kinds, values and roles.
pub fn amounts(text: &str) -> Vec<Amount> {
    let chars: Vec<char> = text.chars().collect();
    let figures = scan(&chars);
    let mut out = Vec::with_capacity(figures.len());
    let mut i = 0;
    while i < figures.len() {
        let mut j = i + 1;
        while j < figures.len() && linked(&chars, &figures[j - 1], &figures[j]) {
            j += 1;
        }
        let role = role(&chars, &figures[i..j]);
        out.extend(figures[i..j].iter().map(|f| Amount {
            start: f.start as u32,
            end: f.end as u32,
            kind: f.kind,
            yuan: (!f.percent).then_some(f.value),
            pct: f.percent.then_some(f.value),
            role,
        }));
        i = j;
    }
    out
}

/// The largest benefit in 元 one enterprise can receive: tiers and items are not summed, a range
/// counts by its upper bound, a per-unit figure as written.
pub fn max_benefit(amounts: &[Amount]) -> Option<f64> {
    amounts.iter().filter(|a| a.role == AmountRole::Benefit).filter_map(|a| a.yuan).reduce(f64::max)
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}


/// A decimal number at `i`: its value and the index after it.
fn number(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut s = String::new();
    while j < chars.len() {
        if let Some(d) = digit(chars[j]) {
            s.push(char::from_digit(d, 10).expect("a digit"));
        } else if matches!(chars[j], '.' | '．') && !s.is_empty() && chars.get(j + 1).and_then(|&c| digit(c)).is_some() && !s.contains('.') {
            s.push('.');
        } else {
            break;
        }
        j += 1;
    }
    s.parse().ok().map(|v| (v, j))
}

/// A money unit at `i`: its multiplier to 元 and the index after it. A bare 万 or 亿 is money only
/// when no other unit follows (500 万立方米 is gas, 1 万余人 people).
fn money_unit(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let (mult, j) = match chars.get(i)? {
        '元' => return Some((1.0, i + 1)),
        '万' => (1e4, i + 1),
        '亿' => (1e8, i + 1),
        _ => return None,
    };
    match chars.get(j) {
        Some('元') => Some((mult, j + 1)),
        None => Some((mult, j)),
        Some(&c) if "、，。；）)的奖补贴再或和及以 ".contains(c) => Some((mult, j)),
        _ => None,
    }
}

fn is_percent(c: Option<&char>) -> bool {
    matches!(c, Some('%' | '％'))
}

fn is_range_mark(c: char) -> bool {
    matches!(c, '-' | '—' | '－' | '~' | '～' | '至' | '到' | '一')
}

/// A second number after a range mark at `i`: its value and the index after it.
fn range_end(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let k = skip_spaces(chars, i);
    if !chars.get(k).is_some_and(|&c| is_range_mark(c)) {
        return None;
    }
    number(chars, skip_spaces(chars, k + 1))
}

/// Every figure in document order.
fn scan(chars: &[char]) -> Vec<Figure> {
    let mut figures = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = digit(chars[i]).is_some()
            && !chars[..i].last().is_some_and(|&c| digit(c).is_some() || c.is_ascii_alphabetic() || matches!(c, '.' | '．'));
        let Some((low, after)) = starts_number.then(|| number(chars, i)).flatten() else {
            i += 1;
            continue;
        };
        match figure(chars, i, low, after) {
            Some(f) => {
                i = f.end;
                figures.push(f);
            }
            None => i = after,
        }
    }
    figures
}

/// The figure whose first number `low` spans `start..after`, if a unit follows.
fn figure(chars: &[char], start: usize, low: f64, after: usize) -> Option<Figure> {
    let at = skip_spaces(chars, after);
    // 15%-20%: the percent sign on both numbers.
    if is_percent(chars.get(at)) {
        if let Some((high, k)) = range_end(chars, at + 1).filter(|(_, k)| is_percent(chars.get(*k))) {
            return Some(Figure { start, end: k + 1, kind: AmountKind::Range, value: high.max(low), percent: true });
        }
        return Some(Figure { start, end: at + 1, kind: AmountKind::Rate, value: low, percent: true });
    }
    // 50-200 万元, 3%一 5%: one unit after the second number.
    if let Some((high, k)) = range_end(chars, after) {
        let u = skip_spaces(chars, k);
        if is_percent(chars.get(u)) {
            return Some(Figure { start, end: u + 1, kind: AmountKind::Range, value: high, percent: true });
        }
        if let Some((mult, end)) = money_unit(chars, u) {
            return Some(Figure { start, end, kind: AmountKind::Range, value: high * mult, percent: false });
        }
        return None;
    }
    let (mult, end) = money_unit(chars, at)?;
    let kind = money_kind(chars, start, end);
    Some(Figure { start, end, kind, value: low * mult, percent: false })
}

/// Per unit (元/床, 每人每月 300 元), a cap (最高, 不超过), or a fixed sum.
fn money_kind(chars: &[char], start: usize, end: usize) -> AmountKind {
    let before: String = chars[clause_start(chars, start)..start].iter().collect();
    let near: String = before.chars().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect();
    let per_measure = near.char_indices().any(|(i, c)| {
        c == '每' && near[i + c.len_utf8()..].starts_with(['人', '名', '本', '张', '床', '亩', '平', '吨', '辆', '台', '千', '立'])
    });
    if chars.get(skip_spaces(chars, end)) == Some(&'/') || per_measure {
        AmountKind::PerUnit
    } else if contains_any(&near, &["最高", "不超过", "上限", "最多", "不高于", "封顶"]) {
        AmountKind::Cap
    } else {
        AmountKind::Fixed
    }
}

/// Whether two figures are items of one list: only spaces and one joining word between them.
fn linked(chars: &[char], a: &Figure, b: &Figure) -> bool {
    let between: String = chars[a.end..b.start].iter().filter(|c| !c.is_whitespace()).collect();
    a.percent == b.percent && matches!(between.as_str(), "、" | "或" | "和" | "及" | "或者")
}

/// The role a list of figures shares.
fn role(chars: &[char], list: &[Figure]) -> AmountRole {
    let first = list[0];
    let last = list[list.len() - 1];
    let before: String = chars[clause_start(chars, first.start)..first.start].iter().collect();
    let after: String = chars[last.end..clause_end(chars, last.end)]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace("（含）", "")
        .replace("(含)", "")
        .replace("（含本数）", "");
    if contains_any(&before, FUND_WORDS) || contains_any(&after, FUND_WORDS) {
        return AmountRole::Fund;
    }
    if THRESHOLD_AFTER.iter().any(|w| after.starts_with(w)) || compared(&before) || bare_condition(&before) {
        return AmountRole::Threshold;
    }
    let is_total = before.contains("总额") && !before.contains("给予") && !contains_any(&before, PER_RECIPIENT);
    if is_total || (!first.percent && pays_a_fund_recipient(chars, first.start)) {
        return AmountRole::Fund;
    }
    AmountRole::Benefit
}

/// Whether the clause ends by comparing a measure of the enterprise with the figure that follows —
/// "年营业额 500 万元以上", "投资额不少于 1 亿元", "适用 3%征收率" — the measure close before it
/// (in "融资担保机构不超过 1%的担保费补贴" 融资 names the guarantor, not a measure).
fn compared(before: &str) -> bool {
    let trimmed = before.trim_end();
    if trimmed.ends_with("适用") {
        return true;
    }
    MEASURES.iter().filter_map(|m| trimmed.rfind(m).map(|at| &trimmed[at + m.len()..])).any(|between| {
        let between = between.trim();
        // "销售额的 0.5%" is a share of the measure, not a comparison with it.
        between.chars().count() <= 6
            && !between.contains('的')
            && !contains_any(between, PAYING)
            && (between.is_empty() || COMPARATORS.iter().any(|c| between.contains(c)))
    })
}

/// Whether a clause that pays nothing ends by comparing with the figure: "超过 400 万元的采购项目",
/// "…金额（采购额），首次提升到 2000 万元" — the measure may sit in the clause before. A cap
/// (不超过, 不高于) is not a comparison.
fn bare_condition(before: &str) -> bool {
    let trimmed = before.trim_end();
    !contains_any(trimmed, PAYING)
        && !trimmed.ends_with("不超过")
        && !trimmed.ends_with("不高于")
        && END_COMPARATORS.iter().any(|c| trimmed.ends_with(c))
}

/// Whether the nearest recipient named before `at` in its sentence is a bank, guarantor, investor,
/// park or government. A generic 单位/主体 is resolved by the last specific recipient of the
/// sentences before (a contest whose 参赛主体 are county governments pays 获奖单位 that are those).
fn pays_a_fund_recipient(chars: &[char], at: usize) -> bool {
    let from = sentence_start(chars, at);
    let sentence: String = chars[from..at].iter().collect();
    match nearest_recipient(&sentence, false) {
        Some(r) if GENERIC_RECIPIENTS.contains(&r) => {
            let earlier: String = chars[..from].iter().collect();
            nearest_recipient(&earlier, true).is_some_and(|r| FUND_RECIPIENTS.contains(&r))
        }
        Some(r) => FUND_RECIPIENTS.contains(&r),
        None => false,
    }
}

/// The recipient word that ends last in `text` (the longest of those ending together), skipping
/// places ("开发区内", "园区中"), payers and approvers ("各市财政", "省政府审议通过") and, if asked,
/// the generic words.
fn nearest_recipient(text: &str, specific: bool) -> Option<&'static str> {
    let mut best: Option<(usize, usize, &'static str)> = None;
    for &word in FUND_RECIPIENTS.iter().chain(ENTERPRISE_RECIPIENTS) {
        if specific && GENERIC_RECIPIENTS.contains(&word) {
            continue;
        }
        for (at, _) in text.match_indices(word) {
            let end = at + word.len();
            let approver = word == "政府" && text[..at].ends_with('省');
            if approver || text[end..].starts_with(['内', '中', '里']) || text[end..].starts_with("财政") {
                continue;
            }
            if best.is_none_or(|(e, l, _)| end > e || (end == e && word.len() > l)) {
                best = Some((end, word.len(), word));
            }
        }
    }
    best.map(|(_, _, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmountRole::{Benefit, Fund, Threshold};

    /// (figure as written, value, role) for every figure of `text`.
    fn read(text: &str) -> Vec<(String, f64, AmountRole)> {
        let chars: Vec<char> = text.chars().collect();
        amounts(text)
            .iter()
            .map(|a| {
                let written: String = chars[a.start as usize..a.end as usize].iter().collect();
                (written, a.yuan.or(a.pct).unwrap(), a.role)
            })
            .collect()
    }

    fn check(text: &str, want: &[(&str, f64, AmountRole)]) {
        let got = read(text);
        let want: Vec<(String, f64, AmountRole)> = want.iter().map(|(w, v, r)| (w.to_string(), *v, *r)).collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn tiered_awards_pair_revenue_thresholds_with_benefits() {
        check(
            "对认定为省级“链主”企业的，给予认定奖励 100 万元。营业收入达到 10亿元、50 亿元、1000 亿元的，按相应档位给予奖励 100 万元、1000万元、3000 万元。",
            &[
                ("100 万元", 1e6, Benefit),
                ("10亿元", 1e9, Threshold),
                ("50 亿元", 5e9, Threshold),
                ("1000 亿元", 1e11, Threshold),
                ("100 万元", 1e6, Benefit),
                ("1000万元", 1e7, Benefit),
                ("3000 万元", 3e7, Benefit),
            ],
        );
    }

    #[test]
    fn a_threshold_beside_a_benefit_range() {
        check(
            "对年营业额 500 万元以上的养老服务企业，给予 20-40 万元的一次性奖励；投资额不少于 1亿元的项目，最高补助不超过 500 万元。",
            &[("500 万元", 5e6, Threshold), ("20-40 万元", 4e5, Benefit), ("1亿元", 1e8, Threshold), ("500 万元", 5e6, Benefit)],
        );
    }

    #[test]
    fn money_for_banks_guarantors_and_development_zones_is_a_fund() {
        check(
            "对商业银行发放的贷款进行风险补偿，单一法人机构年最高补偿200万元。贴息额累计最高 20万元。",
            &[("200万元", 2e6, Fund), ("20万元", 2e5, Benefit)],
        );
        check("按相应档位给予开发区管委会 50万元、100 万元奖励。", &[("50万元", 5e5, Fund), ("100 万元", 1e6, Fund)]);
        check("给予融资担保机构不超过 1%的担保费补贴，最高补贴不超过 10万元。", &[("1%", 1.0, Benefit), ("10万元", 1e5, Fund)]);
    }

    #[test]
    fn programme_totals_are_funds_but_a_per_enterprise_total_is_a_benefit() {
        check("分期设立 10亿元省级天使投资基金。", &[("10亿元", 1e9, Fund)]);
        check("建立总规模 200 亿元的独角兽专项基金。", &[("200 亿元", 2e10, Fund)]);
        check("建立 2000万元的风险补偿资金池。", &[("2000万元", 2e7, Fund)]);
        check("每年发放总额不超过 1000 万元的“算力券”。", &[("1000 万元", 1e7, Fund)]);
        check("每个支持对象年度补助总额最高 20万元。", &[("20万元", 2e5, Benefit)]);
    }

    #[test]
    fn a_comparison_ending_a_clause_is_a_condition_but_a_cap_is_not() {
        check(
            "超过 400 万元的政府工程采购项目，预留份额。链上企业采购金额（采购额），首次提升到 2000 万元、5000 万元的，给予奖励 20万元、30 万元。",
            &[("400 万元", 4e6, Threshold), ("2000 万元", 2e7, Threshold), ("5000 万元", 5e7, Threshold), ("20万元", 2e5, Benefit), ("30 万元", 3e5, Benefit)],
        );
        check("按照工程费 30%给予补助，单个机场不超过 3000 万元。", &[("30%", 30.0, Benefit), ("3000 万元", 3e7, Benefit)]);
        check("对省政府审议通过的省实验室，每年给予 1000 万元经费支持。", &[("1000 万元", 1e7, Benefit)]);
    }

    #[test]
    fn tax_rates_are_percentages_not_money_and_the_applicable_rate_is_a_condition() {
        check(
            "对月销售额 10万元以下（含本数）的小规模纳税人，免征增值税；适用 3%征收率的应税销售收入，减按 1%征收率征收增值税。对年应纳税所得额不超过 200 万元的部分，减半征收。按 20%的税率缴纳企业所得税。",
            &[("10万元", 1e5, Threshold), ("3%", 3.0, Threshold), ("1%", 1.0, Benefit), ("200 万元", 2e6, Threshold), ("20%", 20.0, Benefit)],
        );
        assert_eq!(max_benefit(&amounts("对月销售额 10万元以下的小规模纳税人，免征增值税。")), None);
    }

    #[test]
    fn a_share_of_a_measure_is_a_benefit_rate_and_the_cap_after_it_counts() {
        let text = "手车销售额超过 5000 万元且当年增速达到 10%以上的，按其二手车销售额的 0.5%给予奖励，最高不超过100 万元。";
        check(text, &[("5000 万元", 5e7, Threshold), ("10%", 10.0, Threshold), ("0.5%", 0.5, Benefit), ("100 万元", 1e6, Benefit)]);
        assert_eq!(max_benefit(&amounts(text)), Some(1e6));
    }

    #[test]
    fn kinds_and_units() {
        let kinds = |text: &str| amounts(text).iter().map(|a| a.kind).collect::<Vec<_>>();
        assert_eq!(kinds("给予 5000 元/床一次性建设补助，按每人每月 300元，最高 50万元"), [AmountKind::PerUnit, AmountKind::PerUnit, AmountKind::Cap]);
        assert_eq!(kinds("价格扣除优惠为 15%-20%，给予 1-3万元，给予 30万元"), [AmountKind::Range, AmountKind::Range, AmountKind::Fixed]);
        // Gas volumes, people, model names and years are not money.
        assert!(amounts("新增用气量在 500万立方米以上，吸纳 1 万余人，5G 基站，2023 年").is_empty());
        // A bare 万 closing a list is money.
        assert_eq!(read("给予获奖单位 100 万元、70 万元、50 万的资金奖励").len(), 3);
    }

    #[test]
    fn char_ranges_are_char_offsets() {
        let a = &amounts("奖励１０万元")[0];
        assert_eq!((a.start, a.end, a.yuan), (2, 6, Some(1e5)));
    }
}
