//! `claimcheck test [RULES_DIR]`: run the examples of every rule file, and with
//! `--coverage` fail every rule that has no positive example.

use std::io::{IsTerminal, Write};

use claimcheck::report::{human, json};
use claimcheck::rules::examples::{run_examples, uncovered};

use super::{FINDINGS, load_rules, plural, report_rule_errors, style};
use crate::cli::{Common, TestArgs, TestFormat};

pub fn run(args: &TestArgs, common: &Common) -> u8 {
    let err_style = style(common, std::io::stderr().is_terminal());
    let dir = args.dir.as_deref().or(common.rules.as_deref());
    let rules = match load_rules(dir) {
        Ok(rules) => rules,
        Err(errors) => return report_rule_errors(&errors, err_style),
    };
    let outcomes = run_examples(&rules);
    let uncovered = if args.coverage {
        uncovered(&rules)
    } else {
        Vec::new()
    };
    let failures: Vec<_> = outcomes.iter().filter_map(|o| o.failure.as_ref()).collect();

    match args.format {
        TestFormat::Json => {
            let text = json::test_results(&rules, &outcomes, args.coverage.then_some(&uncovered));
            let _ = write!(std::io::stdout().lock(), "{text}");
        }
        TestFormat::Human => {
            let mut err = std::io::stderr().lock();
            for failure in &failures {
                let _ = write!(err, "{}", human::render(*failure, err_style));
            }
            for rule in &uncovered {
                let _ = write!(err, "{}", human::render(&rule.error, err_style));
            }
            drop(err);
            let mut line = format!(
                "{} passed, {} failed ({})",
                outcomes.len() - failures.len(),
                failures.len(),
                plural(rules.topics.len(), "rule", "rules")
            );
            if args.coverage {
                line.push_str(&format!(
                    "; {} without a positive example",
                    plural(uncovered.len(), "rule", "rules")
                ));
            }
            let _ = writeln!(std::io::stdout().lock(), "{line}");
        }
    }
    if failures.is_empty() && uncovered.is_empty() {
        0
    } else {
        FINDINGS
    }
}
