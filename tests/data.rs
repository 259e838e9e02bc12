//! The dataset built from the real seed: counts, numbering, verbatim texts, and freshness of the
//! committed `data/policies.json`.

use policy_search::data::facts::{self, overrides::Outcome, overrides::Overrides};
use policy_search::data::{agency::AgencyTable, seed, to_json, Dataset};

fn data_file(name: &str) -> String {
    format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn parsed() -> seed::Parsed {
    built().0
}

/// What `data build` writes: the seed parsed, its facts derived and the overrides applied.
fn built() -> (seed::Parsed, Outcome) {
    let bytes = std::fs::read(data_file("seed.txt")).expect("data/seed.txt is committed");
    let agencies = AgencyTable::parse(&std::fs::read_to_string(data_file("agencies.tsv")).unwrap()).unwrap();
    let text = seed::decode(&bytes).unwrap();
    let mut parsed = seed::parse(text, "seed.txt", &agencies).unwrap_or_else(|e| panic!("the seed must parse: {e}"));
    let overrides = Overrides::parse(&std::fs::read_to_string(data_file("facts-overrides.tsv")).unwrap());
    let outcome = facts::build(&mut parsed.dataset, &overrides);
    assert!(outcome.errors.is_empty(), "data/facts-overrides.tsv: {:?}", outcome.errors);
    (parsed, outcome)
}

#[test]
fn seed_has_739_points_in_six_chapters() {
    let p = parsed();
    let counts = policy_search::data::report::chapter_counts(&p);
    let expected = [("市场建设", 193), ("人才支持", 40), ("财税金融", 232), ("创新支持", 85), ("权益保护", 63), ("要素保障", 126)];
    let got: Vec<(&str, usize)> = counts.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    assert_eq!(got, expected);
}

#[test]
fn ids_run_in_document_order_and_numbers_restart_per_chapter() {
    let p = parsed();
    let mut previous: Option<&policy_search::data::Point> = None;
    for (i, point) in p.dataset.points.iter().enumerate() {
        assert_eq!(point.id as usize, i + 1);
        let expected_no = match previous {
            Some(prev) if prev.chapter == point.chapter => prev.no + 1,
            _ => 1,
        };
        assert_eq!(point.no, expected_no, "point {} ({})", point.id, point.chapter);
        assert!(!point.text.is_empty() && !point.category.is_empty(), "point {}", point.id);
        previous = Some(point);
    }
}

#[test]
fn both_summary_tables_are_complete() {
    let docs = parsed().dataset.documents;
    let province = docs.iter().filter(|d| d.level == "省委省政府").count();
    assert_eq!((province, docs.len() - province), (63, 107));
    assert!(docs.iter().all(|d| !d.title.is_empty()));
    assert_eq!(docs.iter().filter(|d| d.docno.is_none()).count(), 18);
}

#[test]
fn points_are_verbatim_with_artefacts_removed() {
    let points = parsed().dataset.points;
    let text = |id: usize| points[id - 1].text.as_str();
    assert_eq!(text(1), "推动报废机动车“放管服效”改革，取消报废机动车回收拆解企业准入数量限制；鼓励具备条件的加油站加快向综合服务站转型。");
    // A page footer (山西省民营经济发展局 52) was spliced into this sentence.
    assert_eq!(
        text(157),
        "精准有效支持新项目建设。加快相关项目审批核准备案、规划选址、用地、环评、施工许可等前期工作手续办理，促进项目尽快落地实施、形成实物工作量。"
    );
    // A foreign document title was pasted between 有偿 and 使用手续.
    assert!(text(617).contains("经批准可采取协议方式办理土地有偿使用手续。"));
    // The footer's first character trailed the chapter's last sentence.
    assert!(text(193).ends_with("按照国家部署开展市场准入效能综合评估。"));
    // The authors' own wording (and typos) stay: 比列, not 比例.
    assert!(points.iter().any(|p| p.text.contains("预留给小微企业的比列不低于 60%")));
    let p = &points[284 - 1];
    assert!(p.flags.repealed && p.text.starts_with("（文件已废止）"));
    assert_eq!(p.docnos, ["晋文旅发〔2023〕20号"]);
    assert_eq!(points[739 - 1].flags.duplicate_of, Some(74));
}

#[test]
fn committed_dataset_is_fresh() {
    let fresh = to_json(&parsed().dataset);
    let committed = std::fs::read_to_string(data_file("policies.json")).expect("data/policies.json is committed");
    if fresh != committed {
        let old: Dataset = serde_json::from_str(&committed).expect("committed dataset parses");
        let new: Dataset = serde_json::from_str(&fresh).unwrap();
        let first_diff = old.points.iter().zip(&new.points).find(|(a, b)| a != b);
        panic!(
            "data/policies.json is stale: run `cargo run -- data build`.\nfirst differing point:\n{first_diff:#?}"
        );
    }
}

#[test]
fn report_is_fresh() {
    let (parsed, outcome) = built();
    let fresh = policy_search::data::report::markdown(&parsed, &outcome);
    let committed = std::fs::read_to_string(data_file("REPORT.md")).unwrap();
    assert!(fresh == committed, "data/REPORT.md is stale: run `cargo run -- data build`");
}
