//! Turning one rule file's text into a validated, compiled [`Topic`]. Each check that can
//! fail says where, and what to write instead.

use std::ops::Range;

use regex::RegexBuilder;
use toml::Spanned;

use super::schema::{KindName, RuleFile, SeverityName, TestDef};
use super::{Example, Expect, Pattern, RuleError, RuleSource, Topic, ascii_word_boundaries};
use crate::finding::Severity;
use crate::kinds::KindSpec;
use crate::kinds::category::{CategorySpec, CategoryValue};
use crate::kinds::date_rule::DateSpec;
use crate::kinds::number_rule::NumberSpec;
use crate::kinds::quote::findings::QuoteSettings;
use crate::text::stance::{Stance, StanceCues};

/// Compiled regexes may not exceed this size; a pattern that does is almost certainly a
/// mistake (a huge repetition) and would slow every article down.
const REGEX_SIZE_LIMIT: usize = 2 * 1024 * 1024;

const CUE_HELP: &str = "a cue is `[[cue]]` with `phrase = \"...\"` (plain words), `effect = \"deny\"` or `\"hedge\"`, and `position = \"before\"` or `\"after\"`";

const FIELDS_HELP: &str = "a rule file has the fields id, title, kind, severity, description, scope, anchor, context, value, patterns, exclude, within, cue and test; see rules/README.md";

/// Compiles one rule file. Returns the topic and the span of its id (for duplicate checks).
pub fn compile_file(
    file: &RuleSource,
    index: usize,
) -> Result<(Topic, Range<usize>), Vec<RuleError>> {
    let raw: RuleFile = toml::from_str(&file.text).map_err(|err| vec![toml_error(file, &err)])?;
    let mut errors = Vec::new();
    let mut ctx = Compiler {
        file,
        errors: &mut errors,
    };

    let id = raw.id.get_ref().trim().to_string();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/.".contains(c))
    {
        ctx.error(
            "claimcheck::rule::bad-id",
            raw.id.span(),
            "a topic id is a non-empty name of letters, digits, `-`, `_`, `/` and `.`",
        )
        .help("for example `id = \"legend-west/fallout-cause\"`");
    }
    let severity = match raw.severity.as_ref().map(|s| *s.get_ref()) {
        None | Some(SeverityName::Error) => Severity::Error,
        Some(SeverityName::Warning) => Severity::Warning,
        Some(SeverityName::Info) => Severity::Info,
    };
    let scope = ctx.patterns(&raw.scope);
    let anchor = ctx.patterns(&raw.anchor);
    let context = match &raw.context {
        None => 0,
        Some(c) if (0..=3).contains(c.get_ref()) => *c.get_ref() as usize,
        Some(c) => {
            ctx.error("claimcheck::rule::bad-context", c.span(), "`context` must be 0, 1, 2 or 3")
                .label("out of range")
                .help("context is how many sentences before and after the claim's sentence may hold the anchor");
            0
        }
    };
    let kind = *raw.kind.get_ref();
    let spec = match kind {
        KindName::Category => ctx.category(&raw),
        KindName::Date => ctx.date(&raw, &anchor),
        KindName::Number => ctx.number(&raw),
    };
    let cues = {
        let mut valid = Vec::with_capacity(raw.cue.len());
        for cue in &raw.cue {
            match StanceCues::check_cue(cue.get_ref()) {
                Ok(()) => valid.push(cue.get_ref().clone()),
                Err(message) => {
                    ctx.error(
                        "claimcheck::rule::bad-cue",
                        cue.span(),
                        format!("invalid stance cue: {message}"),
                    )
                    .label("this cue")
                    .help(CUE_HELP);
                }
            }
        }
        match StanceCues::with_extra(&valid) {
            Ok(cues) => cues,
            Err(message) => {
                let span = raw.cue.first().map(|c| c.span()).unwrap_or(0..0);
                ctx.error(
                    "claimcheck::rule::bad-cue",
                    span,
                    format!("invalid stance cues: {message}"),
                )
                .help(CUE_HELP);
                StanceCues::builtin()
            }
        }
    };
    let examples = raw
        .test
        .iter()
        .filter_map(|t| ctx.example(t, spec.as_ref()))
        .collect();

    match spec {
        Some(spec) if errors.is_empty() => Ok((
            Topic {
                id,
                title: raw.title.get_ref().clone(),
                description: raw.description.clone(),
                severity,
                scope,
                anchor,
                context,
                spec,
                cues,
                examples,
                file: index,
            },
            raw.id.span(),
        )),
        _ => Err(errors),
    }
}

/// Reads `quotes.toml`, the settings of the built-in quotation check.
pub fn quote_settings(file: &RuleSource) -> Result<QuoteSettings, Vec<RuleError>> {
    toml::from_str(&file.text).map_err(|err| {
        let mut error = toml_error(file, &err);
        let settings = "quotes.toml may set enabled (true/false), min_words (a number), misquote and altered (\"error\", \"warning\" or \"info\") and unbalanced (true/false); see rules/README.md";
        let help = match unknown_field_suggestion(err.message().lines().next().unwrap_or("")) {
            Some((_, suggestion)) => format!("did you mean `{suggestion}`? {settings}"),
            None => settings.to_string(),
        };
        error.set_help(help);
        vec![error]
    })
}

/// Collects the mistakes of one file.
struct Compiler<'a> {
    file: &'a RuleSource,
    errors: &'a mut Vec<RuleError>,
}

impl Compiler<'_> {
    fn error(
        &mut self,
        code: &'static str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> ErrorHandle<'_> {
        self.errors
            .push(RuleError::new(code, self.file, Some(span), message));
        ErrorHandle(self.errors.last_mut().expect("an error was just pushed"))
    }

    fn patterns(&mut self, patterns: &[Spanned<String>]) -> Vec<Pattern> {
        patterns
            .iter()
            .filter_map(|p| self.pattern(p, p.get_ref()))
            .collect()
    }

    /// Compiles `source` (the pattern as written, or after placeholder substitution) and
    /// reports a mistake at its position inside the pattern in the file.
    fn pattern(&mut self, written: &Spanned<String>, source: &str) -> Option<Pattern> {
        let span = written.span();
        if written.get_ref().trim().is_empty() {
            self.error("claimcheck::rule::empty-pattern", span, "empty pattern")
                .label("matches everything")
                .help("write the words the claim is made with, e.g. '(?i)\\bpolitical differences\\b'");
            return None;
        }
        let compiled = ascii_word_boundaries(written.get_ref(), source);
        match RegexBuilder::new(&compiled)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
        {
            Ok(re) => {
                if re.is_match("") || can_match_empty(&compiled) {
                    self.error(
                        "claimcheck::rule::empty-pattern",
                        span,
                        "this pattern matches the empty string, so it matches everywhere",
                    )
                    .label("matches everything")
                    .help("make at least one part required: `x*`, `(a|)` and a lone `\\b` match without any text");
                    return None;
                }
                Some(Pattern::new(re))
            }
            Err(regex::Error::CompiledTooBig(limit)) => {
                self.error("claimcheck::rule::pattern-too-large", span, format!("this pattern compiles to more than {limit} bytes"))
                    .label("too large")
                    .help("large repetitions such as `\\w{1000}` or `{1,500}` blow up; bound them tightly or use `+`");
                None
            }
            Err(err) => {
                let (inner, message) = syntax_error_position(source).unwrap_or_else(|| {
                    (
                        None,
                        err.to_string()
                            .lines()
                            .last()
                            .unwrap_or("invalid pattern")
                            .trim()
                            .to_string(),
                    )
                });
                let span = match inner {
                    Some(inner) if source == written.get_ref() => {
                        self.position_in_string(span, inner)
                    }
                    _ => span,
                };
                self.error("claimcheck::rule::invalid-pattern", span, format!("invalid pattern: {message}"))
                    .label(message)
                    .help("patterns use Rust regex syntax (https://docs.rs/regex); write them in single quotes '...' so that backslashes need no escaping");
                None
            }
        }
    }

    /// Maps a byte range inside a pattern string to the file, when the string is written
    /// without escapes (so that offsets agree); otherwise the whole string.
    fn position_in_string(&self, string: Range<usize>, inner: Range<usize>) -> Range<usize> {
        let Some(raw) = self.file.text.get(string.clone()) else {
            return string;
        };
        let quote_len = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            3
        } else {
            1
        };
        let body_start = string.start + quote_len;
        let body = self
            .file
            .text
            .get(body_start..string.end.saturating_sub(quote_len));
        let literal = raw.starts_with('\'') || body.is_some_and(|b| !b.contains('\\'));
        if !literal {
            return string;
        }
        let text = &self.file.text;
        let mut start = (body_start + inner.start).min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        // At least one character, and never half of one.
        let mut end = (body_start + inner.end.max(inner.start + 1))
            .min(string.end.saturating_sub(quote_len))
            .max(start);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    fn category(&mut self, raw: &RuleFile) -> Option<KindSpec> {
        self.not_for_kind(
            &raw.patterns,
            "patterns",
            "category topics put patterns under each [[value]]",
        );
        self.not_for_kind(&raw.exclude, "exclude", "`exclude` is for date topics");
        self.within_only_for_dates(raw);
        if raw.value.is_empty() {
            self.error(
                "claimcheck::rule::missing-values",
                raw.kind.span(),
                "a category topic needs at least one [[value]]",
            )
            .help("add `[[value]]` tables with `id`, `label` and `patterns`");
            return None;
        }
        let mut values: Vec<CategoryValue> = Vec::new();
        for def in &raw.value {
            let id = def.id.get_ref().trim().to_string();
            if id.is_empty() || id == "none" {
                self.error(
                    "claimcheck::rule::bad-value-id",
                    def.id.span(),
                    "a value id must be a non-empty name other than `none`",
                )
                .help("`none` is what a [[test]] expects when a text makes no claim");
            }
            if values.iter().any(|v| v.id == id) {
                self.error(
                    "claimcheck::rule::duplicate-id",
                    def.id.span(),
                    format!("duplicate value id `{id}`"),
                )
                .help("each [[value]] of a topic needs its own id");
            }
            if def.patterns.is_empty() {
                self.error(
                    "claimcheck::rule::missing-patterns",
                    def.id.span(),
                    format!("value `{id}` has no patterns"),
                )
                .help("add `patterns = ['...']` with the ways this value is said");
            }
            let patterns = self.patterns(&def.patterns);
            values.push(CategoryValue {
                id,
                label: def.label.get_ref().clone(),
                patterns,
                compatible: def.compatible.iter().map(|c| c.get_ref().clone()).collect(),
            });
        }
        for def in &raw.value {
            for other in &def.compatible {
                if !values.iter().any(|v| &v.id == other.get_ref()) {
                    let known = value_list(values.iter().map(|v| v.id.as_str()));
                    self.error(
                        "claimcheck::rule::unknown-value",
                        other.span(),
                        format!(
                            "`compatible` names `{}`, which is not a value of this topic",
                            other.get_ref()
                        ),
                    )
                    .help(format!("the values are {known}"));
                }
            }
        }
        Some(KindSpec::Category(CategorySpec { values }))
    }

    fn date(&mut self, raw: &RuleFile, anchor: &[Pattern]) -> Option<KindSpec> {
        self.not_for_kind(
            &raw.patterns,
            "patterns",
            "a date topic finds its event with `anchor` and takes the date expressions near it",
        );
        if !raw.value.is_empty() {
            self.error(
                "claimcheck::rule::not-for-kind",
                raw.kind.span(),
                "[[value]] is for category topics",
            )
            .help("a date topic has `anchor` patterns for the event, and optionally `exclude`");
        }
        if raw.anchor.is_empty() {
            self.error(
                "claimcheck::rule::missing-anchor",
                raw.kind.span(),
                "a date topic needs `anchor` patterns that name the event",
            )
            .label("this date topic has no `anchor`")
            .help("for example `anchor = ['(?i)\\bDrink Champs\\b']`");
            return None;
        }
        let _ = anchor;
        let exclude = self.patterns(&raw.exclude);
        let within = match &raw.within {
            None => DateSpec::WITHIN,
            Some(w) if (1..=10_000).contains(w.get_ref()) => *w.get_ref() as usize,
            Some(w) => {
                self.error(
                    "claimcheck::rule::bad-within",
                    w.span(),
                    "`within` must be a number of characters from 1 to 10000",
                )
                .label("out of range")
                .help(format!(
                    "`within` is how many characters from the anchor a date in the same sentence may be; the default is {}",
                    DateSpec::WITHIN
                ));
                DateSpec::WITHIN
            }
        };
        Some(KindSpec::Date(DateSpec { exclude, within }))
    }

    fn number(&mut self, raw: &RuleFile) -> Option<KindSpec> {
        self.not_for_kind(&raw.exclude, "exclude", "`exclude` is for date topics");
        self.within_only_for_dates(raw);
        if !raw.value.is_empty() {
            self.error(
                "claimcheck::rule::not-for-kind",
                raw.kind.span(),
                "[[value]] is for category topics",
            )
            .help("a number topic has `patterns` with a `{number}` placeholder");
        }
        if raw.patterns.is_empty() {
            self.error(
                "claimcheck::rule::missing-patterns",
                raw.kind.span(),
                "a number topic needs `patterns` with a `{number}` placeholder",
            )
            .help("for example `patterns = ['(?i)\\bWest\\b (received|got|won) {number} votes']`");
            return None;
        }
        let mut patterns = Vec::new();
        for written in &raw.patterns {
            let count = written.get_ref().matches(NumberSpec::PLACEHOLDER).count();
            if count != 1 {
                self.error(
                    "claimcheck::rule::placeholder",
                    written.span(),
                    format!(
                        "a number pattern needs exactly one `{}` (this one has {count})",
                        NumberSpec::PLACEHOLDER
                    ),
                )
                .label("put {number} where the quantity is written")
                .help("for example '(?i)\\bWest\\b received {number} votes'");
                continue;
            }
            let source = NumberSpec::expand(written.get_ref());
            if let Some(re) = self.pattern(written, &source) {
                patterns.push(re);
            }
        }
        Some(KindSpec::Number(NumberSpec::new(patterns)))
    }

    fn within_only_for_dates(&mut self, raw: &RuleFile) {
        if let Some(w) = &raw.within {
            self.error(
                "claimcheck::rule::not-for-kind",
                w.span(),
                "`within` does not belong to this kind of topic",
            )
            .help("`within` is for date topics");
        }
    }

    fn not_for_kind(&mut self, field: &[Spanned<String>], name: &str, help: &str) {
        if let Some(first) = field.first() {
            self.error(
                "claimcheck::rule::not-for-kind",
                first.span(),
                format!("`{name}` does not belong to this kind of topic"),
            )
            .help(help.to_string());
        }
    }

    fn example(&mut self, test: &Spanned<TestDef>, spec: Option<&KindSpec>) -> Option<Example> {
        let def = test.get_ref();
        let stance = def
            .stance
            .as_ref()
            .map(|s| *s.get_ref())
            .unwrap_or(Stance::Asserted);
        let published = match &def.published {
            None => None,
            Some(p) => match chrono::NaiveDate::parse_from_str(p.get_ref(), "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    self.error(
                        "claimcheck::rule::bad-test",
                        p.span(),
                        "`published` must be a date written YYYY-MM-DD",
                    )
                    .help("for example `published = \"2022-09-08\"`");
                    return None;
                }
            },
        };
        let expected = def.expect.get_ref().trim();
        let expect = if expected == "none" {
            Expect::Nothing
        } else {
            if let Some(spec) = spec
                && let Err(help) = spec.check_expected(expected)
            {
                self.error(
                    "claimcheck::rule::bad-test",
                    def.expect.span(),
                    format!("this topic cannot produce `{expected}`"),
                )
                .label("not a value of this topic")
                .help(help);
                return None;
            }
            Expect::Claim {
                value: expected.to_string(),
                stance,
            }
        };
        Some(Example {
            text: def.text.get_ref().clone(),
            expect,
            published,
            span: test.span(),
        })
    }
}

/// Lets a caller add a label or help to the error it just reported.
struct ErrorHandle<'a>(&'a mut RuleError);

impl ErrorHandle<'_> {
    fn label(self, label: impl Into<String>) -> Self {
        self.0.set_label(label.into());
        self
    }

    fn help(self, help: impl Into<String>) -> Self {
        self.0.set_help(help.into());
        self
    }
}

pub(crate) fn value_list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a pattern can match without any text at some position (`\b`, `x*`, `(a|)`),
/// which makes every article match it.
fn can_match_empty(pattern: &str) -> bool {
    regex_syntax::Parser::new()
        .parse(pattern)
        .is_ok_and(|hir| hir.properties().minimum_len() == Some(0))
}

/// Where inside a pattern its syntax error is, and what it is.
fn syntax_error_position(pattern: &str) -> Option<(Option<Range<usize>>, String)> {
    let err = regex_syntax::Parser::new().parse(pattern).err()?;
    let (span, kind) = match &err {
        regex_syntax::Error::Parse(e) => (
            e.span().start.offset..e.span().end.offset,
            e.kind().to_string(),
        ),
        regex_syntax::Error::Translate(e) => (
            e.span().start.offset..e.span().end.offset,
            e.kind().to_string(),
        ),
        _ => return None,
    };
    Some((Some(span), kind))
}

fn toml_error(file: &RuleSource, err: &toml::de::Error) -> RuleError {
    let message = err.message().trim();
    let first_line = plain_types(message.lines().next().unwrap_or("invalid TOML"));
    let (code, help) = if message.contains("unknown field") {
        ("claimcheck::rule::unknown-field", fields_help(message))
    } else if message.contains("missing field") {
        ("claimcheck::rule::missing-field", MISSING_HELP.to_string())
    } else if message.contains("unknown variant") {
        ("claimcheck::rule::wrong-type", variant_help(message))
    } else if message.contains("invalid type") {
        ("claimcheck::rule::wrong-type", type_help(&first_line))
    } else {
        (
            "claimcheck::rule::syntax",
            "see rules/README.md for the format of a rule file".to_string(),
        )
    };
    let (label, help) = match unknown_field_suggestion(&first_line) {
        Some((field, suggestion)) => (
            format!("unknown field `{field}`"),
            format!("did you mean `{suggestion}`? {help}"),
        ),
        None => (
            first_line
                .split(", expected")
                .next()
                .unwrap_or(&first_line)
                .to_string(),
            help,
        ),
    };
    RuleError::new(code, file, err.span(), first_line)
        .label(label)
        .help(help)
}

const MISSING_HELP: &str = "every rule file needs `id`, `title` and `kind`; a [[value]] needs `id`, `label` and `patterns`; a [[cue]] needs `phrase`, `effect` and `position`; a [[test]] needs `text` and `expect`";

/// The fields of the table an "unknown field" message is about, told by the fields it
/// expected.
fn fields_help(message: &str) -> String {
    let help = if message.contains("`phrase`") {
        "a [[cue]] has the fields phrase, effect and position"
    } else if message.contains("`label`") {
        "a [[value]] has the fields id, label, patterns and compatible"
    } else if message.contains("`expect`") {
        "a [[test]] has the fields text, expect, stance and published"
    } else {
        FIELDS_HELP
    };
    help.to_string()
}

/// What the field whose value was not one of its choices accepts, told by the choices.
fn variant_help(message: &str) -> String {
    let help = if message.contains("`deny`") {
        "a cue's `effect` is \"deny\" (the cue says the claim is false) or \"hedge\" (it is only rumoured or reported)"
    } else if message.contains("`before`") {
        "a cue's `position` is \"before\" (the cue comes first: \"denied that …\") or \"after\" (it follows: \"…, which is false\")"
    } else if message.contains("`category`") {
        "`kind` is one of \"category\", \"date\" or \"number\""
    } else if message.contains("`warning`") {
        "`severity` is one of \"error\", \"warning\" or \"info\""
    } else if message.contains("`asserted`") {
        "a test's `stance` is one of \"asserted\", \"denied\" or \"hedged\""
    } else {
        "see rules/README.md for the values each field accepts"
    };
    help.to_string()
}

/// A type mistake explained for the type that was expected.
fn type_help(message: &str) -> String {
    let help = if message.ends_with("expected a whole number") {
        "`context` and `within` are whole numbers, written without quotes: `context = 1`"
    } else if message.ends_with("expected a list") {
        "`scope`, `anchor`, `patterns`, `exclude` and `compatible` are lists even of one pattern: `patterns = ['...']`; repeated tables are written [[value]], [[cue]] and [[test]]"
    } else if message.ends_with("expected a string") {
        "write text in quotes: '...' (no escapes, best for patterns) or \"...\""
    } else {
        "see rules/README.md for the type of each field"
    };
    help.to_string()
}

/// serde's words for types, in the words of the rule format.
fn plain_types(message: &str) -> String {
    let mut plain = message.to_string();
    for (jargon, words) in [
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected a list"),
        ("expected struct ValueDef", "expected a [[value]] table"),
        ("expected struct TestDef", "expected a [[test]] table"),
        ("expected struct Cue", "expected a [[cue]] table"),
        ("expected struct RuleFile", "expected a rule file"),
        ("invalid type: sequence,", "invalid type: a list,"),
        ("invalid type: map,", "invalid type: a table,"),
    ] {
        plain = plain.replace(jargon, words);
    }
    plain
}

/// For "unknown field `x`, expected one of `a`, `b`": the field and the expected name
/// closest to it, when one is close enough to be a likely misspelling.
fn unknown_field_suggestion(message: &str) -> Option<(String, String)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let best = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|candidate| (strsim::jaro_winkler(field, candidate), candidate))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    (best.0 > 0.8).then(|| (field.to_string(), best.1.to_string()))
}
