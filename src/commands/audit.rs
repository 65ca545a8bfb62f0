//! `claimcheck audit DRAFT --against PATHS`: each claim of a draft corroborated,
//! contradicted or unsupported by the published articles. Exit 1 when the draft
//! contradicts one of them.

use std::io::{IsTerminal, Write};

use claimcheck::audit::audit;
use claimcheck::corpus::{read_article, walk};
use claimcheck::coverage::read;
use claimcheck::report::{Sources, audit as text, html};

use super::{
    FAILURE, FINDINGS, load_rules, report_rule_errors, report_unread, style, write_report,
};
use crate::cli::{AuditArgs, Common, EditorFormat};

pub fn run(args: &AuditArgs, common: &Common) -> u8 {
    let err_style = style(common, std::io::stderr().is_terminal());
    let rules = match load_rules(common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let given = walk(std::slice::from_ref(&args.draft));
    let draft = match (given.files.as_slice(), std::fs::metadata(&args.draft)) {
        (_, Ok(meta)) if meta.is_dir() => {
            Err("the draft is a folder; give one article file".to_string())
        }
        ([(path, display)], _) => read_article(path, display).map_err(|s| s.reason),
        _ => Err(given
            .missing
            .iter()
            .chain(&given.skipped)
            .map(|s| s.reason.clone())
            .next()
            .unwrap_or_else(|| "cannot be read".to_string())),
    };
    let draft = match draft {
        Ok(draft) => draft,
        Err(reason) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: {}: {reason}",
                args.draft.display()
            );
            return FAILURE;
        }
    };
    let reading = read(&args.against, std::slice::from_ref(&args.draft));
    report_unread(&reading.missing, &reading.skipped);
    let audit = audit(&draft, &reading.articles, &rules);

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let report = match args.format {
        EditorFormat::Table => {
            let sources = Sources::load(&[audit.findings.as_slice(), &audit.within_draft].concat());
            text::table(&audit, &sources, style(common, to_terminal))
        }
        EditorFormat::Markdown => {
            let sources = Sources::load(&[audit.findings.as_slice(), &audit.within_draft].concat());
            text::markdown(&audit, &sources)
        }
        EditorFormat::Json => text::json(&audit),
        EditorFormat::Html => html::audit(&audit, &draft),
    };
    if !write_report(args.output.as_deref(), &report) || !reading.missing.is_empty() {
        return FAILURE;
    }
    if audit.contradicts_corpus() {
        FINDINGS
    } else {
        0
    }
}
