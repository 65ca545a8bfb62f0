//! Running the real binary the way a user does, and snapshotting what it says.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What one run printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr in one text, for a snapshot.
    pub fn transcript(&self) -> String {
        format!(
            "exit code: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `claimcheck ARGS` in `dir` without colour and with a fixed environment.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(dir)
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .output()
        .expect("the claimcheck binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `claimcheck ARGS` from the project's root.
pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args)
}

/// insta settings that keep every snapshot in the top-level `snapshots/` folder.
pub fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// Runs `claimcheck ARGS` in `dir` like [`run_in`], with extra environment variables.
pub fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(dir)
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("the claimcheck binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The paragraphs of the seed articles (their header lines left out), in file order.
pub fn seed_paragraphs() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .expect("the seeds folder exists")
        .map(|entry| entry.expect("a seed entry").path())
        .collect();
    paths.sort();
    let mut paragraphs = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("seeds are UTF-8");
        let body = text.strip_prefix(' ').unwrap_or(&text);
        let body = match body.strip_prefix("date ") {
            Some(rest) => rest.get(11..).unwrap_or(""),
            None => body,
        };
        paragraphs.extend(
            body.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    paragraphs
}

/// A small deterministic generator (a 64-bit linear congruential one), so that generated
/// corpora are the same on every machine and every run.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// One generated article: a date header, then 3 to 8 seed paragraphs in a new order.
pub fn generated_article(paragraphs: &[String], rng: &mut Lcg) -> String {
    let mut text = format!(
        "date 2022-{:02}-{:02} ",
        1 + rng.below(12),
        1 + rng.below(28)
    );
    let count = 3 + rng.below(6);
    let chosen: Vec<&str> = (0..count)
        .map(|_| paragraphs[rng.below(paragraphs.len())].as_str())
        .collect();
    text.push_str(&chosen.join("\n\n"));
    text.push('\n');
    text
}

/// Writes `count` generated articles below `dir`, spread over a few subfolders.
pub fn generate_corpus(dir: &Path, count: usize, seed: u64) {
    let paragraphs = seed_paragraphs();
    let mut rng = Lcg::new(seed);
    for i in 0..count {
        let folder = dir.join(format!("section-{}", i % 7));
        std::fs::create_dir_all(&folder).expect("a corpus folder");
        std::fs::write(
            folder.join(format!("article-{i:04}.txt")),
            generated_article(&paragraphs, &mut rng),
        )
        .expect("write a generated article");
    }
}

/// The values `claimcheck --help` lists for `--format`, or `[None]` (the default report
/// only) when the binary has no such option: tests that loop over formats cover formats
/// added later without being edited.
pub fn formats() -> Vec<Option<String>> {
    // The short help lists the values on one line; the long help (`--help`) describes
    // each on a line of its own when they have descriptions. Both forms are read.
    formats_in(&run(&["-h"]).stdout)
}

/// The `--format` values listed in a help text (see [`formats`]): either
/// `[possible values: a, b]` or a `Possible values:` list of `- a: what it is` lines.
pub fn formats_in(help: &str) -> Vec<Option<String>> {
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(at) = flat.find("--format") else {
        return vec![None];
    };
    let rest = &flat[at..];
    let next_option = rest[2..].find(" --").map_or(rest.len(), |i| i + 2);
    let section = &rest[..next_option];
    let values: Vec<String> = if let Some((_, after)) = section.split_once("[possible values: ") {
        let values = after.split_once(']').map_or(after, |(values, _)| values);
        values
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    } else if let Some((_, after)) = section.split_once("Possible values:") {
        after
            .split(" - ")
            .skip(1)
            .filter_map(|item| {
                item.split_once(':')
                    .map(|(name, _)| name.trim().to_string())
            })
            .filter(|v| !v.is_empty() && !v.contains(' '))
            .collect()
    } else {
        Vec::new()
    };
    let mut formats = vec![None];
    formats.extend(values.into_iter().map(Some));
    formats
}
