//! What the unit tests of several modules share: articles, claims and rule sets made
//! from text, and a small story (why a bridge fell, when it opened) to check them against.

use crate::claim::{Claim, Value};
use crate::corpus::Article;
use crate::rules::{RuleSet, RuleSource};
use crate::text::stance::Stance;

/// An article with `text` as its body, no header and no publication date.
pub fn article(path: &str, text: &str) -> Article {
    Article {
        path: path.to_string(),
        text: text.to_string(),
        published: None,
        body_start: 0,
        encoding: None,
    }
}

/// An asserted claim of topic "t" that the category `id` (labelled `id`) holds, written
/// `text` at byte `start` of the first line of `path`; its sentence is the claim itself.
/// Tests that need other fields set them with `..category_claim(…)`.
pub fn category_claim(path: &str, id: &str, start: usize, text: &str) -> Claim {
    let span = start..start + text.len();
    Claim {
        topic: "t".to_string(),
        value: Value::Category {
            id: id.to_string(),
            label: id.to_string(),
        },
        stance: Stance::Asserted,
        path: path.to_string(),
        sentence: span.clone(),
        span,
        line: 1,
        column: start + 1,
        text: text.to_string(),
    }
}

/// The rule set of `files`, given as (path, text).
pub fn rules(files: &[(&str, &str)]) -> RuleSet {
    RuleSet::from_sources(
        files
            .iter()
            .map(|(path, text)| RuleSource {
                path: path.to_string(),
                text: (*text).into(),
            })
            .collect(),
    )
    .expect("the test rules compile")
}

/// A category topic: the bridge fell because of rust, or of a flood.
pub const CAUSE: &str = r#"
id = "cause"
title = "Why the bridge fell"
kind = "category"
[[value]]
id = "rust"
label = "rust"
patterns = ['(?i)\brust\b']
[[value]]
id = "flood"
label = "a flood"
patterns = ['(?i)\bflood\b']
"#;

/// A date topic: when the bridge opened.
pub const OPENED: &str = r#"
id = "opened"
title = "When the bridge opened"
kind = "date"
anchor = ['(?i)\bopened\b']
"#;
