//! Files that are not what an article should be. Each is put in a folder beside a good
//! article; the good article must still be checked, and the other one decoded or reported
//! with a reason a person can act on.

mod common;

use std::fs;
use std::path::Path;

use common::Run;

/// Two claims: West is 45, and the fallout was over the presidential run.
const GOOD: &str = "date 2022-09-08 John Legend and Kanye West are no longer friends.\n\nLegend said West, 45, was upset that he didn’t support him running for president, and that strained their friendship.\n";

/// One claim that contradicts GOOD (West is 44), on line 3 at column 13.
const CONTRADICTS: &str =
    "date 2022-09-08 Kanye West and John Legend fell out.\n\nLegend said West, 44, was upset.\n";

/// A folder `articles/` holding GOOD as `good.txt` and `files`.
fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    let articles = dir.path().join("articles");
    fs::create_dir(&articles).expect("articles dir");
    fs::write(articles.join("good.txt"), GOOD).expect("write the good article");
    for (name, bytes) in files {
        fs::write(articles.join(name), bytes).expect("write a test article");
    }
    dir
}

fn check(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["articles", "--color", "never"];
    args.extend_from_slice(extra);
    common::run_in(dir, &args)
}

/// The closing summary line of a run.
fn summary(run: &Run) -> &str {
    run.stdout.lines().last().unwrap_or_default()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn a_latin1_article_is_skipped_with_the_offset_of_its_first_bad_byte() {
    let dir = corpus(&[(
        "latin1.txt",
        b"Caf\xE9 society: Legend said West, 44, was upset.\n",
    )]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr.contains(
            "warning: skipped articles/latin1.txt: not UTF-8 text (invalid byte 0xE9 at offset 3); save it as UTF-8"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        summary(&run),
        "1 article checked, 2 claims, 0 findings, 1 file skipped"
    );
}

#[test]
fn with_strict_a_skipped_file_fails_the_run() {
    let dir = corpus(&[("latin1.txt", b"Caf\xE9 society.\n")]);
    let run = check(dir.path(), &["--strict"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("error: skipped articles/latin1.txt: not UTF-8 text"),
        "{}",
        run.stderr
    );
    assert_eq!(
        summary(&run),
        "1 article checked, 2 claims, 0 findings, 1 file skipped"
    );
    let clean = corpus(&[]);
    let run = check(clean.path(), &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn utf16_articles_with_a_byte_order_mark_are_decoded_and_positioned() {
    let text = format!("\u{FEFF}{CONTRADICTS}");
    let dir = corpus(&[
        ("utf16be.txt", &utf16(&text[3..], true)),
        ("utf16le.txt", &utf16(&text[3..], false)),
    ]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        run.stdout.contains("[articles/utf16be.txt:3:13]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[articles/utf16le.txt:3:13]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Legend said West, 44, was upset."),
        "{}",
        run.stdout
    );
    assert_eq!(
        summary(&run),
        "3 articles checked, 4 claims, 1 finding (1 error, 0 warnings, 0 info)"
    );
}

#[test]
fn a_utf8_byte_order_mark_is_not_counted_in_columns() {
    let dir = corpus(&[(
        "bom.txt",
        "\u{FEFF}Legend said West, 44, was upset.\n".as_bytes(),
    )]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("[articles/bom.txt:1:13]"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{FEFF}'), "{}", run.stdout);
    assert_eq!(
        summary(&run),
        "2 articles checked, 3 claims, 1 finding (1 error, 0 warnings, 0 info)"
    );
}

#[test]
fn crlf_line_endings_give_the_same_claims_lines_and_columns() {
    let crlf = CONTRADICTS.replace('\n', "\r\n");
    let dir = corpus(&[("crlf.txt", crlf.as_bytes())]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("[articles/crlf.txt:3:13]"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains('\r'),
        "no carriage return reaches the report"
    );
    assert_eq!(
        summary(&run),
        "2 articles checked, 3 claims, 1 finding (1 error, 0 warnings, 0 info)"
    );
}

#[test]
fn an_empty_file_is_reported_as_empty() {
    let dir = corpus(&[("empty.txt", b""), ("blank.txt", b"\n  \r\n\t\n")]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("warning: skipped articles/empty.txt: empty file\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning: skipped articles/blank.txt: empty file (only 7 bytes of white space)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        summary(&run),
        "1 article checked, 2 claims, 0 findings, 2 files skipped"
    );
}

#[test]
fn a_binary_file_is_reported_as_binary() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    let dir = corpus(&[("photo.txt", png)]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("warning: skipped articles/photo.txt: binary file (NUL byte at offset 8)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        summary(&run),
        "1 article checked, 2 claims, 0 findings, 1 file skipped"
    );
}

/// A page with no full stop at all: one sentence of a million bytes, with the same claim
/// at its start, in its middle and at its end.
#[test]
fn a_one_megabyte_line_without_a_sentence_end_is_checked() {
    let filler = "and the two men talked about music and money and fame ";
    let mut line = String::from("Legend said West, 44, was upset ");
    while line.len() < 500_000 {
        line.push_str(filler);
    }
    let middle_column = line.chars().count() + 1;
    line.push_str("West, 44, said so ");
    while line.len() < 1_000_000 {
        line.push_str(filler);
    }
    line.push_str("and West, 44, left\n");
    // Evidence on neighbouring lines, one of them long, is shown in separate snippets too.
    let mut adjacent = String::from("Legend said West, 44, was upset.\n");
    while adjacent.len() < 300_000 {
        adjacent.push_str(filler);
    }
    let adjacent_column = adjacent.lines().nth(1).map_or(0, |l| l.chars().count()) + 1;
    adjacent.push_str("West, 44, said so\n");
    let dir = corpus(&[
        ("long-line.txt", line.as_bytes()),
        ("adjacent.txt", adjacent.as_bytes()),
    ]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("[articles/long-line.txt:1:13]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("[articles/long-line.txt:1:{middle_column}]")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("[articles/adjacent.txt:2:{adjacent_column}]")),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("╰── says 44").count(),
        5,
        "three claims in the long line, two in the other: {}",
        run.stdout
    );
    assert!(
        run.stdout.len() < 10_000,
        "the report shows the claims, not the whole line"
    );
    assert_eq!(
        summary(&run),
        "3 articles checked, 7 claims, 1 finding (1 error, 0 warnings, 0 info)"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_do_not_stop_the_check() {
    let dir = corpus(&[]);
    let articles = dir.path().join("articles");
    std::os::unix::fs::symlink("self.txt", articles.join("self.txt")).expect("symlink");
    std::os::unix::fs::symlink("..", articles.join("up")).expect("symlink");
    std::os::unix::fs::symlink("loop-b.txt", dir.path().join("loop-a.txt")).expect("symlink");
    std::os::unix::fs::symlink("loop-a.txt", dir.path().join("loop-b.txt")).expect("symlink");

    // Inside a folder, links are not followed, so a loop is never entered; they are
    // reported, so that an article behind a link is not silently left out.
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        run.stderr,
        "warning: skipped articles/self.txt: symbolic link, not followed inside a folder; name it on the command line to check it\n\
         warning: skipped articles/up: symbolic link, not followed inside a folder; name it on the command line to check it\n"
    );
    assert_eq!(
        summary(&run),
        "1 article checked, 2 claims, 0 findings, 2 files skipped"
    );

    // Named on the command line, a link is followed, and a loop is reported.
    let run = check(dir.path(), &["loop-a.txt"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("warning: skipped loop-a.txt: too many levels of symbolic links"),
        "{}",
        run.stderr
    );
    assert_eq!(
        summary(&run),
        "1 article checked, 2 claims, 0 findings, 3 files skipped"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_article_is_reported_as_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus(&[("secret.txt", CONTRADICTS.as_bytes())]);
    let secret = dir.path().join("articles/secret.txt");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).expect("chmod");
    let run = check(dir.path(), &[]);
    // Permissions do not stop the superuser: then the file is simply read.
    let readable_anyway = fs::read(&secret).is_ok();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).expect("chmod back");
    if readable_anyway {
        assert_eq!(run.code, 1, "{}", run.transcript());
        return;
    }
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("warning: skipped articles/secret.txt: permission denied"),
        "{}",
        run.stderr
    );
    assert_eq!(
        summary(&run),
        "1 article checked, 2 claims, 0 findings, 1 file skipped"
    );
}

#[test]
fn a_path_that_does_not_exist_fails_the_run_after_checking_the_rest() {
    let dir = corpus(&[("contradicts.txt", CONTRADICTS.as_bytes())]);
    let run = check(dir.path(), &["no-such-article.txt"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("error: no-such-article.txt: no such file or directory"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("Kanye West's age: the numbers do not agree"),
        "the articles that exist are still checked and reported: {}",
        run.stdout
    );
    assert_eq!(
        summary(&run),
        "2 articles checked, 3 claims, 1 finding (1 error, 0 warnings, 0 info), 1 file skipped"
    );
}

/// A paragraph of plain prose, repeated to make an archive far larger than any article.
const ARCHIVE_PARAGRAPH: &str = "The archive holds decades of reporting on music, politics and money in the city. Editors kept every draft, every correction and every letter from readers. Nobody reads most of it, but it is all still here.\n\n";

/// Files up to 256 MiB are read (the default of --max-file-size): a 100 MiB archive is
/// checked to its last line; with a lower limit it is skipped, saying how to read it.
#[test]
fn a_hundred_megabyte_article_is_checked_unless_the_limit_is_lower() {
    let repeats = 100 * 1024 * 1024 / ARCHIVE_PARAGRAPH.len() + 1;
    let mut archive = String::with_capacity(100 * 1024 * 1024 + 200);
    archive.push_str("date 2022-09-08 The archive, in one file.\n\n");
    for _ in 0..repeats {
        archive.push_str(ARCHIVE_PARAGRAPH);
    }
    archive.push_str("In the end Legend said West, 44, was upset.\n");
    assert!(archive.len() >= 100 * 1024 * 1024);
    let dir = corpus(&[("archive.txt", archive.as_bytes())]);
    drop(archive);

    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let last_line = 3 + 2 * repeats;
    assert!(
        run.stdout
            .contains(&format!("[articles/archive.txt:{last_line}:24]")),
        "{}",
        run.stdout
    );
    assert_eq!(
        summary(&run),
        "2 articles checked, 3 claims, 1 finding (1 error, 0 warnings, 0 info)"
    );

    let limited = check(dir.path(), &["--max-file-size", "64M"]);
    assert_eq!(limited.code, 0, "{}", limited.transcript());
    assert!(
        limited.stderr.contains(
            "warning: skipped articles/archive.txt: file too large (over 64 MiB); raise the limit with --max-file-size if it really is an article"
        ),
        "{}",
        limited.stderr
    );
    assert_eq!(
        summary(&limited),
        "1 article checked, 2 claims, 0 findings, 1 file skipped"
    );
}

/// Realistic text at scale: 100 MB of seed paragraphs recombined. Slow in a debug build
/// (about a minute); measured in release for BENCHMARKS.md-style notes.
#[test]
#[ignore = "slow: checks 100 MB of news prose; run with --ignored --release to measure"]
fn a_hundred_megabytes_of_news_prose_are_checked() {
    let paragraphs = common::seed_paragraphs();
    let mut rng = common::Lcg::new(100);
    let mut text = String::from("date 2022-09-08 Everything, in one file.\n\n");
    while text.len() < 100_000_000 {
        text.push_str(&paragraphs[rng.below(paragraphs.len())]);
        text.push_str("\n\n");
    }
    let dir = corpus(&[("everything.txt", text.as_bytes())]);
    drop(text);
    let start = std::time::Instant::now();
    let run = check(dir.path(), &[]);
    let took = start.elapsed();
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(
        summary(&run).starts_with("2 articles checked"),
        "{}",
        summary(&run)
    );
    eprintln!("100 MB of news prose checked in {took:?}");
}

/// A newsroom's whole archive as small files.
#[test]
#[ignore = "slow in a debug build (about 40 s); run with --ignored, in release to measure"]
fn a_folder_of_a_hundred_thousand_articles_is_checked() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let articles = dir.path().join("articles");
    for i in 0..100_000 {
        let folder = articles.join(format!("d{:02}", i % 100));
        if i < 100 {
            fs::create_dir_all(&folder).expect("a folder");
        }
        let age = if i % 1000 == 0 { 41 + i % 3 } else { 45 };
        fs::write(
            folder.join(format!("a{i:06}.txt")),
            format!("date 2022-09-08 Legend said West, {age}, was upset about politics.\n"),
        )
        .expect("write an article");
    }
    let start = std::time::Instant::now();
    let run = check(dir.path(), &[]);
    let took = start.elapsed();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        summary(&run),
        "100000 articles checked, 100000 claims, 1 finding (1 error, 0 warnings, 0 info)"
    );
    eprintln!("100,000 articles checked in {took:?}");
}
