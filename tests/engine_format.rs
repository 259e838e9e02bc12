//! The index format: a frozen index of the current version (tests/fixtures/frozen-v{N}.index, built
//! from the first 30 points) must still open and answer, and other files and versions are refused
//! with a clear error. After an intentional format change, bump `FORMAT_VERSION` and write the new
//! frozen file with `UPDATE_FROZEN_INDEX=1 cargo test --release --test engine_format`.

use policy_search::data::Dataset;
use policy_search::index::{Index, IndexError, FORMAT_VERSION};
use policy_search::search::{search, Query};

fn frozen_path() -> String {
    format!("{}/tests/fixtures/frozen-v{FORMAT_VERSION}.index", env!("CARGO_MANIFEST_DIR"))
}

fn small_dataset() -> Dataset {
    let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/policies.json")).unwrap();
    let mut d: Dataset = serde_json::from_slice(&json).unwrap();
    d.points.truncate(30);
    d.documents.retain(|doc| doc.points.iter().any(|&p| p <= 30));
    d.source = "first 30 points of data/policies.json".into();
    d
}

#[test]
fn frozen_index_of_this_version_opens_and_answers() {
    if std::env::var_os("UPDATE_FROZEN_INDEX").is_some() {
        std::fs::write(frozen_path(), Index::of(&small_dataset()).to_bytes()).unwrap();
    }
    let bytes = std::fs::read(frozen_path()).unwrap_or_else(|e| panic!("{}: {e} (see this file's header)", frozen_path()));
    let index = Index::from_bytes(&bytes).unwrap();
    assert_eq!(index.points().len(), 30);
    assert_eq!(index.source(), "first 30 points of data/policies.json");
    assert_eq!(index.point(9).map(|p| p.id), Some(9));
    let doc = index.document_by_docno("晋政办发〔2022〕30号").expect("the frozen index has this document");
    assert!(doc.points.contains(&9));
    let r = search(&index, &Query { text: "晋政办发(2022)30".into(), ..Query::default() });
    assert_eq!(r.hits.first().map(|h| h.id), Some(9));
    // Version 5 carries the variant pairs of characters only a query uses with the readings.
    assert_eq!(search(&index, &Query { text: "轉型".into(), ..Query::default() }), search(&index, &Query { text: "转型".into(), ..Query::default() }));
    // Version 2 carries the facts.
    assert!(index.points().iter().any(|p| p.claimable && !p.support.is_empty()), "the frozen index has facts");
    // Round trip: what it reads, it writes back byte for byte.
    assert_eq!(index.to_bytes(), bytes);
}

#[test]
fn other_files_and_versions_are_refused_with_a_clear_error() {
    let mut bytes = std::fs::read(frozen_path()).unwrap();
    bytes[4..8].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let err = Index::from_bytes(&bytes).unwrap_err();
    assert_eq!(err, IndexError::Version { found: FORMAT_VERSION + 1, expected: FORMAT_VERSION });
    assert!(err.to_string().contains("rebuild the index"));
    assert_eq!(Index::from_bytes(b"{\"points\": []}").unwrap_err(), IndexError::BadMagic);
}

/// Version 1 had no facts, version 2 no tag words, version 3 had its texts as UTF-8 and version 4
/// every variant pair in the head. Opening the first two with empty ones would show every point as
/// 全省, not claimable and with no amounts, or answer sector words without their tags — wrong
/// answers that look right — so old versions are refused with a message to rebuild.
#[test]
fn older_versions_are_refused_with_a_message_to_rebuild() {
    for version in [1, 2, 3, 4] {
        let path = format!("{}/tests/fixtures/frozen-v{version}.index", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).unwrap();
        for err in [Index::from_bytes(&bytes).unwrap_err(), Index::from_head_bytes_deferred(&bytes).unwrap_err()] {
            assert_eq!(err, IndexError::Version { found: version, expected: FORMAT_VERSION });
            assert!(err.to_string().contains("rebuild the index"), "{err}");
        }
    }
}

#[test]
fn another_agency_can_index_its_own_list() {
    let mut d = small_dataset();
    for p in &mut d.points {
        p.text = p.text.replace("企业", "商户");
    }
    let index = Index::from_bytes(&Index::of(&d).to_bytes()).unwrap();
    let r = search(&index, &Query { text: "商户".into(), ..Query::default() });
    assert!(r.total > 0);
}

/// The widget reads the head first and the readings after its first results: the head answers
/// everything that needs neither pinyin nor a character the corpus never uses exactly as the whole
/// file does, and with the readings added every query gets the whole file's answer.
#[test]
fn a_head_answers_like_the_whole_index_and_its_readings_complete_it() {
    let whole = Index::of(&small_dataset());
    let (head, readings) = whole.to_parts();
    let partial = Index::from_head_bytes_deferred(&head).unwrap();
    assert!(whole.has_readings() && !partial.has_readings());
    let results = |index: &Index, q: &str| search(index, &Query { text: q.into(), ..Query::default() });
    let ids = |index: &Index, q: &str| results(index, q).hits.iter().map(|h| h.id).collect::<Vec<_>>();
    let plain = ["营商环境", "晋政办发(2022)30", "民营企业 融资", "转型", "企业", "奶茶店", "贷款贴息", "\"民营企业\""];
    for q in plain {
        assert_eq!(results(&partial, q), results(&whole, q), "{q}");
    }
    let pinyin = "yshj";
    // Traditional characters this corpus never uses: their pairs travel with the readings.
    let traditional = ["營商環境", "民營企業 轉型"];
    for q in [pinyin].iter().chain(&traditional) {
        assert!(!ids(&whole, q).is_empty(), "the test needs {q} to have results");
    }
    assert_ne!(ids(&partial, pinyin), ids(&whole, pinyin));
    assert_ne!(ids(&partial, "營商環境"), ids(&whole, "營商環境"));
    assert_eq!(ids(&whole, "營商環境"), ids(&whole, "营商环境"));
    partial.add_readings(&readings).unwrap();
    assert!(partial.has_readings());
    for q in plain.iter().chain([pinyin].iter()).chain(&traditional) {
        assert_eq!(results(&partial, q), results(&whole, q), "{q}");
    }
    assert!(matches!(partial.add_readings(b"\xff\xff"), Ok(())), "readings added once; later bytes are not read");
    let fresh = Index::from_head_bytes_deferred(&head).unwrap();
    assert!(matches!(fresh.add_readings(b"\xff\xff\xff\xff\xff"), Err(IndexError::Corrupt(_))));
    // Pinyin intact but the variant pairs cut short.
    assert!(matches!(fresh.add_readings(&readings[..readings.len() - 1]), Err(IndexError::Corrupt(_))));
    assert!(!fresh.has_readings());
}
