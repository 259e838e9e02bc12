//! Behaviour of the search engine on the real dataset: one test per promise in the engine's issue
//! (substring recall, pinyin, variants, document numbers, amounts, precision, filters, facets, sort,
//! highlights), plus property tests over arbitrary input.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use policy_search::analysis::segment;
use policy_search::data::field::FilterKey;
use policy_search::data::{docno, Dataset};
use policy_search::index::Index;
use policy_search::search::{search, Filter, Query, Results, Sort};
use proptest::prelude::*;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/policies.json")).unwrap();
        Index::of(&serde_json::from_slice::<Dataset>(&json).unwrap())
    })
}

fn q(text: &str) -> Results {
    search(index(), &Query { text: text.into(), page_size: 10_000, ..Query::default() })
}

fn ids(r: &Results) -> Vec<u32> {
    r.hits.iter().map(|h| h.id).collect()
}

fn text(id: u32) -> &'static str {
    &index().point(id).unwrap().text
}

/// The highlighted strings of a hit, as the user sees them.
fn marked(r: &Results, k: usize) -> Vec<String> {
    let chars: Vec<char> = text(r.hits[k].id).chars().collect();
    r.hits[k].highlights.iter().map(|h| chars[h[0] as usize..h[1] as usize].iter().collect()).collect()
}

/// Every full hit has one of `needles` in its text, headings or document title.
fn full_hits_all_contain_any(r: &Results, needles: &[&str]) {
    assert!(!r.hits.is_empty(), "no hits");
    for h in r.hits.iter().filter(|h| !h.partial) {
        let p = index().point(h.id).unwrap();
        let titles = p.docnos.iter().filter_map(|d| index().document_by_docno(d)).map(|d| d.title.as_str());
        let fields: Vec<&str> = [p.text.as_str(), p.category.as_str()].into_iter().chain(p.subcategory.as_deref()).chain(titles).collect();
        assert!(needles.iter().any(|n| fields.iter().any(|f| f.contains(n))), "{} lacks {needles:?}", h.id);
    }
}

fn full_hits_all_contain(r: &Results, needle: &str) {
    full_hits_all_contain_any(r, &[needle]);
}

#[test]
fn every_word_aligned_substring_finds_its_point() {
    // Spans of 1–3 adjacent words (charabia's, as the index records them), sampled evenly.
    let mut checked = 0;
    let mut missed = Vec::new();
    for (n, p) in index().points().iter().enumerate() {
        // Numbers are left to `amounts_keep_number_and_unit_together`: 0 must not match inside 0.3.
        let toks: Vec<_> = segment::tokens(&p.text)
            .into_iter()
            .filter(|t| t.text.chars().all(|c| c.is_alphanumeric() && !c.is_numeric() && !c.is_ascii_digit()))
            .collect();
        for i in (n % 5..toks.len()).step_by(5) {
            for len in 1..=3 {
                let span = &toks[i..(i + len).min(toks.len())];
                if span.windows(2).any(|w| w[0].end != w[1].start) {
                    break;
                }
                let query: String = span.iter().map(|t| t.text.as_str()).collect();
                checked += 1;
                if !ids(&q(&query)).contains(&p.id) {
                    missed.push((p.id, query));
                }
            }
        }
    }
    assert!(checked > 5_000, "only {checked} spans checked");
    assert!(missed.is_empty(), "{} of {checked} spans missed their point, e.g. {:?}", missed.len(), &missed[..missed.len().min(10)]);
}

#[test]
fn substrings_inside_words_are_found_but_rank_below_whole_words() {
    // 创业 is a whole word in some texts and a fragment (大众创业万众创新 → 创业) in others.
    let r = q("创业");
    assert!(r.total > 5);
    full_hits_all_contain(&r, "创业");
    let single = q("税");
    assert!(single.total > 50, "a single character must match: {}", single.total);
}

#[test]
fn pinyin_full_initials_and_prefixes_reach_the_chinese_words() {
    for (typed, word) in [("zhuanjingtexin", "专精特新"), ("zjtx", "专精特新"), ("zhuanjingte", "专精特"), ("jiajikouchu", "加计扣除"), ("gezhuanqi", "个转企"), ("xinyidai", "信易贷")] {
        let r = q(typed);
        assert!(r.hits.len() >= 2, "{typed}: {} hits", r.hits.len());
        assert!(text(r.hits[0].id).contains(word), "{typed}: top hit {} lacks {word}", r.hits[0].id);
        assert!(marked(&r, 0).iter().any(|m| m.contains(word)), "{typed}: highlights {:?}", marked(&r, 0));
        assert!(r.suggestion.as_deref().is_some_and(|s| s.contains(word)), "{typed}: suggestion {:?}", r.suggestion);
    }
}

#[test]
fn traditional_and_full_width_fold_to_the_corpus_forms() {
    let r = q("稅收優惠");
    full_hits_all_contain(&r, "税收优惠");
    assert_eq!(ids(&r), ids(&q("税收优惠")));
    assert_eq!(ids(&q("知識產權")), ids(&q("知识产权")));
    let r = q("４０％ 预付款");
    assert_eq!(ids(&r)[0], 37);
    assert!(marked(&r, 0).contains(&"４０％".to_string()), "{:?}", marked(&r, 0));
}

/// The widget's head leaves the pairs of traditional characters the corpus never uses to the
/// readings: until they arrive such a query misses, and with them it answers as the whole index
/// does; a query in the corpus's own characters is answered alike all along.
#[test]
fn a_head_folds_traditional_queries_once_its_readings_are_added() {
    let (head, readings) = index().to_parts();
    let partial = Index::from_head_bytes_deferred(&head).unwrap();
    let on = |index: &Index, text: &str| search(index, &Query { text: text.into(), page_size: 10_000, ..Query::default() });
    for text in ["数字化转型", "税收优惠", "知识产权 质押", "晋政办发〔2022〕30号"] {
        assert_eq!(on(&partial, text), q(text), "{text}");
    }
    let traditional = ["數字化轉型", "稅收優惠", "知識產權 質押"];
    for text in traditional {
        assert_ne!(ids(&on(&partial, text)), ids(&q(text)), "{text}");
    }
    partial.add_readings(&readings).unwrap();
    for text in traditional.into_iter().chain(["shuzihua", "数字化转型"]) {
        assert_eq!(on(&partial, text), q(text), "{text}");
    }
    assert_eq!(ids(&q("數字化轉型")), ids(&q("数字化转型")));
}

#[test]
fn homophone_slips_are_repaired_but_rank_below_exact_matches() {
    let slip = q("稳岗反还");
    let exact = q("稳岗返还");
    assert_eq!(slip.suggestion.as_deref(), Some("稳岗返还"));
    assert!(!slip.hits.is_empty());
    assert_eq!(ids(&slip), ids(&exact));
    assert!(slip.hits[0].score < exact.hits[0].score);
    assert!(marked(&slip, 0).iter().any(|m| m.contains("稳岗返还")));
    assert_eq!(ids(&q("算力卷"))[..2].iter().collect::<BTreeSet<_>>(), [354, 498].iter().collect());
}

#[test]
fn abbreviations_reach_their_full_forms() {
    full_hits_all_contain_any(&q("高企"), &["高新技术企业", "高新企业", "高企"]);
    let r = q("个体户");
    assert!(r.hits.iter().take(5).all(|h| text(h.id).contains("个体工商户")));
}

#[test]
fn question_filler_does_not_become_a_concept() {
    let with = ids(&q("小微企业有哪些税收优惠"));
    let without = ids(&q("小微企业 税收优惠"));
    assert_eq!(with, without);
    assert!(!with.is_empty());
}

#[test]
fn document_numbers_typed_any_way_find_exactly_that_document() {
    let all_docnos: BTreeSet<&String> = index().points().iter().flat_map(|p| &p.docnos).collect();
    for canonical in all_docnos.iter().filter(|d| d.contains('〔')) {
        let d = docno::parse(canonical).unwrap();
        let expected: BTreeSet<u32> =
            index().points().iter().filter(|p| p.docnos.iter().any(|x| docno::parse(x).as_ref() == Some(&d))).map(|p| p.id).collect();
        for typed in [
            canonical.to_string(),
            format!("{}({}){}", d.prefix, d.year_digits, d.serial),
            format!("{}[{}] {}号", d.prefix, d.year_digits, d.serial),
            format!("{}{} {}号", d.prefix, d.year_digits, d.serial),
        ] {
            let got: BTreeSet<u32> = ids(&q(&typed)).into_iter().collect();
            assert_eq!(got, expected, "{typed}");
        }
    }
    // 〔2022〕5号 must not reach 〔2022〕58号.
    let five = q("〔2022〕5号");
    assert!(five.hits.iter().all(|h| index().point(h.id).unwrap().docnos.iter().any(|d| d.contains("〔2022〕5号"))));
}

#[test]
fn each_hit_names_the_document_number_the_query_asked_for() {
    let typed = q("晋政办发（2022）30 号");
    assert!(!typed.hits.is_empty());
    for h in &typed.hits {
        assert_eq!(h.docno.as_deref(), Some("晋政办发〔2022〕30号"), "point {}", h.id);
    }
    // Without an issuer every document with that year and serial is asked for; each hit names its own.
    for h in &q("〔2022〕5号").hits {
        let named = h.docno.as_deref().unwrap_or_else(|| panic!("point {} names no document number", h.id));
        assert!(named.ends_with("〔2022〕5号") && index().point(h.id).unwrap().docnos.iter().any(|d| d == named), "{named}");
    }
    assert!(q("贷款贴息").hits.iter().all(|h| h.docno.is_none()));
}

#[test]
fn amounts_keep_number_and_unit_together() {
    let spaced = ids(&q("500 万元"));
    assert_eq!(spaced, ids(&q("500万元")));
    for id in &spaced {
        let t: String = text(*id).chars().filter(|c| !c.is_whitespace()).collect();
        assert!(t.match_indices("500万元").any(|(i, _)| !t[..i].ends_with(|c: char| c.is_ascii_digit())), "{id}");
    }
    full_hits_all_contain(&q("最高500万元"), "500");
}

#[test]
fn absent_topics_do_not_look_like_answers() {
    for absent in ["网约车 驾驶员 从业资格证", "宠物医院 执业兽医", "zzzzqqq"] {
        let r = q(absent);
        assert!(r.total <= 3, "{absent}: {} results", r.total);
        assert!(r.total == 0 || r.partial, "{absent}: looked like a full answer");
    }
}

#[test]
fn when_nothing_matches_fully_partial_matches_are_marked() {
    // No point has both; the rarer concept carries most of the weight, so its points come back.
    let r = q("算力券 个体工商户");
    assert!(r.partial);
    assert!(r.total > 0);
    assert!(r.hits.iter().all(|h| h.partial));
    assert!(r.total <= 20);
}

#[test]
fn empty_query_browses_with_filters_and_sorts() {
    let all = search(index(), &Query::default());
    assert_eq!(all.total, index().points().len());
    assert_eq!(ids(&all), (1..=10).collect::<Vec<u32>>());
    let talent = search(index(), &Query { filters: vec![Filter { key: FilterKey::Chapter, value: "人才支持".into() }], page_size: 1000, ..Query::default() });
    assert_eq!(talent.total, 40);
    assert!(talent.hits.iter().all(|h| h.chapter == "人才支持"));
    let newest = search(index(), &Query { sort: Sort::Newest, page_size: 1000, ..Query::default() });
    let years: Vec<u16> = newest.hits.iter().filter_map(|h| index().point(h.id).unwrap().year).collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]));
    let page2 = search(index(), &Query { page: 1, page_size: 5, ..Query::default() });
    assert_eq!(ids(&page2), vec![6, 7, 8, 9, 10]);
}

#[test]
fn facets_count_the_current_hits_disjunctively() {
    let base = q("贷款");
    let chapters: usize = base.facets[FilterKey::Chapter].iter().map(|f| f.count).sum();
    assert_eq!(chapters, base.total);
    let filtered = search(index(), &Query { text: "贷款".into(), filters: vec![Filter { key: FilterKey::Chapter, value: "财税金融".into() }], ..Query::default() });
    // The chosen key still shows the other values; other keys count only what the filter keeps.
    assert_eq!(filtered.facets[FilterKey::Chapter], base.facets[FilterKey::Chapter]);
    let years: usize = filtered.facets[FilterKey::Year].iter().map(|f| f.count).sum();
    assert!(years <= filtered.total);
    assert!(filtered.total < base.total);
}

#[test]
fn an_index_answers_the_same_before_and_after_its_postings_are_built() {
    let dev: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval/dev-queries.json")).unwrap()).unwrap();
    let mut queries: Vec<String> = dev.iter().map(|d| d["q"].as_str().unwrap().to_string()).collect();
    // One of each query shape, and a few three-char stretches of the texts.
    let shapes = ["税", "5", "zjtx", "zhuanjingtexin", "xyd", "稳岗反还", "算力卷", "稅收優惠", "晋政办发(2022)30", "最高500万元", "小微企业有哪些税收优惠", "", "🙂"];
    queries.extend(shapes.iter().map(|s| s.to_string()));
    queries.extend(index().points().iter().step_by(37).map(|p| p.text.chars().skip(10).take(3).collect::<String>()));
    let deferred = Index::from_bytes_deferred(&index().to_bytes()).unwrap();
    let same = |deferred: &Index| {
        for text in &queries {
            let query = Query { text: text.clone(), page_size: 50, ..Query::default() };
            assert_eq!(search(deferred, &query), search(index(), &query), "query {text:?}");
        }
    };
    same(&deferred);
    assert!(!deferred.is_prepared(), "a corpus this small is scanned until prepared");
    deferred.prepare();
    assert!(deferred.is_prepared() && index().is_prepared());
    same(&deferred);
}

#[test]
fn results_are_deterministic_with_ties_broken_by_id() {
    let a = q("奖励");
    assert_eq!(a, q("奖励"));
    for w in a.hits.windows(2) {
        assert!(w[0].score > w[1].score || (w[0].score == w[1].score && w[0].id < w[1].id));
    }
}

#[test]
fn snippets_show_the_highlights_of_long_points() {
    let r = q("加计扣除");
    for h in &r.hits {
        let chars: Vec<char> = text(h.id).chars().collect();
        let s: Vec<char> = h.snippet.text.chars().collect();
        assert_eq!(&chars[h.snippet.start as usize..h.snippet.start as usize + s.len()], &s[..]);
        assert!(!h.snippet.highlights.is_empty(), "{}", h.id);
        for sh in &h.snippet.highlights {
            let shown: String = s[sh[0] as usize..sh[1] as usize].iter().collect();
            assert!("加计扣除".contains(&shown) || shown.contains("加计扣除"), "{shown}");
        }
    }
}

#[test]
fn long_pastes_and_emoji_are_noticed() {
    let long = "专精特新".repeat(500);
    let r = q(&long);
    assert!(r.notice.as_deref().is_some_and(|n| n.contains("100")), "{:?}", r.notice);
    let r = q("专精特新😀");
    assert!(r.notice.is_some());
    assert_eq!(ids(&r), ids(&q("专精特新")));
}

fn check_invariants(r: &Results, page_size: usize) {
    assert!(r.hits.len() <= page_size);
    assert!(r.total >= r.hits.len());
    for h in &r.hits {
        let len = text(h.id).chars().count() as u32;
        for w in h.highlights.windows(2) {
            assert!(w[0][1] < w[1][0], "highlights overlap or unsorted");
        }
        assert!(h.highlights.iter().all(|x| x[0] < x[1] && x[1] <= len));
        assert!(h.score.is_finite());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,60}") {
        check_invariants(&q(&s), 10_000);
    }

    #[test]
    fn mixed_scripts_controls_and_emoji_never_panic(
        parts in proptest::collection::vec(prop_oneof![
            "[专精特新税收贷款奖励稅優惠]{1,6}",
            "[a-z]{1,12}",
            "[0-9０-９]{1,5}[万元%％号]?",
            "[〔〕()（）\\[\\] ]{1,3}",
            "[\\x00-\\x1f\u{200b}\u{fe0f}😀🇨🇳]{1,3}",
        ], 0..12),
        page in 0usize..3,
    ) {
        let text: String = parts.concat();
        let r = search(index(), &Query { text, page, page_size: 7, ..Query::default() });
        check_invariants(&r, 7);
    }

    #[test]
    fn pastes_of_thousands_of_chars_are_bounded(s in "[\\u4e00-\\u9fa5a-z0-9 ]{1500,2000}") {
        let r = q(&s);
        prop_assert!(r.notice.is_some());
        check_invariants(&r, 10_000);
    }
}
