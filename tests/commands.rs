//! The helper commands: `claims` lists what the rules find, `completions` and `man` are
//! generated from the command-line definitions.

mod common;

use serde_json::Value;

const SEED: &str = "seeds/000_dd6adfaaf19a2042.txt";

#[test]
fn claims_of_one_seed_as_a_table() {
    let run = common::run(&["claims", SEED]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("claims_table", run.transcript()));
}

#[test]
fn claims_are_sorted_by_article_and_position() {
    let run = common::run(&["claims", "seeds/", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let document: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let claims = document["claims"].as_array().expect("claims");
    assert_eq!(document["summary"]["claims"], claims.len());
    let keys: Vec<(String, u64)> = claims
        .iter()
        .map(|c| {
            (
                c["path"].as_str().unwrap_or_default().to_string(),
                c["span"]["start"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(
        claims
            .iter()
            .all(|c| c["sentence"]["start"].as_u64() <= c["span"]["start"].as_u64())
    );
}

#[test]
fn claims_of_one_topic() {
    let run = common::run(&[
        "claims",
        "seeds/",
        "--topic",
        "legend-west/drink-champs-date",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert!(rows.len() > 2, "{}", run.stdout);
    let (claims, summary) = rows.split_at(rows.len() - 1);
    assert!(
        claims
            .iter()
            .all(|row| row.contains(" legend-west/drink-champs-date ")),
        "{}",
        run.stdout
    );
    assert_eq!(
        summary[0],
        format!("{} claims, 5 articles checked", claims.len())
    );
}

#[test]
fn an_unknown_topic_is_an_error_with_a_suggestion() {
    let run = common::run(&[
        "claims",
        "seeds/",
        "--topic",
        "legend-west/drinkchamps-date",
    ]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("did you mean `legend-west/drink-champs-date`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn completions_for_every_shell_know_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = common::run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.transcript());
        for word in ["claims", "baseline", "completions", "format", "coverage"] {
            assert!(run.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let bad = common::run(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2, "{}", bad.transcript());
}

#[test]
fn the_man_page_lists_the_options_and_commands() {
    let run = common::run(&["man"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.starts_with(".ie"), "{}", run.stdout);
    assert!(run.stdout.contains(".TH claimcheck 1"));
    for word in [
        "claimcheck\\-claims(1)",
        "claimcheck\\-baseline(1)",
        "\\-\\-format",
        "sarif",
    ] {
        assert!(run.stdout.contains(word), "the page lacks {word}");
    }
    let test = common::run(&["man", "test"]);
    assert_eq!(test.code, 0, "{}", test.transcript());
    assert!(test.stdout.contains(".TH claimcheck-test 1"));
    assert!(test.stdout.contains("\\-\\-coverage"));
    let unknown = common::run(&["man", "nope"]);
    assert_eq!(unknown.code, 2, "{}", unknown.transcript());
}

#[test]
fn dump_patterns_prints_every_rule_pattern_and_with_builtin_the_date_and_cue_patterns() {
    let rules_only = common::run(&["dump-patterns"]);
    assert_eq!(rules_only.code, 0, "{}", rules_only.transcript());
    let with_builtin = common::run(&["dump-patterns", "--builtin"]);
    assert_eq!(with_builtin.code, 0, "{}", with_builtin.transcript());
    let rules_lines: Vec<&str> = rules_only.stdout.lines().collect();
    let all_lines: Vec<&str> = with_builtin.stdout.lines().collect();
    // The rule patterns come first, unchanged; the built-in ones follow.
    assert!(!rules_lines.is_empty());
    assert_eq!(&all_lines[..rules_lines.len()], &rules_lines[..]);
    let builtin = &all_lines[rules_lines.len()..];
    assert!(
        builtin.iter().any(|p| p.contains("January")),
        "a date reader"
    );
    assert!(
        builtin.iter().any(|p| p.contains("mischaracterization")),
        "a stance cue"
    );
    let mut distinct = builtin.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), builtin.len(), "each built-in pattern once");
    // Another tool is given these lines: each must compile on its own.
    for line in all_lines {
        regex::Regex::new(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
}

#[test]
fn timings_are_one_line_on_stderr_and_leave_the_report_unchanged() {
    let plain = common::run(&["seeds/", "--format", "json"]);
    let timed = common::run(&["seeds/", "--format", "json", "--timings"]);
    assert_eq!(timed.code, plain.code, "{}", timed.transcript());
    assert_eq!(timed.stdout, plain.stdout, "the report is the same");
    assert!(!plain.stderr.contains("timings:"), "{}", plain.stderr);
    let lines: Vec<&str> = timed
        .stderr
        .lines()
        .filter(|line| line.starts_with("timings: "))
        .collect();
    assert_eq!(lines.len(), 1, "{}", timed.stderr);
    let stages: Vec<(&str, f64)> = lines[0]
        .trim_start_matches("timings: ")
        .split(", ")
        .map(|stage| {
            let (name, seconds) = stage
                .strip_suffix(" s")
                .and_then(|s| s.rsplit_once(' '))
                .unwrap_or_else(|| panic!("a stage and its seconds: {stage}"));
            let seconds: f64 = seconds.parse().unwrap_or_else(|_| panic!("{stage}"));
            (name, seconds)
        })
        .collect();
    let names: Vec<&str> = stages.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        ["checking", "quotation findings", "reconciling", "report"]
    );
    assert!(
        stages.iter().all(|(_, s)| (0.0..60.0).contains(s)),
        "{stages:?}"
    );
}
