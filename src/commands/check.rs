//! `claimcheck PATHS`: check articles and report contradictions.

use std::io::{IsTerminal, Write};

use claimcheck::finding::Severity;
use claimcheck::report::{Sources, human};

use super::progress::Bar;
use super::{FAILURE, FINDINGS, load_rules, report_rule_errors, style};
use crate::cli::{CheckArgs, FailOn};

pub fn run(args: &CheckArgs) -> u8 {
    let err_style = style(&args.common, std::io::stderr().is_terminal());
    let rules = match load_rules(args.common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let bar = Bar::new(args.no_progress);
    let outcome = claimcheck::check::check_with_progress(&args.paths, &rules, |p| bar.update(p));
    bar.finish();

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
