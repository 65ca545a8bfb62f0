//! `claimcheck claims PATHS`: every claim the rules find, as an aligned table or JSON, so
//! that a rule author can see why a finding appears or does not.

use std::io::{IsTerminal, Write};

use claimcheck::claim::Claim;
use claimcheck::report::json;

use super::{FAILURE, load_rules, plural, report_rule_errors, style};
use crate::cli::{ClaimsArgs, ClaimsFormat, Common};

pub fn run(args: &ClaimsArgs, common: &Common) -> u8 {
    let err_style = style(common, std::io::stderr().is_terminal());
    let rules = match load_rules(common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    if let Some(topic) = &args.topic
        && !rules.topics.iter().any(|t| &t.id == topic)
    {
        let ids: Vec<&str> = rules.topics.iter().map(|t| t.id.as_str()).collect();
        let mut message = format!("error: no rule has the id `{topic}`");
        if let Some(near) = ids
            .iter()
            .max_by(|a, b| {
                strsim::jaro_winkler(topic, a).total_cmp(&strsim::jaro_winkler(topic, b))
            })
            .filter(|near| strsim::jaro_winkler(topic, near) > 0.8)
        {
            message.push_str(&format!("; did you mean `{near}`?"));
        } else if !ids.is_empty() {
            message.push_str(&format!("; the ids are: {}", ids.join(", ")));
        }
        let _ = writeln!(std::io::stderr(), "{message}");
        return FAILURE;
    }

    let outcome = claimcheck::check::check_with_progress(
        &args.paths,
        &rules,
        &claimcheck::CheckOptions::default(),
        crate::allocator::on_progress,
    );
    let listed: Vec<Claim> = outcome
        .claims
        .iter()
        .filter(|c| args.topic.as_ref().is_none_or(|t| c.topic() == t))
        .map(|c| c.to_claim())
        .collect();
    let mut claims: Vec<&Claim> = listed.iter().collect();
    claims.sort_by(|a, b| {
        (&a.path, a.span.start, a.span.end, &a.topic).cmp(&(
            &b.path,
            b.span.start,
            b.span.end,
            &b.topic,
        ))
    });

    let mut err = std::io::stderr().lock();
    for missing in &outcome.missing {
        let _ = writeln!(err, "error: {}: {}", missing.path, missing.reason);
    }
    for skipped in &outcome.skipped {
        let _ = writeln!(err, "warning: skipped {}: {}", skipped.path, skipped.reason);
    }
    drop(err);

    let text = match args.format {
        ClaimsFormat::Json => json::claims(&outcome, &claims),
        ClaimsFormat::Table => {
            let mut text = table(&claims);
            text.push_str(&format!(
                "{}, {} checked\n",
                plural(claims.len(), "claim", "claims"),
                plural(outcome.articles.len(), "article", "articles")
            ));
            text
        }
    };
    let _ = write!(std::io::stdout().lock(), "{text}");
    if outcome.missing.is_empty() {
        0
    } else {
        FAILURE
    }
}

/// The claims as aligned columns; the matched text comes last, so it needs no padding.
fn table(claims: &[&Claim]) -> String {
    let rows: Vec<[String; 5]> = claims
        .iter()
        .map(|c| {
            [
                format!("{}:{}:{}", c.path, c.line, c.column),
                c.topic.clone(),
                one_line(&c.value.display()),
                c.stance.as_str().to_string(),
                format!("“{}”", one_line(&c.text)),
            ]
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let header = ["LOCATION", "TOPIC", "VALUE", "STANCE", "TEXT"].map(String::from);
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter().zip(row) {
            out.push_str(cell);
            out.push_str(&" ".repeat(width - cell.chars().count() + 2));
        }
        out.push_str(&row[4]);
        out.push('\n');
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
