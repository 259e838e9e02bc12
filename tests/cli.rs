//! The `policy-search` binary as a user runs it: exit codes and messages.

use std::process::Command;

fn policy_search(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-search"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
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

/// `policy-search search` run from the repository root (where `data/policies.json` is found).
fn search(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-search"))
        .arg("search")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("POLICY_SEARCH_DATA")
        .env_remove("POLICY_SEARCH_INDEX")
        .output()
        .expect("the binary runs");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn search_json_has_the_engines_shape() {
    let (code, stdout, stderr) = search(&["--json", "--limit", "3", "贷款贴息"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    for field in ["total", "partial", "hits", "facets", "suggestion", "notice"] {
        assert!(v.get(field).is_some(), "no {field} in {stdout}");
    }
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for field in ["id", "chapter", "no", "score", "highlights", "snippet", "partial", "docno"] {
        assert!(hits[0].get(field).is_some(), "no hits[].{field}");
    }
    assert!(v["facets"]["chapter"].as_array().is_some_and(|c| !c.is_empty()));
}

#[test]
fn search_prints_a_numbered_list_for_a_person_with_matches_marked_in_colour() {
    let (code, plain, _) = search(&["--limit", "2", "贷款贴息"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = plain.lines().collect();
    assert!(lines[0].starts_with("  1. #"), "{plain}");
    assert!(lines[0].contains(" · 第 ") && lines[0].contains('〔'), "rank, id, chapter · number · document: {plain}");
    assert!(lines.iter().any(|l| l.starts_with("  2. #")), "{plain}");
    assert!(lines.last().unwrap().starts_with("“贷款贴息”：共 ") && lines.last().unwrap().contains("毫秒"), "{plain}");
    assert!(!plain.contains('\x1b'), "no colour when not asked and not a terminal");
    let (_, coloured, _) = search(&["--limit", "2", "--color", "always", "贷款贴息"]);
    assert!(coloured.contains("\x1b[1;31m贷款贴息\x1b[0m"), "{coloured}");
}

#[test]
fn search_refuses_bad_requests_with_exit_2_and_a_message_listing_what_is_valid() {
    let table: [(&[&str], &str); 5] = [
        (&["--filter", "nosuch:x", "贷款"], "未知的筛选字段 “nosuch”（可用：chapter, category, subcategory, year, agency, document, flag, support, beneficiary, industry, region, status）"),
        (&["--filter", "chapter=财税金融", "贷款"], "应写作 字段:值"),
        (&["--filter", "year:1999", "贷款"], "筛选 year 没有值 “1999”（可用：2021"),
        (&["--limit", "101", "贷款"], "每页条数 “101” 应为 1–100 之间的整数"),
        (&["--sort", "sideways", "贷款"], "未知的排序 “sideways”（可用：relevance, newest, document_order, amount）"),
    ];
    for (args, message) in table {
        let (code, stdout, stderr) = search(args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn repeated_filters_of_one_key_are_alternatives() {
    let ids = |args: &[&str]| -> Vec<u64> {
        let (code, stdout, stderr) = search(args);
        assert_eq!(code, Some(0), "{stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_u64().unwrap()).collect()
    };
    let total = |args: &[&str]| -> u64 {
        let v: serde_json::Value = serde_json::from_str(&search(args).1).unwrap();
        v["total"].as_u64().unwrap()
    };
    let talent = total(&["--json", "--filter", "chapter:人才支持", "人才"]);
    let innovation = total(&["--json", "--filter", "chapter:创新支持", "人才"]);
    let both = total(&["--json", "--filter", "chapter:人才支持", "--filter", "chapter:创新支持", "人才"]);
    assert_eq!(both, talent + innovation);
    assert!(!ids(&["--json", "--filter", "chapter:人才支持", "--filter", "chapter:创新支持", "人才"]).is_empty());
}

#[test]
fn search_finds_its_data_under_the_working_directory_or_says_where_it_looked() {
    let dir = std::env::temp_dir().join(format!("policy-search-nodata-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policy-search"))
        .args(["search", "贷款"])
        .current_dir(&dir)
        .env_remove("POLICY_SEARCH_DATA")
        .env_remove("POLICY_SEARCH_INDEX")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("data/policies.json: no such file (looked in ") && stderr.contains("POLICY_SEARCH_DATA"), "{stderr}");
    let dataset = concat!(env!("CARGO_MANIFEST_DIR"), "/data/policies.json");
    let out = Command::new(env!("CARGO_BIN_EXE_policy-search"))
        .args(["search", "--json", "贷款"])
        .current_dir(&dir)
        .env("POLICY_SEARCH_DATA", dataset)
        .env_remove("POLICY_SEARCH_INDEX")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `policy-search match` run from the repository root with `profile` on standard input.
fn match_profile(profile: &str, args: &[&str]) -> (Option<i32>, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-search"))
        .args(["match", "--profile", "-"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("POLICY_SEARCH_DATA")
        .env_remove("POLICY_SEARCH_INDEX")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A usage error exits before reading the profile: the pipe may be closed by then.
    let _ = child.stdin.take().unwrap().write_all(profile.as_bytes());
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn match_prints_counts_per_group_and_one_page_of_matches() {
    let profile = r#"{"region": "太原", "entity": "企业", "size": "小型", "traits": ["高新技术企业"], "industries": ["制造业"]}"#;
    let (code, stdout, stderr) = match_profile(profile, &["--json", "--today", "2025-06-30", "--limit", "5"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    let counts: Vec<u64> = ["targeted", "general", "unknown"].iter().map(|k| v[k].as_u64().unwrap()).collect();
    assert_eq!(v["total"].as_u64(), Some(counts.iter().sum()));
    let matches = v["matches"].as_array().unwrap();
    assert!(matches.len() <= 5);
    for m in matches {
        assert!(m["id"].is_u64() && m["bucket"].is_string() && m["reasons"].is_array() && m["open"].is_array(), "{m}");
    }
    let (code, text, _) = match_profile(profile, &["--today", "2025-06-30"]);
    assert_eq!(code, Some(0));
    assert!(text.starts_with("政策匹配（2025-06-30）：精准匹配 "), "{text}");
}

#[test]
fn match_refuses_an_unknown_field_or_value_naming_it_and_listing_the_valid_ones() {
    let table = [
        (r#"{"colour": "red"}"#, "未知的字段 “colour”（可用：region, entity, size, traits, industries, needs）"),
        (r#"{"size": "巨型"}"#, "size 的值 “巨型” 无效（可用：大型、中型、小型、微型）"),
        (r#"{"traits": ["小微"]}"#, "“小微”"),
    ];
    for (profile, message) in table {
        let (code, stdout, stderr) = match_profile(profile, &[]);
        assert_eq!(code, Some(2), "{profile}: {stderr}");
        assert!(stderr.contains(message), "{profile}: {stderr}");
        assert!(stdout.is_empty());
    }
    let (code, _, stderr) = match_profile("{}", &["--today", "30/06/2025"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("日期 “30/06/2025” 应写作 YYYY-MM-DD"), "{stderr}");
}
