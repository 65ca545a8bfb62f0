//! What the unit tests of several modules share: articles and rule sets made from text,
//! and a small story (why a bridge fell, when it opened) to check them against.

use crate::corpus::Article;
use crate::rules::{RuleSet, RuleSource};

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
