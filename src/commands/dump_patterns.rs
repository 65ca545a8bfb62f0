//! `claimcheck dump-patterns` (hidden): every rule pattern as compiled, one per line, so
//! that a benchmark can give another search tool (`rg -f`) the same regexes; with
//! `--builtin`, also the date readers and stance cues that the rules rely on.

use std::io::{IsTerminal, Write};

use claimcheck::rules::without_group_names;

use super::{load_rules, report_rule_errors, style};
use crate::cli::Common;

pub fn run(common: &Common, builtin: bool) -> u8 {
    let rules = match load_rules(common.rules.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => {
            return report_rule_errors(&errors, style(common, std::io::stderr().is_terminal()));
        }
    };
    let mut patterns: Vec<String> = rules
        .topics
        .iter()
        .flat_map(|t| t.patterns())
        .map(|p| p.as_str().to_string())
        .collect();
    if builtin {
        patterns.extend(claimcheck::kinds::date::reader_patterns().map(String::from));
        // Topics share the built-in cues; each distinct cue is printed once.
        let mut seen = std::collections::HashSet::new();
        for topic in &rules.topics {
            for cue in topic.cues.patterns() {
                if seen.insert(cue.to_string()) {
                    patterns.push(cue.to_string());
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    for pattern in patterns {
        // Tools join the lines into one alternation, where two groups of one name clash;
        // the names change nothing about what matches. A line break is written `\n`.
        let source = without_group_names(&pattern);
        let _ = writeln!(out, "{}", source.replace('\n', r"\n"));
    }
    0
}
