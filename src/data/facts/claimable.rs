//! `claimable`: whether an enterprise could act on a point — and which of its sentences say what.
//!
//! Design choice: claimability is decided clause by clause. A clause is *concrete* when it names
//! something an enterprise can identify and then receive or use — money it is paid, a tax or fee
//! cut, a time limit, a procedure removed, a named window or hotline, a market opened, a procurement
//! share — and it is not *hedged*: a target (力争, 目标) hedges its whole sentence, an exhortation
//! (鼓励, 引导, 探索…) its clause and what the following clauses ask of the same subject. A point is
//! claimable when one of its sentences has a concrete clause. Targets, internal government work and
//! exhortation simply carry no such cue, so they need no rule of their own. The unhedged clauses are
//! also what `tags` reads `support` and the groups from, so that "records the concrete measures only"
//! holds by construction. This module owns the cues; it does not decide tags.

use super::text::{contains_any, is_clause_break, sentences};
use crate::data::vocab::{Amount, AmountRole};

/// Money paid out: with a verb of paying in the same clause (a benefit figure pays by itself).
const GRANT_WORDS: &[&str] = &[
    "奖励", "补助", "补贴", "奖补", "资助", "贴息", "经费支持", "资金支持", "以奖代补", "以投代补", "奖金", "创新券", "算力券",
    "开办补助", "资金重点支持", "资金主要用于", "资金用于", "支持资金",
];

/// A funded programme named with its money: paid out without a verb ("联合资助项目资助经费由…出资").
const PROGRAMMES: &[&str] = &["联合资助", "资助经费", "专项经费支持", "引导性支持"];

/// Terms of a financing product or a provider's service standard: concrete with a figure in the same
/// clause, even where banks are exhorted to offer them ("设立专项贷款，给予单户授信额度最高 3000
/// 万元、不超过 4%的优惠利率贷款").
const TERMS: &[&str] = &["费率", "利率", "授信额度", "贷款"];

/// Verbs that pay a grant word out rather than name it ("完善保险补助机制" pays nothing).
const PAYING_VERBS: &[&str] = &["给予", "予以", "给", "发放", "兑现", "拨付", "享受", "进行", "申请", "申领", "落实"];

/// Cues that are concrete on their own: cuts, time limits, procedures, channels, markets.
const CONCRETE: &[&str] = &[
    // taxes, fees, contributions
    "免征", "减征", "减半征收", "减按", "退税", "加计扣除", "缓缴", "免收", "免除", "不收取", "零收费", "零投资", "零成本", "免费", "返还", "即征即退",
    // procedures
    "免申即享", "即时批复", "即可", "不再", "无需", "承诺制", "告知承诺", "绿色通道", "工作日", "日内", "个月内", "办结",
    "压缩至", "容缺", "精简", "一次告知", "一网通办", "全程网办", "一件事一次办", "全面推行", "推行", "实行", "允许", "取消",
    "不需", "无须", "只需", "免于",
    // channels an enterprise can use
    "服务窗口", "热线", "专区", "可申请", "可享受", "可以申请", "可以享受", "可凭", "可获得", "可获取", "可直接", "直接申报",
    "可叠加享受", "维权援助", "线上平台", "服务平台", "优惠政策",
    "不予处罚", "首次不罚", "免罚",
    // markets and procurement
    "预留", "价格扣除", "预付款", "放开", "开放",
    // finance with terms
    "贴息", "授信", "担保费率", "降至",
];

/// Words that make a whole sentence a target.
const TARGETS: &[&str] = &["力争", "争取", "的目标", "目标是", "目标为", "目标任务"];

/// Words that make their clause an exhortation or open-ended process rather than a measure.
const HEDGES: &[&str] = &["鼓励", "引导", "探索", "逐步", "倡导", "进一步放开", "研究制定", "积极推动"];

/// A sentence of a point, with what the rules need to know about it.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Names something an enterprise can receive or use in a clause that is not hedged.
    pub concrete: bool,
    /// Pays money out: a benefit figure, or a grant word with a verb of paying, in such a clause.
    pub grant: bool,
    /// The sentence without its hedged clauses: where support types are read.
    pub measures: String,
}

/// The point's sentences, each marked concrete or not. `amounts` are the point's figures, whose
/// benefits make their clause concrete. A target (力争…) hedges its sentence; an exhortation (鼓励…)
/// hedges its clause and what the clauses after it ask of the same subject ("鼓励金融机构…，建立
/// 审批绿色通道"), but not money the government pays after it ("鼓励企业开展认证，经评审，给予最高
/// 100 万元奖励").
pub fn read(text: &str, amounts: &[Amount]) -> Vec<Sentence> {
    let mut offset = 0u32;
    sentences(text)
        .map(|s| {
            let target = contains_any(s, TARGETS);
            let mut exhorted = false;
            let mut sentence = Sentence { concrete: false, grant: false, measures: String::new() };
            for clause in s.split_inclusive(is_clause_break) {
                let len = clause.chars().count() as u32;
                let figures: Vec<&Amount> = amounts.iter().filter(|a| a.start >= offset && a.end <= offset + len).collect();
                let pays = figures.iter().any(|a| a.role == AmountRole::Benefit && a.yuan.is_some());
                offset += len;
                if target || contains_any(clause, HEDGES) {
                    exhorted = true;
                    continue;
                }
                let grant = pays || contains_any(clause, PROGRAMMES) || (contains_any(clause, GRANT_WORDS) && contains_any(clause, PAYING_VERBS));
                let terms = !figures.is_empty() && contains_any(clause, TERMS);
                let concrete = grant || terms || (!exhorted && concrete(clause));
                sentence.grant |= grant;
                sentence.concrete |= concrete;
                if concrete || !exhorted {
                    sentence.measures.push_str(clause);
                }
            }
            sentence
        })
        .collect()
}

/// Whether the clause carries a concrete cue other than a grant.
fn concrete(clause: &str) -> bool {
    CONCRETE.iter().any(|cue| clause.contains(cue) && !negated(clause, cue)) || gives_something(clause)
}

/// "给予相应用地支持", "享受“惠商保”政策", "提供员工招聘、用工指导服务": a verb of giving with
/// something identifiable — a support type's word — given (after 提供: an enterprise's own
/// "提供物流服务" in a clause about land gives nothing).
fn gives_something(clause: &str) -> bool {
    let provides = clause.find("提供").is_some_and(|at| super::tags::names_support(&clause[at..]));
    provides || (contains_any(clause, &["给予", "享受"]) && super::tags::names_support(clause))
}

/// A cue that, in context, gives nothing: "进一步放开" is process, opening something that is not a
/// market is not a right, a 返还 to a government is not the enterprise's, 落实行政检查 is not 实行.
fn negated(s: &str, cue: &str) -> bool {
    match cue {
        "放开" | "开放" => s.contains("进一步放开") || !contains_any(s, &["市场", "经营权"]),
        "实行" => s.match_indices(cue).all(|(at, _)| s[..at].ends_with('落')) || contains_any(s, &["清单制管理", "考核", "监管", "督查"]),
        // "推行…行动", "推行…招商模式" are the government's own campaigns.
        "全面推行" | "推行" => contains_any(s, &["清单制管理", "考核", "监管", "督查", "制度", "行动", "政务", "改革", "模式", "机制"]),
        "不再" => s.contains("不再重复"),
        "降至" => !contains_any(s, &["费率", "利率", "电价", "价格"]),
        "返还" => contains_any(s, &["管委会", "政府", "分成"]),
        "优惠政策" => !contains_any(s, &["落实", "享受", "执行"]),
        _ => false,
    }
}

/// Whether an enterprise could act on the point: some sentence is concrete.
pub fn claimable(sentences: &[Sentence]) -> bool {
    sentences.iter().any(|s| s.concrete)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::facts::amounts::amounts;

    fn is_claimable(text: &str) -> bool {
        claimable(&read(text, &amounts(text)))
    }

    #[test]
    fn concrete_measures_are_claimable() {
        for text in [
            "对首次认定的企业，给予一次性奖励 50 万元。",
            "支持校企联合培养产业发展急需的应用型人才，对企业给予适当补助。",
            "项目单位签订具有法律效力的承诺书后，政府部门即时批复相关事项。",
            "在省、市、县政务服务大厅设立涉企政策服务平台服务窗口。",
            "将制造业纳税人增量留抵退税办理时间压缩至 2 个工作日内。",
            "放开水电暖报装设计、施工市场。",
            "400 万元以下的政府采购项目全部预留给予中小企业。",
            "对养老托育服务机构，一律免除 2022 年 8 月到 12 月租金。",
            "鼓励企业开展碳足迹认证，经评审，给予最高 100 万元的一次性奖励。",
            "支持民营企业建设民营经济大厦，给予相应用地支持。",
            "对符合条件的个体工商户转企业成功后享受“惠商保”政策。",
            "符合条件的高校毕业生，向人社部门提出书面创业补贴申请。",
            "鼓励金融机构设立专项贷款，给予单户授信额度最高 3000 万元、原则上不超过 4%的优惠利率贷款。",
            "参保企业裁员率不高于全国城镇调查失业率控制目标的，可以申请失业保险稳岗返还。",
            "落实住房、子女入学、家属就业等方面优惠政策。",
        ] {
            assert!(is_claimable(text), "{text}");
        }
    }

    #[test]
    fn targets_exhortation_and_internal_work_are_not() {
        for text in [
            "进一步放开化工、电力、天然气等领域节能环保竞争性业务。",
            "通过完善知识产权保险补助、知识产权质押融资风险分担和损失补偿机制，进一步为金融推动民营企业科技创新提供有利条件。",
            "建立督查制度，对及时支付中小企业款项工作进行监督检查。",
            "到 2025 年，力争培育 100 家企业，给予奖励。",
            "鼓励商业银行给予优惠利率贷款。",
            "鼓励金融机构对企业实施贷款优惠支持，建立贷款审批及放款流程快速响应的绿色通道。",
            "落实行政检查“五个严禁”“八个不得”要求。",
            "分期设立 10亿元省级天使投资基金。",
        ] {
            assert!(!is_claimable(text), "{text}");
        }
    }
}
