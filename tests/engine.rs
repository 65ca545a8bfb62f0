//! The engine on small article folders: stance cues from rule files, unanchored dates,
//! contradictions within one article, exit codes.

mod common;

use std::fs;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create folder");
    fs::write(path, text).expect("write file");
}

fn copy_rule(dir: &Path, name: &str) {
    let text = fs::read_to_string(common::root().join("rules/legend-west").join(name))
        .expect("shipped rule");
    write(dir, &format!("rules/{name}"), &text);
}

#[test]
fn relative_date_without_publication_date_is_unanchored() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_rule(dir.path(), "drink-champs-date.toml");
    write(
        dir.path(),
        "a.txt",
        "Legend and West fell out. Kanye spoke about Legend last year on Drink Champs.\n",
    );
    write(
        dir.path(),
        "b.txt",
        " date 2022-09-08 Legend and West. In 2020, West was on Drink Champs.\n",
    );
    let run = common::run_in(dir.path(), &["a.txt", "b.txt"]);
    assert_eq!(
        run.code,
        0,
        "an unanchored date is no contradiction: {}",
        run.transcript()
    );
    assert!(
        run.stdout.contains("claimcheck::unanchored-date"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("“last year” cannot be placed in time"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("contradiction::date"),
        "{}",
        run.stdout
    );
    let info = common::run_in(dir.path(), &["a.txt", "b.txt", "--fail-on", "info"]);
    assert_eq!(info.code, 1, "{}", info.transcript());
}

#[test]
fn the_same_relative_date_resolves_against_each_publication_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_rule(dir.path(), "drink-champs-date.toml");
    write(
        dir.path(),
        "a.txt",
        " date 2022-09-08 Legend and West. Kanye spoke about Legend last year on Drink Champs.\n",
    );
    write(
        dir.path(),
        "b.txt",
        " date 2023-09-08 Legend and West. Kanye spoke about Legend last year on Drink Champs.\n",
    );
    let run = common::run_in(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("says 2021 (relative to publication on 2022-09-08)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("says 2022 (relative to publication on 2023-09-08)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_cue_in_the_rule_file_changes_the_stance() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "rules/cause.toml",
        r#"
id = "t/cause"
title = "Why they split"
kind = "category"
[[value]]
id = "money"
label = "a dispute about money"
patterns = ['(?i)\bover money\b']
[[cue]]
phrase = "is a tabloid invention"
effect = "deny"
position = "after"
[[test]]
text = "They split over money, which is a tabloid invention."
expect = "money"
stance = "denied"
"#,
    );
    write(dir.path(), "a.txt", "They split over money.\n");
    write(
        dir.path(),
        "b.txt",
        "They split over money, which is a tabloid invention.\n",
    );
    let run = common::run_in(dir.path(), &["a.txt", "b.txt"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("claimcheck::contradiction::denied"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("denies: a dispute about money"),
        "{}",
        run.stdout
    );
    let test = common::run_in(dir.path(), &["test"]);
    assert_eq!(test.code, 0, "{}", test.transcript());
}

#[test]
fn one_article_that_contradicts_itself_is_reported_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_rule(dir.path(), "west-votes.toml");
    write(
        dir.path(),
        "a.txt",
        "West received about 60,000 votes in 2020.\n\nLater in the count, West got 120,000 votes.\n",
    );
    let run = common::run_in(dir.path(), &["a.txt"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let flat = run
        .stdout
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("do not agree (within one article)"), "{flat}");
    assert!(
        flat.contains(
            "a.txt says 120000 (115000–125000), and also about 60000; they differ by 50%"
        ),
        "{flat}"
    );
}

#[test]
fn hedged_claims_alone_make_no_finding() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_rule(dir.path(), "fallout-cause.toml");
    write(
        dir.path(),
        "a.txt",
        "Legend and West fell out because of political differences, fans speculated.\nFans speculated that political differences ended the friendship of Legend and West.\n",
    );
    write(
        dir.path(),
        "b.txt",
        "Legend and West stopped being friends because Legend didn't support West's 2020 campaign.\n",
    );
    let run = common::run_in(dir.path(), &["a.txt", "b.txt"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("0 findings"), "{}", run.stdout);
}

#[test]
fn a_missing_path_is_an_error_but_the_rest_is_checked() {
    let run = common::run(&["seeds/", "no-such-folder/", "--color", "never"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
    assert!(run.stdout.contains("5 articles checked"), "{}", run.stdout);
}
