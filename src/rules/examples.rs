//! Running the `[[test]]` examples of rule files: each example is a small article that
//! must yield the expected claim (value and stance), or no claim at all.

use crate::check::topic_claims;
use crate::document::Document;
use crate::rules::{Expect, RuleError, RuleSet, Topic};

/// The outcome of one example.
#[derive(Debug)]
pub struct ExampleOutcome<'a> {
    pub topic: &'a Topic,
    pub index: usize,
    /// `None` when the example passed; otherwise a diagnostic pointing at it.
    pub failure: Option<RuleError>,
}

/// Runs every example of every topic, in rule order. Examples are checked without the
/// topic's `scope` (an example is usually one sentence) but with its anchors.
pub fn run_examples(rules: &RuleSet) -> Vec<ExampleOutcome<'_>> {
    let mut outcomes = Vec::new();
    for topic in &rules.topics {
        for (index, example) in topic.examples.iter().enumerate() {
            let doc = Document::from_text("example", &example.text, 0, example.published);
            let claims = topic_claims(&doc, topic);
            let found: Vec<String> = claims
                .iter()
                .map(|c| format!("{} ({})", c.value.display(), c.stance.as_str()))
                .collect();
            let passed = match &example.expect {
                Expect::Nothing => claims.is_empty(),
                Expect::Claim { value, stance } => claims
                    .iter()
                    .any(|c| c.stance == *stance && topic.spec.matches_expected(&c.value, value)),
            };
            let failure = (!passed).then(|| {
                let expected = match &example.expect {
                    Expect::Nothing => "no claim".to_string(),
                    Expect::Claim { value, stance } => format!("{value} ({})", stance.as_str()),
                };
                let got = if found.is_empty() { "no claim".to_string() } else { found.join(", ") };
                RuleError::new(
                    "claimcheck::test::failed",
                    &rules.files[topic.file],
                    Some(example.span.clone()),
                    format!("example of `{}` expected {expected}, found {got}", topic.id),
                )
                .label(format!("expected {expected}"))
                .help(match &example.expect {
                    Expect::Nothing => "a pattern matches this text: make the patterns (or anchors) stricter, or change the example".to_string(),
                    Expect::Claim { .. } if found.is_empty() => "no pattern matched: check the value's patterns, the anchors and `context` against this text".to_string(),
                    Expect::Claim { .. } => "a claim was found with another value or stance: check the patterns and the stance cues".to_string(),
                })
            });
            outcomes.push(ExampleOutcome {
                topic,
                index,
                failure,
            });
        }
    }
    outcomes
}

/// A rule without a positive example: nothing proves that its patterns find anything.
#[derive(Debug)]
pub struct Uncovered<'a> {
    pub topic: &'a Topic,
    /// Byte span of the rule's `id` value in its file.
    pub id_span: std::ops::Range<usize>,
    /// A diagnostic pointing at the rule's `id`.
    pub error: RuleError,
}

/// Every rule that has no `[[test]]` expecting a claim, in rule order.
pub fn uncovered(rules: &RuleSet) -> Vec<Uncovered<'_>> {
    rules
        .topics
        .iter()
        .filter(|topic| topic.examples.iter().all(|e| e.expect == Expect::Nothing))
        .map(|topic| {
            let file = &rules.files[topic.file];
            let id_span = id_span(&file.text);
            let error = RuleError::new(
                "claimcheck::test::no-positive-example",
                file,
                id_span.clone(),
                format!("`{}` has no positive example", topic.id),
            )
            .label("no [[test]] of this rule expects a claim")
            .help(
                "add a [[test]] table with a sentence the rule must find and its `expect`ed value, so that a broken pattern fails the tests",
            );
            Uncovered {
                topic,
                id_span: id_span.unwrap_or(0..0),
                error,
            }
        })
        .collect()
}

/// The span of a rule file's `id` value. The file has already been compiled, so the
/// field is there; the span is found again rather than kept on every topic.
fn id_span(text: &str) -> Option<std::ops::Range<usize>> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: toml::Spanned<String>,
    }
    toml::from_str::<IdOnly>(text).ok().map(|f| f.id.span())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn rules(text: &str) -> RuleSet {
        RuleSet::from_sources(vec![RuleSource {
            path: "rules/r.toml".to_string(),
            text: text.into(),
        }])
        .expect("the rule compiles")
    }

    const RULE: &str = r#"id = "story/cause"
title = "Why"
kind = "category"

[[value]]
id = "money"
label = "money"
patterns = ['(?i)\bover money\b']
"#;

    #[test]
    fn a_rule_with_only_negative_examples_is_uncovered_at_its_id() {
        let text = format!("{RULE}\n[[test]]\ntext = \"They argued.\"\nexpect = \"none\"\n");
        let rules = rules(&text);
        let found = uncovered(&rules);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].id_span.clone()], "\"story/cause\"");
        assert_eq!(found[0].error.span(), Some(found[0].id_span.clone()));
        assert!(found[0].error.message.contains("story/cause"));
    }

    #[test]
    fn a_rule_with_a_positive_example_is_covered() {
        let text =
            format!("{RULE}\n[[test]]\ntext = \"They fell out over money.\"\nexpect = \"money\"\n");
        assert!(uncovered(&rules(&text)).is_empty());
    }

    #[test]
    fn a_rule_without_examples_is_uncovered() {
        assert_eq!(uncovered(&rules(RULE)).len(), 1);
    }
}
