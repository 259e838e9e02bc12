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
