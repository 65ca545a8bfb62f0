//! The same input gives the same bytes, however many threads check it: the seeds and a
//! larger generated corpus are checked with one thread and with the default, in every
//! output format the binary offers.

mod common;

use std::path::Path;

fn assert_same_with_one_thread_and_many(dir: &Path, paths: &[&str]) {
    let formats = common::formats();
    assert!(
        formats.contains(&None),
        "the default report is always compared"
    );
    for format in &formats {
        let mut args: Vec<&str> = paths.to_vec();
        args.extend(["--color", "never"]);
        if let Some(format) = format {
            args.extend(["--format", format]);
        }
        let one = common::run_with_env(dir, &args, &[("RAYON_NUM_THREADS", "1")]);
        let many = common::run_with_env(dir, &args, &[]);
        let more = common::run_with_env(dir, &args, &[("RAYON_NUM_THREADS", "7")]);
        let shown = format.as_deref().unwrap_or("the default format");
        for (name, other) in [("default threads", &many), ("7 threads", &more)] {
            assert_eq!(one.code, other.code, "exit code in {shown}, {name}");
            assert!(
                one.stdout == other.stdout,
                "stdout differs in {shown} with {name}"
            );
            assert!(
                one.stderr == other.stderr,
                "stderr differs in {shown} with {name}"
            );
        }
        assert!(!one.stdout.is_empty(), "{shown} says something");
    }
}

#[test]
fn the_seeds_report_is_the_same_whatever_the_number_of_threads() {
    assert_same_with_one_thread_and_many(&common::root(), &["seeds/"]);
}

#[test]
fn a_generated_corpus_report_is_the_same_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().expect("a temp dir");
    common::generate_corpus(&dir.path().join("corpus"), 200, 2022);
    // A file that is skipped and a path that is missing are reported in order too.
    std::fs::write(dir.path().join("corpus/section-3/latin1.txt"), b"caf\xE9").expect("write");
    assert_same_with_one_thread_and_many(dir.path(), &["corpus", "missing.txt"]);
}

#[test]
fn generated_corpora_are_the_same_every_time() {
    let paragraphs = common::seed_paragraphs();
    assert!(
        paragraphs.len() > 20,
        "the seeds have paragraphs to recombine"
    );
    let first = common::generated_article(&paragraphs, &mut common::Lcg::new(7));
    let again = common::generated_article(&paragraphs, &mut common::Lcg::new(7));
    let other = common::generated_article(&paragraphs, &mut common::Lcg::new(8));
    assert_eq!(first, again);
    assert_ne!(first, other);
    assert!(first.starts_with("date 2022-"));
}

#[test]
fn output_formats_are_read_from_the_help_text() {
    let help = "Options:\n      --fail-on <FAIL_ON>  Exit with 1 [default: error]\n                           [possible values: error, warning]\n      --format <FORMAT>    How to report [default: human]\n                           [possible values: human, json, sarif,\n                           github]\n      --strict             Exit with 2";
    assert_eq!(
        common::formats_in(help),
        vec![
            None,
            Some("human".to_string()),
            Some("json".to_string()),
            Some("sarif".to_string()),
            Some("github".to_string()),
        ]
    );
    assert_eq!(
        common::formats_in("Options:\n  --strict  Exit with 2"),
        vec![None]
    );
    let long = "Options:\n      --format <FORMAT>\n          How to write the report\n\n          Possible values:\n          - human:  Diagnostics with a snippet of each article\n          - short:  One line per finding: path:line:col: severity: code: message\n          - json:   A versioned JSON document\n\n          [default: human]\n\n      --strict\n          Exit with 2";
    assert_eq!(
        common::formats_in(long),
        vec![
            None,
            Some("human".to_string()),
            Some("short".to_string()),
            Some("json".to_string()),
        ]
    );
}

#[test]
fn every_format_of_the_binary_is_found() {
    // Were the help text read wrongly, the loops over formats would quietly compare only
    // the default report.
    let formats = common::formats();
    for format in ["human", "short", "json", "sarif", "github"] {
        assert!(
            formats.contains(&Some(format.to_string())),
            "{format} in {formats:?}"
        );
    }
}
