//! `support`, `beneficiaries` and `industries`: the vocabulary words a point is tagged with.
//!
//! Design choice: tags come from word tables (spec word ← the ways the list writes it), matched
//! longest first so that 中小微企业 is 中小企业 and not also 小微企业, and read only where the
//! conventions say a tag is earned. `support` is read from the concrete measures alone (concrete
//! sentences without their hedged clauses: what the enterprise actually receives). Groups and sectors
//! follow "aimed at the whole point or its main concrete benefit": the union of those named in the
//! concrete measures — unless one concrete measure is for enterprises in general, in which case only a
//! group the title names counts; a point with no concrete measure is tagged from its lead. A sweep
//! over four or more sectors, or an open list of them, is no restriction; banks are a group only when
//! the point pays them. This module owns the tables and these reading rules; which sentences are
//! concrete is `claimable`'s call.

use std::collections::BTreeSet;

use super::claimable::Sentence;
use super::text::{body, contains_any};
use crate::data::vocab::{Amount, AmountRole, Beneficiary, Industry, Support};

/// Words of each support type, looked for in concrete sentences. 资金奖补 is not here: it is earned
/// by money paid out (`Sentence::grant`), never by a refund or a cut.
const SUPPORT: &[(Support, &[&str])] = &[
    (
        Support::TaxAndFeeRelief,
        &[
            "免征", "减征", "减半", "减按", "退税", "留抵", "加计扣除", "缓缴", "失业保险费", "保险费率", "社会保险费",
            "社保费", "免收", "保证金", "滞纳金", "税收优惠", "免税",
            "减税", "降费", "收费", "即征即退", "税费", "印章", "刻章", "UKey", "Ukey", "返还", "保函",
        ],
    ),
    (
        Support::Financing,
        &[
            "贴息", "贷款", "担保", "融资", "信贷", "授信", "增信", "科技保险", "保费", "投保", "惠商保", "上市", "挂牌", "债券", "基金",
            "预付款", "拨投结合", "先投后股", "股权投资", "政采贷", "转贷", "应急周转",
        ],
    ),
    (
        Support::Staffing,
        &[
            "吸纳就业", "就业补贴", "招用", "稳岗", "培训", "人才", "职称", "技能", "见习", "用工", "岗位补贴", "社会保险补贴", "子女",
            "技工", "职业介绍", "毕业生", "招聘",
        ],
    ),
    (Support::LandAndPremises, &["用地", "土地供应", "供应土地", "厂房", "租金", "房租", "房屋", "场地", "标准地", "供地", "楼宇", "租赁"]),
    (
        Support::UtilityCosts,
        &["电价", "用电", "电费", "用电报装", "供电", "接电", "用水", "水价", "用气", "气价", "供气", "物流成本", "算力券", "算力服务", "运费"],
    ),
    (
        Support::Markets,
        &["政府采购", "采购项目", "预留", "价格扣除", "评审优惠", "展会", "博览会", "参展", "出口", "消费券", "以旧换新", "放开", "经营权", "首购", "订购", "展销"],
    ),
    (
        Support::Approvals,
        &[
            "审批", "办理时限", "办理时间", "即办", "办结", "承诺制", "告知承诺", "承诺书", "免申即享", "绿色通道", "一网通办", "网上办", "全程网办", "即时",
            "时限", "工作日", "压缩", "简化", "取消", "合并", "通关", "一件事", "容缺", "无需", "即可", "核准", "备案", "许可",
            "一站式", "并联", "精简",
        ],
    ),
    (
        Support::Rights,
        &[
            "拖欠", "清欠", "款项", "投诉", "维权", "知识产权保护", "首次不罚", "不予处罚", "免罚", "轻微违法", "诉求", "涉法",
            "侵权", "支付时限", "及时支付", "按时支付", "过程结算", "及时结算", "工程结算",
        ],
    ),
    (
        Support::Services,
        &[
            "服务平台", "线上平台", "服务窗口", "咨询", "辅导", "对接", "宣讲", "法律服务", "热线", "专业指导", "指导服务", "服务指南",
            "合规指引", "政策解读", "公共服务", "服务站", "一对一",
        ],
    ),
];

use Beneficiary as B;

/// How the list names each group. A term may carry two words (科技型企业 is both kinds of tech firm).
const GROUPS: &[(&str, &[Beneficiary])] = &[
    ("小微企业", &[B::SmallAndMicro]),
    ("微型企业", &[B::SmallAndMicro]),
    ("小型微利企业", &[B::SmallLowProfit]),
    ("小规模纳税人", &[B::SmallScaleTaxpayer]),
    ("中小企业", &[B::SmallAndMedium]),
    ("中小微企业", &[B::SmallAndMedium]),
    ("中小微", &[B::SmallAndMedium]),
    ("大中型企业", &[B::LargeAndMedium]),
    ("大型企业", &[B::LargeAndMedium]),
    ("个体工商户", &[B::IndividualBusiness]),
    ("个转企", &[B::IndividualBusiness]),
    ("民营企业", &[B::Private]),
    ("民营", &[B::Private]),
    ("非公有制", &[B::Private]),
    ("民间投资", &[B::Private]),
    ("民间资本", &[B::Private]),
    ("外资企业", &[B::ForeignInvested]),
    ("外商投资", &[B::ForeignInvested]),
    ("外资", &[B::ForeignInvested]),
    ("国有企业", &[B::StateOwned]),
    ("国企", &[B::StateOwned]),
    ("省属企业", &[B::StateOwned]),
    ("规上", &[B::AboveScale]),
    ("规模以上", &[B::AboveScale]),
    ("小升规", &[B::AboveScale]),
    ("达规入统", &[B::AboveScale]),
    ("初创", &[B::Startup]),
    ("新开办", &[B::Startup]),
    ("首次创业", &[B::Startup]),
    ("种子期", &[B::Startup]),
    ("高新技术企业", &[B::HighTech]),
    ("科技型企业", &[B::TechSme, B::HighTech]),
    // An early-stage tech firm is a small one: the SME standing, not the 高新 one.
    ("初创期科技型企业", &[B::Startup, B::TechSme]),
    ("科技型中小企业", &[B::TechSme]),
    ("专精特新", &[B::Specialised]),
    ("专精特新中小企业", &[B::Specialised]),
    ("专精特新小巨人", &[B::LittleGiant]),
    ("小巨人", &[B::LittleGiant]),
    ("单项冠军", &[B::SingleChampion]),
    ("链主", &[B::ChainLeader]),
    ("瞪羚", &[B::GazelleUnicorn]),
    ("独角兽", &[B::GazelleUnicorn]),
    ("上市公司", &[B::Listed]),
    ("企业上市", &[B::Listed]),
    ("上市的", &[B::Listed]),
    ("挂牌的", &[B::Listed]),
    ("新三板", &[B::Listed]),
    ("上市后备", &[B::Listed]),
    ("拟上市", &[B::Listed]),
    ("挂牌企业", &[B::Listed]),
    ("股改", &[B::Listed]),
    ("股份制改造", &[B::Listed]),
    ("老字号", &[B::TimeHonoured]),
    ("高校毕业生", &[B::Graduates]),
    ("毕业生", &[B::Graduates]),
    ("大学生", &[B::Graduates]),
    ("就业困难", &[B::HardToEmploy]),
    ("退役军人", &[B::Veterans]),
    ("高层次人才", &[B::HighLevelTalent]),
    ("领军人才", &[B::HighLevelTalent]),
    ("银行", &[B::FinancialInstitution]),
    ("担保公司", &[B::FinancialInstitution]),
    ("金融机构", &[B::FinancialInstitution]),
    ("担保机构", &[B::FinancialInstitution]),
    ("园区", &[B::Park]),
    ("中小企业园", &[B::Park]),
    ("开发区", &[B::Park]),
    ("孵化器", &[B::Park]),
    ("众创空间", &[B::Park]),
    ("载体", &[B::Park]),
    ("集聚区", &[B::Park]),
    ("高校", &[B::Research]),
    ("高等院校", &[B::Research]),
    ("科研院所", &[B::Research]),
    ("新型研发机构", &[B::Research]),
    ("省实验室", &[B::Research]),
    ("科研机构", &[B::Research]),
    ("行业协会", &[B::SocialOrganisation]),
    ("商会", &[B::SocialOrganisation]),
    ("社会组织", &[B::SocialOrganisation]),
    ("人力资源服务机构", &[B::SocialOrganisation]),
    ("平台经营方", &[B::SocialOrganisation]),
    ("促进机构", &[B::SocialOrganisation]),
];

use Industry as I;

/// How the list names each sector (GB/T 4754 where the conventions say so).
const SECTORS: &[(&str, &[Industry])] = &[
    ("制造业", &[I::Manufacturing]),
    ("工业企业", &[I::Manufacturing]),
    ("工业经济", &[I::Manufacturing]),
    ("航空装备", &[I::Manufacturing]),
    ("批发", &[I::WholesaleRetail]),
    ("零售", &[I::WholesaleRetail]),
    ("商贸", &[I::WholesaleRetail]),
    ("二手车", &[I::WholesaleRetail]),
    ("直播电商", &[I::WholesaleRetail, I::Digital]),
    ("住宿", &[I::Hospitality]),
    ("餐饮", &[I::Hospitality]),
    ("饭店", &[I::Hospitality]),
    ("民宿", &[I::Hospitality]),
    ("文旅", &[I::CultureTourism]),
    ("文化和旅游", &[I::CultureTourism]),
    ("旅游", &[I::CultureTourism]),
    ("景区", &[I::CultureTourism]),
    ("文化创意", &[I::CultureTourism]),
    ("文创", &[I::CultureTourism]),
    ("动漫", &[I::CultureTourism]),
    ("演出", &[I::CultureTourism]),
    ("文化产业", &[I::CultureTourism]),
    ("文化科技融合", &[I::CultureTourism]),
    ("文化和科技融合", &[I::CultureTourism]),
    ("文化企业", &[I::CultureTourism]),
    ("文产", &[I::CultureTourism]),
    ("文旅康养", &[I::CultureTourism, I::Care]),
    ("康养", &[I::Care]),
    ("养老", &[I::Care]),
    ("托育", &[I::Care]),
    ("家政服务", &[I::Care]),
    ("物流企业", &[I::TransportLogistics]),
    ("物流业", &[I::TransportLogistics]),
    ("快递", &[I::TransportLogistics]),
    ("货运", &[I::TransportLogistics]),
    ("交通运输", &[I::TransportLogistics]),
    ("通用航空", &[I::TransportLogistics]),
    ("建筑业", &[I::ConstructionRealEstate]),
    ("建筑企业", &[I::ConstructionRealEstate]),
    ("装配式建筑", &[I::ConstructionRealEstate]),
    ("房地产", &[I::ConstructionRealEstate]),
    ("数字经济", &[I::Digital]),
    ("数字贸易", &[I::Digital, I::ForeignTrade]),
    ("数字产业", &[I::Digital]),
    ("软件", &[I::Digital]),
    ("大数据", &[I::Digital]),
    ("数据中心", &[I::Digital]),
    ("算力", &[I::Digital]),
    ("人工智能", &[I::Digital]),
    ("平台经济", &[I::Digital]),
    ("平台企业", &[I::Digital]),
    ("电商平台", &[I::Digital]),
    ("电子商务", &[I::Digital]),
    ("互联网企业", &[I::Digital]),
    ("互联网平台", &[I::Digital]),
    ("数据要素", &[I::Digital]),
    ("数商", &[I::Digital]),
    ("信创", &[I::Digital]),
    ("煤炭", &[I::Energy]),
    ("煤矿", &[I::Energy]),
    ("电力", &[I::Energy]),
    ("能源领域", &[I::Energy]),
    ("能源企业", &[I::Energy]),
    ("新能源", &[I::Energy]),
    ("光伏", &[I::Energy]),
    ("风电", &[I::Energy]),
    ("氢能", &[I::Energy]),
    ("天然气", &[I::Energy]),
    ("煤层气", &[I::Energy]),
    ("充换电", &[I::Energy]),
    ("储能", &[I::Energy]),
    ("绿电", &[I::Energy]),
    ("现代农业", &[I::AgricultureFood]),
    ("农业产业", &[I::AgricultureFood]),
    ("农业企业", &[I::AgricultureFood]),
    ("农业经营", &[I::AgricultureFood]),
    ("农民专业合作社", &[I::AgricultureFood]),
    ("家庭农场", &[I::AgricultureFood]),
    ("农产品", &[I::AgricultureFood]),
    ("三农", &[I::AgricultureFood]),
    ("乡村产业", &[I::AgricultureFood]),
    ("食品", &[I::AgricultureFood]),
    ("白酒", &[I::AgricultureFood]),
    ("陈醋", &[I::AgricultureFood]),
    ("种业", &[I::AgricultureFood]),
    ("水产", &[I::AgricultureFood]),
    ("外贸", &[I::ForeignTrade]),
    ("国际市场", &[I::ForeignTrade]),
    ("海关", &[I::ForeignTrade]),
    ("保税", &[I::ForeignTrade]),
    ("跨境电商", &[I::ForeignTrade]),
    ("服务贸易", &[I::ForeignTrade]),
    ("加工贸易", &[I::ForeignTrade]),
    ("进出口", &[I::ForeignTrade]),
    ("技术转移", &[I::TechServices]),
    ("检验检测", &[I::TechServices]),
    ("科技服务", &[I::TechServices]),
    ("技术经纪", &[I::TechServices]),
    ("中医药", &[I::Health]),
    ("医疗", &[I::Health]),
    ("医药", &[I::Health]),
    ("药品", &[I::Health]),
    ("金融业", &[I::Finance]),
];

/// Words naming enterprises in general: a concrete measure for them is not aimed at a group.
const ANY_ENTERPRISE: &[&str] = &["企业", "市场主体", "经营主体"];

/// Whether `s` names enterprises in general — not only as the operator of something it names
/// ("给予运营企业一次性奖励": the base's operator, whose sector is the base's).
fn names_enterprises(s: &str) -> bool {
    ANY_ENTERPRISE.iter().any(|w| s.match_indices(w).any(|(at, _)| !["运营", "经营", "依托", "牵头"].iter().any(|r| s[..at].ends_with(r))))
}

/// The support types of the concrete measures (their sentences without hedged clauses).
pub fn support(sentences: &[Sentence]) -> Vec<Support> {
    let mut out = BTreeSet::new();
    for s in sentences.iter().filter(|s| s.concrete) {
        if s.grant {
            out.insert(Support::Grants);
        }
        out.extend(support_words(&s.measures));
    }
    out.into_iter().collect()
}

/// Whether `text` names something of a support type (other than money, which needs a figure or a
/// grant word).
pub fn names_support(text: &str) -> bool {
    support_words(text).next().is_some()
}

fn support_words(text: &str) -> impl Iterator<Item = Support> + '_ {
    SUPPORT.iter().filter(move |(word, cues)| contains_any(text, cues) && !rent_waiver_only(*word, text)).map(|(word, _)| *word)
}

/// A rent waiver (免除租金, 减免房租) is 用地用房, not a fee cut.
fn rent_waiver_only(word: Support, s: &str) -> bool {
    word == Support::TaxAndFeeRelief && contains_any(s, &["租金", "房租"]) && !contains_any(s, &["免征", "减征", "缓缴", "税"])
}

/// The groups the point is aimed at.
///
/// Banks and guarantors are a group only when they are paid (risk compensation, fee subsidies, a
/// fund-role figure in a sentence naming them): guidance asking them to lend is aimed at the
/// borrowers, not at them.
pub fn beneficiaries(text: &str, sentences: &[Sentence], amounts: &[Amount]) -> Vec<Beneficiary> {
    let banks_paid = paid_to_banks(text, amounts);
    let find = |s: &str| {
        let mut found = groups(s);
        if !banks_paid {
            found.retain(|b| *b != B::FinancialInstitution);
        }
        found
    };
    aimed(text, sentences, find, Reading { of_enterprises: |b| !NOT_ENTERPRISES.contains(b), lead_when_general: false })
}

/// Groups that are people or institutions: a later "企业" cannot refer back to them.
const NOT_ENTERPRISES: &[Beneficiary] =
    &[B::Graduates, B::HardToEmploy, B::Veterans, B::HighLevelTalent, B::FinancialInstitution, B::Park, B::Research, B::SocialOrganisation];

/// Whether the point pays banks, guarantors or insurers.
fn paid_to_banks(text: &str, amounts: &[Amount]) -> bool {
    const BANKS: &[&str] = &["银行", "金融机构", "担保机构", "保险机构", "法人机构"];
    let mut offset = 0u32;
    let paid_in_sentence = super::text::sentences(text).any(|s| {
        let len = s.chars().count() as u32;
        let range = offset..offset + len;
        offset += len;
        contains_any(s, BANKS) && amounts.iter().any(|a| a.role == AmountRole::Fund && a.yuan.is_some() && range.contains(&a.start))
    });
    paid_in_sentence || contains_any(text, &["风险补偿", "代偿补偿", "担保费补贴"])
}

/// The sectors the point is aimed at; a sweep over four or more is no restriction (nor is an open
/// list, see [`sectors`]).
pub fn industries(text: &str, sentences: &[Sentence]) -> Vec<Industry> {
    let found = aimed(text, sentences, sectors, Reading { of_enterprises: |_| true, lead_when_general: true });
    if found.len() >= 4 {
        Vec::new()
    } else {
        found
    }
}

/// How [`aimed`] reads one kind of tag.
struct Reading<T> {
    /// The words a later bare 企业 can refer back to.
    of_enterprises: fn(&T) -> bool,
    /// Beside a general measure, the title and first sentence decide (a sector the point opens with
    /// is its sector), rather than the title alone (a group one measure names is not the point's).
    lead_when_general: bool,
}

/// Tags by "aimed at the whole point or its main concrete benefit" (see the module essay). A measure
/// for "企业" in general is general — unless the 企业 is a bare back-reference ("对符合条件的企业",
/// "支持企业") to the group of enterprises an earlier sentence named, whose words it then carries
/// (`of_enterprises` says which words a 企业 can refer back to).
fn aimed<T: Ord + Copy>(text: &str, sentences: &[Sentence], find: impl Fn(&str) -> Vec<T>, read: Reading<T>) -> Vec<T> {
    if !sentences.iter().any(|s| s.concrete) {
        return find(lead(text));
    }
    let mut union = BTreeSet::new();
    let mut earlier: Vec<T> = Vec::new();
    let has_title = title(text).is_some();
    for (i, (s, plain)) in sentences.iter().zip(super::text::sentences(text)).enumerate() {
        // A title names the topic; the measures follow it.
        if s.concrete && !(i == 0 && has_title) {
            let found = find(&s.measures);
            if found.is_empty() && names_enterprises(&s.measures) {
                if earlier.is_empty() || !refers_back(&s.measures) {
                    return match title(text) {
                        Some(_) if read.lead_when_general => find(lead(text)),
                        Some(t) => find(t),
                        None => find(first_sentence(text)),
                    };
                }
                union.extend(earlier.iter().copied());
            }
            union.extend(found);
        }
        let named: Vec<T> = find(plain).into_iter().filter(read.of_enterprises).collect();
        if !named.is_empty() {
            earlier = named;
        }
    }
    if union.is_empty() {
        return find(lead(text));
    }
    union.into_iter().collect()
}

/// Whether every 企业 of `s` is a bare back-reference: after 的, 对, 支持, 各, 该, 上述 or 给予, and
/// not the head of another noun ("企业技术中心"); "500 强企业" or "困难企业" name enterprises of their
/// own.
fn refers_back(s: &str) -> bool {
    s.match_indices("企业").all(|(at, w)| {
        let before = &s[..at];
        let after = &s[at + w.len()..];
        ["的", "对", "支持", "各", "该", "上述", "给予", "予"].iter().any(|b| before.ends_with(b))
            && !["技术", "研发", "总部", "集团", "中心"].iter().any(|a| after.starts_with(a))
    })
}

fn first_sentence(text: &str) -> &str {
    super::text::sentences(text).next().unwrap_or(text)
}

/// The point's title sentence ("加强财政支持。"), if it opens with one.
fn title(text: &str) -> Option<&str> {
    let text = text.trim_start_matches("（文件已废止）");
    let rest = body(text);
    (rest.len() < text.len()).then(|| &text[..text.len() - rest.len()])
}

/// Title and first sentence of the body: what the point says it is about.
fn lead(text: &str) -> &str {
    let text = text.trim_start_matches("（文件已废止）");
    let rest = body(text);
    let first = first_sentence(rest);
    &text[..text.len() - rest.len() + first.len()]
}

/// The sectors named in `s`, by [`SECTORS`], except two or more in an open list ("先进制造业、
/// 现代农业、特色轻工业等现代产业"): examples of a sweep, not a restriction. Sectors named outside
/// the list still count ("推广数字经济…在制造、商贸、文旅等领域应用" is 数字经济).
fn sectors(s: &str) -> Vec<Industry> {
    let mut kept = s.to_string();
    for (start, end) in open_lists(s) {
        if matches(&s[start..end], SECTORS).len() >= 2 {
            kept.replace_range(start..end, &"　".repeat(s[start..end].chars().count()));
        }
    }
    matches(&kept, SECTORS)
}

/// Byte ranges of the lists `s` closes with 等 and a word for sectors ("…、文旅等重点领域",
/// "…等公用事业", "…等十四大标志性引领性产业集群"), each from the start of its clause to the 等.
fn open_lists(s: &str) -> Vec<(usize, usize)> {
    s.match_indices('等')
        .filter(|(at, _)| {
            let next: String = s[*at..].chars().skip(1).take(12).collect();
            contains_any(&next, &["产业", "领域", "行业", "事业", "服务机构"])
        })
        .map(|(at, _)| {
            let start = s[..at].rfind(['，', '。', '；', '：']).map_or(0, |i| i + '，'.len_utf8());
            (start, at)
        })
        .collect()
}

/// The groups named in `s`, by [`GROUPS`], except 个体工商户 beside enterprises in general
/// ("企业和个体工商户" is everyone; "小微企业和个体工商户" is both groups).
fn groups(s: &str) -> Vec<Beneficiary> {
    let s = &without_examples(&without_slogans(&without_offices(s)));
    let mut out: BTreeSet<Beneficiary> = matches(s, GROUPS).into_iter().collect();
    if out.contains(&B::IndividualBusiness) && s.match_indices("个体工商户").all(|(at, _)| beside_any_enterprise(&s[..at])) && !s.contains("个转企") {
        out.remove(&B::IndividualBusiness);
    }
    out.into_iter().collect()
}

/// `s` with the names of government offices and standards blanked ("中小企业主管部门", "中小企业划型
/// 标准"): a group in such a name is not the group the point is for.
fn without_offices(s: &str) -> String {
    let mut out = s.to_string();
    for office in ["主管部门", "管理部门", "促进局", "发展局", "工作领导小组", "划型标准"] {
        while let Some(at) = out.find(office) {
            let start = out[..at].rfind(['，', '。', '、', '；', '（', '的', '和']).map_or(0, |i| i + out[i..].chars().next().map_or(0, char::len_utf8));
            out.replace_range(start..at + office.len(), "");
        }
    }
    out
}

/// `s` without the examples of a group ("将重点产业链、专精特新企业等民营企业纳入" is for 民营企业): a
/// list (items joined by 、) closed by 等 and a group's name is blanked, from the word before its
/// first item.
fn without_examples(s: &str) -> String {
    const STOPS: [char; 14] = ['，', '。', '；', '：', '将', '对', '把', '从', '向', '与', '在', '的', '为', '和'];
    let mut out = s.to_string();
    let heads: Vec<usize> = s
        .match_indices('等')
        .filter(|(at, w)| GROUPS.iter().any(|(term, _)| s[at + w.len()..].starts_with(term)))
        .map(|(at, _)| at)
        .collect();
    for at in heads.into_iter().rev() {
        let start = s[..at].rfind(STOPS).map_or(0, |i| i + '，'.len_utf8());
        if s[start..at].contains('、') {
            out.replace_range(start..at, &"　".repeat(s[start..at].chars().count()));
        }
    }
    out
}

/// `s` without quotation marks (“专精特新”中小企业 is one term) and without quoted slogan lists
/// ("推动“个转企、小升规、规改股、股上市”" names a programme, not the groups it is for).
fn without_slogans(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('“') {
        out.push_str(&rest[..open]);
        let inner_start = open + '“'.len_utf8();
        let Some(close) = rest[inner_start..].find('”') else {
            rest = &rest[inner_start..];
            break;
        };
        let inner = &rest[inner_start..inner_start + close];
        if inner.matches('、').count() < 2 {
            out.push_str(inner);
        }
        rest = &rest[inner_start + close + '”'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Whether text ending here reads "…企业和" with an unqualified 企业 (各类企业, 市场主体).
fn beside_any_enterprise(before: &str) -> bool {
    let Some(stem) = ["企业和", "企业、", "企业及", "企业与", "市场主体和", "市场主体、"].iter().find_map(|j| before.strip_suffix(j)) else {
        return false;
    };
    !["小微", "中小", "微利", "微型", "小型", "大型", "中型", "服务"].iter().any(|q| stem.ends_with(q))
}

/// Words of `table` named in `s`, longest terms first, a shorter term inside a longer match ignored.
fn matches<T: Ord + Copy>(s: &str, table: &[(&str, &[T])]) -> Vec<T> {
    let mut terms: Vec<&(&str, &[T])> = table.iter().collect();
    terms.sort_by_key(|(term, _)| std::cmp::Reverse(term.len()));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = BTreeSet::new();
    for (term, words) in terms {
        for (at, _) in s.match_indices(term) {
            let end = at + term.len();
            if taken.iter().any(|&(a, b)| at < b && a < end) {
                continue;
            }
            taken.push((at, end));
            out.extend(words.iter().copied());
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::facts::{amounts::amounts, claimable::read};

    fn tags(text: &str) -> (Vec<Support>, Vec<Beneficiary>, Vec<Industry>) {
        let sentences = read(text, &amounts(text));
        (support(&sentences), beneficiaries(text, &sentences, &amounts(text)), industries(text, &sentences))
    }

    #[test]
    fn support_from_concrete_measures_only() {
        let (s, _, _) = tags("对企业给予适当补助。积极推荐技能人才申报职称评审，给予技能人才能力提升奖励。");
        assert_eq!(s, [Support::Grants, Support::Staffing]);
        let (s, _, _) = tags("一律免除 2022 年 8 月到 12 月租金。鼓励商业银行给予优惠利率质押贷款。");
        assert_eq!(s, [Support::LandAndPremises]);
        let (s, _, _) = tags("简化缓缴社会保险费流程，审核即可，不再报审批。");
        assert_eq!(s, [Support::TaxAndFeeRelief, Support::Approvals]);
        assert!(tags("通过完善知识产权保险补助机制，进一步提供有利条件。").0.is_empty());
    }

    #[test]
    fn groups_longest_term_wins_and_enterprises_in_general_are_no_group() {
        assert_eq!(groups("中小微企业"), [B::SmallAndMedium]);
        assert_eq!(groups("对增值税小规模纳税人、小型微利企业和个体工商户减半征收"), [B::SmallLowProfit, B::SmallScaleTaxpayer, B::IndividualBusiness]);
        assert_eq!(groups("支持各类企业和个体工商户"), []);
        assert_eq!(groups("初创期科技型企业"), [B::Startup, B::TechSme]);
        assert_eq!(groups("“专精特新”中小企业"), [B::Specialised]);
        assert_eq!(groups("及时将重点产业链、特色专业镇、专精特新企业等民营企业纳入重点企业服务清单"), [B::Private]);
        assert_eq!(groups("支持民营企业成长壮大，推动“个转企、小升规、规改股、股上市”。"), [B::Private]);
        assert_eq!(groups("科技型企业"), [B::HighTech, B::TechSme]);
    }

    #[test]
    fn a_general_measure_beside_a_targeted_one_leaves_only_the_titles_group() {
        let text = "打造高质量楼宇经济。支持民营企业建设民营经济大厦，给予相应用地支持。对世界 500 强企业设立地区总部的，给予开办补助。";
        assert_eq!(tags(text).1, []);
        let text = "对中小微企业购买科技服务费用进行后补助。各企业每年度兑现总额不超过 50万元。";
        assert_eq!(tags(text).1, [B::SmallAndMedium]);
    }

    #[test]
    fn banks_are_a_group_only_when_paid() {
        assert_eq!(tags("引导银行业金融机构积极对接平台，提升中小微企业首贷户拓展比例。").1, [B::SmallAndMedium]);
        let text = "对商业银行向企业发放的贷款进行风险补偿，单一法人机构年最高补偿 200 万元。";
        assert_eq!(tags(text).1, [B::FinancialInstitution]);
    }

    #[test]
    fn a_bare_enterprise_refers_back_to_the_group_named_before() {
        let text = "对企业知识产权质押贷款进行贴息。支持中小企业申请知识产权质押融资补助，对符合申报条件的企业给予企业一定的贴息补助。";
        assert_eq!(tags(text).1, [B::SmallAndMedium]);
        let text = "支持绿色低碳示范。引导制造业绿色低碳转型，企业创建绿色工厂的，给予最高 200 万元奖励。支持企业开展清洁生产改造，最高 500 万元。";
        assert_eq!(tags(text).2, [I::Manufacturing]);
        // An office's name is not a group.
        assert_eq!(groups("通过各市县中小企业主管部门核实的企业"), []);
        assert_eq!(groups("支持创新型中小企业通过专利、商标等知识产权质押方式从银行等金融机构获得融资"), [B::SmallAndMedium, B::FinancialInstitution]);
    }

    #[test]
    fn sectors_and_sweeps() {
        let text = "组织开展重大文旅康养项目建设贷款贴息补助资金申报，同一企业年度贴息额度不超过 500 万元。";
        assert_eq!(tags(text).2, [I::CultureTourism, I::Care]);
        let text = "支持民营企业依法兴办医疗机构、养老机构、文化旅游、物流企业等，给予奖励。";
        assert_eq!(tags(text).2, []);
        let text = "对制造业、文旅、医疗等重点领域项目贷款进行贴息，贷款贴息实施“免申即享”。";
        assert_eq!(tags(text).2, []);
        let text = "推广数字经济融合应用。鼓励新技术在制造业、商贸、文旅等领域应用，对获得示范项目的，给予奖励。";
        assert_eq!(tags(text).2, [I::Digital]);
        // Without a concrete measure, the lead decides.
        assert_eq!(tags("推进贸易数字化，支持供应商为中小微外贸企业提供服务。").1, [B::SmallAndMedium]);
    }
}
