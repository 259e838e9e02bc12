//! Speed and size: query latency over the real 739 points and over a synthetic 100× corpus (73,900
//! points of recombined sentences), index build time, index size and the memory of a loaded index.
//!
//! Criterion measures a few representative queries; the workload summary (median and p95 over every
//! query of a mixed set, many runs each) is printed first, because p95 is the budget that matters and
//! criterion reports means. Memory is counted by a wrapping global allocator (live bytes).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use policy_search::data::field::FilterKey;
use policy_search::data::{Dataset, Point};
use policy_search::index::Index;
use policy_search::search::{search, Filter, Query};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The kinds users type: topics, questions, document numbers, pinyin, variants, amounts, negatives,
/// single characters and a browse with a filter.
const QUERIES: &[&str] = &[
    "研发费用加计扣除", "贷款贴息", "拖欠 中小企业 账款", "孵化器 众创空间 奖励", "招不到工人有什么政策",
    "没有抵押物怎么贷款", "企业怎么办理简易注销", "晋政办发〔2022〕30号", "晋发改改革发2021 127号", "gezhuanqi",
    "zjtx", "zhuanjingtexin", "數字化轉型", "算力卷", "稳岗反还", "40% 预付款", "最高500万元 奖励",
    "网约车 驾驶员 从业资格证", "税", "企业", "小微企业有哪些税收优惠", "高企", "",
];

fn dataset() -> Dataset {
    let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/policies.json")).unwrap();
    serde_json::from_slice(&json).unwrap()
}

/// 100× the points: each synthetic point joins 1–4 sentences drawn (deterministically) from the
/// whole corpus and keeps the metadata of the real point it replaces.
fn synthetic(base: &Dataset, factor: usize) -> Dataset {
    let sentences: Vec<&str> =
        base.points.iter().flat_map(|p| p.text.split_inclusive(['。', '；'])).filter(|s| !s.trim().is_empty()).collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut points: Vec<Point> = Vec::with_capacity(base.points.len() * factor);
    for i in 0..base.points.len() * factor {
        let mut p = base.points[i % base.points.len()].clone();
        p.id = i as u32 + 1;
        p.text = (0..1 + next() % 4).map(|_| sentences[next() % sentences.len()]).collect();
        p.flags.duplicate_of = None;
        points.push(p);
    }
    Dataset { points, ..base.clone() }
}

fn query(text: &str) -> Query {
    let filters = if text.is_empty() { vec![Filter { key: FilterKey::Chapter, value: "财税金融".into() }] } else { vec![] };
    Query { text: text.into(), filters, ..Query::default() }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn workload(name: &str, index: &Index, rounds: usize) {
    let mut all = Vec::new();
    let mut worst = (Duration::ZERO, "");
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    for q in QUERIES {
        let query = query(q);
        let mut own = Vec::new();
        for _ in 0..rounds {
            let t = Instant::now();
            std::hint::black_box(search(index, &query));
            let d = t.elapsed();
            if d > worst.0 {
                worst = (d, q);
            }
            own.push(d);
        }
        own.sort();
        slowest.push((percentile(&own, 0.5), q));
        all.extend(own);
    }
    slowest.sort_by(|a, b| b.cmp(a));
    println!("{name}: slowest medians {:?}", &slowest[..3]);
    all.sort();
    println!(
        "{name}: {} queries × {rounds}: median {:?}, p95 {:?}, max {:?} ({:?})",
        QUERIES.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        worst.0,
        worst.1
    );
}

fn load(name: &str, dataset: &Dataset) -> Index {
    let t = Instant::now();
    let built = Index::of(dataset);
    let build = t.elapsed();
    let bytes = built.to_bytes();
    drop(built);
    let before = LIVE.load(Ordering::Relaxed);
    let t = Instant::now();
    let index = Index::from_bytes(&bytes).unwrap();
    let open = t.elapsed();
    let memory = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    println!(
        "{name}: {} points, build {:?}, index {} bytes, from_bytes {:?}, loaded index {:.1} MB in memory",
        index.points().len(),
        build,
        bytes.len(),
        open,
        memory as f64 / 1e6
    );
    index
}

fn benches(c: &mut Criterion) {
    let base = dataset();
    let real = load("real", &base);
    workload("real", &real, 50);
    let big = load("synthetic 100x", &synthetic(&base, 100));
    workload("synthetic 100x", &big, 3);

    let mut g = c.benchmark_group("query");
    for q in ["贷款贴息", "zjtx", "没有抵押物怎么贷款", "晋政办发〔2022〕30号", "税"] {
        g.bench_function(format!("real/{q}"), |b| b.iter(|| search(&real, &query(q))));
    }
    g.sample_size(10);
    for q in ["贷款贴息", "zjtx", "税"] {
        g.bench_function(format!("100x/{q}"), |b| b.iter(|| search(&big, &query(q))));
    }
    g.finish();
    c.bench_function("from_bytes/real", |b| {
        let bytes = real.to_bytes();
        b.iter(|| Index::from_bytes(&bytes).unwrap())
    });
}

criterion_group!(group, benches);

fn main() {
    group();
    Criterion::default().configure_from_args().final_summary();
}
