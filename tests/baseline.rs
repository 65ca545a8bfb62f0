//! Baselines end to end on a copy of the seeds: reviewed findings stop failing the run,
//! keep matching when unrelated text changes, go stale when their claims go, and new
//! contradictions still fail.

mod common;

use std::path::Path;

use serde_json::Value;

const BASELINE: &str = "claimcheck-baseline.json";

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// A folder holding copies of the seeds and the rules.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy_folder(&common::root().join("seeds"), &dir.path().join("seeds"));
    copy_folder(&common::root().join("rules"), &dir.path().join("rules"));
    // The test edits claims of the rules' topics; quotation findings would only add noise.
    std::fs::write(dir.path().join("rules/quotes.toml"), "enabled = false\n")
        .expect("write quotes.toml");
    dir
}

fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).expect("read article");
    std::fs::write(path, change(text)).expect("write article");
}

fn check(dir: &Path, format: &str) -> common::Run {
    common::run_in(dir, &["seeds/", "--baseline", BASELINE, "--format", format])
}

fn json(run: &common::Run) -> Value {
    serde_json::from_str(&run.stdout).expect("the report is JSON")
}

#[test]
fn a_baseline_accepts_reviewed_findings_until_they_change() {
    let dir = corpus();
    let root = dir.path();

    let written = common::run_in(root, &["baseline", "seeds/"]);
    assert_eq!(written.code, 0, "{}", written.transcript());
    assert_eq!(
        written.stdout,
        "wrote 3 baseline entries to claimcheck-baseline.json\n"
    );
    let file = std::fs::read_to_string(root.join(BASELINE)).expect("the baseline exists");
    let baseline: Value = serde_json::from_str(&file).expect("the baseline is JSON");
    assert_eq!(baseline["version"], 1);
    assert_eq!(baseline["entries"].as_array().map(Vec::len), Some(3));
    // Nothing else is left in the folder: the temporary file was renamed.
    let names: Vec<String> = std::fs::read_dir(root)
        .expect("read folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");

    // The same articles: nothing new, nothing stale.
    let run = check(root, "human");
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.ends_with("0 findings, 3 baselined\n"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);

    // Unrelated edits: a paragraph before every claim of one article, another sentence
    // reworded in a second. Positions move; the entries still match.
    edit(&root.join("seeds/001_04e5fe294509efdc.txt"), |text| {
        let (first, rest) = text.split_once('\n').expect("a header line");
        format!("{first}\n\nThe weather in New York was mild that week.\n{rest}")
    });
    edit(&root.join("seeds/003_d672985098f4a494.txt"), |text| {
        assert!(text.contains("In CNN’s podcast, The Axe Files, Legend said:"));
        text.replace(
            "In CNN’s podcast, The Axe Files, Legend said:",
            "Speaking on The Axe Files, a podcast David Axelrod hosts for CNN, Legend said:",
        )
    });
    let run = check(root, "json");
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report = json(&run);
    assert_eq!(report["summary"]["findings"], 0);
    assert_eq!(report["summary"]["baselined"], 3);
    assert_eq!(report["baseline"]["stale"], serde_json::json!([]));

    // The only 2020 in the date disagreement goes: the finding disappears, its entry is
    // stale, and a stale entry alone does not fail the run.
    edit(&root.join("seeds/002_ce14d45c7b2ec0ff.txt"), |text| {
        let start = text.find("On a 2020 episode").expect("the 2020 sentence");
        let end = start + text[start..].find('\n').expect("the paragraph ends");
        format!("{}{}", &text[..start], &text[end..])
    });
    let run = check(root, "json");
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report = json(&run);
    assert_eq!(report["summary"]["baselined"], 2);
    let stale = report["baseline"]["stale"]
        .as_array()
        .expect("stale entries");
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["topic"], "legend-west/drink-champs-date");
    let run = check(root, "short");
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.starts_with(
            "claimcheck-baseline.json: warning: stale baseline entry: claimcheck::contradiction::date on legend-west/drink-champs-date"
        ),
        "{}",
        run.stdout
    );
    let run = check(root, "human");
    assert!(
        run.stderr
            .contains("warning: stale baseline entry in claimcheck-baseline.json"),
        "{}",
        run.stderr
    );
    let strict = common::run_in(root, &["seeds/", "--baseline", BASELINE, "--fail-on-stale"]);
    assert_eq!(strict.code, 1, "{}", strict.transcript());

    // A new article contradicts the others: that finding is new and fails the run.
    std::fs::write(
        root.join("seeds/005_new.txt"),
        " date 2022-09-10 Kanye West and John Legend are no longer friends.\n\nIn 2019, West appeared on the Drink Champs podcast.\n",
    )
    .expect("write article");
    let run = check(root, "short");
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.starts_with(
            "seeds/000_dd6adfaaf19a2042.txt:9:50: error: claimcheck::contradiction::date:"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 finding (1 error"), "{}", run.stdout);
}

#[test]
fn writing_the_baseline_again_keeps_the_reasons_people_wrote() {
    let dir = corpus();
    let root = dir.path();
    let first = common::run_in(root, &["baseline", "seeds/", "-o", "reviewed/base.json"]);
    assert_eq!(
        first.code,
        2,
        "the folder does not exist: {}",
        first.transcript()
    );
    std::fs::create_dir(root.join("reviewed")).expect("create folder");
    let first = common::run_in(root, &["baseline", "seeds/", "-o", "reviewed/base.json"]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    let path = root.join("reviewed/base.json");
    let text = std::fs::read_to_string(&path).expect("the baseline");
    let reviewed = text.replacen(
        "\"reason\": \"\"",
        "\"reason\": \"the articles quote different interviews\"",
        1,
    );
    std::fs::write(&path, &reviewed).expect("write reason");

    let again = common::run_in(root, &["baseline", "seeds/", "-o", "reviewed/base.json"]);
    assert_eq!(again.code, 0, "{}", again.transcript());
    let rewritten = std::fs::read_to_string(&path).expect("the baseline");
    assert_eq!(rewritten, reviewed, "the same findings give the same file");
    assert!(rewritten.contains("the articles quote different interviews"));
}

#[test]
fn a_broken_baseline_is_an_error_pointing_into_it() {
    let dir = corpus();
    let root = dir.path();
    std::fs::write(
        root.join(BASELINE),
        "{\n  \"version\": 1,\n  \"entries\": [\n    {\"code\": 3}\n  ]\n}\n",
    )
    .expect("write baseline");
    let run = common::run_in(root, &["seeds/", "--baseline", BASELINE]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    common::settings().bind(|| insta::assert_snapshot!("baseline_broken", run.transcript()));

    // Writing over it would lose what people wrote in it.
    let run = common::run_in(root, &["baseline", "seeds/"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("was not written"), "{}", run.stderr);

    let missing = common::run_in(root, &["seeds/", "--baseline", "nowhere.json"]);
    assert_eq!(missing.code, 2, "{}", missing.transcript());
    assert!(
        missing
            .stderr
            .contains("cannot read the baseline nowhere.json")
    );
}

/// The baseline is written to a temporary file and renamed over the old one, so a reader
/// (or a crash) never sees half a file: the old file is replaced, not rewritten in place,
/// and nothing temporary is left behind.
#[cfg(unix)]
#[test]
fn a_baseline_replaces_the_old_file_whole_and_leaves_no_temporary_file() {
    use std::os::unix::fs::MetadataExt;

    let dir = corpus();
    let root = dir.path();
    let path = root.join(BASELINE);
    let first = common::run_in(root, &["baseline", "seeds/"]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    let old = std::fs::read_to_string(&path).expect("the baseline exists");
    let old_inode = std::fs::metadata(&path).expect("metadata").ino();

    let written = common::run_in(root, &["baseline", "seeds/"]);
    assert_eq!(written.code, 0, "{}", written.transcript());
    let new = std::fs::read_to_string(&path).expect("the baseline exists");
    assert!(serde_json::from_str::<Value>(&new).is_ok(), "{new}");
    assert_eq!(new, old, "the same findings give the same baseline");
    assert_ne!(
        std::fs::metadata(&path).expect("metadata").ino(),
        old_inode,
        "the file was renamed into place, not rewritten"
    );
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .expect("read folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
