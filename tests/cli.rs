//! The `policy-search` binary as a user runs it: exit codes and messages.

use std::process::Command;

fn policy_search(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-search")).args(args).output().expect("the binary runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn data_check_passes_on_the_committed_seed_and_prints_counts() {
    let (ok, stdout, stderr) = policy_search(&["data", "check", "--quiet"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("points: 739 (市场建设 193, 人才支持 40, 财税金融 232, 创新支持 85, 权益保护 63, 要素保障 126)"), "{stdout}");
    assert!(stdout.contains("documents: 170"), "{stdout}");
}

#[test]
fn data_check_names_the_file_and_line_of_a_bad_seed() {
    let dir = std::env::temp_dir().join(format!("policy-search-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("empty.txt");
    std::fs::write(&path, "").unwrap();
    let (ok, _, stderr) = policy_search(&["data", "check", "--seed", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("empty.txt: line 1: the file is empty"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn index_derives_facts_for_a_list_that_has_none() {
    let dir = std::env::temp_dir().join(format!("policy-search-cli-facts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("other-agency.json");
    // Another agency's list in the schema of before facts: no fact fields at all.
    let point = r#"{"id":1,"chapter":"财税金融","category":"资金","subcategory":null,"no":1,"text":"对首次认定的小微企业给予一次性奖励 50 万元。","docnos":["某发〔2024〕1号"],"docnos_raw":["某发〔2024〕1号"],"year":2024,"agency":null,"flags":{"repealed":false,"truncated":false,"no_docno":false,"duplicate_of":null}}"#;
    std::fs::write(&input, format!(r#"{{"schema_version":1,"source":"other","points":[{point}],"documents":[]}}"#)).unwrap();
    let out = dir.join("other.idx");
    let (ok, _, stderr) = policy_search(&["index", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("facts derived by the rules for 1 points"), "{stderr}");
    let index = policy_search::index::Index::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    let p = &index.points()[0];
    assert!(p.claimable);
    assert_eq!(p.max_benefit_yuan, Some(5e5));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn data_check_fails_on_a_misspelt_override_naming_the_line() {
    let dir = std::env::temp_dir().join(format!("policy-search-cli-overrides-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("overrides.tsv");
    std::fs::write(&path, "# comment\n297\tsupport\t资金补贴\ta typo\n").unwrap();
    let (ok, stdout, stderr) = policy_search(&["data", "check", "--quiet", "--overrides", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("overrides.tsv: line 2: \"资金补贴\" is not one of 资金奖补"), "{stderr}");
    assert!(stdout.contains("overrides: 0 change the rules, 0 stale, 1 errors"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}
