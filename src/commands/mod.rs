//! The commands, one module each, and what they share: loading rules, the report
//! style, and the exit codes.

pub mod audit;
pub mod baseline;
pub mod check;
pub mod claims;
pub mod completions;
pub mod coverage;
pub mod dump_patterns;
pub mod man;
pub mod test;

use std::io::Write;
use std::path::Path;

use claimcheck::report::human;
use claimcheck::rules::{RuleError, RuleSet};

use crate::cli::{Color, Common};

pub const FINDINGS: u8 = 1;
pub const FAILURE: u8 = 2;

pub fn style(common: &Common, stream_is_terminal: bool) -> human::Style {
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
pub fn load_rules(dir: Option<&Path>) -> Result<RuleSet, Vec<RuleError>> {
    match dir {
        Some(dir) => RuleSet::load_dir(dir),
        None if Path::new("rules").is_dir() => RuleSet::load_dir(Path::new("rules")),
        None => RuleSet::shipped(),
    }
}

pub fn report_rule_errors(errors: &[RuleError], style: human::Style) -> u8 {
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

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Says on standard error which paths were missing and which files were skipped.
pub fn report_unread(
    missing: &[claimcheck::corpus::Skipped],
    skipped: &[claimcheck::corpus::Skipped],
) {
    let mut err = std::io::stderr().lock();
    for missing in missing {
        let _ = writeln!(err, "error: {}: {}", missing.path, missing.reason);
    }
    for skipped in skipped {
        let _ = writeln!(err, "warning: skipped {}: {}", skipped.path, skipped.reason);
    }
}

/// Writes a report to `output`, or to standard output. A failure is said on standard
/// error and returns false.
pub fn write_report(output: Option<&Path>, text: &str) -> bool {
    let result = match output {
        Some(path) => std::fs::write(path, text),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    if let Err(err) = result {
        let target = output.map_or("standard output".to_string(), |p| p.display().to_string());
        let _ = writeln!(std::io::stderr(), "error: cannot write {target}: {err}");
        return false;
    }
    true
}
