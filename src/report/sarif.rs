//! SARIF 2.1.0, the format code scanning services read: one result per finding, its first
//! piece of evidence as the location and the others as related locations; skipped files
//! and stale baseline entries as tool execution notifications.

use std::collections::BTreeMap;

use serde_json::{Value as Json, json};

use super::{Report, Sources, TOOL_NAME, TOOL_VERSION, end_of};
use crate::baseline::fingerprint;
use crate::claim::ClaimRef;
use crate::finding::{Finding, Severity};

/// Where the SARIF 2.1.0 schema is published.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// What each finding code means, for the rules listed in the tool's driver.
fn describe(code: &str) -> &'static str {
    match code {
        "claimcheck::contradiction::category" => {
            "Articles assert values of a topic that exclude each other."
        }
        "claimcheck::contradiction::denied" => {
            "A claim asserted in one place is denied in another."
        }
        "claimcheck::contradiction::date" => {
            "Articles give dates for the same event that cannot overlap."
        }
        "claimcheck::contradiction::number" => {
            "Articles give quantities for the same thing that cannot both be right."
        }
        "claimcheck::unanchored-date" => {
            "A relative date cannot be placed in time: the article has no publication date."
        }
        _ => "A disagreement between articles, or within one.",
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Renders the report as a SARIF 2.1.0 log. `sources` supplies the articles' text for
/// character offsets; evidence whose article cannot be read is located by line and
/// column only.
pub fn render(report: &Report, sources: &Sources) -> String {
    let outcome = report.outcome;

    // The rules are the distinct finding codes; each lists the topics it was raised on.
    let mut codes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for finding in &outcome.findings {
        let topics = codes.entry(&finding.code).or_default();
        if !topics.contains(&&*finding.topic) {
            topics.push(&finding.topic);
        }
    }
    for topics in codes.values_mut() {
        topics.sort_unstable();
    }
    let index: BTreeMap<&str, usize> = codes.keys().enumerate().map(|(i, c)| (*c, i)).collect();
    let rules: Vec<Json> = codes
        .iter()
        .map(|(code, topics)| {
            json!({
                "id": code,
                "shortDescription": { "text": describe(code) },
                "properties": { "topics": topics },
            })
        })
        .collect();

    let results: Vec<Json> = outcome
        .findings
        .iter()
        .map(|finding| result(finding, index[&*finding.code], sources))
        .collect();

    let mut notifications = Vec::new();
    for missing in &outcome.missing {
        notifications.push(notification(
            "error",
            format!("not checked: {}", missing.reason),
            &missing.path,
        ));
    }
    for skipped in &outcome.skipped {
        notifications.push(notification(
            level(report.skipped_severity()),
            format!("skipped: {}", skipped.reason),
            &skipped.path,
        ));
    }
    let mut properties = json!({
        "articles": outcome.articles.len(),
        "claims": outcome.claims.len(),
    });
    if let Some(applied) = report.baseline {
        for entry in &applied.stale {
            notifications.push(notification(
                "warning",
                format!(
                    "stale baseline entry: {} no longer matches any finding",
                    entry.describe()
                ),
                &applied.path,
            ));
        }
        properties["baseline"] = json!({
            "path": applied.path,
            "baselined": applied.suppressed.len(),
            "stale": applied.stale.len(),
        });
    }

    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": TOOL_NAME,
                    "version": TOOL_VERSION,
                    "semanticVersion": TOOL_VERSION,
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": !report.incomplete(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": properties,
        }]
    });
    let mut text =
        serde_json::to_string_pretty(&log).expect("a JSON value always serialises to text");
    text.push('\n');
    text
}

fn result(finding: &Finding, rule_index: usize, sources: &Sources) -> Json {
    let mut evidence = finding.evidence.iter();
    let mut result = json!({
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": format!("{}\n{}", finding.message, finding.help) },
        "partialFingerprints": { "claimcheckFinding/v1": fingerprint(finding) },
        "properties": { "topic": finding.topic },
    });
    if let Some(first) = evidence.next() {
        let mut location = location(first.claim, sources);
        location["message"] = json!({ "text": first.label });
        result["locations"] = json!([location]);
    }
    let related: Vec<Json> = evidence
        .enumerate()
        .map(|(i, e)| {
            let mut location = location(e.claim, sources);
            location["id"] = json!(i + 1);
            location["message"] = json!({ "text": e.label });
            location
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    result
}

fn location(claim: ClaimRef<'_>, sources: &Sources) -> Json {
    let (end_line, end_column) = end_of(claim.line(), claim.column(), claim.text());
    let span = claim.span();
    let mut region = json!({
        "startLine": claim.line(),
        "startColumn": claim.column(),
        "endLine": end_line,
        "endColumn": end_column,
        "snippet": { "text": claim.text() },
    });
    // Offsets count characters of the decoded text, like the columns; byte offsets would
    // be wrong for files read from UTF-16 or with a byte order mark.
    if let Some(text) = sources.get(claim.path())
        && let (Some(before), Some(matched)) = (text.get(..span.start), text.get(span))
    {
        region["charOffset"] = json!(before.chars().count());
        region["charLength"] = json!(matched.chars().count());
    }
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(claim.path()) },
            "region": region,
        }
    })
}

fn notification(level: &str, message: String, path: &str) -> Json {
    json!({
        "level": level,
        "message": { "text": message },
        "locations": [{
            "physicalLocation": { "artifactLocation": { "uri": uri(path) } }
        }],
    })
}

/// A relative URI reference for a display path: every byte outside the unreserved
/// characters and `/` is percent-encoded, so spaces, `#`, `?` and non-ASCII names
/// survive.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Outcome;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("seeds/000_a.txt"), "seeds/000_a.txt");
        assert_eq!(uri("my notes/é#1?.txt"), "my%20notes/%C3%A9%231%3F.txt");
        assert_eq!(uri("a\\b.txt"), "a/b.txt");
        assert_eq!(uri("C:/x"), "C%3A/x");
    }

    #[test]
    fn an_empty_run_still_names_the_tool_and_succeeds() {
        let outcome = Outcome::default();
        let text = render(&Report::new(&outcome, None), &Sources::default());
        let log: Json = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "claimcheck");
        assert_eq!(run["results"], json!([]));
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    }

    #[test]
    fn severities_map_to_sarif_levels() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
    }
}
