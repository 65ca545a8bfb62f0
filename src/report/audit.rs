//! The audit of a draft as text: an aligned table of its claims with the findings as
//! miette diagnostics for the terminal, Markdown with the diagnostics in code blocks, and
//! JSON. The HTML page is in `report::html`.

use serde::Serialize;

use crate::audit::{Audit, AuditedClaim, Status};
use crate::reconcile::file_name;

use super::Sources;
use super::columns::{Table, clip, markdown_code_block, markdown_escape, markdown_table};
use super::coverage::covered;
use super::human::{Style, render_finding};

const SENTENCE_WIDTH: usize = 120;
const CLAIM_WIDTH: usize = 48;

/// The first line: the draft, the corpus, and the claims by status.
pub fn summary(audit: &Audit) -> String {
    format!(
        "{} against {}: {} ({} contradicted, {} corroborated, {} unsupported)",
        audit.draft.path,
        count(audit.corpus.len(), "article", "articles"),
        count(audit.claims.len(), "claim", "claims"),
        audit.count(Status::Contradicted),
        audit.count(Status::Corroborated),
        audit.count(Status::Unsupported),
    )
}

/// The last line: whether the draft contradicts the corpus.
pub fn verdict(audit: &Audit) -> String {
    if audit.contradicts_corpus() {
        let mut against: Vec<&str> = audit
            .claims
            .iter()
            .flat_map(|c| c.contradicted_by.iter().map(String::as_str))
            .collect();
        against.sort_unstable();
        against.dedup();
        format!(
            "The draft contradicts {} of the corpus.",
            count(against.len(), "article", "articles")
        )
    } else {
        "The draft contradicts no article of the corpus.".to_string()
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn key(audit: &Audit, path: &str) -> String {
    match audit.corpus.iter().position(|p| p == path) {
        Some(i) => format!("[{}]", i + 1),
        None => path.to_string(),
    }
}

/// "contradicted by [3]; corroborated by [1] [2]".
fn by(audit: &Audit, claim: &AuditedClaim, name: impl Fn(&Audit, &str) -> String) -> String {
    let list = |paths: &[String]| -> String {
        paths
            .iter()
            .map(|p| name(audit, p))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut parts = Vec::new();
    if !claim.contradicted_by.is_empty() {
        parts.push(format!("contradicted by {}", list(&claim.contradicted_by)));
    }
    if !claim.corroborated_by.is_empty() {
        parts.push(format!("corroborated by {}", list(&claim.corroborated_by)));
    }
    if parts.is_empty() {
        if claim.mentioned_by.is_empty() {
            parts.push("no article states anything on the topic".to_string());
        } else {
            parts.push(format!(
                "on the topic, neither way: {}",
                list(&claim.mentioned_by)
            ));
        }
    }
    parts.join("; ")
}

fn claim_text(claim: &AuditedClaim) -> String {
    format!(
        "{} ({}) “{}”",
        claim.claim.value.display(),
        claim.claim.stance.as_str(),
        clip(&claim.claim.text, CLAIM_WIDTH)
    )
}

/// The report for the terminal; findings are miette diagnostics in `style`.
pub fn table(audit: &Audit, sources: &Sources, style: Style) -> String {
    let mut out = format!("Audit of {}\n", summary(audit));

    out.push_str("\nCorpus\n");
    if audit.corpus.is_empty() {
        out.push_str("  (no articles)\n");
    }
    for (i, path) in audit.corpus.iter().enumerate() {
        out.push_str(&format!("  [{}] {}\n", i + 1, path));
    }

    out.push_str("\nClaims of the draft\n");
    let mut table = Table::new(&["LINE", "TOPIC", "CLAIM", "STATUS", "ARTICLES"]);
    for claim in &audit.claims {
        table.row(vec![
            format!("{}:{}", claim.claim.line, claim.claim.column),
            claim.claim.topic.clone(),
            claim_text(claim),
            claim.status.as_str().to_string(),
            by(audit, claim, key),
        ]);
    }
    if audit.claims.is_empty() {
        out.push_str("  (no rule found a claim in the draft)\n");
    } else {
        out.push_str(&table.render());
    }

    if !audit.findings.is_empty() {
        out.push_str("\nContradictions with the corpus\n\n");
        for finding in &audit.findings {
            out.push_str(&render_finding(finding, sources, style));
        }
    }
    if !audit.within_draft.is_empty() {
        out.push_str("\nContradictions within the draft\n\n");
        for finding in &audit.within_draft {
            out.push_str(&render_finding(finding, sources, style));
        }
    }

    out.push_str(&format!(
        "\nCheck-worthy sentences no rule covers\n  {}\n",
        covered(
            audit.draft.covered,
            audit.draft.checkworthy,
            audit.draft.percent
        )
    ));
    if audit.draft.uncovered.is_empty() {
        out.push_str("  (none)\n");
    }
    for sentence in &audit.draft.uncovered {
        let signals: Vec<&str> = sentence.signals.iter().map(|s| s.as_str()).collect();
        out.push_str(&format!(
            "  line {} ({}): {}\n",
            sentence.line,
            signals.join(", "),
            clip(&sentence.text, SENTENCE_WIDTH)
        ));
    }
    out.push_str(&format!("\n{}\n", verdict(audit)));
    out
}

/// The report in Markdown; findings are plain diagnostics in code blocks.
pub fn markdown(audit: &Audit, sources: &Sources) -> String {
    let style = Style {
        color: false,
        width: 100,
    };
    let mut out = format!(
        "## Audit of {}\n\n{}\n\n{}\n",
        markdown_escape(file_name(&audit.draft.path)),
        markdown_escape(&summary(audit)),
        markdown_escape(&verdict(audit)),
    );

    out.push_str("\n### Claims of the draft\n\n");
    if audit.claims.is_empty() {
        out.push_str("No rule found a claim in the draft.\n");
    } else {
        let rows: Vec<Vec<String>> = audit
            .claims
            .iter()
            .map(|claim| {
                vec![
                    format!("{}:{}", claim.claim.line, claim.claim.column),
                    claim.claim.topic.clone(),
                    claim_text(claim),
                    claim.status.as_str().to_string(),
                    by(audit, claim, |_, p| file_name(p).to_string()),
                ]
            })
            .collect();
        out.push_str(&markdown_table(
            &["Line", "Topic", "Claim", "Status", "Articles"],
            &rows,
        ));
    }

    for (title, findings) in [
        ("Contradictions with the corpus", &audit.findings),
        ("Contradictions within the draft", &audit.within_draft),
    ] {
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {title}\n"));
        for finding in findings {
            out.push_str(&format!(
                "\n**{}** {}\n\n",
                finding.severity.as_str(),
                markdown_escape(&finding.message)
            ));
            out.push_str(&markdown_code_block(&render_finding(
                finding, sources, style,
            )));
        }
    }

    out.push_str(&format!(
        "\n### Check-worthy sentences no rule covers\n\n{}.\n\n",
        covered(
            audit.draft.covered,
            audit.draft.checkworthy,
            audit.draft.percent
        )
    ));
    for sentence in &audit.draft.uncovered {
        let signals: Vec<&str> = sentence.signals.iter().map(|s| s.as_str()).collect();
        out.push_str(&format!(
            "- line {} ({}): {}\n",
            sentence.line,
            signals.join(", "),
            markdown_escape(&clip(&sentence.text, SENTENCE_WIDTH))
        ));
    }
    out
}

#[derive(Serialize)]
struct JsonAudit<'a> {
    contradicts_corpus: bool,
    #[serde(flatten)]
    audit: &'a Audit,
}

/// The audit as pretty-printed JSON: the [`Audit`] structure and `contradicts_corpus`.
pub fn json(audit: &Audit) -> String {
    let document = JsonAudit {
        contradicts_corpus: audit.contradicts_corpus(),
        audit,
    };
    let mut out = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|err| serde_json::json!({ "error": err.to_string() }).to_string());
    out.push('\n');
    out
}
