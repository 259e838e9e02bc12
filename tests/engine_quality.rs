//! Search quality on the judged dev queries (tests/eval/dev-queries.json, a copy of the shared set),
//! with floors per kind that fail the build if ranking regresses, and the honesty of relaxed answers. Metrics as in the shared `score.py`:
//! nDCG@10 (gain 2^g − 1), Recall@20, MRR; negative queries are judged by how many results they return.
//! Set `EVAL_RUN_OUT=path.json` to also write the run for `score.py`.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use policy_search::data::Dataset;
use policy_search::index::Index;
use policy_search::search::{search, Query};
use serde::Deserialize;

#[derive(Deserialize)]
struct Judged {
    q: String,
    kind: String,
    rel: HashMap<String, u32>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/policies.json")).unwrap();
        Index::of(&serde_json::from_slice::<Dataset>(&json).unwrap())
    })
}

fn run(q: &str) -> (Vec<u32>, bool) {
    let r = search(index(), &Query { text: q.into(), page_size: 20, ..Query::default() });
    (r.hits.iter().map(|h| h.id).collect(), r.partial)
}

fn ndcg10(ranked: &[u32], rel: &HashMap<String, u32>) -> f64 {
    let gain = |g: u32| (2f64.powi(g as i32)) - 1.0;
    let dcg: f64 = ranked.iter().take(10).enumerate().map(|(i, d)| gain(*rel.get(&d.to_string()).unwrap_or(&0)) / (i as f64 + 2.0).log2()).sum();
    let mut ideal: Vec<u32> = rel.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal.iter().take(10).enumerate().map(|(i, g)| gain(*g) / (i as f64 + 2.0).log2()).sum();
    if idcg > 0.0 { dcg / idcg } else { 0.0 }
}

#[derive(Default)]
struct Agg {
    ndcg: Vec<f64>,
    recall: Vec<f64>,
    mrr: Vec<f64>,
    neg_results: Vec<usize>,
    neg_full: usize,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

#[test]
fn dev_queries_meet_the_quality_floor() {
    let judged: Vec<Judged> = serde_json::from_str(include_str!("eval/dev-queries.json")).unwrap();
    let mut agg: BTreeMap<String, Agg> = BTreeMap::new();
    let mut runs: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut report = String::new();
    for j in &judged {
        let (ranked, partial) = run(&j.q);
        runs.insert(j.q.clone(), ranked.clone());
        if j.rel.is_empty() {
            let a = agg.entry(j.kind.clone()).or_default();
            a.neg_results.push(ranked.len());
            a.neg_full += usize::from(!partial && !ranked.is_empty());
            report += &format!("{:<28} results={} partial={partial}\n", j.q, ranked.len());
            continue;
        }
        let n = ndcg10(&ranked, &j.rel);
        let r = ranked.iter().take(20).filter(|d| j.rel.contains_key(&d.to_string())).count() as f64 / j.rel.len() as f64;
        let m = ranked.iter().position(|d| j.rel.contains_key(&d.to_string())).map_or(0.0, |i| 1.0 / (i as f64 + 1.0));
        report += &format!("{:<28} ndcg={n:.3} recall={r:.3} mrr={m:.3} top={:?}\n", j.q, &ranked[..ranked.len().min(10)]);
        for k in [j.kind.clone(), "ALL".to_string()] {
            let a = agg.entry(k).or_default();
            a.ndcg.push(n);
            a.recall.push(r);
            a.mrr.push(m);
        }
    }
    for (kind, a) in &agg {
        if a.ndcg.is_empty() {
            report += &format!("{kind:<10} negatives: results={:?} full={}\n", a.neg_results, a.neg_full);
        } else {
            report += &format!("{kind:<10} n={} ndcg10={:.3} recall20={:.3} mrr={:.3}\n", a.ndcg.len(), mean(&a.ndcg), mean(&a.recall), mean(&a.mrr));
        }
    }
    println!("{report}");
    if let Ok(path) = std::env::var("EVAL_RUN_OUT") {
        std::fs::write(path, serde_json::to_string_pretty(&runs).unwrap()).unwrap();
    }
    // (kind, nDCG@10, Recall@20): a little under what the engine reaches, so that a regression fails.
    // Issue 12's targets (0.85 / 0.90 overall, every kind 0.80) are not reached yet on the everyday
    // kinds (question, profile, topic2; the facts' tags raised profile most); one docno query has 36
    // relevant points, so its Recall@20 cannot exceed 0.556. topic2's two slang queries (工业上楼, 介绍费)
    // stay unanswered: the thesaurus may not carry a judged query's own words.
    let floors: [(&str, f64, f64); 9] = [
        ("ALL", 0.80, 0.755),
        ("amount", 0.98, 0.85),
        ("docno", 0.98, 0.75),
        ("pinyin", 0.98, 0.98),
        ("profile", 0.77, 0.74),
        ("question", 0.785, 0.775),
        ("topic", 0.93, 0.95),
        ("topic2", 0.58, 0.46),
        ("variant", 0.94, 0.79),
    ];
    for (kind, ndcg, recall) in floors {
        let a = &agg[kind];
        assert!(mean(&a.ndcg) >= ndcg, "{kind}: nDCG@10 {:.3} below {ndcg}\n{report}", mean(&a.ndcg));
        assert!(mean(&a.recall) >= recall, "{kind}: Recall@20 {:.3} below {recall}\n{report}", mean(&a.recall));
    }
    for (kind, a) in &agg {
        assert!(a.neg_results.iter().all(|&n| n <= 3), "{kind}: a negative query returned more than 3\n{report}");
        assert_eq!(a.neg_full, 0, "{kind}: a negative query looked like a full answer\n{report}");
    }
}

/// Relaxation stays honest: a word no policy uses finds nothing, a question about what the list does
/// not cover shows at most 3 points, each marked partial, and the answer says which words no policy uses.
#[test]
fn questions_the_list_does_not_cover_stay_honest() {
    for q in ["网约车", "休产假", "辞职", "上楼"] {
        let r = search(index(), &Query { text: q.into(), ..Query::default() });
        assert_eq!(r.total, 0, "{q:?} found {:?}", r.hits.iter().map(|h| h.id).collect::<Vec<_>>());
    }
    for q in ["员工休产假期间工资谁来发", "公司裁员要给员工经济补偿吗", "网约车司机能申请补贴吗", "个人独资企业还能核定征收吗", "宠物店 美容 补贴"] {
        let r = search(index(), &Query { text: q.into(), page_size: 20, ..Query::default() });
        assert!(r.total <= 3, "{q:?} returned {} points", r.total);
        assert!(r.hits.iter().all(|h| h.partial), "{q:?} presented a full match");
    }
    let r = search(index(), &Query { text: "网约车司机能申请补贴吗".into(), ..Query::default() });
    assert!(r.explanation.as_deref().is_some_and(|e| e.ends_with("政策中没有“网约车”")), "{:?}", r.explanation);
}

/// An everyday word is answered with the list's words and says so; quoted, the query is literal.
#[test]
fn an_everyday_answer_explains_itself_and_quotes_make_it_literal() {
    let r = search(index(), &Query { text: "我想开个奶茶店".into(), ..Query::default() });
    assert!(r.total > 0 && !r.partial);
    assert_eq!(r.explanation.as_deref(), Some("已按“餐饮/住餐”查找"));
    let literal = search(index(), &Query { text: "\"我想开个奶茶店\"".into(), ..Query::default() });
    assert_eq!((literal.total, literal.explanation), (0, None));
    let typed = search(index(), &Query { text: "贷款贴息".into(), ..Query::default() });
    assert_eq!(typed.explanation, None, "a query in the list's own words needs no explanation");
}
