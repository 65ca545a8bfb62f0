//! The check report in every format on the seeds, the SARIF log checked against the
//! official SARIF 2.1.0 schema, and GitHub annotations escaped the way the runner needs.

mod common;

use std::path::Path;

use serde_json::Value;

fn seeds(format: &str) -> common::Run {
    common::run(&["seeds/", "--color", "never", "--format", format])
}

#[test]
fn seeds_in_the_short_format() {
    let run = seeds("short");
    assert_eq!(run.code, 1, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("format_short", run.transcript()));
}

#[test]
fn seeds_in_the_json_format() {
    let run = seeds("json");
    assert_eq!(run.code, 1, "{}", run.transcript());
    let document: Value = serde_json::from_str(&run.stdout).expect("the report is JSON");
    assert_eq!(document["version"], 1);
    assert_eq!(document["summary"]["articles"], 5);
    common::settings().bind(|| insta::assert_snapshot!("format_json", run.transcript()));
}

#[test]
fn seeds_in_the_sarif_format() {
    let run = seeds("sarif");
    assert_eq!(run.code, 1, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("format_sarif", run.transcript()));
}

#[test]
fn seeds_in_the_github_format() {
    let run = seeds("github");
    assert_eq!(run.code, 1, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("format_github", run.transcript()));
}

#[test]
fn every_format_reports_the_same_findings() {
    let json: Value = serde_json::from_str(&seeds("json").stdout).expect("JSON");
    let findings = json["findings"].as_array().expect("findings");
    let evidence: usize = findings
        .iter()
        .map(|f| f["evidence"].as_array().map_or(0, Vec::len))
        .sum();
    let short = seeds("short").stdout;
    assert_eq!(short.lines().count(), findings.len() + 1, "{short}");
    let github = seeds("github").stdout;
    assert_eq!(
        github
            .lines()
            .filter(|l| ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|p| l.starts_with(p)))
            .count(),
        evidence,
        "one annotation per piece of evidence"
    );
    let sarif: Value = serde_json::from_str(&seeds("sarif").stdout).expect("SARIF");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(findings.len())
    );
}

/// The SARIF 2.1.0 JSON schema, as the `serde-sarif` crate (a dev-dependency, which
/// builds its types from it) ships it in its source.
fn sarif_schema_path() -> std::path::PathBuf {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(common::root())
        .output()
        .expect("cargo metadata runs");
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("cargo metadata is JSON");
    let manifest = metadata["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| p["name"] == "serde-sarif"))
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dev-dependency");
    std::path::Path::new(manifest)
        .parent()
        .expect("a manifest has a folder")
        .join("src/schema.json")
}

fn fix_language_patterns(value: &mut Value) {
    const TYPO: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "pattern" && value == TYPO {
                    *value = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                } else {
                    fix_language_patterns(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(fix_language_patterns),
        _ => {}
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(sarif_schema_path()).expect("the SARIF 2.1.0 schema");
    let mut schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    // This copy of the schema has a typo in its language-tag patterns (a stray `]`), which
    // strict format checking of the schema itself rejects: use the pattern it means.
    fix_language_patterns(&mut schema);
    assert_eq!(
        schema["title"], "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
        "the schema is SARIF 2.1.0's"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str) {
    let log: Value = serde_json::from_str(text).expect("the SARIF log is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    // And it reads as the SARIF object model.
    let _: serde_sarif::sarif::Sarif =
        serde_json::from_str(text).expect("the SARIF log deserializes");
}

#[test]
fn the_sarif_log_of_the_seeds_is_valid_sarif_2_1_0() {
    let validator = sarif_validator();
    assert_valid_sarif(&validator, &seeds("sarif").stdout);
}

#[test]
fn the_schema_rejects_what_is_not_sarif() {
    // Proves the validation above can fail.
    let validator = sarif_validator();
    let text = seeds("sarif").stdout;
    let mut log: Value = serde_json::from_str(&text).expect("JSON");
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&log));
    let mut log: Value = serde_json::from_str(&text).expect("JSON");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!validator.is_valid(&log));
}

/// A folder with one rule and two articles that contradict each other, where the title,
/// the file names and the values hold the characters annotations must escape.
fn awkward_corpus(dir: &Path) {
    std::fs::create_dir(dir.join("rules")).expect("rules dir");
    std::fs::write(
        dir.join("rules/cause.toml"),
        r#"id = "story/cause"
title = "Why 100% of fans: upset, really"
kind = "category"

[[value]]
id = "money"
label = "money, mostly"
patterns = ['(?i)\bover money\b']

[[value]]
id = "fame"
label = "fame: the usual"
patterns = ['(?i)\bover\s+fame\b']

[[test]]
text = "They fell out over money."
expect = "money"
"#,
    )
    .expect("write rule");
    std::fs::create_dir(dir.join("news")).expect("news dir");
    std::fs::write(
        dir.join("news/a, b: c.txt"),
        " date 2024-01-02\nThey fell out over money.\n",
    )
    .expect("write article");
    std::fs::write(
        dir.join("news/d.txt"),
        " date 2024-01-03\nThey fell out over  fame.\n",
    )
    .expect("write article");
    std::fs::write(dir.join("news/e.txt"), b"binary\0file").expect("write binary");
}

#[test]
fn github_annotations_escape_messages_and_properties() {
    let dir = tempfile::tempdir().expect("a temp dir");
    awkward_corpus(dir.path());
    let run = common::run_in(dir.path(), &["news/", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let lines: Vec<&str> = run.stdout.lines().collect();
    // Two annotations, the skipped binary file, the summary: no raw line break leaks.
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert!(
        lines[0].starts_with("::error file=news/a%2C b%3A c.txt,line=2,col=15,endLine=2,endColumn=24,title=claimcheck%3A%3Acontradiction%3A%3Acategory::Why 100%25 of fans: upset, really"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("%0Asays: money, mostly%0A"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("::error file=news/d.txt,line=2,col=15,endLine=2,endColumn=24,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("::warning file=news/e.txt::skipped: "),
        "{}",
        lines[2]
    );
    common::settings().bind(|| insta::assert_snapshot!("format_github_escaping", run.transcript()));
}

#[test]
fn skipped_and_missing_paths_appear_in_every_format() {
    let dir = tempfile::tempdir().expect("a temp dir");
    awkward_corpus(dir.path());
    let validator = sarif_validator();
    for format in ["human", "short", "json", "sarif", "github"] {
        let run = common::run_in(dir.path(), &["news/", "gone.txt", "--format", format]);
        assert_eq!(run.code, 2, "{format}: {}", run.transcript());
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("e.txt"), "{format}: {all}");
        assert!(all.contains("gone.txt"), "{format}: {all}");
        if format == "sarif" {
            assert_valid_sarif(&validator, &run.stdout);
            let log: Value = serde_json::from_str(&run.stdout).expect("JSON");
            let invocation = &log["runs"][0]["invocations"][0];
            assert_eq!(invocation["executionSuccessful"], false);
            assert_eq!(
                invocation["toolExecutionNotifications"]
                    .as_array()
                    .map(Vec::len),
                Some(2)
            );
        }
        if format == "json" {
            let document: Value = serde_json::from_str(&run.stdout).expect("JSON");
            assert_eq!(document["skipped"].as_array().map(Vec::len), Some(2));
        }
    }
}

#[test]
fn paths_with_odd_characters_are_valid_sarif_uris() {
    let dir = tempfile::tempdir().expect("a temp dir");
    awkward_corpus(dir.path());
    let run = common::run_in(dir.path(), &["news/", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert_valid_sarif(&sarif_validator(), &run.stdout);
    assert!(run.stdout.contains("\"uri\": \"news/a%2C%20b%3A%20c.txt\""));
}

/// What the report in `format` (`None`: the default) says about the skipped file `path`,
/// and at which level: every format must list every skipped file.
fn skipped_level(format: Option<&str>, run: &common::Run, path: &str) -> Option<String> {
    match format {
        None | Some("human") => ["warning", "error"]
            .into_iter()
            .find(|level| run.stderr.contains(&format!("{level}: skipped {path}: ")))
            .map(str::to_string),
        Some("short") => ["warning", "error"]
            .into_iter()
            .find(|level| run.stdout.contains(&format!("{path}: {level}: skipped: ")))
            .map(str::to_string),
        Some("github") => ["warning", "error"]
            .into_iter()
            .find(|level| {
                run.stdout
                    .contains(&format!("::{level} file={path}::skipped: "))
            })
            .map(str::to_string),
        Some("json") => {
            let document: Value = serde_json::from_str(&run.stdout).expect("JSON");
            let listed = document["skipped"].as_array().is_some_and(|skipped| {
                skipped
                    .iter()
                    .any(|s| s["path"] == path && s["missing"] == false)
            });
            // JSON lists the file; the exit code and `--strict` say whether that fails.
            listed.then(|| "listed".to_string())
        }
        Some("sarif") => {
            let log: Value = serde_json::from_str(&run.stdout).expect("SARIF");
            let notifications = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            notifications
                .iter()
                .find(|n| {
                    n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path
                        && n["message"]["text"]
                            .as_str()
                            .is_some_and(|t| t.starts_with("skipped: "))
                })
                .and_then(|n| n["level"].as_str().map(str::to_string))
        }
        Some(other) => panic!("say how the {other} format lists skipped files"),
    }
}

/// Every way a file can be skipped (binary, empty, not UTF-8, over the size limit, a
/// symbolic link inside a folder) is listed in every format the binary offers and counted
/// in the summary; with `--strict` each is an error and the run exits with 2.
#[test]
fn every_skipped_file_is_listed_in_every_format_and_strict_makes_it_an_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    awkward_corpus(dir.path());
    let news = dir.path().join("news");
    std::fs::write(news.join("empty.txt"), b"").expect("write empty");
    std::fs::write(
        news.join("latin1.txt"),
        b"Caf\xE9 society fell out over money.\n",
    )
    .expect("write Latin-1");
    std::fs::write(
        news.join("large.txt"),
        "They fell out over money. ".repeat(100),
    )
    .expect("write large");
    let mut skipped = vec![
        "news/e.txt",
        "news/empty.txt",
        "news/large.txt",
        "news/latin1.txt",
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("d.txt", news.join("link.txt")).expect("symlink");
        skipped.push("news/link.txt");
    }
    let validator = sarif_validator();
    let formats = common::formats();
    assert!(formats.len() > 1, "the formats are read from the help");
    for strict in [false, true] {
        for format in &formats {
            let mut args = vec!["news/", "--max-file-size", "1K", "--color", "never"];
            if let Some(format) = format {
                args.extend(["--format", format]);
            }
            if strict {
                args.push("--strict");
            }
            let run = common::run_in(dir.path(), &args);
            let shown = format.as_deref().unwrap_or("the default format");
            // Without --strict the contradiction between a, b: c.txt and d.txt fails the run.
            assert_eq!(
                run.code,
                if strict { 2 } else { 1 },
                "{shown}, strict {strict}: {}",
                run.transcript()
            );
            let expected = match format.as_deref() {
                Some("json") => "listed",
                _ if strict => "error",
                _ => "warning",
            };
            for path in &skipped {
                assert_eq!(
                    skipped_level(format.as_deref(), &run, path).as_deref(),
                    Some(expected),
                    "{path} in {shown}, strict {strict}: {}",
                    run.transcript()
                );
            }
            match format.as_deref() {
                Some("json") => {
                    let document: Value = serde_json::from_str(&run.stdout).expect("JSON");
                    assert_eq!(document["summary"]["skipped"], skipped.len());
                }
                Some("sarif") => {
                    assert_valid_sarif(&validator, &run.stdout);
                    let log: Value = serde_json::from_str(&run.stdout).expect("SARIF");
                    assert_eq!(
                        log["runs"][0]["invocations"][0]["executionSuccessful"], !strict,
                        "a strict run that skipped files did not succeed"
                    );
                }
                _ => assert!(
                    run.stdout
                        .contains(&format!(", {} files skipped", skipped.len())),
                    "{shown}: {}",
                    run.stdout
                ),
            }
        }
    }
}
