//! Rule files: every shipped example passes, and every kind of mistake in a rule file
//! gets a diagnostic that names the file and points at the mistake.

mod common;

use claimcheck::rules::RuleSet;
use claimcheck::rules::examples::run_examples;

#[test]
fn every_shipped_rule_passes_its_examples() {
    let rules = RuleSet::load_dir(&common::root().join("rules")).expect("the shipped rules load");
    let outcomes = run_examples(&rules);
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.failure.as_ref().map(|f| f.message.clone()))
        .collect();
    assert!(
        failures.is_empty(),
        "failing examples:\n{}",
        failures.join("\n")
    );
    for topic in &rules.topics {
        let positive = topic
            .examples
            .iter()
            .filter(|e| e.expect != claimcheck::rules::Expect::Nothing)
            .count();
        let negative = topic.examples.len() - positive;
        assert!(
            positive >= 2 && negative >= 1,
            "{} needs positive and negative examples",
            topic.id
        );
    }
}

#[test]
fn the_built_in_rules_are_the_rules_folder() {
    let shipped = RuleSet::shipped().expect("the built-in rules load");
    let folder = RuleSet::load_dir(&common::root().join("rules")).expect("the rules folder loads");
    let ids = |r: &RuleSet| r.topics.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&shipped), ids(&folder));
}

#[test]
fn a_broken_example_fails_with_a_diagnostic_at_the_example() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir(dir.path().join("rules")).expect("rules dir");
    let rule = std::fs::read_to_string(common::root().join("rules/legend-west/west-age.toml"))
        .expect("shipped rule");
    let broken = rule.replace("expect = \"45\"", "expect = \"46\"");
    std::fs::write(dir.path().join("rules/west-age.toml"), broken).expect("write rule");
    let run = common::run_in(dir.path(), &["test"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stderr.contains("rules/west-age.toml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("expected 46 (asserted)"),
        "{}",
        run.stderr
    );
}

/// Each fixture is one broken rule file, loaded beside a valid one.
#[test]
fn bad_rules_are_reported_with_file_and_span() {
    common::settings().bind(|| {
        insta::glob!("fixtures/bad-rules/*.toml", |path| {
            let dir = tempfile::tempdir().expect("a temp dir");
            let rules = dir.path().join("rules");
            std::fs::create_dir(&rules).expect("rules dir");
            std::fs::copy(
                common::root().join("rules/legend-west/drink-champs-date.toml"),
                rules.join("a-valid.toml"),
            )
            .expect("copy a valid rule");
            let name = path.file_name().expect("fixture has a name");
            std::fs::copy(path, rules.join(name)).expect("copy the fixture");
            std::fs::write(
                dir.path().join("article.txt"),
                " date 2022-09-08 Legend and West.",
            )
            .expect("write article");
            let run = common::run_in(dir.path(), &["article.txt"]);
            assert_eq!(run.code, 2, "{}", run.transcript());
            assert!(
                run.stderr
                    .contains(&format!("rules/{}", name.to_string_lossy())),
                "{}",
                run.stderr
            );
            insta::assert_snapshot!(run.transcript());
        });
    });
}

/// Checking against no rules would find nothing and pass: that is an error, whether the
/// folder is named with --rules or is the ./rules found by default.
#[test]
fn an_empty_rules_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir(dir.path().join("rules")).expect("rules dir");
    std::fs::write(dir.path().join("rules/notes.txt"), "not a rule").expect("write note");
    std::fs::write(dir.path().join("article.txt"), "Legend and West.").expect("write article");

    let named = common::run_in(dir.path(), &["--rules", "rules", "article.txt"]);
    assert_eq!(named.code, 2, "{}", named.transcript());
    common::settings().bind(|| insta::assert_snapshot!("empty_rules_folder", named.transcript()));

    let default = common::run_in(dir.path(), &["article.txt"]);
    assert_eq!(default.code, 2, "{}", default.transcript());
    assert!(
        default.stderr.contains("no rule files in rules/"),
        "{}",
        default.stderr
    );

    let test = common::run_in(dir.path(), &["test"]);
    assert_eq!(test.code, 2, "{}", test.transcript());
}

#[test]
fn a_rules_folder_that_does_not_exist_is_an_error_in_plain_words() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("article.txt"), "Legend and West.").expect("write article");
    let run = common::run_in(dir.path(), &["--rules", "no-such-rules", "article.txt"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("cannot read the rules folder: no such file or directory"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
}
