//! `claimcheck PATHS`: check articles and report contradictions, in the chosen format,
//! leaving out the findings a baseline file records.

use std::io::{IsTerminal, Write};
use std::path::Path;

use claimcheck::CheckOptions;
use claimcheck::baseline::{Applied, Baseline};
use claimcheck::finding::Severity;
use claimcheck::report::{self, Report, human};

use super::progress::Bar;
use super::{FAILURE, FINDINGS, load_rules, report_rule_errors, style};
use crate::cli::{CheckArgs, FailOn, Format};

pub fn run(args: &CheckArgs) -> u8 {
    let err_style = style(&args.common, std::io::stderr().is_terminal());
    let rules = match load_rules(args.common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let baseline = match args.baseline.as_deref().map(read_baseline).transpose() {
        Ok(baseline) => baseline,
        Err(message) => {
            let _ = write!(std::io::stderr(), "{}", human::render(&*message, err_style));
            return FAILURE;
        }
    };
    let options = CheckOptions {
        max_file_size: args.max_file_size,
    };
    let bar = Bar::new(args.no_progress);
    let mut outcome = claimcheck::check::check_with_progress(&args.paths, &rules, &options, |p| {
        bar.update(p);
        crate::allocator::on_progress(p);
    });
    bar.finish();
    let applied: Option<Applied> = baseline.map(|(path, baseline)| {
        let (new, applied) = baseline.apply(&path, std::mem::take(&mut outcome.findings));
        outcome.findings = new;
        applied
    });
    let report = Report::new(&outcome, applied.as_ref()).strict(args.strict);

    let format = match args.format {
        Format::Human => report::Format::Human,
        Format::Short => report::Format::Short,
        Format::Json => report::Format::Json,
        Format::Sarif => report::Format::Sarif,
        Format::Github => report::Format::Github,
    };
    if format == report::Format::Human {
        let _ = write!(std::io::stderr(), "{}", human::warnings(&report));
    }
    let out_style = style(&args.common, std::io::stdout().is_terminal());
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let writing = std::time::Instant::now();
    let _ = report::write(format, &report, out_style, &mut stdout).and_then(|()| stdout.flush());
    if args.timings {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            timings_line(&outcome.timings, writing.elapsed())
        );
    }

    if report.incomplete() {
        return FAILURE;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| outcome.findings.iter().any(|f| f.severity >= t));
    let stale = args.fail_on_stale && applied.is_some_and(|a| !a.stale.is_empty());
    if failing || stale { FINDINGS } else { 0 }
}

/// "timings: checking 15.51 s, quotation findings 2.45 s, reconciling 0.65 s, report
/// 0.80 s", in a form the benchmark reads.
fn timings_line(timings: &claimcheck::check::Timings, report: std::time::Duration) -> String {
    format!(
        "timings: checking {:.2} s, quotation findings {:.2} s, reconciling {:.2} s, report {:.2} s",
        timings.checking.as_secs_f64(),
        timings.quotations.as_secs_f64(),
        timings.reconciling.as_secs_f64(),
        report.as_secs_f64()
    )
}

/// The baseline file and its display name, or a diagnostic saying why it cannot be used.
fn read_baseline(path: &Path) -> Result<(String, Baseline), Box<dyn miette::Diagnostic>> {
    let display = path.to_string_lossy().replace('\\', "/");
    let text = std::fs::read_to_string(path).map_err(|err| {
        Box::new(CannotRead(format!(
            "cannot read the baseline {display}: {err}"
        ))) as Box<dyn miette::Diagnostic>
    })?;
    let baseline =
        Baseline::parse(&display, &text).map_err(|e| Box::new(e) as Box<dyn miette::Diagnostic>)?;
    Ok((display, baseline))
}

#[derive(Debug)]
struct CannotRead(String);

impl std::fmt::Display for CannotRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CannotRead {}

impl miette::Diagnostic for CannotRead {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("claimcheck::baseline::unreadable"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(
            "write one with `claimcheck baseline PATHS -o FILE`, or leave out --baseline",
        ))
    }
}
