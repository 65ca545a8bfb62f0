//! Number topics: a quantity found where a pattern's `{number}` placeholder stands,
//! normalised to an interval. Disjoint intervals contradict.

use std::sync::Arc;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

use crate::claim::{ClaimRef, ClaimStore, Claims, FastMap, Value};
use crate::document::Document;
use crate::finding::{Evidences, Finding};
use crate::kinds::number::{NUMBER_PATTERN, Quantity, parse_quantity};
use crate::kinds::{Found, Taken};
use crate::reconcile::{Side, finding_of, one_of, overlapping_groups, who_says};
use crate::rules::{Pattern, Topic};
use crate::text::stance::Stance;

/// The kind-specific part of a number topic.
#[derive(Debug)]
pub struct NumberSpec {
    /// Patterns with the quantity as the capture group `number`.
    pub patterns: Vec<Pattern>,
    /// For each pattern, a looser one that matches wherever it does (see
    /// [`without_word_boundaries`]), tried first; `None` when it could not be built.
    prefilters: Vec<Option<Regex>>,
}

impl NumberSpec {
    /// A spec over compiled patterns (each with a `number` group).
    pub fn new(patterns: Vec<Pattern>) -> NumberSpec {
        let prefilters = patterns
            .iter()
            .map(|re| without_word_boundaries(re.as_str()))
            .collect();
        NumberSpec {
            patterns,
            prefilters,
        }
    }

    /// What rule authors write where the quantity stands.
    pub const PLACEHOLDER: &'static str = "{number}";

    /// A pattern as written, with the placeholder replaced by the quantity grammar.
    pub fn expand(pattern: &str) -> String {
        pattern.replace(Self::PLACEHOLDER, &format!("(?P<number>{NUMBER_PATTERN})"))
    }

    /// The claims of sentence `index`.
    pub fn extract(&self, doc: &Document, index: usize) -> Vec<Found> {
        let mut found = Vec::new();
        self.extract_where(doc, index, |_| true, &mut found);
        found
    }

    /// The claims of every sentence marked in `anchored`, in order. `hits` gives, for
    /// each pattern in order, the sentences it may match; only those are searched.
    pub fn extract_anchored(
        &self,
        doc: &Document,
        anchored: &[bool],
        hits: &[Vec<usize>],
    ) -> Vec<Found> {
        if !anchored.contains(&true) {
            return Vec::new();
        }
        let mut candidates: Vec<usize> = hits
            .iter()
            .flatten()
            .copied()
            .filter(|&i| anchored.get(i).copied().unwrap_or(false))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut found = Vec::new();
        for index in candidates {
            let may_match = |pattern: usize| {
                hits.get(pattern)
                    .is_some_and(|sentences| sentences.binary_search(&index).is_ok())
            };
            self.extract_where(doc, index, may_match, &mut found);
        }
        found
    }

    /// Adds to `found` the claims of sentence `index`, in order, trying only the patterns
    /// for which `may_match` holds.
    fn extract_where(
        &self,
        doc: &Document,
        index: usize,
        may_match: impl Fn(usize) -> bool,
        found: &mut Vec<Found>,
    ) {
        let sentence = doc.searchable_sentence(index);
        let first = found.len();
        let mut taken = Taken::default();
        for (pattern_index, (re, prefilter)) in
            self.patterns.iter().zip(&self.prefilters).enumerate()
        {
            if !may_match(pattern_index)
                || prefilter
                    .as_ref()
                    .is_some_and(|loose| !loose.is_match(sentence))
            {
                continue;
            }
            for caps in re.captures_iter(sentence) {
                let (Some(whole), Some(number)) = (caps.get(0), caps.name("number")) else {
                    continue;
                };
                let Some(quantity) = parse_quantity(number.as_str()) else {
                    continue;
                };
                if taken.take(&whole.range()) {
                    found.push(Found {
                        span: doc.original_span(index, whole.range()),
                        value: Value::Number { quantity },
                    });
                }
            }
        }
        found[first..].sort_by_key(|f| (f.span.start, f.span.end));
    }
}

/// `pattern` without its Unicode word boundaries (`\b`, `\B`), which only narrow where
/// it matches: wherever the pattern matches, this one does too. Unicode word boundaries
/// keep the regex crate off its fast automaton in any text with a curly quote or an
/// accent. Most patterns have ASCII boundaries by the time they get here (see
/// [`crate::rules::ascii_word_boundaries`]) and need no prefilter; one written with
/// non-ASCII letters keeps Unicode boundaries, is searched sentence by sentence, and the
/// loose form first rules out, quickly, the many sentences where it cannot match.
fn without_word_boundaries(pattern: &str) -> Option<Regex> {
    // Parsing a pattern that holds the quantity grammar costs more than searching many
    // articles with it; most have only ASCII boundaries, which the text shows.
    if only_ascii_word_boundaries(pattern) {
        return None;
    }
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    if !has_unicode_word_boundary(&hir) {
        return None;
    }
    RegexBuilder::new(&loosen(&hir).to_string())
        .size_limit(8 * 1024 * 1024)
        .build()
        .ok()
}

/// True when every word-boundary escape of `pattern` (`\b`, `\B`, `\<`, `\>`, and so
/// `\b{start}` and the like) is written `(?-u:\b)` or `(?-u:\B)`: a group that makes it
/// ASCII. False means only that the pattern must be parsed to tell.
fn only_ascii_word_boundaries(pattern: &str) -> bool {
    let bytes = pattern.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        if let Some(b'b' | b'B' | b'<' | b'>') = bytes.get(i + 1) {
            let in_ascii_group = i >= 5
                && &bytes[i - 5..i] == b"(?-u:"
                && bytes.get(i + 2) == Some(&b')')
                && bytes[..i - 5]
                    .iter()
                    .rev()
                    .take_while(|&&b| b == b'\\')
                    .count()
                    % 2
                    == 0;
            if !in_ascii_group {
                return false;
            }
        }
        // The escaped character, whatever it is, is no escape itself.
        i += 2;
    }
    true
}

fn is_unicode_word_boundary(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

fn has_unicode_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => is_unicode_word_boundary(*look),
        HirKind::Repetition(rep) => has_unicode_word_boundary(&rep.sub),
        HirKind::Capture(cap) => has_unicode_word_boundary(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().any(has_unicode_word_boundary)
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => false,
    }
}

fn loosen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_unicode_word_boundary(*look) => Hir::empty(),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(loosen(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(loosen(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(loosen).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(loosen).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

pub fn check_expected(expected: &str) -> Result<(), String> {
    match parse_quantity(expected) {
        Some(_) => Ok(()),
        None => Err(
            "expect a number such as \"60000\", \"60,000\" or \"160 million\", or \"none\""
                .to_string(),
        ),
    }
}

pub fn matches_expected(value: &Value, expected: &str) -> bool {
    match (value, parse_quantity(expected)) {
        (Value::Number { quantity }, Some(want)) => {
            (quantity.value - want.value).abs() <= 1e-9 * want.value.abs().max(1.0)
        }
        _ => false,
    }
}

/// Asserted quantities whose intervals do not overlap contradict; the help gives the
/// relative difference.
pub fn reconcile(topic: &Topic, store: &Arc<ClaimStore>, claims: &Claims<'_>) -> Vec<Finding> {
    let numbered: Vec<(ClaimRef<'_>, Quantity)> = claims
        .iter()
        .filter(|c| c.stance() == Stance::Asserted)
        .filter_map(|c| match c.value() {
            Value::Number { quantity } => Some((c, *quantity)),
            _ => None,
        })
        .collect();
    let bounds: Vec<(f64, f64)> = numbered.iter().map(|(_, q)| (q.low, q.high)).collect();
    let groups = overlapping_groups(&bounds, |a, b| numbered[a].1.disjoint(&numbered[b].1));
    if groups.len() < 2 {
        return Vec::new();
    }
    // A quantity is written from these alone.
    let key = |q: &Quantity| {
        let bits = (q.value.to_bits(), q.low.to_bits(), q.high.to_bits());
        (bits, q.qualifier as u8)
    };
    let mut sides: Vec<(Side, Quantity)> = groups
        .iter()
        .map(|group| {
            // Each distinct quantity is written once, however many claims give it.
            let mut quantities: Vec<Quantity> = group.iter().map(|&i| numbered[i].1).collect();
            quantities.sort_unstable_by_key(key);
            quantities.dedup_by_key(|q| key(q));
            let mut shown: Vec<String> = quantities.iter().map(Quantity::to_string).collect();
            shown.sort();
            shown.dedup();
            let claims = group.iter().map(|&i| numbered[i].0);
            (Side::new(one_of(&shown), claims), numbered[group[0]].1)
        })
        .collect();
    sides.sort_by(|a, b| Side::by_support(&a.0, &b.0));
    let difference = sides[0].1.relative_difference(&sides[1].1);
    let help = format!(
        "{}; they differ by {:.0}%",
        who_says(&sides.into_iter().map(|(s, _)| s).collect::<Vec<_>>()),
        difference * 100.0
    );
    let mut evidence = Evidences::with_capacity(store.clone(), numbered.len());
    // Thousands of claims give the same few quantities: each label is written once,
    // and kept only in the evidence.
    let mut labels: FastMap<_, u32> = FastMap::default();
    for (c, q) in &numbered {
        let label = *labels
            .entry(key(q))
            .or_insert_with(|| evidence.label_number(&format!("says {q}")));
        evidence.add_labelled(*c, label);
    }
    vec![finding_of(
        topic,
        "claimcheck::contradiction::number",
        format!("{}: the numbers do not agree", topic.title),
        help,
        evidence,
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses_with_unicode_boundary(pattern: &str) -> bool {
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .expect("a valid test pattern");
        has_unicode_word_boundary(&hir)
    }

    #[test]
    fn patterns_read_as_having_only_ascii_boundaries_have_no_unicode_one() {
        let quantity = NumberSpec::expand(r"(?-u:\b)(West|Kanye)(?-u:\b) got {number} votes");
        let patterns = [
            quantity.as_str(),
            r"(?-u:\b)a(?-u:\B)b",
            r"\bvotes\b",
            r"(?-u:\b)x\b",
            r"\\b",
            r"\\(?-u:\b)",
            r"(a\(?-u:\b))",
            r"[(]?-u:\b)",
            r"\b{start}x",
            r"\<x\>",
            r"(?-u)\bx",
            r"(?u:\b)x",
            "plain",
        ];
        let mut fast = 0;
        for pattern in patterns {
            if only_ascii_word_boundaries(pattern) {
                fast += 1;
                assert!(!parses_with_unicode_boundary(pattern), "{pattern}");
            }
        }
        assert_eq!(
            fast, 5,
            "the grammar, plain ASCII groups and no boundary at all"
        );
        assert!(only_ascii_word_boundaries(&quantity));
        assert!(without_word_boundaries(&quantity).is_none());
        assert!(without_word_boundaries(r"\bvotes\b").is_some());
    }
}
