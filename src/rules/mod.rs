//! Rules: one TOML file per topic under `rules/`, loaded, validated and compiled once.
//! Every mistake becomes a [`RuleError`] that points into the rule file.

mod compile;
mod error;
pub mod examples;
mod pattern;
mod schema;
mod shipped;

use std::path::Path;

use rayon::prelude::*;

pub use compile::compile_file;
pub(crate) use compile::value_list;
pub use error::{RuleError, RuleSource};
pub use pattern::{Pattern, ascii_word_boundaries, without_group_names};
pub use schema::KindName;

use crate::finding::Severity;
use crate::kinds::KindSpec;
use crate::kinds::quote::findings::QuoteSettings;
use crate::text::stance::{Stance, StanceCues};

/// One topic: what claims to look for, and how they compare.
#[derive(Debug)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub severity: Severity,
    /// Every one of these must match somewhere in an article for the topic to apply.
    pub scope: Vec<Pattern>,
    /// One of these must match the claim's sentence, or one within `context` sentences of
    /// it in the same paragraph. Empty: no anchor needed.
    pub anchor: Vec<Pattern>,
    pub context: usize,
    pub spec: KindSpec,
    pub cues: StanceCues,
    pub examples: Vec<Example>,
    /// Index of the rule file in [`RuleSet::files`].
    pub file: usize,
}

impl Topic {
    pub fn kind_name(&self) -> &'static str {
        self.spec.name()
    }

    /// Every pattern of the topic as compiled: scope, anchor, then the kind's own.
    pub fn patterns(&self) -> Vec<&Pattern> {
        let mut patterns: Vec<&Pattern> = self.scope.iter().chain(&self.anchor).collect();
        patterns.extend(self.spec.patterns());
        patterns
    }

    /// Whether the topic applies to an article with this text.
    pub fn in_scope(&self, text: &str) -> bool {
        self.scope.iter().all(|re| re.is_match(text))
    }
}

/// What an example expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The text must yield no claim.
    Nothing,
    /// A claim with this value (as the kind writes it) and stance.
    Claim { value: String, stance: Stance },
}

/// A `[[test]]` example of a rule file.
#[derive(Clone, Debug)]
pub struct Example {
    pub text: String,
    pub expect: Expect,
    pub published: Option<chrono::NaiveDate>,
    /// Byte span of the `[[test]]` table in the rule file.
    pub span: std::ops::Range<usize>,
}

/// Every topic, compiled and validated, with the files they came from.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub topics: Vec<Topic>,
    pub files: Vec<RuleSource>,
    /// How quotations are checked (`quotes.toml` at the top of the rules folder).
    pub quotes: QuoteSettings,
}

impl RuleSet {
    /// Loads every `*.toml` file below `dir` (sorted by path).
    pub fn load_dir(dir: &Path) -> Result<RuleSet, Vec<RuleError>> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        let mut paths = Vec::new();
        collect_toml_files(dir, &mut paths, &mut errors);
        paths.sort();
        for path in paths {
            let display = path.to_string_lossy().replace('\\', "/");
            match std::fs::read_to_string(&path) {
                Ok(text) => sources.push(RuleSource {
                    path: display,
                    text: text.into(),
                }),
                Err(err) => errors.push(RuleError::new(
                    "claimcheck::rule::unreadable",
                    &RuleSource {
                        path: display,
                        text: "".into(),
                    },
                    None,
                    format!("cannot read the rule file: {err}"),
                )),
            }
        }
        let result = RuleSet::from_sources(sources);
        match result {
            Ok(set) if errors.is_empty() => Ok(set),
            Ok(_) => Err(errors),
            Err(mut more) => {
                errors.append(&mut more);
                Err(errors)
            }
        }
    }

    /// The rules built into the binary (the project's `rules/` folder at build time).
    pub fn shipped() -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::from_sources(
            shipped::FILES
                .iter()
                .map(|(path, text)| RuleSource {
                    path: format!("rules/{path}"),
                    text: (*text).into(),
                })
                .collect(),
        )
    }

    /// Compiles rule files given as text, checking ids across all of them.
    pub fn from_sources(files: Vec<RuleSource>) -> Result<RuleSet, Vec<RuleError>> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        let mut id_spans = Vec::new();
        // Compiling patterns is most of the cost of loading; files compile independently.
        let compiled: Vec<_> = files
            .par_iter()
            .enumerate()
            .map(|(index, file)| {
                if is_quote_settings(file) {
                    compile::quote_settings(file).map(Compiled::Quotes)
                } else {
                    compile_file(file, index)
                        .map(|(topic, span)| Compiled::Topic(Box::new(topic), span))
                }
            })
            .collect();
        for (file, result) in files.iter().zip(compiled) {
            match result {
                Ok(Compiled::Quotes(settings)) => set.quotes = settings,
                Ok(Compiled::Topic(topic, id_span)) => {
                    let topic = *topic;
                    if let Some((other, other_span)) = set
                        .topics
                        .iter()
                        .zip(&id_spans)
                        .find(|(t, _)| t.id == topic.id)
                        .map(|(t, s): (&Topic, &std::ops::Range<usize>)| (t.file, s.clone()))
                    {
                        errors.push(
                            RuleError::new(
                                "claimcheck::rule::duplicate-id",
                                file,
                                Some(id_span),
                                format!("duplicate topic id `{}`", topic.id),
                            )
                            .label("this id is already used")
                            .help("give each rule file its own id, e.g. `story/topic`")
                            .related(
                                RuleError::new(
                                    "claimcheck::rule::duplicate-id",
                                    &files[other],
                                    Some(other_span),
                                    "first used here",
                                )
                                .label("first used here"),
                            ),
                        );
                        continue;
                    }
                    id_spans.push(id_span);
                    set.topics.push(topic);
                }
                Err(mut errs) => errors.append(&mut errs),
            }
        }
        set.files = files;
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }
}

/// What one rule file compiles to.
enum Compiled {
    Topic(Box<Topic>, std::ops::Range<usize>),
    Quotes(QuoteSettings),
}

/// `quotes.toml` at the top of the rules folder tunes quotation checking.
fn is_quote_settings(file: &RuleSource) -> bool {
    let name = file.path.rsplit(['/', '\\']).next().unwrap_or(&file.path);
    let parent = file.path[..file.path.len() - name.len()].trim_end_matches(['/', '\\']);
    name == "quotes.toml"
        && (parent.is_empty() || !parent.contains(['/', '\\']) || parent.ends_with("rules"))
}

fn collect_toml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>, errors: &mut Vec<RuleError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(RuleError::new(
                "claimcheck::rule::unreadable",
                &RuleSource {
                    path: dir.to_string_lossy().into_owned(),
                    text: "".into(),
                },
                None,
                format!("cannot read the rules folder: {err}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        // file_type does not follow symlinks, so a link cycle cannot recurse forever.
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect_toml_files(&path, out, errors),
            Ok(_) if path.extension().is_some_and(|e| e == "toml") => out.push(path),
            _ => {}
        }
    }
}
