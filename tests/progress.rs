//! The progress bar: drawn on a terminal, never into piped output or CI logs.

mod common;

use std::process::Command;

/// Runs `claimcheck seeds/ --color never ARGS` with the bar allowed at once, under a
/// pseudo-terminal made by `script` when `terminal` is true, else with piped output;
/// returns everything written.
fn run_seeds(terminal: bool, args: &str, extra_env: &[(&str, &str)]) -> Option<String> {
    let binary = env!("CARGO_BIN_EXE_claimcheck");
    let mut command = if terminal {
        let mut c = Command::new("script");
        c.args([
            "-qec",
            &format!("{binary} seeds/ --color never {args}"),
            "/dev/null",
        ]);
        c
    } else {
        let mut c = Command::new(binary);
        c.args(["seeds/", "--color", "never"]);
        c.args(args.split_whitespace());
        c
    };
    command
        .current_dir(common::root())
        .env("CLAIMCHECK_PROGRESS_DELAY_MS", "0")
        .env_remove("CI");
    for (key, value) in extra_env {
        command.env(key, value);
    }
    let output = command.output().ok()?;
    Some(format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

fn has_bar(output: &str) -> bool {
    output.contains("articles,") || output.contains("reconciling")
}

#[test]
fn piped_output_has_no_progress_bar() {
    let output = run_seeds(false, "", &[]).expect("the binary runs");
    assert!(output.contains("5 articles checked"), "{output}");
    assert!(!has_bar(&output), "{output}");
    assert!(!output.contains('\r'), "{output}");
}

#[test]
fn a_terminal_shows_the_bar_unless_in_ci_or_turned_off() {
    // Without `script` there is no terminal to test with.
    let Some(output) = run_seeds(true, "", &[]) else {
        return;
    };
    assert!(has_bar(&output), "the bar is drawn on a terminal: {output}");
    let in_ci = run_seeds(true, "", &[("CI", "true")]).expect("script ran before");
    assert!(!has_bar(&in_ci), "{in_ci}");
    assert!(in_ci.contains("5 articles checked"), "{in_ci}");
    let turned_off = run_seeds(true, "--no-progress", &[]).expect("script ran before");
    assert!(!has_bar(&turned_off), "{turned_off}");
    assert!(turned_off.contains("5 articles checked"), "{turned_off}");
}
