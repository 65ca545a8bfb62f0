//! GitHub Actions workflow commands: an `::error`, `::warning` or `::notice` annotation
//! at every piece of evidence, so that every article line involved is marked in the
//! pull request, escaped the way the runner requires.

use super::{Report, end_of};
use crate::finding::Severity;

/// Renders the report: one annotation per piece of evidence, one per skipped path and
/// stale baseline entry, then the summary line (plain text in the log).
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.outcome.findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        for evidence in &finding.evidence {
            let claim = evidence.claim;
            let (end_line, end_column) = end_of(claim.line(), claim.column(), claim.text());
            // GitHub's endColumn is the last annotated column; ours is one past it.
            let end_column = if end_line == claim.line() {
                end_column.saturating_sub(1).max(claim.column())
            } else {
                end_column.saturating_sub(1).max(1)
            };
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={end_line},endColumn={end_column},title={}::{}\n",
                property(claim.path()),
                claim.line(),
                claim.column(),
                property(&finding.code),
                data(&format!(
                    "{}\n{}\n{}",
                    finding.message, evidence.label, finding.help
                )),
            ));
        }
    }
    for missing in &report.outcome.missing {
        out.push_str(&format!(
            "::error file={}::{}\n",
            property(&missing.path),
            data(&format!("not checked: {}", missing.reason))
        ));
    }
    let command = match report.skipped_severity() {
        Severity::Error => "error",
        Severity::Warning | Severity::Info => "warning",
    };
    for skipped in &report.outcome.skipped {
        out.push_str(&format!(
            "::{command} file={}::{}\n",
            property(&skipped.path),
            data(&format!("skipped: {}", skipped.reason))
        ));
    }
    if let Some(applied) = report.baseline {
        for entry in &applied.stale {
            out.push_str(&format!(
                "::warning file={},title={}::{}\n",
                property(&applied.path),
                property("stale baseline entry"),
                data(&format!(
                    "{} no longer matches any finding; remove it or write the baseline again",
                    entry.describe()
                ))
            ));
        }
    }
    out.push_str(&super::summary(report));
    out.push('\n');
    out
}

/// Escapes a command's message: `%`, carriage return and line feed.
pub fn data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value (file, title): as [`data`], and also `:` and `,`, which
/// would otherwise end the value.
pub fn property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks_but_keep_colons() {
        assert_eq!(data("50% said: a\r\nb"), "50%25 said: a%0D%0Ab");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            property("claimcheck::contradiction::date"),
            "claimcheck%3A%3Acontradiction%3A%3Adate"
        );
        assert_eq!(property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }

    #[test]
    fn escaping_is_reversible_so_nothing_is_lost() {
        // The runner's decoding: each %XX once, left to right.
        let unescape = |s: &str| {
            let mut out = String::new();
            let mut rest = s;
            while let Some(i) = rest.find('%') {
                out.push_str(&rest[..i]);
                let code = &rest[i + 1..i + 3];
                out.push(match code {
                    "25" => '%',
                    "0D" => '\r',
                    "0A" => '\n',
                    "3A" => ':',
                    "2C" => ',',
                    other => panic!("unexpected escape %{other}"),
                });
                rest = &rest[i + 3..];
            }
            out.push_str(rest);
            out
        };
        for text in ["%0A literal", "100%", "x,y:z\r\n", "é “quoted”"] {
            assert_eq!(unescape(&property(text)), text);
            assert_eq!(unescape(&data(text)), text);
        }
    }
}
