//! Rules: one TOML file per topic under `rules/`, loaded, validated and compiled once.
//! Every mistake becomes a [`RuleError`] that points into the rule file.

mod compile;
mod error;
pub mod examples;
mod pattern;
mod schema;
mod sentence_search;
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
    /// Loads every `*.toml` file below `dir` (sorted by path). A folder without any rule
    /// file is an error: checking against no rules would silently find nothing.
    pub fn load_dir(dir: &Path) -> Result<RuleSet, Vec<RuleError>> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        let mut paths = Vec::new();
        collect_toml_files(dir, &mut paths, &mut errors);
        paths.sort();
        if paths.is_empty() && errors.is_empty() {
            let mut shown = dir.to_string_lossy().replace('\\', "/");
            if !shown.ends_with('/') {
                shown.push('/');
            }
            errors.push(
                RuleError::new(
                    "claimcheck::rule::none",
                    &RuleSource {
                        path: shown.clone(),
                        text: "".into(),
                    },
                    None,
                    format!("no rule files in {shown}"),
                )
                .help("a rule file is a TOML file ending in .toml that describes one topic; to check only quotations, put just a quotes.toml in the folder; see rules/README.md"),
            );
        }
        for path in paths {
            let display = path.to_string_lossy().replace('\\', "/");
            match std::fs::read(&path) {
                Ok(bytes) => match rule_text(&display, bytes) {
                    Ok(source) => sources.push(source),
                    Err(error) => errors.push(*error),
                },
                Err(err) => errors.push(RuleError::new(
                    "claimcheck::rule::unreadable",
                    &RuleSource {
                        path: display,
                        text: "".into(),
                    },
                    None,
                    format!("cannot read the rule file: {}", plain_io_error(&err)),
                )),
            }
        }
        let root = dir.to_string_lossy().replace('\\', "/");
        let result = RuleSet::from_sources_at(sources, root.trim_end_matches('/'));
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

    /// Compiles rule files given as text, checking ids across all of them. A
    /// `quotes.toml` in the folder that holds all the files is the quotation settings.
    pub fn from_sources(files: Vec<RuleSource>) -> Result<RuleSet, Vec<RuleError>> {
        let root = common_folder(&files);
        RuleSet::from_sources_at(files, &root)
    }

    /// [`RuleSet::from_sources`] for files below the folder `root`, whose `quotes.toml`
    /// is the quotation settings.
    fn from_sources_at(files: Vec<RuleSource>, root: &str) -> Result<RuleSet, Vec<RuleError>> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        let mut id_spans = Vec::new();
        // Compiling patterns is most of the cost of loading; files compile independently.
        let compiled: Vec<_> = files
            .par_iter()
            .enumerate()
            .map(|(index, file)| {
                if is_quote_settings(file, root) {
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

/// `quotes.toml` at the top of the rules folder `root` tunes quotation checking; one in a
/// subfolder is an ordinary rule file.
fn is_quote_settings(file: &RuleSource, root: &str) -> bool {
    let (parent, name) = split_path(&file.path);
    name == "quotes.toml" && parent == root
}

/// A path's folder (without the final separator) and its file name.
fn split_path(path: &str) -> (&str, &str) {
    match path.rfind(['/', '\\']) {
        Some(at) => (&path[..at], &path[at + 1..]),
        None => ("", path),
    }
}

/// The deepest folder that holds every file.
fn common_folder(files: &[RuleSource]) -> String {
    let mut folders = files.iter().map(|file| split_path(&file.path).0);
    let Some(first) = folders.next() else {
        return String::new();
    };
    let mut common: Vec<&str> = first.split(['/', '\\']).collect();
    for folder in folders {
        let parts: Vec<&str> = folder.split(['/', '\\']).collect();
        let shared = common
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(shared);
    }
    common.join("/")
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
                format!("cannot read the rules folder: {}", plain_io_error(&err)),
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

/// A rule file's bytes as text. A UTF-8 byte order mark is dropped; anything that is not
/// UTF-8 is an error pointing at the first bad byte, shown in the file read leniently.
fn rule_text(path: &str, mut bytes: Vec<u8>) -> Result<RuleSource, Box<RuleError>> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(RuleSource {
            path: path.to_string(),
            text: text.into(),
        }),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let byte = err.as_bytes().get(at).copied().unwrap_or_default();
            let lenient = RuleSource {
                path: path.to_string(),
                text: String::from_utf8_lossy(err.as_bytes()).into(),
            };
            // The lenient text is the same up to the bad byte, which becomes U+FFFD.
            let shown = at..at + '\u{FFFD}'.len_utf8();
            Err(Box::new(
                RuleError::new(
                    "claimcheck::rule::not-utf8",
                    &lenient,
                    Some(shown),
                    format!(
                        "the rule file is not UTF-8 text (invalid byte 0x{byte:02X} at offset {at})"
                    ),
                )
                .label("not UTF-8")
                .help(
                    "save the file as UTF-8 (most editors offer it under \"Save with encoding\")",
                ),
            ))
        }
    }
}

/// An I/O error in plain words, without the operating system's error number.
fn plain_io_error(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = text
        .find(" (os error ")
        .map_or(text.as_str(), |at| &text[..at]);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "unknown error".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "id = \"t/date\"\ntitle = \"t\"\nkind = \"date\"\nanchor = ['x']\n";

    #[test]
    fn quotes_toml_at_the_top_of_any_rules_folder_is_the_quotation_settings() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let folder = dir.path().join("newsroom-checks");
        std::fs::create_dir_all(folder.join("story")).expect("folders");
        std::fs::write(folder.join("story/date.toml"), RULE).expect("rule");
        std::fs::write(folder.join("quotes.toml"), "enabled = false\n").expect("settings");
        let set = RuleSet::load_dir(&folder).expect("the folder loads");
        assert!(!set.quotes.enabled);
        assert_eq!(set.topics.len(), 1);
    }

    #[test]
    fn quotes_toml_in_a_subfolder_is_a_rule_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let folder = dir.path().join("rules");
        std::fs::create_dir_all(folder.join("story")).expect("folders");
        std::fs::write(folder.join("story/date.toml"), RULE).expect("rule");
        std::fs::write(folder.join("story/quotes.toml"), "enabled = false\n").expect("file");
        let errors = RuleSet::load_dir(&folder).expect_err("a rule file needs an id");
        assert!(
            errors
                .iter()
                .any(|e| e.code == "claimcheck::rule::unknown-field"),
            "{errors:?}"
        );
    }

    #[test]
    fn the_common_folder_of_rule_files_is_their_deepest_shared_folder() {
        let source = |path: &str| RuleSource {
            path: path.to_string(),
            text: "".into(),
        };
        assert_eq!(
            common_folder(&[source("a/rules/x/t.toml"), source("a/rules/quotes.toml")]),
            "a/rules"
        );
        assert_eq!(common_folder(&[source("quotes.toml")]), "");
        assert_eq!(common_folder(&[source("a/b/t.toml")]), "a/b");
    }

    #[test]
    fn a_rule_file_with_a_utf8_byte_order_mark_loads() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(RULE.as_bytes());
        let source = rule_text("rules/t.toml", bytes).expect("UTF-8 with a BOM is text");
        assert_eq!(&*source.text, RULE);
        assert!(RuleSet::from_sources(vec![source]).is_ok());
    }

    #[test]
    fn a_latin1_rule_file_points_at_its_first_bad_byte() {
        let error = rule_text("rules/t.toml", b"title = \"caf\xE9\"\n".to_vec())
            .expect_err("Latin-1 is not UTF-8");
        assert_eq!(error.code, "claimcheck::rule::not-utf8");
        assert_eq!(error.span(), Some(12..15));
        assert!(
            error.message.contains("0xE9 at offset 12"),
            "{}",
            error.message
        );
    }

    #[test]
    fn io_errors_lose_their_error_numbers() {
        let err = std::io::Error::from_raw_os_error(2);
        let plain = plain_io_error(&err);
        assert!(!plain.contains("os error"), "{plain}");
        assert!(plain.starts_with(char::is_lowercase), "{plain}");
    }
}
