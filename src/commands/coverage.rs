//! `claimcheck coverage PATHS`: what each article says on each topic, who agrees with the
//! majority, and the check-worthy sentences no rule covers.

use claimcheck::coverage::{coverage, read};
use claimcheck::report::{coverage as text, html};

use super::{FAILURE, load_rules, report_rule_errors, report_unread, style, write_report};
use crate::cli::{Common, CoverageArgs, EditorFormat};

pub fn run(args: &CoverageArgs, common: &Common) -> u8 {
    let err_style = style(common, std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let rules = match load_rules(common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let reading = read(&args.paths, &[]);
    report_unread(&reading.missing, &reading.skipped);
    let coverage = coverage(&reading.articles, &rules);
    let report = match args.format {
        EditorFormat::Table => text::table(&coverage),
        EditorFormat::Markdown => text::markdown(&coverage),
        EditorFormat::Json => text::json(&coverage),
        EditorFormat::Html => html::coverage(&coverage, &reading.articles),
    };
    if !write_report(args.output.as_deref(), &report) || !reading.missing.is_empty() {
        return FAILURE;
    }
    0
}
