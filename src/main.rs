//! The `claimcheck` command: parses arguments, calls the library, renders, and chooses
//! the exit code (0: nothing at or above --fail-on, 1: findings, 2: could not do its job).

mod cli;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use claimcheck::finding::Severity;
use claimcheck::report::{Sources, human};
use claimcheck::rules::examples::run_examples;
use claimcheck::rules::{RuleError, RuleSet};
use cli::{CheckArgs, Cli, Color, Command, Common, FailOn, TestArgs};

const FINDINGS: u8 = 1;
const FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Test(args)) => run_test(args, &cli.check.common),
        None => run_check(&cli.check),
    };
    ExitCode::from(code)
}

fn style(common: &Common, stream_is_terminal: bool) -> human::Style {
    let color = match common.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = if stream_is_terminal {
        terminal_width().unwrap_or(100)
    } else {
        100
    };
    human::Style { color, width }
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// The rules: --rules DIR, else ./rules when it exists, else the built-in rules.
fn load_rules(dir: Option<&Path>) -> Result<RuleSet, Vec<RuleError>> {
    match dir {
        Some(dir) => RuleSet::load_dir(dir),
        None if Path::new("rules").is_dir() => RuleSet::load_dir(Path::new("rules")),
        None => RuleSet::shipped(),
    }
}

fn report_rule_errors(errors: &[RuleError], style: human::Style) -> u8 {
    let mut err = std::io::stderr().lock();
    for error in errors {
        let _ = write!(err, "{}", human::render(error, style));
    }
    let _ = writeln!(
        err,
        "{} in the rules; nothing was checked",
        plural(errors.len(), "error", "errors")
    );
    FAILURE
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn run_check(args: &CheckArgs) -> u8 {
    let err_style = style(&args.common, std::io::stderr().is_terminal());
    let rules = match load_rules(args.common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let outcome = claimcheck::check(&args.paths, &rules);

    let mut err = std::io::stderr().lock();
    for missing in &outcome.missing {
        let _ = writeln!(err, "error: {}: {}", missing.path, missing.reason);
    }
    for skipped in &outcome.skipped {
        let _ = writeln!(err, "warning: skipped {}: {}", skipped.path, skipped.reason);
    }
    drop(err);

    let out_style = style(&args.common, std::io::stdout().is_terminal());
    let sources = Sources::load(&outcome.findings);
    let mut out = std::io::stdout().lock();
    for finding in &outcome.findings {
        let _ = write!(
            out,
            "{}",
            human::render_finding(finding, &sources, out_style)
        );
    }
    let _ = writeln!(out, "{}", human::summary(&outcome));

    if !outcome.missing.is_empty() {
        return FAILURE;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    match threshold {
        Some(threshold) if outcome.findings.iter().any(|f| f.severity >= threshold) => FINDINGS,
        _ => 0,
    }
}

fn run_test(args: &TestArgs, common: &Common) -> u8 {
    let err_style = style(common, std::io::stderr().is_terminal());
    let dir = args.dir.as_deref().or(common.rules.as_deref());
    let rules = match load_rules(dir) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let outcomes = run_examples(&rules);
    let failures: Vec<_> = outcomes.iter().filter_map(|o| o.failure.as_ref()).collect();
    let mut err = std::io::stderr().lock();
    for failure in &failures {
        let _ = write!(err, "{}", human::render(*failure, err_style));
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} passed, {} failed ({} rules)",
        outcomes.len() - failures.len(),
        failures.len(),
        rules.topics.len()
    );
    if failures.is_empty() { 0 } else { FINDINGS }
}
