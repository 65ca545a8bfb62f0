//! The editors' commands run the way an editor runs them: `claimcheck coverage` over the
//! seeds, and `claimcheck audit` of a draft against them.

mod common;

const DRAFT: &str = "seeds/003_d672985098f4a494.txt";
const AGREEING_DRAFT: &str = "tests/fixtures/editors/agreeing-draft.txt";

fn json(run: &common::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.transcript()))
}

#[test]
fn coverage_table_of_the_seeds() {
    let run = common::run(&["coverage", "seeds/"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("coverage_table", run.transcript()));
}

#[test]
fn coverage_markdown_of_the_seeds() {
    let run = common::run(&["coverage", "seeds/", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("coverage_markdown", run.transcript()));
}

#[test]
fn coverage_json_counts_agree_with_the_check() {
    let coverage = json(&common::run(&["coverage", "seeds/", "--format", "json"]));
    let check = common::run(&["seeds/", "--color", "never"]);
    assert!(
        check
            .stdout
            .contains("5 articles checked, 40 claims, 6 findings"),
        "{}",
        check.stdout
    );
    assert_eq!(coverage["articles"].as_array().map(Vec::len), Some(5));
    assert_eq!(coverage["claims"].as_array().map(Vec::len), Some(40));
    // Coverage is per topic: of the check's six findings, the three quotation findings
    // belong to no rule's topic.
    assert_eq!(coverage["findings"].as_array().map(Vec::len), Some(3));
    let cause = coverage["topics"]
        .as_array()
        .and_then(|topics| {
            topics
                .iter()
                .find(|t| t["id"] == "legend-west/fallout-cause")
        })
        .expect("the fallout topic");
    assert_eq!(cause["majority"]["position"]["value"], "unsupported-run");
    assert_eq!(cause["disagree"].as_array().map(Vec::len), Some(2));
}

#[test]
fn coverage_writes_the_report_to_a_file_with_o() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("coverage.md");
    let out_arg = out.to_string_lossy().into_owned();
    let run = common::run(&["coverage", "seeds/", "--format", "markdown", "-o", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let written = std::fs::read_to_string(&out).expect("the report was written");
    assert!(written.starts_with("## Claim coverage"), "{written}");
}

#[test]
fn coverage_of_a_missing_path_fails_with_2() {
    let run = common::run(&["coverage", "seeds/", "no-such-folder/"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("error: no-such-folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn audit_of_a_contradicting_draft_inside_the_corpus_folder() {
    let run = common::run(&["audit", DRAFT, "--against", "seeds/"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let corpus = run
        .stdout
        .split("\nCorpus\n")
        .nth(1)
        .and_then(|rest| rest.split("Claims of the draft").next())
        .expect("the report has a corpus list");
    assert!(
        !corpus.contains("[5]") && !corpus.contains("003_d672985098f4a494"),
        "the draft is left out of the corpus:\n{corpus}"
    );
    common::settings()
        .bind(|| insta::assert_snapshot!("audit_contradicting_draft", run.transcript()));
}

#[test]
fn audit_against_the_other_four_files_is_the_same_as_against_the_folder() {
    let folder = common::run(&["audit", DRAFT, "--against", "seeds/", "--format", "json"]);
    let files = common::run(&[
        "audit",
        DRAFT,
        "--format",
        "json",
        "--against",
        "seeds/000_dd6adfaaf19a2042.txt",
        "seeds/001_04e5fe294509efdc.txt",
        "seeds/002_ce14d45c7b2ec0ff.txt",
        "seeds/004_45dbaf94ffcd026d.txt",
    ]);
    assert_eq!(files.code, 1, "{}", files.transcript());
    assert_eq!(folder.stdout, files.stdout);
    let audit = json(&files);
    assert_eq!(audit["contradicts_corpus"], true);
    assert_eq!(audit["corpus"].as_array().map(Vec::len), Some(4));
}

#[test]
fn audit_of_a_draft_that_agrees_exits_0() {
    let run = common::run(&["audit", AGREEING_DRAFT, "--against", "seeds/"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("audit_agreeing_draft", run.transcript()));
    let audit = json(&common::run(&[
        "audit",
        AGREEING_DRAFT,
        "--against",
        "seeds/",
        "--format",
        "json",
    ]));
    assert_eq!(audit["contradicts_corpus"], false);
    let statuses: Vec<&str> = audit["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| c["status"].as_str())
        .collect();
    assert!(!statuses.is_empty());
    assert!(
        statuses.iter().all(|s| *s == "corroborated"),
        "{statuses:?}"
    );
}

#[test]
fn audit_markdown_puts_the_diagnostics_in_code_blocks() {
    let run = common::run(&[
        "audit",
        DRAFT,
        "--against",
        "seeds/",
        "--format",
        "markdown",
    ]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.starts_with("## Audit of 003"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("| Line | Topic | Claim | Status | Articles |")
    );
    assert!(
        run.stdout
            .contains("```text\nclaimcheck::contradiction::date")
    );
}

#[test]
fn audit_fails_with_2_when_the_draft_or_the_corpus_is_missing() {
    let missing_draft = common::run(&["audit", "no-such-draft.txt", "--against", "seeds/"]);
    assert_eq!(missing_draft.code, 2, "{}", missing_draft.transcript());
    assert!(missing_draft.stderr.contains("no-such-draft.txt"));
    let folder_draft = common::run(&["audit", "seeds/", "--against", "seeds/"]);
    assert_eq!(folder_draft.code, 2, "{}", folder_draft.transcript());
    let missing_corpus = common::run(&["audit", AGREEING_DRAFT, "--against", "no-such-folder/"]);
    assert_eq!(missing_corpus.code, 2, "{}", missing_corpus.transcript());
}
