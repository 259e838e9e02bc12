//! Facts quality on the hand-labelled dev points (tests/eval/facts-dev.json, a copy of the shared set),
//! with floors at the targets of issue 10 that fail the build if the extraction regresses. Measures as
//! in the shared `score_facts.py`: micro-averaged F1 over (point, value) pairs for the list fields,
//! accuracy for region, claimable and valid_until, exact agreement (within 0.5 元) on
//! max_benefit_yuan over the points where either side has an amount. It reads the committed
//! data/policies.json, which `tests/data.rs` keeps fresh.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

fn load(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn words(v: &Value) -> BTreeSet<String> {
    v.as_array().map(|a| a.iter().filter_map(|w| w.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

fn scores() -> Vec<(&'static str, f64)> {
    let dataset = load("data/policies.json");
    let gold = load("tests/eval/facts-dev.json");
    let points: HashMap<u64, &Value> = dataset["points"].as_array().unwrap().iter().map(|p| (p["id"].as_u64().unwrap(), p)).collect();
    let gold = gold.as_array().unwrap();
    let point = |g: &Value| points[&g["id"].as_u64().unwrap()];
    let mut out = Vec::new();
    for field in ["support", "beneficiaries", "industries"] {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for g in gold {
            let (want, got) = (words(&g[field]), words(&point(g)[field]));
            tp += want.intersection(&got).count();
            fp += got.difference(&want).count();
            fn_ += want.difference(&got).count();
        }
        let precision = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 1.0 };
        let recall = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 1.0 };
        out.push((field, if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 }));
    }
    for field in ["region", "claimable", "valid_until"] {
        let ok = gold.iter().filter(|g| g[field] == point(g)[field]).count();
        out.push((field, ok as f64 / gold.len() as f64));
    }
    let (mut ok, mut n) = (0, 0);
    for g in gold {
        match (g["max_benefit_yuan"].as_f64(), point(g)["max_benefit_yuan"].as_f64()) {
            (None, None) => continue,
            (Some(want), Some(got)) if (want - got).abs() < 0.5 => ok += 1,
            _ => {}
        }
        n += 1;
    }
    out.push(("max_benefit_yuan", if n > 0 { ok as f64 / n as f64 } else { 1.0 }));
    out
}

#[test]
fn facts_meet_the_targets_on_the_dev_points() {
    let floors = HashMap::from([
        ("support", 0.80),
        ("beneficiaries", 0.85),
        ("industries", 0.80),
        ("region", 0.98),
        ("claimable", 0.85),
        ("max_benefit_yuan", 0.90),
        ("valid_until", 0.95),
    ]);
    let scores = scores();
    let line: Vec<String> = scores.iter().map(|(f, s)| format!("{f} {s:.3}")).collect();
    println!("facts dev scores: {}", line.join("  "));
    for (field, score) in scores {
        assert!(score >= floors[field], "{field} {score:.3} < floor {}: {}", floors[field], line.join("  "));
    }
}
