//! The query analyzer: what the user typed → concepts to match, in the browser, with only the index.
//!
//! Design choice: a query is a list of *concepts*, each a set of alternative strings with weights (the
//! typed word, its synonyms, its pinyin or homophone readings as corpus words). A point satisfies a
//! concept if it contains any alternative as a substring; ranking and the full/partial split work on
//! concepts, so a synonym can never count twice and a question's filler words (有哪些, 怎么) are not
//! concepts at all. Han runs are segmented with the corpus's own vocabulary (charabia's words, read
//! back from the index) plus the thesaurus keys and the tag words no text uses (合作社), so query and
//! index split text the same way; quantities in words (一批, 大半年) are filler like the question words.
//! Document numbers are recognised with `data::docno` (the one parser), amounts keep their number and
//! unit together. Everyday words reach the list's words through the thesaurus (奶茶店 → 餐饮), a
//! business name that neither the texts nor the thesaurus know through its head, the kind of business
//! (印刷厂 → 厂 → 制造业); a word no text uses records what it was read as so the answer can say so, and
//! a query in quotes is read literally, the way back from such a translation. An owner who is about to
//! open the business they name (开个奶茶店) is also asking for start-up support: a weak 创业 concept. This module owns that
//! reading of a query; it must not score or touch the UI.

use crate::data::docno::{self, is_han, DocNo};
use crate::data::field::FilterKey;

use super::lexicon::Lexicon;
use super::normalize::{fold_query, is_invisible, is_pictograph};
use super::pinyin::SyllableSet;
use super::spell::spell;
use super::tags::Tag;
use super::Tables;

/// Longer queries are cut to this many chars (a pasted page is not a query).
pub const MAX_QUERY_CHARS: usize = 100;

/// Removed entirely: question filler and function words.
const STOP: &[&str] = &[
    "的", "了", "吗", "呢", "啊", "吧", "呀", "和", "与", "及", "或", "是", "在", "对", "有", "没", "没有", "不", "到",
    "得", "我", "我们", "你", "您", "他", "它", "请问", "想", "想要", "要", "能", "能否", "能不能", "可以", "怎么",
    "怎样", "怎么样", "如何", "怎么办", "哪些", "哪个", "哪里", "什么", "啥", "有哪些", "有什么", "有没有", "多少",
    "一下", "关于", "问", "如果", "为什么", "么", "哪", "谁", "给", "让", "把", "被", "就", "都",
    "也", "又", "该", "应该", "需要", "去", "这", "那", "这个", "那个", "咋", "咋办",
    // How an owner introduces the business (开个奶茶店, 办一家幼儿园): the business type is the concept
    // (and, for the words in [`STARTING`], that the business is yet to be started).
    "开个", "开一家", "办一家", "办个", "一家", "开了", "开了个", "开了一家",
    // Conversational padding: who, when, how much, how often — never what a policy is about.
    "自己", "今年", "去年", "现在", "目前", "刚", "刚刚", "已经", "一直", "还是", "十几", "几个", "一些", "很多",
    "很", "太", "比较", "特别", "各个", "各种", "怕", "老是", "总是", "经常",
    // 我们是做动漫的: what follows 做 is the business.
    "做", "搞",
];

/// Kept for ranking but never required: words nearly every policy point shares.
const WEAK: &[&str] = &[
    "企业", "政策", "办理", "申请", "享受", "相关", "规定", "条件", "标准", "支持", "补贴政策", "优惠政策", "扶持",
    "问题", "情况", "公司", "单位", "服务", "办法", "措施", "获得", "给予", "怎么申请",
    // Qualifiers of an amount: the amount is the concept, how it is capped is worded many ways.
    "最高", "最多", "不超过", "以上", "以下", "上限", "最低",
    // Question words: the thesaurus reads them as what is asked (多久 → 时限, 工作日), which ranks the
    // points that answer it higher, but a point that does not word its answer so is still an answer.
    "多少钱", "给多少", "补多少", "多长时间", "多久", "几天", "怎么办理", "找谁", "找哪里",
];

/// Filler that says the owner is about to start the business they name (开个奶茶店, 办一家幼儿园):
/// starting one is then part of what they ask, and the list's start-up support (创业 subsidies and
/// loans, the points tagged 初创企业) answers it, so a weak concept [`STARTING_CONCEPT`] joins the query
/// when the texts use it. Not 开了: that business is open already.
const STARTING: &[&str] = &["开个", "开一家", "办一家", "办个"];
const STARTING_CONCEPT: &str = "创业";

/// Units that belong to the number before them.
const UNITS: &[&str] = &[
    "个百分点", "千瓦时", "平方米", "亿元", "万元", "千元", "周岁", "千瓦", "元", "亿", "万", "倍", "家", "人", "名", "项",
    "年", "月", "日", "天", "次", "台", "套", "亩", "吨", "岁", "%",
];

/// Weight factor for readings the user did not literally type.
const PINYIN_WEIGHT: f32 = 0.9;
const VAGUE_PINYIN_WEIGHT: f32 = 0.8;
const HOMOPHONE_WEIGHT: f32 = 0.85;

/// One way a concept can be present in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Alt {
    pub term: Vec<char>,
    pub weight: f32,
    /// Starts or ends with a digit that must not continue into a longer number.
    pub numeric: bool,
    /// When set, a loose match instead: every part somewhere in the text, in any order (a compound
    /// typed whole, 数字化转型, that a text words apart, 数字化…转型).
    pub parts: Vec<Vec<char>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// What the user typed for it (folded).
    pub label: String,
    pub alts: Vec<Alt>,
    pub required: bool,
    /// The list's words a typed word that no text uses was read as (奶茶店 → 餐饮, 住餐), to tell the
    /// user; empty when the typed word itself occurs.
    pub read_as: Vec<String>,
    /// The facts' tags the typed word or a thesaurus reading names (餐饮 → 住宿餐饮), each with the
    /// weight of the best reading that names it: a point tagged so has the concept too.
    pub tags: Vec<(Tag, f32)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub concepts: Vec<Concept>,
    pub docnos: Vec<DocNo>,
    /// Runs of adjacent query words (as matched), for a bonus when a text has them side by side.
    pub phrases: Vec<Vec<char>>,
    pub suggestion: Option<String>,
    pub notice: Option<String>,
    /// The query was quoted: its words as typed, without the thesaurus (see [`literal_query`]).
    pub literal: bool,
}

impl Plan {
    /// Nothing to match: the search is a browse.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty() && self.docnos.is_empty()
    }
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn in_list(list: &[&str], w: &[char]) -> bool {
    list.iter().any(|s| s.chars().eq(w.iter().copied()))
}

#[derive(Debug)]
enum Piece {
    Han(Vec<char>),
    Latin(Vec<char>),
    /// A number, with its unit when one follows.
    Amount(Vec<char>),
}

/// What reading a query consults: the analyzer's tables and the corpus's lexicon.
struct Cx<'a> {
    tables: &'a Tables,
    lexicon: &'a dyn Lexicon,
    /// A quoted query: no thesaurus, no reordering.
    literal: bool,
}

impl Cx<'_> {
    fn is_word(&self, w: &[char]) -> bool {
        self.lexicon.is_word(w)
    }

    fn occurs(&self, term: &[char]) -> bool {
        self.lexicon.occurs(term)
    }

    fn spell(&self, sets: &[SyllableSet], typed: Option<(&[char], usize)>, limit: usize) -> Vec<Vec<char>> {
        spell(self.lexicon, self.tables.pinyin(), sets, typed, limit)
    }
}

/// Quote marks that make a query literal when they enclose all of it.
const QUOTES: &[(char, char)] = &[('"', '"'), ('“', '”'), ('＂', '＂'), ('「', '」')];

/// The literal form of a query: quoted, so that its words are searched as typed, without the
/// everyday-wording thesaurus. What the UI links to when an answer was translated.
pub fn literal_query(text: &str) -> String {
    format!("\"{}\"", unquoted(text).unwrap_or(text.trim()))
}

/// The text inside quotes that enclose a whole query.
fn unquoted(text: &str) -> Option<&str> {
    let t = text.trim();
    QUOTES.iter().find_map(|&(open, close)| t.strip_prefix(open)?.strip_suffix(close)).filter(|inner| !inner.trim().is_empty())
}

/// Reads a query.
pub fn analyze(tables: &Tables, lexicon: &dyn Lexicon, text: &str) -> Plan {
    let inner = unquoted(text);
    let cx = &Cx { tables, lexicon, literal: inner.is_some() };
    let text = inner.unwrap_or(text);
    let mut plan = Plan { literal: cx.literal, ..Plan::default() };
    let mut notices = Vec::new();
    let mut dropped = 0usize;
    let mut kept = String::new();
    let mut count = 0usize;
    let mut truncated = false;
    for c in text.chars() {
        if c.is_whitespace() {
            kept.push(' ');
        } else if is_invisible(c) || is_pictograph(c) {
            dropped += 1;
        } else if count < MAX_QUERY_CHARS {
            kept.push(c);
            count += 1;
        } else {
            truncated = true;
            break;
        }
    }
    if truncated {
        notices.push(format!("查询过长，只检索了前 {MAX_QUERY_CHARS} 个字"));
    }
    if dropped > 0 {
        notices.push(format!("已忽略 {dropped} 个表情或无法检索的字符"));
    }
    if !notices.is_empty() {
        plan.notice = Some(notices.join("；"));
    }

    let mut folded = fold_query(&kept, cx.tables.query_variants()).chars;
    plan.docnos = take_docnos(cx, &mut folded);

    let mut display: Vec<String> = Vec::new();
    let mut rewritten = false;
    let mut starting = false;
    let pieces = split(&folded);
    let mut k = 0;
    while k < pieces.len() {
        match &pieces[k] {
            Piece::Han(run) => {
                let (concepts, phrases, shown, starts) = han_concepts(cx, run);
                starting |= starts;
                rewritten |= shown.iter().collect::<String>() != run.iter().collect::<String>();
                display.push(shown.iter().collect());
                plan.concepts.extend(concepts);
                plan.phrases.extend(phrases);
            }
            Piece::Amount(term) => {
                display.push(term.iter().collect());
                let label: String = term.iter().collect();
                plan.concepts.push(Concept {
                    label,
                    alts: vec![Alt { term: term.clone(), weight: 1.0, numeric: true, parts: Vec::new() }],
                    required: true,
                    read_as: Vec::new(),
                    tags: Vec::new(),
                });
            }
            Piece::Latin(_) => {
                // Adjacent Latin words are read as one pinyin string first (zhuan jing te xin).
                let mut end = k;
                while end < pieces.len() && matches!(pieces[end], Piece::Latin(_)) {
                    end += 1;
                }
                let words: Vec<&Vec<char>> = pieces[k..end]
                    .iter()
                    .map(|p| match p {
                        Piece::Latin(w) => w,
                        _ => unreachable!("only Latin pieces in this range"),
                    })
                    .collect();
                let joined: Vec<char> = words.iter().flat_map(|w| w.iter().copied()).collect();
                if words.len() > 1 && words.iter().all(|w| !cx.occurs(w)) {
                    if let Some((concept, shown)) = latin_concept(cx, &joined) {
                        rewritten |= shown != joined.iter().collect::<String>();
                        display.push(shown);
                        plan.concepts.push(concept);
                        k = end;
                        continue;
                    }
                }
                for w in words {
                    let (concept, shown) = latin_concept(cx, w).unwrap_or_else(|| literal(w));
                    rewritten |= shown != w.iter().collect::<String>();
                    display.push(shown);
                    plan.concepts.push(concept);
                }
                k = end;
                continue;
            }
        }
        k += 1;
    }
    if plan.is_empty() {
        // A query of nothing but filler (什么) is still a query: match it literally.
        for p in &pieces {
            if let Piece::Han(run) = p {
                plan.concepts.push(concept_of(cx, run, 1.0));
            }
        }
    }
    if rewritten {
        plan.suggestion = Some(display.join(" "));
    }
    settle_required(&mut plan.concepts);
    let start = chars(STARTING_CONCEPT);
    if starting && !cx.literal && !plan.concepts.is_empty() && cx.occurs(&start) && !plan.concepts.iter().any(|c| c.label == STARTING_CONCEPT) {
        plan.concepts.push(Concept { required: false, ..concept_of(cx, &start, 1.0) });
    }
    plan
}

/// Concepts are required unless weak; a single char is weak beside longer words (it is usually a
/// fragment the vocabulary did not cover). If that leaves nothing required, everything is.
fn settle_required(concepts: &mut [Concept]) {
    let has_long = concepts.iter().any(|c| c.label.chars().count() > 1 && !in_list(WEAK, &chars(&c.label)));
    for c in concepts.iter_mut() {
        let label = chars(&c.label);
        let single_han = label.len() == 1 && is_han(label[0]);
        let fragment = single_han && has_long && c.alts.len() == 1;
        c.required = !in_list(WEAK, &label) && !fragment;
    }
    if !concepts.iter().any(|c| c.required) {
        for c in concepts.iter_mut() {
            c.required = true;
        }
    }
}

fn literal(w: &[char]) -> (Concept, String) {
    let label: String = w.iter().collect();
    let numeric = w.iter().any(|c| c.is_ascii_digit());
    let alts = vec![Alt { term: w.to_vec(), weight: 1.0, numeric, parts: Vec::new() }];
    (Concept { label: label.clone(), alts, required: true, read_as: Vec::new(), tags: Vec::new() }, label)
}

/// A Latin word: itself if the corpus has it, and the Chinese strings its pinyin spells.
fn latin_concept(cx: &Cx, w: &[char]) -> Option<(Concept, String)> {
    let label: String = w.iter().collect();
    let mut alts = Vec::new();
    let mut shown = label.clone();
    if cx.occurs(w) {
        alts.push(Alt { term: w.to_vec(), weight: 1.0, numeric: false, parts: Vec::new() });
    }
    if w.len() >= 2 && w.iter().all(|c| c.is_ascii_lowercase()) {
        for parse in cx.tables.pinyin().parse(&label).iter().take(8) {
            let found = cx.spell(&parse.sets, None, 3);
            if found.is_empty() {
                continue;
            }
            let weight = if parse.vague > 0 { VAGUE_PINYIN_WEIGHT } else { PINYIN_WEIGHT };
            if alts.is_empty() {
                shown = found[0].iter().collect();
            }
            for s in found {
                alts.push(Alt { term: s, weight, numeric: false, parts: Vec::new() });
            }
            break;
        }
    }
    (!alts.is_empty()).then_some((Concept { label, alts, required: true, read_as: Vec::new(), tags: Vec::new() }, shown))
}

/// Splits a folded query into Han runs, Latin words and amounts; everything else separates.
fn split(q: &[char]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < q.len() {
        let c = q[i];
        if is_han(c) {
            let start = i;
            while i < q.len() && is_han(q[i]) {
                i += 1;
            }
            out.push(Piece::Han(q[start..i].to_vec()));
        } else if c.is_ascii_lowercase() {
            let start = i;
            while i < q.len() && q[i].is_ascii_alphanumeric() {
                i += 1;
            }
            out.push(Piece::Latin(q[start..i].to_vec()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < q.len() && (q[i].is_ascii_digit() || (q[i] == '.' && q.get(i + 1).is_some_and(char::is_ascii_digit))) {
                i += 1;
            }
            if i < q.len() && q[i].is_ascii_lowercase() {
                while i < q.len() && q[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(Piece::Latin(q[start..i].to_vec()));
                continue;
            }
            let mut j = i;
            while j < q.len() && q[j] == ' ' {
                j += 1;
            }
            let unit = UNITS.iter().map(|u| chars(u)).find(|u| q[j..].starts_with(u));
            let mut term = q[start..i].to_vec();
            if let Some(u) = unit {
                term.extend(&u);
                i = j + u.len();
            }
            out.push(Piece::Amount(term));
        } else {
            i += 1;
        }
    }
    out
}

/// Segments a Han run with the corpus vocabulary, the thesaurus keys, the tag words no text uses and
/// the filler (fewest segments wins, so the longest known words are kept whole; between as few, the one
/// with more filler, so 十几个|人 rather than 十几|个人). A tag word no text uses (合作社) would be split
/// by the corpus vocabulary alone (合作|社) and lose its tag; one the texts use is split as they are.
fn segment(cx: &Cx, run: &[char]) -> Vec<Vec<char>> {
    let n = run.len();
    let longest = 8.max(cx.tables.synonyms.longest());
    let known = |w: &[char]| {
        cx.is_word(w) || cx.tables.synonyms.contains(w) || (cx.tables.tags.contains(w) && !cx.occurs(w)) || is_filler(w) || in_list(WEAK, w)
    };
    // (segments, filler chars as a negative count, where the last segment starts)
    let mut best: Vec<(usize, isize, usize)> = vec![(usize::MAX, 0, 0); n + 1];
    best[0] = (0, 0, 0);
    for end in 1..=n {
        for start in end.saturating_sub(longest)..end {
            if best[start].0 == usize::MAX {
                continue;
            }
            let w = &run[start..end];
            if end - start == 1 || known(w) {
                let filler = if is_filler(w) { w.len() as isize } else { 0 };
                let cost = (best[start].0 + 1, best[start].1 - filler);
                if cost < (best[end].0, best[end].1) {
                    best[end] = (cost.0, cost.1, start);
                }
            }
        }
    }
    let mut segs = Vec::new();
    let mut end = n;
    while end > 0 {
        let start = best[end].2;
        segs.push(run[start..end].to_vec());
        end = start;
    }
    segs.reverse();
    segs
}

/// Chars that count something in everyday speech (几, 十, 半), and the measure words after them.
const NUMERALS: &str = "一二两三四五六七八九十百千万几半多大每";
const MEASURES: &str = "个家批次名位件项条种台套年月天日周岁回趟遍笔张间辆亩吨块";

/// Filler: a STOP word, or a quantity in words (一批, 几次, 大半年, 十几个): how many or how long is the
/// asker's situation, never what a policy is about (amounts in digits are read as amounts).
fn is_filler(w: &[char]) -> bool {
    if in_list(STOP, w) {
        return true;
    }
    let counted = w.iter().take_while(|c| NUMERALS.contains(**c)).count();
    w.len() >= 2 && counted >= 1 && counted < w.len() && w[counted..].iter().all(|c| MEASURES.contains(*c))
}

/// Concepts of one Han run, the phrases to reward, how the run was read (after repair), and whether
/// it says a business is being started ([`STARTING`]).
fn han_concepts(cx: &Cx, run: &[char]) -> (Vec<Concept>, Vec<Vec<char>>, Vec<char>, bool) {
    let mut starts = false;
    let mut concepts = Vec::new();
    let mut phrases = Vec::new();
    let mut shown = Vec::with_capacity(run.len());
    // A slip is repaired on the whole run first: a wrong char may look like filler (反还 → 反|还).
    let repaired = repair(cx, run);
    let (run, weight) = match &repaired {
        Some(fixed) => (fixed.as_slice(), HOMOPHONE_WEIGHT),
        None => (run, 1.0),
    };
    // Sub-runs are maximal stretches of non-filler segments; filler is shown as typed.
    let mut sub: Vec<Vec<char>> = Vec::new();
    let mut segs = segment(cx, run).into_iter();
    loop {
        let seg = segs.next();
        let boundary = seg.as_ref().is_none_or(|s| is_filler(s));
        if boundary && !sub.is_empty() {
            let text: Vec<char> = sub.concat();
            let (parts, weight) = match repaired.is_none().then(|| repair(cx, &text)).flatten() {
                Some(fixed) => (segment(cx, &fixed), HOMOPHONE_WEIGHT),
                None => (std::mem::take(&mut sub), weight),
            };
            sub.clear();
            let fixed: Vec<char> = parts.concat();
            shown.extend(&fixed);
            let pieces = merge_singles(parts);
            if pieces.len() > 1 {
                phrases.push(fixed);
            }
            concepts.extend(pieces.iter().map(|p| concept_of(cx, p, weight)));
        }
        match seg {
            None => break,
            Some(s) if boundary => {
                starts |= in_list(STARTING, &s);
                shown.extend(s);
            }
            Some(s) => sub.push(s),
        }
    }
    (concepts, phrases, shown, starts)
}

/// Consecutive single chars become one piece (网|约|车 → 网约车): a run of fragments is an unknown
/// word, to be matched as a whole rather than as scattered characters.
fn merge_singles(segs: Vec<Vec<char>>) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = Vec::new();
    let mut single_run = false;
    for s in segs {
        let single = s.len() == 1;
        match out.last_mut() {
            Some(last) if single && single_run => last.extend(s),
            _ => out.push(s),
        }
        single_run = single;
    }
    out
}

/// Weight of a compound matched loosely, relative to the compound itself.
const LOOSE_WEIGHT: f32 = 0.6;
/// Weight of a two-word compound found with its words the other way round.
const SWAPPED_WEIGHT: f32 = 0.9;
/// How many of the list's words an unknown typed word is shown as having been read as.
const READ_AS_SHOWN: usize = 2;

fn concept_of(cx: &Cx, piece: &[char], weight: f32) -> Concept {
    let mut alts = vec![Alt { term: piece.to_vec(), weight, numeric: false, parts: Vec::new() }];
    let synonyms = if cx.literal { &[][..] } else { cx.tables.synonyms.get(piece) };
    let synonyms = if synonyms.is_empty() && !cx.literal && !cx.occurs(piece) { head_readings(cx, piece) } else { synonyms };
    for (alt, w) in synonyms {
        if !alts.iter().any(|a| &a.term == alt) {
            alts.push(Alt { term: alt.clone(), weight: w * weight, numeric: false, parts: Vec::new() });
        }
    }
    if piece.len() >= 4 {
        let parts = split_compound(cx, piece);
        if let (false, [a, b]) = (cx.literal, parts.as_slice()) {
            // An action and its object in the other order (开办企业 ↔ 企业开办): the same thing.
            let swapped: Vec<char> = b.iter().chain(a).copied().collect();
            if cx.occurs(&swapped) && !alts.iter().any(|x| x.term == swapped) {
                alts.push(Alt { term: swapped, weight: SWAPPED_WEIGHT * weight, numeric: false, parts: Vec::new() });
            }
        }
        if parts.len() > 1 {
            alts.push(Alt { term: piece.to_vec(), weight: LOOSE_WEIGHT * weight, numeric: false, parts });
        }
    }
    let tags = if cx.literal { Vec::new() } else { tags_of(cx, &alts, cx.occurs(piece)) };
    // Only a word no text uses is worth telling the user about: the others were searched as typed.
    let read_as = if cx.occurs(piece) {
        Vec::new()
    } else if alts.len() > 1 && alts[1].parts.is_empty() {
        alts[1..].iter().filter(|a| a.parts.is_empty()).take(READ_AS_SHOWN).map(|a| a.term.iter().collect()).collect()
    } else if alts.len() == 1 {
        tags.iter().take(READ_AS_SHOWN).map(|(t, _)| t.word.to_string()).collect()
    } else {
        Vec::new()
    };
    Concept { label: piece.iter().collect(), alts, required: true, read_as, tags }
}

/// A word no text uses and the thesaurus lacks, read by its head: Chinese compounds put the kind last
/// (玻璃厂, 印刷厂 are 厂; 药店 is 店), so the longest proper suffix the thesaurus has gives the readings
/// (厂 → 工厂, 制造业). Nothing when no suffix has an entry.
fn head_readings<'a>(cx: &Cx<'a>, piece: &[char]) -> &'a [(Vec<char>, f32)] {
    (1..piece.len()).map(|k| cx.tables.synonyms.get(&piece[k..])).find(|r| !r.is_empty()).unwrap_or(&[])
}

/// The tags the alternatives name (see [`Concept::tags`]), strongest first. A typed word the texts
/// use (`occurs`) names only its own tags: its text is the better evidence, and a tag reached through a
/// thesaurus hop is a second, looser step (幼儿园 → 托育 → 养老托育家政). A kind of support is broad
/// (hundreds of points): only the typed word itself names one.
fn tags_of(cx: &Cx, alts: &[Alt], occurs: bool) -> Vec<(Tag, f32)> {
    let mut tags: Vec<(Tag, f32)> = Vec::new();
    for (i, a) in alts.iter().enumerate().filter(|(_, a)| a.parts.is_empty()) {
        if i > 0 && occurs {
            break;
        }
        let named = cx.tables.tags.get(&a.term).iter().filter(|(t, _)| i == 0 || t.key != FilterKey::Support);
        for &(tag, w) in named {
            let w = w * a.weight;
            match tags.iter_mut().find(|(t, _)| *t == tag) {
                Some(known) => known.1 = known.1.max(w),
                None => tags.push((tag, w)),
            }
        }
    }
    crate::sort::sort_by(&mut tags, |a, b| b.1.total_cmp(&a.1));
    tags
}

/// The corpus words a compound is made of (数字化转型 → 数字化 转型), if it splits into words of two or
/// more chars; otherwise nothing.
fn split_compound(cx: &Cx, piece: &[char]) -> Vec<Vec<char>> {
    let n = piece.len();
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for end in 2..=n {
        for start in end.saturating_sub(8)..=end - 2 {
            let Some((cost, _)) = best[start] else { continue };
            if (start, end) != (0, n) && cx.is_word(&piece[start..end]) && best[end].is_none_or(|(c, _)| cost + 1 < c) {
                best[end] = Some((cost + 1, start));
            }
        }
    }
    let mut parts = Vec::new();
    let mut end = n;
    while end > 0 {
        let Some((_, start)) = best[end] else { return Vec::new() };
        parts.push(piece[start..end].to_vec());
        end = start;
    }
    parts.reverse();
    parts
}

/// A homophone slip: a short stretch the corpus never has, but a same-sounding one it has
/// (稳岗反还 → 稳岗返还, 算力卷 → 算力券). At most one wrong char in three.
fn repair(cx: &Cx, text: &[char]) -> Option<Vec<char>> {
    if !(2..=10).contains(&text.len()) || cx.occurs(text) || cx.tables.synonyms.contains(text) {
        return None;
    }
    let sets: Vec<_> = text.iter().map(|&c| cx.tables.pinyin().set_of_char(c)).collect();
    if sets.iter().any(|s| !s.iter().any(|&b| b)) {
        return None;
    }
    let fixed = cx.spell(&sets, Some((text, (text.len() / 3).max(1))), 1).into_iter().next()?;
    let changed = fixed.iter().zip(text).filter(|(a, b)| a != b).count();
    (changed >= 1).then_some(fixed)
}

/// Finds document numbers (bracketed, or `prefix2021 127号` without brackets), removes them from the
/// query, and returns them with their prefix trimmed to a prefix the corpus knows.
fn take_docnos(cx: &Cx, q: &mut [char]) -> Vec<DocNo> {
    let pos: Vec<usize> = (0..q.len()).filter(|&i| q[i] != ' ').collect();
    let compact: Vec<char> = pos.iter().map(|&i| q[i]).collect();
    let mut found: Vec<(usize, usize, DocNo)> = Vec::new();
    for f in docno::find_all(&compact) {
        let mut d = f.docno;
        let trimmed = known_suffix(cx, &d.prefix);
        let start = f.start + d.prefix.chars().count() - trimmed.chars().count();
        d.prefix = trimmed;
        found.push((start, f.end, d));
    }
    // Without brackets: a known prefix, a 4-digit year and a serial.
    let mut i = 0;
    while i < compact.len() {
        if found.iter().any(|(s, e, _)| (*s..*e).contains(&i)) || !compact[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < compact.len() && compact[j].is_ascii_digit() {
            j += 1;
        }
        let digits: String = compact[i..j].iter().collect();
        let han: String = compact[docno::prefix_start(&compact, i)..i].iter().collect();
        let prefix = known_suffix(cx, &han);
        if (5..=9).contains(&digits.len()) && !prefix.is_empty() && (digits.starts_with("19") || digits.starts_with("20")) {
            if let Ok(serial) = digits[4..].parse::<u32>() {
                let end = if compact.get(j) == Some(&'号') { j + 1 } else { j };
                let plen = prefix.chars().count();
                found.push((i - plen, end, DocNo { prefix, year_digits: digits[..4].to_string(), serial }));
            }
        }
        i = j;
    }
    for (s, e, _) in &found {
        for &k in &pos[*s..*e] {
            q[k] = ' ';
        }
    }
    found.into_iter().map(|(_, _, d)| d).collect()
}

/// The longest suffix of `han` that is a document-number prefix the corpus uses ("" if none).
fn known_suffix(cx: &Cx, han: &str) -> String {
    let chars: Vec<char> = han.chars().collect();
    (0..chars.len())
        .map(|k| chars[k..].iter().collect::<String>())
        .find(|s| cx.lexicon.is_docno_prefix(s))
        .unwrap_or_default()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::analysis::pinyin::build_data;
    use crate::analysis::synonyms::Entry;

    /// A hand-made corpus: its texts, and the words its segmenter made.
    struct Corpus {
        texts: Vec<Vec<char>>,
        words: Vec<Vec<char>>,
        prefixes: Vec<&'static str>,
    }

    impl Corpus {
        fn new(texts: &[&str], words: &[&str]) -> Corpus {
            Corpus { texts: texts.iter().map(|t| chars(t)).collect(), words: words.iter().map(|w| chars(w)).collect(), prefixes: vec!["晋政办发", "晋发"] }
        }

        fn tables(&self, synonyms: &[(&str, &str, f32)]) -> Tables {
            let entries: Vec<Entry> =
                synonyms.iter().map(|(term, alt, weight)| Entry { term: term.to_string(), weight: *weight, alternatives: vec![alt.to_string()] }).collect();
            let all: Vec<char> = self.texts.iter().flatten().copied().chain("反稅".chars()).collect();
            Tables::new(&[('稅', '税')], &build_data(all), &entries, &crate::analysis::tags::parse(crate::analysis::tags::CURATED).unwrap())
        }
    }

    impl Lexicon for Corpus {
        fn is_word(&self, w: &[char]) -> bool {
            self.words.iter().any(|x| x == w)
        }
        fn occurs(&self, term: &[char]) -> bool {
            self.text_points(term) > 0
        }
        fn text_points(&self, term: &[char]) -> usize {
            self.texts.iter().filter(|t| t.windows(term.len().max(1)).any(|w| w == term)).count()
        }
        fn is_docno_prefix(&self, prefix: &str) -> bool {
            self.prefixes.contains(&prefix)
        }
        fn han_chars(&self) -> &[char] {
            // Leaked once per test corpus: the trait hands out a borrowed slice.
            let mut all: Vec<char> = self.texts.iter().flatten().copied().filter(|&c| is_han(c)).collect();
            all.sort_unstable();
            all.dedup();
            Box::leak(all.into_boxed_slice())
        }
        fn char_counts(&self, chars: &[char]) -> Vec<usize> {
            chars.iter().map(|c| self.texts.iter().flatten().filter(|x| *x == c).count()).collect()
        }
        fn successors(&self, chars: &[char]) -> Vec<(char, char, usize)> {
            let mut pairs: Vec<(char, char, usize)> = Vec::new();
            for t in &self.texts {
                for (k, &a) in t.iter().enumerate().filter(|(_, a)| chars.contains(a)) {
                    let b = t.get(k + 1).copied().unwrap_or('\0');
                    match pairs.iter_mut().find(|(x, y, _)| (*x, *y) == (a, b)) {
                        Some(p) => p.2 += 1,
                        None => pairs.push((a, b, 1)),
                    }
                }
            }
            pairs.sort_unstable();
            pairs
        }
    }

    /// What a plan means, compactly: each concept as `label` (`label?` when not required) with its
    /// alternatives after `=`, then the document numbers, the suggestion and the notice.
    fn read(plan: &Plan) -> Vec<String> {
        let mut out: Vec<String> = plan
            .concepts
            .iter()
            .map(|c| {
                let alts: Vec<String> = c.alts.iter().filter(|a| a.parts.is_empty()).map(|a| a.term.iter().collect()).collect();
                format!("{}{}={}", c.label, if c.required { "" } else { "?" }, alts.join("|"))
            })
            .collect();
        out.extend(plan.docnos.iter().map(|d| format!("docno {}", d.canonical())));
        out.extend(plan.suggestion.iter().map(|s| format!("suggest {s}")));
        out.extend(plan.notice.iter().map(|n| format!("notice {n}")));
        out
    }

    const TEXTS: [&str; 4] = [
        "对小微企业给予税收优惠，落实稳岗返还政策",
        "专精特新中小企业最高奖励500万元",
        "数字化改造和转型的贷款贴息",
        "企业开办时间压缩至1个工作日",
    ];
    const WORDS: [&str; 14] =
        ["小微企业", "税收", "优惠", "稳岗", "返还", "专精特新", "中小企业", "奖励", "数字化", "转型", "贷款", "贴息", "企业", "开办"];

    #[test]
    fn queries_read_as_concepts() {
        let corpus = Corpus::new(&TEXTS, &WORDS);
        let tables = corpus.tables(&[("贷不到款", "贷款", 0.8)]);
        let long = "税".repeat(150);
        let table: [(&str, &[&str]); 12] = [
            ("", &[]),
            ("小微企业有哪些税收优惠", &["小微企业=小微企业", "税收=税收", "优惠=优惠"]),
            ("稅收", &["税收=税收"]),
            ("企业", &["企业=企业"]),
            ("专精特新企业", &["专精特新=专精特新", "企业?=企业"]),
            ("最高500万元 奖励", &["最高?=最高", "500万元=500万元", "奖励=奖励"]),
            ("晋政办发〔2022〕30号", &["docno 晋政办发〔2022〕30号"]),
            ("晋政办发2022 30号 贴息", &["贴息=贴息", "docno 晋政办发〔2022〕30号"]),
            ("贷不到款", &["贷不到款=贷不到款|贷款"]),
            ("zjtx", &["zjtx=专精特新", "suggest 专精特新"]),
            ("稳岗反还", &["稳岗=稳岗", "返还=返还", "suggest 稳岗返还"]),
            ("贴息😀", &["贴息=贴息", "notice 已忽略 1 个表情或无法检索的字符"]),
        ];
        for (query, want) in table {
            assert_eq!(read(&analyze(&tables, &corpus, query)), want, "query {query:?}");
        }
        let cut = analyze(&tables, &corpus, &long);
        assert_eq!(cut.notice.as_deref(), Some("查询过长，只检索了前 100 个字"));
        assert_eq!(cut.concepts.iter().map(|c| c.label.chars().count()).sum::<usize>(), MAX_QUERY_CHARS);
    }

    #[test]
    fn everyday_wording_reads_as_the_lists_words() {
        // The segmenter made 开办企业 a word somewhere, and a text has it the other way round.
        let words: Vec<&str> = WORDS.iter().copied().chain(["开办企业"]).collect();
        let corpus = Corpus::new(&TEXTS, &words);
        let tables = corpus.tables(&[("奶茶店", "餐饮", 0.8), ("电费", "电价", 1.0), ("多久", "工作日", 0.6), ("贴息", "贷款", 0.5)]);
        // (query, the concepts as `read` shows them, what each concept was read as)
        let table: [(&str, &[&str], &[&str]); 7] = [
            // A business type no text names: read as the sector, and said so.
            ("我想开个奶茶店", &["奶茶店=奶茶店|餐饮"], &["餐饮"]),
            ("电费", &["电费=电费|电价"], &["电价"]),
            // An action and its object in either order.
            ("开办企业", &["开办企业=开办企业|企业开办"], &["企业开办"]),
            // A question word ranks what answers it, but is never required.
            ("开办企业要多久", &["开办企业=开办企业|企业开办", "多久?=多久|工作日"], &["企业开办", "工作日"]),
            // A word the texts use is searched as typed, its thesaurus alternatives not announced.
            ("贴息", &["贴息=贴息|贷款"], &[""]),
            // Quoted: the words as typed, no thesaurus, no reordering.
            ("\"我想开个奶茶店\"", &["奶茶店=奶茶店"], &[""]),
            ("“开办企业”", &["开办企业=开办企业"], &[""]),
        ];
        for (query, want, read_as) in table {
            let plan = analyze(&tables, &corpus, query);
            assert_eq!(read(&plan), want, "query {query:?}");
            let got: Vec<String> = plan.concepts.iter().map(|c| c.read_as.join("/")).collect();
            assert_eq!(got, read_as, "query {query:?}");
            assert_eq!(plan.literal, query.starts_with(['"', '“']), "query {query:?}");
        }
        assert_eq!(literal_query(" 奶茶店 "), "\"奶茶店\"");
        assert_eq!(literal_query("“奶茶店”"), "\"奶茶店\"");
    }

    #[test]
    fn a_business_about_to_be_started_asks_for_start_up_support_too() {
        let texts = ["鼓励餐饮企业提质升档", "首次创业给予一次性创业补贴"];
        let corpus = Corpus::new(&texts, &["餐饮", "企业", "创业", "补贴"]);
        let tables = corpus.tables(&[("奶茶店", "餐饮", 0.8)]);
        let table: [(&str, &[&str]); 5] = [
            ("我想开个奶茶店", &["奶茶店=奶茶店|餐饮", "创业?=创业"]),
            ("办一家餐饮企业", &["餐饮=餐饮", "企业?=企业", "创业?=创业"]),
            // Open already, or said as a word of its own: nothing is added.
            ("开了个奶茶店", &["奶茶店=奶茶店|餐饮"]),
            ("开个创业补贴", &["创业=创业", "补贴=补贴"]),
            ("\"开个奶茶店\"", &["奶茶店=奶茶店"]),
        ];
        for (query, want) in table {
            assert_eq!(read(&analyze(&tables, &corpus, query)), want, "query {query:?}");
        }
        // Without start-up support in the list there is nothing to add.
        let corpus = Corpus::new(&texts[..1], &["餐饮", "企业"]);
        assert_eq!(read(&analyze(&corpus.tables(&[("奶茶店", "餐饮", 0.8)]), &corpus, "开个奶茶店")), ["奶茶店=奶茶店|餐饮"]);
    }

    #[test]
    fn words_that_name_a_sector_group_or_support_type_carry_its_tag() {
        // The texts use 餐饮 and 贴息 and 学徒; 奶茶店, 理发店 and 小公司 are words no text uses (小公司
        // one the segmenter made elsewhere: a query is split with the corpus's words).
        let texts = ["鼓励餐饮企业提质升档", "给予贷款贴息", "开展新型学徒制"];
        let corpus = Corpus::new(&texts, &["餐饮", "贷款", "贴息", "学徒", "小公司"]);
        let tables = corpus.tables(&[("奶茶店", "餐饮", 0.8), ("理发店", "个体工商户", 0.6), ("学徒", "学徒制", 0.9), ("给钱", "补贴", 0.7)]);
        // (query, each concept's tags with their weights, what each concept was read as)
        let table: [(&str, &[&str], &[&str]); 9] = [
            // A vocabulary word names itself; a listed word its tag.
            ("个体工商户", &["个体工商户 1.00"], &["个体工商户"]),
            ("餐饮", &["住宿餐饮 1.00"], &[""]),
            ("贴息", &["融资支持 0.90"], &[""]),
            // A word no text uses reaches a tag through the thesaurus, the hop's weight times the tag's.
            ("奶茶店", &["住宿餐饮 0.80"], &["餐饮"]),
            ("理发店", &["个体工商户 0.60"], &["个体工商户"]),
            // A word no text uses and no thesaurus entry reads: its own tags, and said so.
            ("小公司", &["小微企业 0.90, 中小企业 0.90"], &["小微企业/中小企业"]),
            // A kind of support only from the typed word, never through a hop (给钱 → 补贴 → 资金奖补).
            ("给钱", &[""], &["补贴"]),
            // A typed word the texts use names only its own tags, not its readings'.
            ("学徒", &["用工人才 0.90"], &[""]),
            // Quoted: no tags.
            ("\"餐饮\"", &[""], &[""]),
        ];
        for (query, tags, read_as) in table {
            let plan = analyze(&tables, &corpus, query);
            let got: Vec<String> = plan.concepts.iter().map(|c| c.tags.iter().map(|(t, w)| format!("{} {w:.2}", t.word)).collect::<Vec<_>>().join(", ")).collect();
            assert_eq!(got, tags, "query {query:?}");
            let got: Vec<String> = plan.concepts.iter().map(|c| c.read_as.join("/")).collect();
            assert_eq!(got, read_as, "query {query:?}");
        }
    }

    #[test]
    fn a_business_name_no_text_uses_reads_as_its_head_and_quantities_in_words_are_filler() {
        let texts = ["支持制造业企业技术改造", "培育一批专精特新企业，对个人给予奖励"];
        let corpus = Corpus::new(&texts, &["制造业", "企业", "一批", "个人", "玻璃", "奖励"]);
        let tables = corpus.tables(&[("厂", "制造业", 0.7)]);
        // (query, the concepts as `read` shows them, what each concept was read as)
        let table: [(&str, &[&str], &[&str]); 5] = [
            // An unknown name is read by its last char, the kind of business.
            ("印刷厂", &["印刷厂=印刷厂|制造业"], &["制造业"]),
            // A known word before the kind: both are concepts (厂 read as 制造业, as no text here has it).
            ("玻璃厂", &["玻璃=玻璃", "厂=厂|制造业"], &["", "制造业"]),
            // How many or how long is filler, and a quantity keeps its measure word (十几个|人).
            ("十几个人的制造业", &["人?=人", "制造业=制造业"], &["", ""]),
            ("一批奖励", &["奖励=奖励"], &[""]),
            // A query of nothing else is still searched, literally.
            ("大半年", &["大半年=大半年"], &[""]),
        ];
        for (query, want, read_as) in table {
            let plan = analyze(&tables, &corpus, query);
            assert_eq!(read(&plan), want, "query {query:?}");
            let got: Vec<String> = plan.concepts.iter().map(|c| c.read_as.join("/")).collect();
            assert_eq!(got, read_as, "query {query:?}");
        }
    }

    #[test]
    fn a_compound_the_texts_word_apart_also_matches_loosely() {
        // The segmenter made 数字化转型 a word somewhere, and a text words it apart.
        let words: Vec<&str> = WORDS.iter().copied().chain(["数字化转型"]).collect();
        let corpus = Corpus::new(&TEXTS, &words);
        let plan = analyze(&corpus.tables(&[]), &corpus, "数字化转型");
        let loose: Vec<Vec<String>> =
            plan.concepts[0].alts.iter().map(|a| a.parts.iter().map(|p| p.iter().collect()).collect()).filter(|p: &Vec<String>| !p.is_empty()).collect();
        assert_eq!(loose, vec![vec!["数字化".to_string(), "转型".to_string()]]);
    }

    #[test]
    fn a_query_of_filler_alone_is_still_searched_literally() {
        let corpus = Corpus::new(&TEXTS, &WORDS);
        assert_eq!(read(&analyze(&corpus.tables(&[]), &corpus, "什么")), ["什么=什么"]);
    }
}
