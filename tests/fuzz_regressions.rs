//! Replays every input saved under tests/fuzz/regressions/ (crashes the fuzz targets
//! found, and a small corpus of interesting inputs) through the same code as the fuzz
//! targets, so that a fixed crash stays fixed without a fuzzer installed.

#[path = "fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{} can be listed: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds inputs", dir.display());
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    for path in inputs(target) {
        let data = std::fs::read(&path).expect("a saved input is readable");
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panics again", path.display());
    }
}

#[test]
fn saved_rule_files_load_or_fail_with_diagnostics() {
    replay("rules", harness::rule_file);
}

#[test]
fn saved_articles_are_checked_without_panicking() {
    replay("article", harness::article);
}
