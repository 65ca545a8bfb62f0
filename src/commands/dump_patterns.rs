//! `claimcheck dump-patterns` (hidden): every rule pattern as compiled, one per line, so
//! that a benchmark can give another search tool (`rg -f`) the same regexes.

use std::io::{IsTerminal, Write};

use claimcheck::rules::without_group_names;

use super::{load_rules, report_rule_errors, style};
use crate::cli::Common;

pub fn run(common: &Common) -> u8 {
    let rules = match load_rules(common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => {
            return report_rule_errors(&errors, style(common, std::io::stderr().is_terminal()));
        }
    };
    let mut out = std::io::stdout().lock();
    for pattern in rules.topics.iter().flat_map(|t| t.patterns()) {
        // Tools join the lines into one alternation, where two groups of one name clash;
        // the names change nothing about what matches. A line break is written `\n`.
        let source = without_group_names(pattern.as_str());
        let _ = writeln!(out, "{}", source.replace('\n', r"\n"));
    }
    0
}
