//! The coverage report as text: an aligned table for the terminal, Markdown to paste into
//! a pull request or a CMS note, and JSON. The HTML page is in `report::html`.

use crate::coverage::{ArticleCoverage, Coverage, TopicCoverage};
use crate::reconcile::file_name;

use super::columns::{Table, clip, markdown_escape, markdown_table};

/// How much of an uncovered sentence the text formats show.
const SENTENCE_WIDTH: usize = 120;

/// The one-line summary: what was read and how much of it the rules cover.
pub fn summary(coverage: &Coverage) -> String {
    format!(
        "{}, {}, {}, {}; {}",
        count(coverage.articles.len(), "article", "articles"),
        count(coverage.topics.len(), "topic", "topics"),
        count(coverage.claims.len(), "claim", "claims"),
        count(coverage.findings.len(), "finding", "findings"),
        covered(coverage.covered, coverage.checkworthy, coverage.percent),
    )
}

/// "3 of 9 check-worthy sentences covered (33.3%)".
pub fn covered(covered: usize, checkworthy: usize, percent: Option<f64>) -> String {
    match percent {
        Some(p) => format!("{covered} of {checkworthy} check-worthy sentences covered ({p:.1}%)"),
        None => "no check-worthy sentences".to_string(),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The key of the article at `index` in the tables: `[1]`, `[2]`, ...
fn key(index: usize) -> String {
    format!("[{}]", index + 1)
}

fn keys_of(coverage: &Coverage, paths: &[String]) -> String {
    let keys: Vec<String> = paths
        .iter()
        .filter_map(|p| coverage.articles.iter().position(|a| &a.path == p))
        .map(key)
        .collect();
    if keys.is_empty() {
        paths.len().to_string()
    } else {
        format!("{} {}", paths.len(), keys.join(" "))
    }
}

fn majority_text(topic: &TopicCoverage) -> String {
    match &topic.majority {
        Some(m) => format!("{}, stated by {}", m.position, m.articles),
        None => "none".to_string(),
    }
}

fn article_line(article: &ArticleCoverage) -> String {
    let published = article
        .published
        .map_or("no publication date".to_string(), |d| {
            format!("published {d}")
        });
    format!(
        "{}; {} on {}; {}",
        published,
        count(article.claims, "claim", "claims"),
        count(article.topics, "topic", "topics"),
        covered(article.covered, article.checkworthy, article.percent),
    )
}

/// The report for the terminal.
pub fn table(coverage: &Coverage) -> String {
    let mut out = format!("Coverage: {}\n", summary(coverage));

    out.push_str("\nArticles\n");
    for (i, article) in coverage.articles.iter().enumerate() {
        out.push_str(&format!(
            "  {} {}: {}\n",
            key(i),
            article.path,
            article_line(article)
        ));
    }

    out.push_str("\nWhat each article says\n");
    let mut headers = vec!["TOPIC".to_string()];
    headers.extend((0..coverage.articles.len()).map(key));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut says = Table::new(&header_refs);
    for topic in &coverage.topics {
        let mut row = vec![vec![topic.id.clone()]];
        row.extend(
            topic
                .cells
                .iter()
                .map(|cell| cell.positions.iter().map(|p| p.to_string()).collect()),
        );
        says.multiline_row(row);
    }
    out.push_str(&says.render());

    out.push_str("\nAgreement with the majority position\n");
    let mut agreement = Table::new(&[
        "TOPIC", "MAJORITY", "AGREE", "DISAGREE", "NEITHER", "SILENT", "FINDINGS",
    ]);
    for topic in &coverage.topics {
        agreement.row(vec![
            topic.id.clone(),
            majority_text(topic),
            keys_of(coverage, &topic.agree),
            keys_of(coverage, &topic.disagree),
            keys_of(coverage, &topic.neither),
            keys_of(coverage, &topic.silent),
            topic.findings.len().to_string(),
        ]);
    }
    out.push_str(&agreement.render());

    out.push_str("\nFindings\n");
    if coverage.findings.is_empty() {
        out.push_str("  (none)\n");
    }
    for (i, finding) in coverage.findings.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {}: {} [{}]\n",
            i + 1,
            finding.severity.as_str(),
            finding.message,
            finding.topic
        ));
    }

    out.push_str("\nArticles no rule touched\n");
    push_list(&mut out, &coverage.untouched_articles);
    out.push_str("\nTopics that matched nothing\n");
    push_list(&mut out, &coverage.unmatched_topics);

    out.push_str("\nCheck-worthy sentences no rule covers\n");
    for (i, article) in coverage.articles.iter().enumerate() {
        out.push_str(&format!(
            "  {} {}: {}\n",
            key(i),
            article.path,
            covered(article.covered, article.checkworthy, article.percent)
        ));
        for sentence in &article.uncovered {
            let signals: Vec<&str> = sentence.signals.iter().map(|s| s.as_str()).collect();
            out.push_str(&format!(
                "    line {} ({}): {}\n",
                sentence.line,
                signals.join(", "),
                clip(&sentence.text, SENTENCE_WIDTH)
            ));
        }
    }
    out.push_str(&format!(
        "\nOverall: {}\n",
        covered(coverage.covered, coverage.checkworthy, coverage.percent)
    ));
    out
}

fn push_list(out: &mut String, items: &[String]) {
    if items.is_empty() {
        out.push_str("  (none)\n");
    }
    for item in items {
        out.push_str(&format!("  {item}\n"));
    }
}

/// The report in Markdown: headings, pipe tables and lists.
pub fn markdown(coverage: &Coverage) -> String {
    let mut out = format!(
        "## Claim coverage\n\n{}.\n",
        markdown_escape(&summary(coverage))
    );

    out.push_str("\n### What each article says\n\n");
    let names: Vec<String> = coverage
        .articles
        .iter()
        .map(|a| file_name(&a.path).to_string())
        .collect();
    let mut headers = vec!["Topic"];
    headers.extend(names.iter().map(String::as_str));
    let rows: Vec<Vec<String>> = coverage
        .topics
        .iter()
        .map(|topic| {
            let mut row = vec![format!("{} ({})", topic.title, topic.id)];
            row.extend(topic.cells.iter().map(|c| c.display()));
            row
        })
        .collect();
    out.push_str(&markdown_table(&headers, &rows));

    out.push_str("\n### Agreement\n\n");
    let names_of = |paths: &[String]| -> String {
        if paths.is_empty() {
            "0".to_string()
        } else {
            let names: Vec<&str> = paths.iter().map(|p| file_name(p)).collect();
            format!("{}: {}", paths.len(), names.join(", "))
        }
    };
    let rows: Vec<Vec<String>> = coverage
        .topics
        .iter()
        .map(|topic| {
            vec![
                topic.id.clone(),
                majority_text(topic),
                names_of(&topic.agree),
                names_of(&topic.disagree),
                names_of(&topic.neither),
                names_of(&topic.silent),
            ]
        })
        .collect();
    out.push_str(&markdown_table(
        &[
            "Topic", "Majority", "Agree", "Disagree", "Neither", "Silent",
        ],
        &rows,
    ));

    out.push_str("\n### Findings\n\n");
    if coverage.findings.is_empty() {
        out.push_str("None.\n");
    }
    for finding in &coverage.findings {
        out.push_str(&format!(
            "- **{}** {} — {}\n",
            finding.severity.as_str(),
            markdown_escape(&finding.message),
            markdown_escape(&finding.help)
        ));
    }

    out.push_str("\n### Articles no rule touched\n\n");
    markdown_list(&mut out, &coverage.untouched_articles);
    out.push_str("\n### Topics that matched nothing\n\n");
    markdown_list(&mut out, &coverage.unmatched_topics);

    out.push_str("\n### Check-worthy sentences no rule covers\n");
    for article in &coverage.articles {
        out.push_str(&format!(
            "\n#### {}\n\n{}.\n\n",
            markdown_escape(&article.path),
            covered(article.covered, article.checkworthy, article.percent)
        ));
        for sentence in &article.uncovered {
            let signals: Vec<&str> = sentence.signals.iter().map(|s| s.as_str()).collect();
            out.push_str(&format!(
                "- line {} ({}): {}\n",
                sentence.line,
                signals.join(", "),
                markdown_escape(&clip(&sentence.text, SENTENCE_WIDTH))
            ));
        }
    }
    out.push_str(&format!(
        "\n**Overall:** {}.\n",
        covered(coverage.covered, coverage.checkworthy, coverage.percent)
    ));
    out
}

fn markdown_list(out: &mut String, items: &[String]) {
    if items.is_empty() {
        out.push_str("None.\n");
    }
    for item in items {
        out.push_str(&format!("- {}\n", markdown_escape(item)));
    }
}

/// The coverage as pretty-printed JSON (the [`Coverage`] structure).
pub fn json(coverage: &Coverage) -> String {
    let mut out = serde_json::to_string_pretty(coverage)
        .unwrap_or_else(|err| serde_json::json!({ "error": err.to_string() }).to_string());
    out.push('\n');
    out
}
