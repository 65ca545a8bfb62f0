//! Quotations rendered differently in different articles, on small fixture articles.

mod common;

fn flat(text: &str) -> String {
    text.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn quotations_report_is_stable() {
    // The rules folder holds no topic, only `quotes.toml`: only the built-in quotation
    // check runs.
    let run = common::run(&[
        "tests/fixtures/quotes",
        "--rules",
        "tests/fixtures/quotes-rules",
        "--color",
        "never",
    ]);
    common::settings().bind(|| insta::assert_snapshot!("quotes_report", run.transcript()));
}

#[test]
fn a_dropped_negation_is_an_error_naming_each_article() {
    let run = common::run(&[
        "tests/fixtures/quotes",
        "--rules",
        "tests/fixtures/quotes-rules",
        "--color",
        "never",
    ]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let out = flat(&run.stdout);
    assert!(out.contains("claimcheck::quote::altered"), "{out}");
    assert!(out.contains("leaves out “not”"), "{out}");
    assert!(out.contains("“each” where a.txt has “every”"), "{out}");
    assert!(out.contains("\"not raise\" / \"raise\""), "{out}");
}

#[test]
fn renderings_that_differ_only_in_marks_dashes_and_brackets_make_no_finding() {
    let run = common::run(&[
        "tests/fixtures/quotes",
        "--rules",
        "tests/fixtures/quotes-rules",
        "--color",
        "never",
    ]);
    let out = flat(&run.stdout);
    // "Our schools come first — always" / "- always" / ", always", and "[Governor] Smith"
    // against "Smith", with straight and curly apostrophes.
    assert!(!out.contains("schools"), "{out}");
    assert!(!out.contains("Governor"), "{out}");
    assert_eq!(
        out.matches("claimcheck::quote::altered").count(),
        1,
        "{out}"
    );
    assert_eq!(
        out.matches("claimcheck::quote::misquote").count(),
        0,
        "{out}"
    );
}

#[test]
fn an_unclosed_quotation_mark_is_reported_once_as_info() {
    let run = common::run(&[
        "tests/fixtures/quotes/e.txt",
        "--rules",
        "tests/fixtures/quotes-rules",
        "--color",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let out = flat(&run.stdout);
    assert_eq!(
        out.matches("claimcheck::quote::unbalanced").count(),
        1,
        "{out}"
    );
    assert!(
        out.contains("1 quotation mark(s) cannot be paired"),
        "{out}"
    );
}

#[test]
fn quotes_toml_can_turn_the_check_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("rules")).expect("rules dir");
    std::fs::write(dir.path().join("rules/quotes.toml"), "enabled = false\n")
        .expect("write settings");
    for name in ["a.txt", "b.txt"] {
        std::fs::copy(
            common::root().join("tests/fixtures/quotes").join(name),
            dir.path().join(name),
        )
        .expect("copy fixture");
    }
    let run = common::run_in(dir.path(), &["a.txt", "b.txt"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("0 findings"), "{}", run.stdout);
    std::fs::write(dir.path().join("rules/quotes.toml"), "enabld = false\n")
        .expect("write settings");
    let bad = common::run_in(dir.path(), &["a.txt"]);
    assert_eq!(bad.code, 2, "{}", bad.transcript());
    assert!(bad.stderr.contains("rules/quotes.toml"), "{}", bad.stderr);
    assert!(
        bad.stderr.contains("did you mean `enabled`?"),
        "{}",
        bad.stderr
    );
}
