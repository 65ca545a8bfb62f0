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
