//! The short report: one line per finding, `path:line:col: severity: code: message`, at
//! the finding's first piece of evidence, for editors, grep and terse CI logs.

use super::Report;

/// Renders the report: findings, then skipped paths and stale baseline entries (each a
/// line in the same shape), then the summary line.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.outcome.findings {
        let location = match finding.evidence.first() {
            Some(first) => format!(
                "{}:{}:{}",
                first.claim.path(),
                first.claim.line(),
                first.claim.column()
            ),
            None => finding.topic.to_string(),
        };
        out.push_str(&format!(
            "{location}: {}: {}: {}\n",
            finding.severity.as_str(),
            finding.code,
            one_line(&finding.message)
        ));
    }
    for missing in &report.outcome.missing {
        out.push_str(&format!(
            "{}: error: not checked: {}\n",
            missing.path,
            one_line(&missing.reason)
        ));
    }
    let level = report.skipped_severity().as_str();
    for skipped in &report.outcome.skipped {
        out.push_str(&format!(
            "{}: {level}: skipped: {}\n",
            skipped.path,
            one_line(&skipped.reason)
        ));
    }
    if let Some(applied) = report.baseline {
        for entry in &applied.stale {
            out.push_str(&format!(
                "{}: warning: stale baseline entry: {}\n",
                applied.path,
                one_line(&entry.describe())
            ));
        }
    }
    out.push_str(&super::summary(report));
    out.push('\n');
    out
}

/// A line break inside a message would start what looks like another finding.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Outcome;
    use crate::corpus::Skipped;

    #[test]
    fn a_message_with_line_breaks_stays_on_one_line() {
        let outcome = Outcome {
            skipped: vec![Skipped {
                path: "odd\nname.txt".to_string(),
                reason: "binary file\n(NUL byte)".to_string(),
            }],
            ..Outcome::default()
        };
        let text = render(&Report::new(&outcome, None));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[1].ends_with("warning: skipped: binary file (NUL byte)"));
    }

    #[test]
    fn nothing_found_is_only_the_summary() {
        let outcome = Outcome::default();
        let text = render(&Report::new(&outcome, None));
        assert_eq!(text, "0 articles checked, 0 claims, 0 findings\n");
    }
}
