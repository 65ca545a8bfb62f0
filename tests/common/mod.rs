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
