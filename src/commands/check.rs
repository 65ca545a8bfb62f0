//! `claimcheck PATHS`: check articles and report contradictions.

use std::io::{IsTerminal, Write};

use claimcheck::CheckOptions;
use claimcheck::finding::Severity;
use claimcheck::report::{Sources, human};

use super::{FAILURE, FINDINGS, load_rules, report_rule_errors, style};
use crate::cli::{CheckArgs, FailOn};

pub fn run(args: &CheckArgs) -> u8 {
    let err_style = style(&args.common, std::io::stderr().is_terminal());
    let rules = match load_rules(args.common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let options = CheckOptions {
        max_file_size: args.max_file_size,
    };
    let outcome = claimcheck::check_with(&args.paths, &rules, &options);

    let mut err = std::io::stderr().lock();
    for missing in &outcome.missing {
        let _ = writeln!(err, "error: {}: {}", missing.path, missing.reason);
    }
    let level = if args.strict { "error" } else { "warning" };
    for skipped in &outcome.skipped {
        let _ = writeln!(err, "{level}: skipped {}: {}", skipped.path, skipped.reason);
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

    if !outcome.missing.is_empty() || (args.strict && !outcome.skipped.is_empty()) {
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
