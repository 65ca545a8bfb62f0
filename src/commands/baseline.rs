//! `claimcheck baseline PATHS -o FILE`: record the current findings as reviewed, so that
//! `claimcheck --baseline FILE` fails only on new ones. The file is written whole or not
//! at all.

use std::io::{IsTerminal, Write};
use std::path::Path;

use claimcheck::baseline::Baseline;
use claimcheck::report::human;

use super::{FAILURE, load_rules, plural, report_rule_errors, style};
use crate::cli::{BaselineArgs, Common};

pub fn run(args: &BaselineArgs, common: &Common) -> u8 {
    let err_style = style(common, std::io::stderr().is_terminal());
    let rules = match load_rules(common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let outcome = claimcheck::check::check_with_progress(
        &args.paths,
        &rules,
        &claimcheck::CheckOptions::default(),
        crate::allocator::on_progress,
    );
    let mut err = std::io::stderr().lock();
    for missing in &outcome.missing {
        let _ = writeln!(err, "error: {}: {}", missing.path, missing.reason);
    }
    for skipped in &outcome.skipped {
        let _ = writeln!(err, "warning: skipped {}: {}", skipped.path, skipped.reason);
    }
    let display = args.output.to_string_lossy().replace('\\', "/");
    if !outcome.missing.is_empty() {
        let _ = writeln!(
            err,
            "error: {display} was not written: a path does not exist"
        );
        return FAILURE;
    }
    // The reasons people wrote in the existing file are kept for entries that still match;
    // a file that cannot be read is not overwritten, so that no reason is lost.
    let previous = match std::fs::read_to_string(&args.output) {
        Ok(text) => match Baseline::parse(&display, &text) {
            Ok(previous) => Some(previous),
            Err(error) => {
                let _ = write!(err, "{}", human::render(&error, err_style));
                let _ = writeln!(
                    err,
                    "error: {display} was not written; fix or remove it first"
                );
                return FAILURE;
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read {display}: {e}");
            return FAILURE;
        }
    };
    let baseline = Baseline::from_findings(&outcome.findings, previous.as_ref());
    if let Err(e) = write_atomically(&args.output, baseline.to_json().as_bytes()) {
        let _ = writeln!(err, "error: cannot write {display}: {e}");
        return FAILURE;
    }
    drop(err);
    let _ = writeln!(
        std::io::stdout().lock(),
        "wrote {} to {display}",
        plural(baseline.entries.len(), "baseline entry", "baseline entries")
    );
    0
}

/// Writes to a temporary file in the same folder, then renames it over `path`: a reader
/// sees the old file or the new one, never half of one.
fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".claimcheck-baseline")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    file.write_all(contents)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
