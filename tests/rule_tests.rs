//! `claimcheck test`: a failing example and a rule without a positive example are
//! diagnostics pointing into the rule file; the shipped rules pass with `--coverage`.

mod common;

use std::path::Path;

use serde_json::Value;

/// A rules folder holding the shipped `west-age` rule with one example broken.
fn broken_example(dir: &Path) {
    std::fs::create_dir(dir.join("rules")).expect("rules dir");
    let rule = std::fs::read_to_string(common::root().join("rules/legend-west/west-age.toml"))
        .expect("shipped rule");
    assert!(rule.contains("expect = \"45\""));
    let broken = rule.replacen("expect = \"45\"", "expect = \"46\"", 1);
    std::fs::write(dir.join("rules/west-age.toml"), broken).expect("write rule");
}

/// A rules folder with one covered rule and one whose only example is negative.
fn uncovered_rule(dir: &Path) {
    std::fs::create_dir(dir.join("rules")).expect("rules dir");
    std::fs::copy(
        common::root().join("rules/legend-west/west-age.toml"),
        dir.join("rules/west-age.toml"),
    )
    .expect("copy a covered rule");
    std::fs::write(
        dir.join("rules/cause.toml"),
        r#"# Only a negative example: nothing shows the patterns find anything.
id = "story/cause"
title = "Why they fell out"
kind = "category"

[[value]]
id = "money"
label = "money"
patterns = ['(?i)\bover money\b']

[[test]]
text = "They are still friends."
expect = "none"
"#,
    )
    .expect("write rule");
}

#[test]
fn a_failing_example_is_a_diagnostic_at_its_test_table() {
    let dir = tempfile::tempdir().expect("a temp dir");
    broken_example(dir.path());
    let run = common::run_in(dir.path(), &["test", "rules"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("test_failing_example", run.transcript()));
}

#[test]
fn coverage_fails_a_rule_without_a_positive_example() {
    let dir = tempfile::tempdir().expect("a temp dir");
    uncovered_rule(dir.path());
    let plain = common::run_in(dir.path(), &["test", "rules"]);
    assert_eq!(plain.code, 0, "without --coverage: {}", plain.transcript());
    let run = common::run_in(dir.path(), &["test", "--coverage", "rules"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stderr.contains("rules/cause.toml:2:6"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("west-age"), "{}", run.stderr);
    common::settings().bind(|| insta::assert_snapshot!("test_coverage", run.transcript()));
}

#[test]
fn the_shipped_rules_pass_with_coverage() {
    let run = common::run(&["test", "--coverage", "rules/"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .ends_with("; 0 rules without a positive example\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn test_results_as_json() {
    let dir = tempfile::tempdir().expect("a temp dir");
    uncovered_rule(dir.path());
    let run = common::run_in(
        dir.path(),
        &["test", "--coverage", "--format", "json", "rules"],
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    let document: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(document["version"], 1);
    assert_eq!(document["summary"]["rules"], 2);
    assert_eq!(document["summary"]["failed"], 0);
    assert_eq!(document["summary"]["uncovered"], 1);
    let uncovered = &document["uncovered"][0];
    assert_eq!(uncovered["topic"], "story/cause");
    assert_eq!(uncovered["path"], "rules/cause.toml");
    assert_eq!(uncovered["line"], 2);
    let first = &document["examples"][0];
    assert_eq!(first["topic"], "story/cause");
    assert_eq!(first["passed"], true);
    assert!(first["line"].as_u64().is_some_and(|l| l > 2));

    let other = tempfile::tempdir().expect("a temp dir");
    broken_example(other.path());
    let failing = common::run_in(other.path(), &["test", "--format", "json"]);
    assert_eq!(failing.code, 1, "{}", failing.transcript());
    let document: Value = serde_json::from_str(&failing.stdout).expect("JSON");
    assert_eq!(document["uncovered"], Value::Null);
    let failed: Vec<&Value> = document["examples"]
        .as_array()
        .expect("examples")
        .iter()
        .filter(|e| e["passed"] == false)
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("expected 46")),
        "{failed:?}"
    );
}
