//! Stance: whether a sentence asserts, denies or only hedges a claim.
//!
//! NegEx-style: cue phrases before or after a claim change its stance when no clause
//! boundary separates them; pseudo-cues ("was denied bail") keep look-alikes from firing.

use std::ops::Range;
use std::sync::{Arc, LazyLock, OnceLock};

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};

use clauses::clauses;
use phrases::PhraseMatcher;

mod clauses;
mod phrases;

/// How firmly an article states a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Asserted,
    Denied,
    Hedged,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserted => "asserted",
            Stance::Denied => "denied",
            Stance::Hedged => "hedged",
        }
    }
}

/// What a cue does to a claim in its scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueEffect {
    /// The claim is said to be false.
    Deny,
    /// The claim is only rumoured, speculated or reported.
    Hedge,
}

/// Which side of the claim a cue sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CuePosition {
    /// The cue comes first: "denied that <claim>".
    Before,
    /// The cue comes after: "<claim>, which was a mischaracterization".
    After,
}

/// One stance cue as written in the shipped list or in a rule file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// A plain phrase, matched case-insensitively on word boundaries; any run of
    /// whitespace matches any run of whitespace, and `'` matches `’` and its look-alikes.
    pub phrase: String,
    pub effect: CueEffect,
    pub position: CuePosition,
}

/// A compiled cue list, ready to judge sentences.
///
/// A `Before` cue affects a claim that starts after it, an `After` cue a claim that ends
/// before it, when no clause boundary lies wholly between the two. Clause boundaries are
/// `;`, `:` (not inside "2:00" or "https://"), line breaks, sentence ends inside the text
/// (as the sentence splitter finds them), dashes used as separators (`—`, ` – `, ` - `,
/// `--`), the words "but", "however", "although", "though", "whereas" and "yet", and
/// ", and" / ", while". A plain comma and quotation marks are not boundaries, with one
/// exception for `Before` cues only: the first comma after "though", "although", "while" or
/// "whereas" closes that subordinate clause, so "Though fans speculated that X, no one
/// knew" hedges X but not "no one knew", while "While it appeared that X, that was not the
/// case" still denies X. Cues that overlap the claim are part of the claim's own wording
/// and are ignored. A cue found inside a longer built-in pseudo-cue (such as "was denied"
/// in "was denied bail", or "disputed" in "the disputed election") is ignored too. Denial
/// wins over hedging.
#[derive(Clone, Debug)]
pub struct StanceCues {
    cues: Vec<CompiledCue>,
    /// The cues' regexes. Cues from rule files have them compiled at once, so that one
    /// too large to compile is reported with the rules; the shipped cues, whose words the
    /// word-by-word pass reads in nearly every sentence, on first need. Clones share them.
    regexes: Arc<OnceLock<CueRegexes>>,
    /// The cues matched word by word in one pass, without the regexes; `None` when a
    /// phrase is beyond it (then every sentence is read with the regexes).
    phrases: Option<PhraseMatcher>,
    /// Whether this is the shipped list and nothing else, which many topics share.
    builtin: bool,
}

/// The regexes of a cue list.
#[derive(Debug)]
struct CueRegexes {
    /// One per cue, in the same order.
    patterns: Vec<Regex>,
    /// One pattern per cue, in the same order, to find which cues occur at all in one pass.
    any: RegexSet,
    /// All the cues as one alternation: most sentences hold none, and one search that
    /// can skip ahead to the cues' words says so faster than the set's overlapping search.
    first: Regex,
}

#[derive(Clone, Debug)]
struct CompiledCue {
    effect: CueEffect,
    position: CuePosition,
    /// The cue's regex, as written for [`phrase_regex`].
    pattern: String,
    /// Whether a match of the cue can lie inside a match of a pseudo-cue.
    in_pseudo_cue: bool,
    /// The phrase as written, to compile the regex from when it is first needed.
    phrase: String,
}

static BUILTIN: LazyLock<StanceCues> = LazyLock::new(|| {
    let mut cues = StanceCues::compile(StanceCues::builtin_cues(), false)
        .unwrap_or_else(|error| panic!("the built-in cue phrases are valid: {error}"));
    cues.builtin = true;
    cues
});

/// Phrases that contain a cue but do not carry its meaning.
const PSEUDO_CUES: &[&str] = &[
    "was denied",
    "were denied",
    "been denied",
    "be denied",
    "is denied",
    "are denied",
    "being denied",
    "the disputed",
    "a disputed",
    "was not over until",
    "wasn't over until",
    "is not over until",
    "isn't over until",
];

/// All pseudo-cues as one alternation, longest first so that the longest one wins where
/// several start at the same place.
static PSEUDO: LazyLock<Regex> = LazyLock::new(|| {
    let mut phrases = PSEUDO_CUES.to_vec();
    phrases.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
    let alternatives: Vec<String> = phrases
        .iter()
        .map(|phrase| {
            phrase_pattern(phrase).unwrap_or_else(|error| panic!("pseudo-cues are valid: {error}"))
        })
        .collect();
    Regex::new(&format!("(?i){}", alternatives.join("|")))
        .unwrap_or_else(|error| panic!("the pseudo-cue pattern is valid: {error}"))
});

impl StanceCues {
    /// The shipped cue list, compiled once per process.
    pub fn builtin() -> StanceCues {
        BUILTIN.clone()
    }

    /// The shipped cue list, compiled once per process, by reference.
    pub fn shipped() -> &'static StanceCues {
        &BUILTIN
    }

    /// Whether these are exactly the shipped cues (so a sentence read with them can be
    /// shared by every topic that uses them).
    pub fn is_builtin(&self) -> bool {
        self.builtin
    }

    /// The shipped cues plus `extra` (usually from rule files). Errors name the bad phrase.
    pub fn with_extra(extra: &[Cue]) -> Result<StanceCues, String> {
        // Most topics add no cue; they share the list compiled once.
        if extra.is_empty() {
            return Ok(Self::builtin());
        }
        let mut cues = Self::builtin_cues();
        cues.extend_from_slice(extra);
        Self::compile(cues, true)
    }

    /// Checks one cue as a rule file writes it; the error says what is wrong with it.
    pub fn check_cue(cue: &Cue) -> Result<(), String> {
        phrase_regex(&cue.phrase).map(|_| ())
    }

    /// The shipped cue list, uncompiled.
    pub fn builtin_cues() -> Vec<Cue> {
        BUILTIN_CUES
            .iter()
            .map(|&(phrase, effect, position)| Cue {
                phrase: phrase.to_string(),
                effect,
                position,
            })
            .collect()
    }

    /// The stance `sentence` takes on the claim at byte range `claim` (relative to
    /// `sentence`). A range past the end is clamped; it never panics.
    pub fn stance(&self, sentence: &str, claim: Range<usize>) -> Stance {
        self.read(sentence).stance(claim)
    }

    /// The cues and clause boundaries of `sentence`, found once for all its claims.
    pub fn read(&self, sentence: &str) -> SentenceCues {
        let mut found = Vec::new();
        let read = self
            .phrases
            .as_ref()
            .is_some_and(|phrases| phrases.find_all(sentence, &mut found));
        if !read {
            return self.read_with_regexes(sentence);
        }
        // In the order the regexes give them: cue by cue, then by position.
        found.sort_by_key(|(cue, at)| (*cue, at.start));
        let pseudo = found.iter().any(|(cue, _)| self.cues[*cue].in_pseudo_cue);
        self.sentence_cues(sentence, found, pseudo)
    }

    /// [`StanceCues::read`] with each cue's regex: the reference the word-by-word pass
    /// must agree with, and what reads the sentences it does not handle.
    fn read_with_regexes(&self, sentence: &str) -> SentenceCues {
        let regexes = self.regexes();
        if !regexes.first.is_match(sentence) {
            return self.sentence_cues(sentence, Vec::new(), true);
        }
        let present = regexes.any.matches(sentence);
        let found = present
            .iter()
            .flat_map(|index| {
                regexes.patterns[index]
                    .find_iter(sentence)
                    .map(move |found| (index, found.range()))
            })
            .collect();
        self.sentence_cues(sentence, found, true)
    }

    /// What a sentence says about its claims, given where each cue (by index) matches
    /// in it. Pseudo-cues are looked for when `pseudo` says one of the cues may lie
    /// inside one.
    fn sentence_cues(
        &self,
        sentence: &str,
        found: Vec<(usize, Range<usize>)>,
        pseudo: bool,
    ) -> SentenceCues {
        if found.is_empty() {
            return SentenceCues {
                len: sentence.len(),
                cues: Vec::new(),
                sentence: Box::default(),
                clauses: OnceLock::new(),
            };
        }
        let pseudo: Vec<Range<usize>> = if pseudo {
            PSEUDO
                .find_iter(sentence)
                .map(|found| found.range())
                .collect()
        } else {
            Vec::new()
        };
        let cues = found
            .into_iter()
            .filter(|(_, at)| !inside_pseudo_cue(&pseudo, at))
            .map(|(index, at)| (self.cues[index].effect, self.cues[index].position, at))
            .collect();
        SentenceCues {
            len: sentence.len(),
            cues,
            sentence: sentence.into(),
            clauses: OnceLock::new(),
        }
    }

    /// The cue patterns, as compiled, one per cue.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.cues.iter().map(|cue| cue.pattern.as_str())
    }

    /// The cues' regexes, compiled now if they are not yet.
    fn regexes(&self) -> &CueRegexes {
        self.regexes.get_or_init(|| {
            let phrases = self.cues.iter().map(|cue| cue.phrase.as_str());
            CueRegexes::compile(phrases).unwrap_or_else(|error| {
                panic!("only the shipped cues, which compile (tested), compile late: {error}")
            })
        })
    }

    /// Compiles `cues`: their regexes at once when `now`, or else on first need.
    fn compile(cues: Vec<Cue>, now: bool) -> Result<StanceCues, String> {
        let phrases = PhraseMatcher::new(cues.iter().map(|cue| cue.phrase.as_str()));
        let regexes = Arc::new(OnceLock::new());
        if now {
            let compiled = CueRegexes::compile(cues.iter().map(|cue| cue.phrase.as_str()))?;
            regexes.get_or_init(|| compiled);
        }
        let compiled = cues
            .into_iter()
            .map(|cue| {
                Ok(CompiledCue {
                    effect: cue.effect,
                    position: cue.position,
                    pattern: format!("(?i){}", phrase_pattern(&cue.phrase)?),
                    in_pseudo_cue: in_pseudo_cue(&cue.phrase),
                    phrase: cue.phrase,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(StanceCues {
            cues: compiled,
            regexes,
            phrases,
            builtin: false,
        })
    }
}

impl CueRegexes {
    /// The regexes of the cues with `phrases`, in order; the error names the bad phrase.
    fn compile<'a>(phrases: impl Iterator<Item = &'a str>) -> Result<CueRegexes, String> {
        let patterns: Vec<Regex> = phrases.map(phrase_regex).collect::<Result<_, _>>()?;
        let sources: Vec<&str> = patterns.iter().map(Regex::as_str).collect();
        let any = RegexSetBuilder::new(&sources)
            .build()
            .map_err(|error| format!("the cue list is too large to compile: {error}"))?;
        let first = RegexBuilder::new(&sources.join("|"))
            .build()
            .map_err(|error| format!("the cue list is too large to compile: {error}"))?;
        Ok(CueRegexes {
            patterns,
            any,
            first,
        })
    }
}

/// A sentence's cue occurrences (outside pseudo-cues) and clause boundaries: what the
/// stance of any claim in it depends on.
#[derive(Clone, Debug)]
pub struct SentenceCues {
    /// The sentence's length in bytes, to clamp claims to.
    len: usize,
    cues: Vec<(CueEffect, CuePosition, Range<usize>)>,
    /// The sentence, when it has cues: its clauses are found only when a claim first has
    /// a cue on the side from which it could reach it, as many claims do not.
    sentence: Box<str>,
    clauses: OnceLock<Clauses>,
}

/// A sentence's clause boundaries, and the commas that close its subordinate clauses.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Clauses {
    boundaries: Vec<Range<usize>>,
    subordinate: Vec<Range<usize>>,
}

impl SentenceCues {
    /// The sentence's clauses, found on first need.
    fn clauses(&self) -> &Clauses {
        self.clauses.get_or_init(|| {
            let (boundaries, subordinate) = clauses(&self.sentence);
            Clauses {
                boundaries,
                subordinate,
            }
        })
    }

    /// The stance the sentence takes on the claim at byte range `claim` (relative to the
    /// sentence). A range past the end is clamped; it never panics.
    pub fn stance(&self, claim: Range<usize>) -> Stance {
        let end = claim.end.min(self.len);
        let claim = claim.start.min(end)..end;
        // What [`Reach::covers`] asks first, which needs no clauses.
        let on_its_side =
            |(_, position, at): &(CueEffect, CuePosition, Range<usize>)| match position {
                CuePosition::Before => at.end <= claim.start,
                CuePosition::After => claim.end <= at.start,
            };
        if !self.cues.iter().any(on_its_side) {
            return Stance::Asserted;
        }
        let clauses = self.clauses();
        let reach = Reach::around(&clauses.boundaries, &clauses.subordinate, claim);
        let mut hedged = false;
        for (effect, position, at) in &self.cues {
            if reach.covers(*position, at) {
                match effect {
                    CueEffect::Deny => return Stance::Denied,
                    CueEffect::Hedge => hedged = true,
                }
            }
        }
        if hedged {
            Stance::Hedged
        } else {
            Stance::Asserted
        }
    }
}

impl PartialEq for SentenceCues {
    /// Equal when they say the same of every claim: the same cues and the same clauses,
    /// found for the comparison if they are not yet.
    fn eq(&self, other: &SentenceCues) -> bool {
        self.len == other.len
            && self.cues == other.cues
            && (self.cues.is_empty() || self.clauses() == other.clauses())
    }
}

impl Eq for SentenceCues {}

/// Where cues must sit to reach one claim: the nearest clause boundary on each side of it
/// bounds the scope, so each cue occurrence is judged in constant time.
struct Reach {
    claim: Range<usize>,
    /// A `Before` cue must end after this offset: the start of the last boundary before
    /// the claim.
    before_floor: Option<usize>,
    /// An `After` cue must start before this offset: the end of the first boundary after
    /// the claim.
    after_ceiling: Option<usize>,
}

impl Reach {
    /// `boundaries` are the sentence's clause boundaries, `subordinate` the commas that
    /// close its subordinate clauses.
    fn around(
        boundaries: &[Range<usize>],
        subordinate: &[Range<usize>],
        claim: Range<usize>,
    ) -> Reach {
        let before_floor = boundaries
            .iter()
            .chain(subordinate)
            .filter(|b| b.end <= claim.start)
            .map(|b| b.start)
            .max();
        let after_ceiling = boundaries
            .iter()
            .filter(|b| b.start >= claim.end)
            .map(|b| b.end)
            .min();
        Reach {
            claim,
            before_floor,
            after_ceiling,
        }
    }

    /// Whether a cue at `at` reaches the claim. A cue overlapping the claim is part of the
    /// claim's own wording and reaches nothing.
    fn covers(&self, position: CuePosition, at: &Range<usize>) -> bool {
        match position {
            CuePosition::Before => {
                at.end <= self.claim.start && self.before_floor.is_none_or(|floor| at.end > floor)
            }
            CuePosition::After => {
                self.claim.end <= at.start
                    && self.after_ceiling.is_none_or(|ceiling| at.start < ceiling)
            }
        }
    }
}

/// Whether a match of the cue `phrase` can lie inside a match of a pseudo-cue: only when
/// the phrase is part of a pseudo-cue's, both written alike. A match within another is
/// made of whole whitespace runs of it (phrases neither start nor end with whitespace,
/// and take whole runs), so written alike it is a substring of the other.
fn in_pseudo_cue(phrase: &str) -> bool {
    let phrase = written_alike(phrase);
    PSEUDO_CUES
        .iter()
        .any(|pseudo| written_alike(pseudo).contains(&phrase))
}

/// A phrase lowercase, with one space for each run of whitespace and `'` for each
/// apostrophe.
fn written_alike(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for word in phrase.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if is_apostrophe(c) {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// Whether the cue occurrence `at` lies inside a longer pseudo-cue. `pseudo` is sorted and
/// non-overlapping, as `find_iter` returns it.
fn inside_pseudo_cue(pseudo: &[Range<usize>], at: &Range<usize>) -> bool {
    let candidate = pseudo.partition_point(|p| p.start <= at.start);
    candidate > 0 && {
        let p = &pseudo[candidate - 1];
        at.end <= p.end && p.len() > at.len()
    }
}

/// Characters that stand for an apostrophe in running text.
const APOSTROPHES: &str = "['\u{2019}\u{2018}\u{02BC}`\u{00B4}\u{2032}\u{FF07}]";

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' | '\u{2032}' | '\u{FF07}'
    )
}

/// Compiles a plain cue phrase into a case-insensitive, whitespace-flexible regex that
/// matches only on word boundaries.
fn phrase_regex(phrase: &str) -> Result<Regex, String> {
    let pattern = format!("(?i){}", phrase_pattern(phrase)?);
    RegexBuilder::new(&pattern)
        .build()
        .map_err(|error| format!("cue phrase {phrase:?} cannot be compiled: {error}"))
}

/// The regex syntax for a plain cue phrase, without flags, as a non-capturing group.
fn phrase_pattern(phrase: &str) -> Result<String, String> {
    let trimmed = phrase.trim();
    if trimmed.is_empty() {
        return Err("a cue phrase must not be empty".to_string());
    }
    if !trimmed.chars().any(char::is_alphanumeric) {
        return Err(format!(
            "cue phrase {phrase:?} has no letters or digits; write the words that signal the stance"
        ));
    }
    let mut pattern = String::from("(?:");
    pattern.push_str(word_boundary(trimmed.chars().next()));
    let mut in_space = false;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            if !in_space {
                pattern.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if is_apostrophe(c) {
            pattern.push_str(APOSTROPHES);
        } else {
            pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    pattern.push_str(word_boundary(trimmed.chars().next_back()));
    pattern.push(')');
    Ok(pattern)
}

/// The word-boundary assertion to put next to a phrase's first or last character: none
/// after punctuation, and the ASCII form next to ASCII letters. The ASCII form differs only
/// where the cue touches a non-ASCII letter ("deniedé"), and unlike the Unicode form it
/// keeps matching on the fast DFA path when the sentence holds curly quotes or accents.
fn word_boundary(edge: Option<char>) -> &'static str {
    match edge {
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => r"(?-u:\b)",
        Some(c) if c.is_alphanumeric() => r"\b",
        _ => "",
    }
}

/// The shipped cues. Deliberately absent: a bare "was wrong" (it is usually a moral
/// judgement, "his support for Trump was wrong", not a denial) and a bare "not so" (as in
/// "not so close"); "reportedly" and "allegedly" after a claim only count when set off by
/// a comma, since a bare one usually modifies the next verb ("after which Legend
/// reportedly asked him").
const BUILTIN_CUES: &[(&str, CueEffect, CuePosition)] = {
    use CueEffect::{Deny, Hedge};
    use CuePosition::{After, Before};
    &[
        // A claim followed by a denial of it.
        ("which was a mischaracterization", Deny, After),
        ("was a mischaracterization", Deny, After),
        ("mischaracterization", Deny, After),
        ("mischaracterisation", Deny, After),
        ("was mischaracterized", Deny, After),
        ("were mischaracterized", Deny, After),
        ("was mischaracterised", Deny, After),
        ("is false", Deny, After),
        ("was false", Deny, After),
        ("are false", Deny, After),
        ("were false", Deny, After),
        ("is completely false", Deny, After),
        ("is untrue", Deny, After),
        ("was untrue", Deny, After),
        ("are untrue", Deny, After),
        ("is completely untrue", Deny, After),
        ("is not true", Deny, After),
        ("was not true", Deny, After),
        ("isn't true", Deny, After),
        ("wasn't true", Deny, After),
        ("is simply not true", Deny, After),
        ("is incorrect", Deny, After),
        ("was incorrect", Deny, After),
        ("is inaccurate", Deny, After),
        ("was inaccurate", Deny, After),
        ("was not the case", Deny, After),
        ("is not the case", Deny, After),
        ("wasn't the case", Deny, After),
        ("isn't the case", Deny, After),
        ("was not apparently the case", Deny, After),
        ("was never the case", Deny, After),
        ("is a myth", Deny, After),
        ("was a myth", Deny, After),
        ("has been debunked", Deny, After),
        ("have been debunked", Deny, After),
        ("was debunked", Deny, After),
        ("were debunked", Deny, After),
        ("was wrongly reported", Deny, After),
        ("was misreported", Deny, After),
        ("not the reason", Deny, After),
        ("wasn't the reason", Deny, After),
        ("isn't the reason", Deny, After),
        ("not the real reason", Deny, After),
        ("not the cause", Deny, After),
        ("wasn't the cause", Deny, After),
        ("simply not so", Deny, After),
        ("not so.", Deny, After),
        // A denial followed by the claim it denies.
        ("not because", Deny, Before),
        ("not because of", Deny, Before),
        ("nothing to do with", Deny, Before),
        ("had nothing to do with", Deny, Before),
        ("has nothing to do with", Deny, Before),
        ("have nothing to do with", Deny, Before),
        ("denied that", Deny, Before),
        ("denied", Deny, Before),
        ("denies", Deny, Before),
        ("rejected the claim that", Deny, Before),
        ("rejected claims that", Deny, Before),
        ("rejected reports that", Deny, Before),
        ("disputed", Deny, Before),
        ("disputes", Deny, Before),
        ("it is not true that", Deny, Before),
        ("it's not true that", Deny, Before),
        ("it was not true that", Deny, Before),
        ("contrary to reports that", Deny, Before),
        ("contrary to claims that", Deny, Before),
        ("contrary to rumors that", Deny, Before),
        ("falsely reported that", Deny, Before),
        ("falsely claimed that", Deny, Before),
        ("wrongly reported that", Deny, Before),
        ("was not about", Deny, Before),
        ("wasn't about", Deny, Before),
        ("is not about", Deny, Before),
        ("isn't about", Deny, Before),
        ("was never about", Deny, Before),
        ("was not because", Deny, Before),
        ("wasn't because", Deny, Before),
        ("is not because", Deny, Before),
        ("isn't because", Deny, Before),
        ("was not due to", Deny, Before),
        ("wasn't due to", Deny, Before),
        ("is not due to", Deny, Before),
        ("isn't due to", Deny, Before),
        ("was not over", Deny, Before),
        ("wasn't over", Deny, Before),
        ("is not over", Deny, Before),
        ("isn't over", Deny, Before),
        ("reason was not", Deny, Before),
        ("reason wasn't", Deny, Before),
        ("reason is not", Deny, Before),
        ("reason isn't", Deny, Before),
        ("cause was not", Deny, Before),
        ("cause wasn't", Deny, Before),
        // A hedge followed by the claim it hedges.
        ("speculated that", Hedge, Before),
        ("speculated", Hedge, Before),
        ("fans speculated", Hedge, Before),
        ("speculation that", Hedge, Before),
        ("rumored", Hedge, Before),
        ("rumoured", Hedge, Before),
        ("rumors that", Hedge, Before),
        ("rumours that", Hedge, Before),
        ("rumor has it", Hedge, Before),
        ("rumour has it", Hedge, Before),
        ("according to rumors", Hedge, Before),
        ("according to rumours", Hedge, Before),
        ("unconfirmed reports", Hedge, Before),
        ("reportedly", Hedge, Before),
        ("allegedly", Hedge, Before),
        ("supposedly", Hedge, Before),
        ("purportedly", Hedge, Before),
        ("apparently", Hedge, Before),
        ("seemingly", Hedge, Before),
        ("it appeared that", Hedge, Before),
        ("it appears that", Hedge, Before),
        ("it seemed that", Hedge, Before),
        ("appeared to", Hedge, Before),
        ("appears to", Hedge, Before),
        ("seemed to", Hedge, Before),
        ("seems to", Hedge, Before),
        ("may have", Hedge, Before),
        ("might have", Hedge, Before),
        ("could have", Hedge, Before),
        ("possibly", Hedge, Before),
        ("perhaps", Hedge, Before),
        ("some say", Hedge, Before),
        ("it is believed", Hedge, Before),
        ("is believed to", Hedge, Before),
        ("is said to", Hedge, Before),
        ("was said to", Hedge, Before),
        ("are said to", Hedge, Before),
        ("were said to", Hedge, Before),
        // A claim followed by a hedge of it.
        (", reportedly", Hedge, After),
        (", allegedly", Hedge, After),
        ("according to rumors", Hedge, After),
        ("according to rumours", Hedge, After),
        ("fans speculated", Hedge, After),
        ("sources say", Hedge, After),
        ("sources said", Hedge, After),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The stance of the claim `claim` (the first occurrence of it) in `sentence`.
    fn stance_of(sentence: &str, claim: &str) -> Stance {
        stance_with(&StanceCues::builtin(), sentence, claim)
    }

    fn stance_with(cues: &StanceCues, sentence: &str, claim: &str) -> Stance {
        let start = sentence
            .find(claim)
            .unwrap_or_else(|| panic!("test claim {claim:?} is in {sentence:?}"));
        cues.stance(sentence, start..start + claim.len())
    }

    #[test]
    fn speculation_in_a_though_clause_hedges_the_claim() {
        let sentence = "Though fans speculated that the John and Ye's differences in political views caused the friendship to deteriorate, no one truly knew the real reason";
        assert_eq!(
            stance_of(sentence, "differences in political views"),
            Stance::Hedged
        );
        assert_eq!(stance_of(sentence, "no one truly knew"), Stance::Asserted);
    }

    #[test]
    fn the_comma_closing_a_while_clause_stops_a_before_cue_only() {
        let sentence =
            "Legend said that while fans speculated about politics, the rift was over money.";
        assert_eq!(stance_of(sentence, "politics"), Stance::Hedged);
        assert_eq!(stance_of(sentence, "over money"), Stance::Asserted);
        let sentence = "While fans said it was over politics, that is false.";
        assert_eq!(stance_of(sentence, "over politics"), Stance::Denied);
    }

    #[test]
    fn a_plain_comma_does_not_stop_a_before_cue() {
        let sentence = "Fans speculated that, in 2018, the band split over money.";
        assert_eq!(stance_of(sentence, "split over money"), Stance::Hedged);
    }

    #[test]
    fn mischaracterization_after_a_comma_denies_the_cause() {
        let sentence = "we stopped being friends because he supported Trump, which was a mischaracterization of what I said";
        assert_eq!(
            stance_of(sentence, "because he supported Trump"),
            Stance::Denied
        );
    }

    #[test]
    fn mischaracterization_reaches_through_double_quotes() {
        let sentence = "“What it got described as was, we stopped being friends because he supported [Donald] Trump, which was a mischaracterization.";
        assert_eq!(
            stance_of(sentence, "supported [Donald] Trump"),
            Stance::Denied
        );
    }

    #[test]
    fn nothing_to_do_with_denies_until_but() {
        let sentence = "In an interview with the New Yorker, Legend clarifies that while he is a vocal supporter of many Democrats, including Joe Biden, his and West’s issues have nothing to do with West’s one-time support of Donald Trump, but rather because Legend didn’t endorse West in his 2020 presidential run.";
        assert_eq!(
            stance_of(sentence, "support of Donald Trump"),
            Stance::Denied
        );
        assert_eq!(stance_of(sentence, "didn’t endorse West"), Stance::Asserted);
    }

    #[test]
    fn a_claim_with_its_own_negation_is_asserted() {
        let sentence = "he was very upset with me that I didn't support him running for President";
        assert_eq!(
            stance_of(sentence, "didn't support him running"),
            Stance::Asserted
        );
    }

    #[test]
    fn a_cue_inside_the_claim_is_the_claims_own_wording() {
        let sentence = "Legend said it wasn't about politics at all.";
        assert_eq!(
            stance_of(sentence, "wasn't about politics"),
            Stance::Asserted
        );
        assert_eq!(stance_of(sentence, "politics"), Stance::Denied);
    }

    #[test]
    fn reportedly_before_the_claim_hedges_it() {
        let sentence = "Back in 2018, Kanye West publicly declared his support for the former US president after which Legend reportedly requested him to reconsider.";
        assert_eq!(
            stance_of(sentence, "requested him to reconsider"),
            Stance::Hedged
        );
        // A bare "reportedly" after a claim modifies the next verb, not the claim.
        assert_eq!(
            stance_of(sentence, "declared his support"),
            Stance::Asserted
        );
    }

    #[test]
    fn reportedly_set_off_after_the_claim_hedges_it() {
        let sentence = "The two fell out over his support for Trump, reportedly.";
        assert_eq!(stance_of(sentence, "support for Trump"), Stance::Hedged);
    }

    #[test]
    fn the_reason_was_not_x_but_y_denies_x_and_asserts_y() {
        let sentence = "The reason was not political, but personal.";
        assert_eq!(stance_of(sentence, "political"), Stance::Denied);
        assert_eq!(stance_of(sentence, "personal"), Stance::Asserted);
    }

    #[test]
    fn a_cue_in_another_clause_after_a_semicolon_does_not_apply() {
        let sentence = "They split over money; the story about Trump is false.";
        assert_eq!(stance_of(sentence, "over money"), Stance::Asserted);
        assert_eq!(stance_of(sentence, "the story about Trump"), Stance::Denied);
        let sentence = "Fans speculated about many things; they split over money.";
        assert_eq!(stance_of(sentence, "over money"), Stance::Asserted);
    }

    #[test]
    fn every_clause_boundary_stops_a_before_cue() {
        for boundary in [
            "; ",
            ": ",
            ". The ",
            " — ",
            "—",
            " – ",
            " - ",
            "--",
            " but ",
            " however ",
            " although ",
            " though ",
            " whereas ",
            " yet ",
            ", and ",
            ", while ",
            "\n",
        ] {
            let sentence = format!("Fans speculated about it{boundary}they split over money.");
            assert_eq!(
                stance_of(&sentence, "split over money"),
                Stance::Asserted,
                "{boundary:?}"
            );
        }
    }

    #[test]
    fn every_clause_boundary_stops_an_after_cue() {
        for boundary in [
            "; ", ": ", ". The ", " — ", " – ", " - ", " but ", ", and ", ", while ", "\n",
        ] {
            let sentence = format!("They split over money{boundary}that is false.");
            assert_eq!(
                stance_of(&sentence, "split over money"),
                Stance::Asserted,
                "{boundary:?}"
            );
        }
    }

    #[test]
    fn commas_abbreviations_times_and_hyphens_are_not_boundaries() {
        assert_eq!(
            stance_of(
                "Fans speculated, loudly, that they split over money.",
                "split over money"
            ),
            Stance::Hedged
        );
        assert_eq!(
            stance_of(
                "Fans speculated that Mr. West left at 2:00 over money.",
                "over money"
            ),
            Stance::Hedged
        );
        assert_eq!(
            stance_of("Fans speculated that a one-time feud ended it.", "feud"),
            Stance::Hedged
        );
        assert_eq!(
            stance_of("Fans speculated that the 2020–2021 feud ended it.", "feud"),
            Stance::Hedged
        );
    }

    #[test]
    fn denial_wins_over_hedge() {
        let sentence = "While it appeared that they had a traditional Democrat vs. Republican fallout, that was not apparently the case.";
        assert_eq!(
            stance_of(sentence, "Democrat vs. Republican fallout"),
            Stance::Denied
        );
    }

    #[test]
    fn hedge_alone_without_denial_is_hedged() {
        assert_eq!(
            stance_of(
                "While it appeared that they had a political fallout, nobody knew.",
                "political fallout"
            ),
            Stance::Hedged
        );
    }

    #[test]
    fn cues_match_case_and_apostrophe_and_whitespace_variants() {
        assert_eq!(
            stance_of("IT’S NOT  TRUE\u{a0}THAT they split.", "they split"),
            Stance::Denied
        );
        assert_eq!(
            stance_of("The feud wasn`t about\nmoney.", "money"),
            Stance::Asserted,
            "a line break is a clause boundary even inside a cue's reach"
        );
        assert_eq!(
            stance_of("The feud wasn\u{2019}t   about money.", "money"),
            Stance::Denied
        );
    }

    #[test]
    fn cues_match_only_whole_words() {
        assert_eq!(
            stance_of("The undenied feud over money.", "over money"),
            Stance::Asserted
        );
        assert_eq!(
            stance_of("Perhapsy said it was money.", "money"),
            Stance::Asserted
        );
        assert_eq!(stance_of("Perhaps it was money.", "money"), Stance::Hedged);
    }

    #[test]
    fn passive_denied_and_adjective_disputed_are_not_denials() {
        assert_eq!(
            stance_of("West was denied a spot in 2020.", "2020"),
            Stance::Asserted
        );
        assert_eq!(
            stance_of("The disputed 2020 election went on.", "2020"),
            Stance::Asserted
        );
        assert_eq!(
            stance_of("West denied a feud in 2020.", "2020"),
            Stance::Denied
        );
        assert_eq!(
            stance_of("Legend disputed the 2020 account.", "2020"),
            Stance::Denied
        );
        assert_eq!(
            stance_of("The feud wasn't over until 2021.", "2021"),
            Stance::Asserted
        );
    }

    #[test]
    fn a_before_cue_after_the_claim_does_nothing() {
        assert_eq!(
            stance_of("They split over money, Legend denied.", "split over money"),
            Stance::Asserted
        );
    }

    #[test]
    fn an_after_cue_before_the_claim_does_nothing() {
        assert_eq!(
            stance_of(
                "That is false to say they split over money.",
                "split over money"
            ),
            Stance::Asserted
        );
    }

    #[test]
    fn a_plain_sentence_is_asserted() {
        assert_eq!(
            stance_of(
                "Kanye West has been a vocal supporter of former US president Donald Trump.",
                "supporter of former US president Donald Trump"
            ),
            Stance::Asserted
        );
        assert_eq!(
            stance_of(
                "Legend was not the only hip-hop artist to draw West’s ire.",
                "West’s ire"
            ),
            Stance::Asserted
        );
    }

    #[test]
    fn every_builtin_cue_fires_in_its_position() {
        let cues = StanceCues::builtin();
        let claim = "the band split over money";
        for cue in StanceCues::builtin_cues() {
            let sentence = match cue.position {
                CuePosition::Before => format!("Legend {} {claim} in 2019", cue.phrase),
                CuePosition::After if cue.phrase.starts_with(',') => {
                    format!("{claim}{} in 2019", cue.phrase)
                }
                CuePosition::After => format!("{claim} {} in 2019", cue.phrase),
            };
            let expected = match cue.effect {
                CueEffect::Deny => Stance::Denied,
                CueEffect::Hedge => Stance::Hedged,
            };
            assert_eq!(
                stance_with(&cues, &sentence, claim),
                expected,
                "{sentence:?}"
            );
        }
    }

    #[test]
    fn every_builtin_cue_is_stopped_by_but() {
        let cues = StanceCues::builtin();
        let claim = "the band split over money";
        for cue in StanceCues::builtin_cues() {
            let sentence = match cue.position {
                CuePosition::Before => format!("Legend {} it, but {claim}", cue.phrase),
                CuePosition::After => format!("{claim}, but it {} in 2019", cue.phrase),
            };
            assert_eq!(
                stance_with(&cues, &sentence, claim),
                Stance::Asserted,
                "{sentence:?}"
            );
        }
    }

    #[test]
    fn builtin_cues_have_no_duplicates() {
        let cues = StanceCues::builtin_cues();
        for (index, cue) in cues.iter().enumerate() {
            assert!(!cues[..index].contains(cue), "{cue:?} listed twice");
        }
    }

    #[test]
    fn extra_cues_extend_the_builtin_list() {
        let extra = [Cue {
            phrase: "Legend’s camp pushed back on".to_string(),
            effect: CueEffect::Deny,
            position: CuePosition::Before,
        }];
        let cues = StanceCues::with_extra(&extra).expect("a plain phrase compiles");
        let sentence = "legend's camp pushed back on reports of a feud over money.";
        assert_eq!(stance_with(&cues, sentence, "over money"), Stance::Denied);
        assert_eq!(stance_of(sentence, "over money"), Stance::Asserted);
        assert_eq!(
            stance_with(&cues, "Perhaps it was money.", "money"),
            Stance::Hedged,
            "builtin cues still apply"
        );
    }

    #[test]
    fn extra_cue_phrases_with_regex_characters_match_literally() {
        let extra = [Cue {
            phrase: "(unverified)".to_string(),
            effect: CueEffect::Hedge,
            position: CuePosition::After,
        }];
        let cues = StanceCues::with_extra(&extra).expect("punctuation is escaped");
        assert_eq!(
            stance_with(&cues, "They split over money (unverified).", "over money"),
            Stance::Hedged
        );
        assert_eq!(
            stance_with(&cues, "They split over money (unverifiedx).", "over money"),
            Stance::Asserted
        );
    }

    #[test]
    fn an_extra_cue_equal_to_a_pseudo_cue_still_fires() {
        let extra = [Cue {
            phrase: "was denied".to_string(),
            effect: CueEffect::Deny,
            position: CuePosition::Before,
        }];
        let cues = StanceCues::with_extra(&extra).expect("a plain phrase compiles");
        assert_eq!(
            stance_with(
                &cues,
                "It was denied that they split over money.",
                "over money"
            ),
            Stance::Denied
        );
    }

    #[test]
    fn extra_cues_in_other_scripts_match_on_unicode_word_boundaries() {
        let extra = [Cue {
            phrase: "réfuté".to_string(),
            effect: CueEffect::Deny,
            position: CuePosition::Before,
        }];
        let cues = StanceCues::with_extra(&extra).expect("a plain phrase compiles");
        assert_eq!(
            stance_with(&cues, "Il a RÉFUTÉ une rupture liée à Trump.", "Trump"),
            Stance::Denied
        );
        assert_eq!(
            stance_with(
                &cues,
                "Les faits réfutées une rupture liée à Trump.",
                "Trump"
            ),
            Stance::Asserted
        );
    }

    #[test]
    fn empty_or_wordless_extra_phrases_are_errors() {
        for phrase in ["", "   ", "\u{a0}", "...", "’"] {
            let extra = [Cue {
                phrase: phrase.to_string(),
                effect: CueEffect::Hedge,
                position: CuePosition::Before,
            }];
            let error = StanceCues::with_extra(&extra).expect_err(phrase);
            assert!(error.contains("cue phrase"), "{error}");
        }
    }

    #[test]
    fn cues_deserialize_from_lowercase_names() {
        let cue: Cue = serde_json::from_str(
            r#"{"phrase": "was fabricated", "effect": "deny", "position": "after"}"#,
        )
        .expect("valid cue JSON");
        assert_eq!(
            cue,
            Cue {
                phrase: "was fabricated".to_string(),
                effect: CueEffect::Deny,
                position: CuePosition::After
            }
        );
        assert!(
            serde_json::from_str::<Cue>(
                r#"{"phrase": "x", "effect": "Deny", "position": "after"}"#
            )
            .is_err()
        );
        assert_eq!(
            serde_json::to_string(&CuePosition::Before).expect("serializes"),
            r#""before""#
        );
        assert_eq!(
            serde_json::to_string(&CueEffect::Hedge).expect("serializes"),
            r#""hedge""#
        );
    }

    #[test]
    fn megabyte_sentence_full_of_cues_and_boundaries_finishes() {
        let cues = StanceCues::builtin();
        for unit in ["perhaps; ", "was denied, and ", "though it is false, "] {
            let sentence = unit.repeat(1_000_000 / unit.len()) + "money";
            let claim = sentence.len() - "money".len()..sentence.len();
            let _ = cues.stance(&sentence, claim);
        }
        let sentence = "money ".to_string() + &"is false ".repeat(100_000);
        assert_eq!(cues.stance(&sentence, 0..5), Stance::Denied);
    }

    #[test]
    fn out_of_range_and_odd_claim_spans_never_panic() {
        let cues = StanceCues::builtin();
        let sentence = "Perhaps é 東京; 🎉 false.";
        for start in 0..sentence.len() + 3 {
            for end in 0..sentence.len() + 3 {
                let _ = cues.stance(sentence, start..end);
            }
        }
        assert_eq!(cues.stance("", 0..0), Stance::Asserted);
        assert_eq!(
            cues.stance("perhaps", Range { start: 5, end: 2 }),
            Stance::Asserted
        );
    }

    /// Extra cues that take the word-by-word pass down its other paths: phrases that
    /// start or end with punctuation, hold `_`, digits or an apostrophe, or share a first
    /// word with a shipped cue, or can overlap itself ("ha ha ha"), or start with a word
    /// too long to be looked up.
    const ASCII_EXTRA: &[&str] = &[
        "(unverified)",
        "x-ray",
        "_bad_",
        "o'neil said",
        "it's 2:00",
        "is false.",
        "--no",
        "'tis said",
        "not so",
        "ha ha",
        "supercalifragilisticexpialidocioussupercalifragilisticexpialidocious indeed",
    ];

    static ASCII_EXTRA_CUES: LazyLock<StanceCues> = LazyLock::new(|| {
        let extra: Vec<Cue> = ASCII_EXTRA
            .iter()
            .enumerate()
            .map(|(i, phrase)| Cue {
                phrase: phrase.to_string(),
                effect: if i % 2 == 0 {
                    CueEffect::Deny
                } else {
                    CueEffect::Hedge
                },
                position: if i % 3 == 0 {
                    CuePosition::Before
                } else {
                    CuePosition::After
                },
            })
            .collect();
        StanceCues::with_extra(&extra).expect("ASCII phrases compile")
    });

    /// `phrase` written differently, as `seed` picks: letters in either case, any
    /// whitespace between words, any apostrophe.
    fn written(phrase: &str, seed: u64) -> String {
        const SPACES: &[&str] = &[" ", "  ", "\u{a0}", "\t", "\n", "\u{2003}", " \u{3000}"];
        const APOSTROPHES: &[char] = &['\'', '’', '‘', 'ʼ', '`', '´', '′', '＇'];
        let mut bits = seed;
        let mut next = |n: u64| {
            let pick = bits % n;
            bits = bits.rotate_right(3) ^ 0x9E37_79B9_7F4A_7C15;
            pick as usize
        };
        let mut out = String::new();
        for c in phrase.chars() {
            if c == ' ' {
                out.push_str(SPACES[next(SPACES.len() as u64)]);
            } else if is_apostrophe(c) {
                out.push(APOSTROPHES[next(APOSTROPHES.len() as u64)]);
            } else if next(2) == 0 {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Words and characters around cues: look-alikes, clause words, characters that
    /// join words, and non-ASCII text, including the two characters that fold to ASCII.
    const OTHER_PIECES: &[&str] = &[
        "the",
        "band",
        "split",
        "over",
        "money",
        "not",
        "so",
        "so.",
        "is",
        "was",
        "were",
        "denied",
        "bail",
        "disputed",
        "election",
        "but",
        "false",
        "true",
        "2020",
        ",",
        ";",
        ":",
        ".",
        "—",
        "–",
        "-",
        "'",
        "’",
        "_",
        "x",
        "é",
        "東京",
        "🎉",
        "ſ",
        "\u{212A}",
        "\u{a0}",
        "\u{200B}",
        "though",
        "while",
        "and",
        "it",
        "reportedly",
        "said",
        "to",
        "fans",
        "speculated",
        "the disputed",
        "was denied",
        "isn't",
        "wasn’t",
        "about",
        "over until",
        "ha",
        "ha ha",
    ];

    const SEPARATORS: &[&str] = &[" ", "", "  ", ", ", "_", "-", "\n", "\u{a0}", "’", "."];

    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let cues: Vec<String> = StanceCues::builtin_cues()
            .into_iter()
            .map(|cue| cue.phrase)
            .chain(ASCII_EXTRA.iter().map(|p| p.to_string()))
            .collect();
        prop_oneof![
            (proptest::sample::select(cues), any::<u64>())
                .prop_map(|(phrase, seed)| written(&phrase, seed)),
            proptest::sample::select(OTHER_PIECES).prop_map(str::to_string),
        ]
    }

    fn sentences() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec((piece(), proptest::sample::select(SEPARATORS)), 0..12).prop_map(
            |pieces| {
                pieces
                    .into_iter()
                    .map(|(piece, separator)| piece + separator)
                    .collect()
            },
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn the_word_by_word_pass_reads_sentences_as_the_regexes_do(sentence in sentences()) {
            let shipped = StanceCues::shipped();
            proptest::prop_assert_eq!(shipped.read(&sentence), shipped.read_with_regexes(&sentence));
            let extra = &*ASCII_EXTRA_CUES;
            proptest::prop_assert_eq!(extra.read(&sentence), extra.read_with_regexes(&sentence));
        }
    }

    #[test]
    fn shipped_and_ascii_extra_cues_are_read_word_by_word() {
        assert!(StanceCues::shipped().phrases.is_some());
        assert!(ASCII_EXTRA_CUES.phrases.is_some());
        let extra = [Cue {
            phrase: "réfuté".to_string(),
            effect: CueEffect::Deny,
            position: CuePosition::Before,
        }];
        let cues = StanceCues::with_extra(&extra).expect("a plain phrase compiles");
        assert!(
            cues.phrases.is_none(),
            "a non-ASCII phrase is left to the regexes"
        );
    }

    #[test]
    fn sentences_with_cues_are_read_as_the_regexes_read_them() {
        let cues = StanceCues::shipped();
        let sentences = [
            "It is false that they split over money, which was a mischaracterization.",
            "Fans speculated, reportedly, that it WAS NOT   ABOUT money; it isn’t the case.",
            "He was denied bail, though it is not over until the disputed vote, allegedly.",
            "The reason wasn`t money, the cause was not politics — not so. Perhaps.",
            "Rumor has it he is said to have denied that; sources said so.",
            "It iſ false that they split, which is a \u{212A}nown myth.",
            "is falsehood, disputed_, _denied, denied2, xdenied, allegedly",
            "Calling it a feud is a mischaracterisation, and a MISCHARACTERIZATION.",
        ];
        let mut with_cues = 0;
        for sentence in sentences {
            let read = cues.read(sentence);
            assert_eq!(read, cues.read_with_regexes(sentence), "{sentence:?}");
            with_cues += usize::from(!read.cues.is_empty());
        }
        assert_eq!(with_cues, sentences.len());
        let extra = &*ASCII_EXTRA_CUES;
        let sentence = "ha ha ha ha ha, (unverified) x-ray; --no _bad_ o’neil said";
        let read = extra.read(sentence);
        assert_eq!(read, extra.read_with_regexes(sentence), "{sentence:?}");
        assert_eq!(read.cues.len(), 7);
    }
}
