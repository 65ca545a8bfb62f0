//! `claimcheck test [RULES_DIR]`: run the examples of every rule file.

use std::io::{IsTerminal, Write};

use claimcheck::report::human;
use claimcheck::rules::examples::run_examples;

use super::{FINDINGS, load_rules, report_rule_errors, style};
use crate::cli::{Common, TestArgs};

pub fn run(args: &TestArgs, common: &Common) -> u8 {
    let err_style = style(common, std::io::stderr().is_terminal());
    let dir = args.dir.as_deref().or(common.rules.as_deref());
    let rules = match load_rules(dir) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let outcomes = run_examples(&rules);
    let failures: Vec<_> = outcomes.iter().filter_map(|o| o.failure.as_ref()).collect();
    let mut err = std::io::stderr().lock();
    for failure in &failures {
        let _ = write!(err, "{}", human::render(*failure, err_style));
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} passed, {} failed ({} rules)",
        outcomes.len() - failures.len(),
        failures.len(),
        rules.topics.len()
    );
    if failures.is_empty() { 0 } else { FINDINGS }
}
