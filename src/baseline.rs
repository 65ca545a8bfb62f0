//! Baselines: findings a person has reviewed, kept in a file so that CI fails only on new
//! ones. An entry names a finding by what it says (code, topic, and each piece of
//! evidence's article, value, stance and words), never by where, so it keeps matching
//! when unrelated text of the article moves.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use serde::{Deserialize, Serialize};

use crate::claim::{Claim, ClaimRef};
use crate::finding::Finding;
use crate::text::stance::Stance;

/// The file `claimcheck baseline` writes when no other is named.
pub const DEFAULT_FILE: &str = "claimcheck-baseline.json";

/// The version of the baseline file format this build reads and writes.
pub const VERSION: u32 = 1;

/// A baseline file: the reviewed findings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// One reviewed finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// A hash of the code, topic and evidence: a short name for the entry, also given to
    /// SARIF as the result's fingerprint. Matching uses the fields, not this hash.
    #[serde(default)]
    pub fingerprint: String,
    pub code: String,
    pub topic: String,
    /// The finding's message when the entry was written, for people reading the file.
    #[serde(default)]
    pub message: String,
    /// Why the finding is accepted, written by a person. Kept when the baseline is
    /// written again.
    #[serde(default)]
    pub reason: String,
    pub evidence: Vec<EntryEvidence>,
}

/// One piece of a reviewed finding's evidence.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryEvidence {
    /// The article's path as claimcheck displays it.
    pub path: String,
    /// The normalised value, as reports write it (`2021-11`, `about 60,000`, a value id).
    pub value: String,
    pub stance: Stance,
    /// The matched text, with runs of white space written as one space.
    pub text: String,
}

impl EntryEvidence {
    /// The evidence as a baseline records it.
    pub fn from_claim(claim: &Claim) -> EntryEvidence {
        EntryEvidence {
            path: normalise_path(&claim.path),
            value: claim.value.display(),
            stance: claim.stance,
            text: collapse_space(&claim.text),
        }
    }

    /// [`EntryEvidence::from_claim`] of a claim read in its store.
    pub fn from_claim_ref(claim: ClaimRef<'_>) -> EntryEvidence {
        EntryEvidence {
            path: normalise_path(claim.path()),
            value: claim.value().display(),
            stance: claim.stance(),
            text: collapse_space(claim.text()),
        }
    }

    /// The same evidence with path and text normalised, so that an entry edited by hand
    /// (a `./` prefix, a line break in the text) still matches.
    fn normalised(&self) -> EntryEvidence {
        EntryEvidence {
            path: normalise_path(&self.path),
            value: self.value.trim().to_string(),
            stance: self.stance,
            text: collapse_space(&self.text),
        }
    }
}

impl Entry {
    /// The entry that records `finding`, without a reason.
    pub fn from_finding(finding: &Finding) -> Entry {
        let evidence = evidence_keys(finding).into_iter().collect();
        let mut entry = Entry {
            fingerprint: String::new(),
            code: finding.code.to_string(),
            topic: finding.topic.to_string(),
            message: finding.message.clone(),
            reason: String::new(),
            evidence,
        };
        entry.fingerprint = entry.compute_fingerprint();
        entry
    }

    /// Whether this entry accounts for `finding`: same code and topic, and every piece of
    /// the finding's evidence is in the entry. A finding that lost evidence (an article
    /// was corrected) is still covered; one that gained evidence is new.
    pub fn covers(&self, finding: &Finding) -> bool {
        if self.code != finding.code || self.topic != finding.topic {
            return false;
        }
        let keys = self.keys();
        evidence_keys(finding).is_subset(&keys)
    }

    /// The entry in one line, for warnings about stale entries.
    pub fn describe(&self) -> String {
        let mut line = format!("{} on {}", self.code, self.topic);
        if !self.message.is_empty() {
            line.push_str(&format!(" (“{}”)", self.message));
        }
        if !self.reason.is_empty() {
            line.push_str(&format!(", reviewed as: {}", self.reason));
        }
        line
    }

    fn keys(&self) -> BTreeSet<EntryEvidence> {
        self.evidence
            .iter()
            .map(EntryEvidence::normalised)
            .collect()
    }

    fn compute_fingerprint(&self) -> String {
        fingerprint_of(&self.code, &self.topic, &self.keys())
    }
}

/// A stable fingerprint of a finding: the same finding gets the same fingerprint from any
/// build on any platform, wherever its evidence sits in the articles.
pub fn fingerprint(finding: &Finding) -> String {
    fingerprint_of(&finding.code, &finding.topic, &evidence_keys(finding))
}

fn fingerprint_of(code: &str, topic: &str, keys: &BTreeSet<EntryEvidence>) -> String {
    // FNV-1a: tiny, fixed by its definition, and the fingerprint needs no secrecy.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |s: &str| {
        for byte in s.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed("claimcheck-baseline-v1");
    feed(code);
    feed(topic);
    for key in keys {
        feed(&key.path);
        feed(&key.value);
        feed(key.stance.as_str());
        feed(&key.text);
    }
    format!("{hash:016x}")
}

fn evidence_keys(finding: &Finding) -> BTreeSet<EntryEvidence> {
    finding
        .evidence
        .iter()
        .map(|e| EntryEvidence::from_claim_ref(e.claim))
        .collect()
}

/// Paths as the walker displays them, without a leading `./` and with forward slashes.
fn normalise_path(path: &str) -> String {
    let mut path = path.trim().replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    path
}

fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What applying a baseline did.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    /// The baseline file, as given.
    pub path: String,
    /// The findings the baseline accounts for (not reported).
    pub suppressed: Vec<Finding>,
    /// Entries that matched no finding: what they recorded is gone or has changed.
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// The baseline recording `findings`. Reasons of `previous` entries that still cover
    /// a finding are kept. Entries are sorted and fingerprinted, so that the same findings
    /// always give the same file.
    pub fn from_findings(findings: &[Finding], previous: Option<&Baseline>) -> Baseline {
        let mut entries: BTreeMap<(String, String, Vec<EntryEvidence>), Entry> = BTreeMap::new();
        for finding in findings {
            let mut entry = Entry::from_finding(finding);
            if let Some(old) = previous
                .into_iter()
                .flat_map(|b| &b.entries)
                .find(|e| !e.reason.is_empty() && e.covers(finding))
            {
                entry.reason = old.reason.clone();
            }
            let key = (
                entry.topic.clone(),
                entry.code.clone(),
                entry.evidence.clone(),
            );
            entries.entry(key).or_insert(entry);
        }
        Baseline {
            version: VERSION,
            entries: entries.into_values().collect(),
        }
    }

    /// Splits `findings` into those the baseline does not cover (returned, in order) and
    /// those it does, and lists the entries that covered nothing.
    pub fn apply(&self, path: &str, findings: Vec<Finding>) -> (Vec<Finding>, Applied) {
        let mut used = vec![false; self.entries.len()];
        let mut new = Vec::new();
        let mut suppressed = Vec::new();
        for finding in findings {
            let covering: Vec<usize> = self
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.covers(&finding))
                .map(|(i, _)| i)
                .collect();
            if covering.is_empty() {
                new.push(finding);
            } else {
                for i in covering {
                    used[i] = true;
                }
                suppressed.push(finding);
            }
        }
        let stale = self
            .entries
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(e, _)| e.clone())
            .collect();
        let applied = Applied {
            path: path.to_string(),
            suppressed,
            stale,
        };
        (new, applied)
    }

    /// Reads a baseline file's text. `path` names the file in the error.
    pub fn parse(path: &str, text: &str) -> Result<Baseline, BaselineError> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|err| {
            let offset = offset_of(text, err.line(), err.column());
            BaselineError::new(
                path,
                text,
                Some(offset..offset),
                format!("this is not a claimcheck baseline: {err}"),
            )
        })?;
        if baseline.version != VERSION {
            let span = text.find("\"version\"").map(|i| i..i + "\"version\"".len());
            return Err(BaselineError::new(
                path,
                text,
                span,
                format!(
                    "baseline version {} is not supported; this claimcheck reads version {VERSION}",
                    baseline.version
                ),
            ));
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON with a final line break.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .expect("a baseline is strings and numbers, which always serialise");
        text.push('\n');
        text
    }
}

/// The byte offset of a 1-based line and column, on a char boundary.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A baseline file that cannot be used, pointing at the place in the file.
#[derive(Debug)]
pub struct BaselineError {
    pub message: String,
    source: NamedSource<Arc<str>>,
    span: Option<Range<usize>>,
}

impl BaselineError {
    fn new(path: &str, text: &str, span: Option<Range<usize>>, message: String) -> Self {
        BaselineError {
            message,
            source: NamedSource::new(path, Arc::from(text)),
            span,
        }
    }
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BaselineError {}

impl Diagnostic for BaselineError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("claimcheck::baseline::invalid"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(
            "fix the file by hand, or remove it and write a new one with `claimcheck baseline PATHS -o FILE`",
        ))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".to_string()), span),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Evidence, Severity};

    fn claim(path: &str, id: &str, stance: Stance, text: &str, start: usize) -> Claim {
        Claim {
            topic: "story/cause".to_string(),
            stance,
            line: 1 + start / 100,
            column: 1 + start % 100,
            ..crate::testing::category_claim(path, id, start, text)
        }
    }

    fn finding(claims: Vec<Claim>) -> Finding {
        Finding {
            code: "claimcheck::contradiction::category".into(),
            severity: Severity::Error,
            topic: "story/cause".into(),
            message: "the causes do not agree".to_string(),
            help: "".into(),
            evidence: claims
                .into_iter()
                .map(|claim| Evidence {
                    claim,
                    label: "says".to_string(),
                })
                .collect(),
        }
    }

    fn reviewed() -> Finding {
        finding(vec![
            claim("a.txt", "money", Stance::Asserted, "over money", 10),
            claim("b.txt", "politics", Stance::Asserted, "over politics", 20),
        ])
    }

    #[test]
    fn a_finding_whose_evidence_moved_in_its_article_is_still_covered() {
        let baseline = Baseline::from_findings(&[reviewed()], None);
        let moved = finding(vec![
            claim("a.txt", "money", Stance::Asserted, "over money", 4010),
            claim(
                "b.txt",
                "politics",
                Stance::Asserted,
                "over\n  politics",
                920,
            ),
        ]);
        let (new, applied) = baseline.apply("base.json", vec![moved]);
        assert!(new.is_empty());
        assert_eq!(applied.suppressed.len(), 1);
        assert!(applied.stale.is_empty());
    }

    #[test]
    fn a_finding_with_more_evidence_than_its_entry_is_new() {
        let baseline = Baseline::from_findings(&[reviewed()], None);
        let mut grown = reviewed();
        grown.evidence.push(Evidence {
            claim: claim("c.txt", "money", Stance::Denied, "not over money", 5),
            label: "denies".to_string(),
        });
        let (new, applied) = baseline.apply("base.json", vec![grown]);
        assert_eq!(new.len(), 1);
        assert_eq!(applied.stale.len(), 1, "the old entry matched nothing");
    }

    #[test]
    fn a_finding_that_lost_evidence_is_still_covered() {
        let three = finding(vec![
            claim("a.txt", "money", Stance::Asserted, "over money", 10),
            claim("b.txt", "politics", Stance::Asserted, "over politics", 20),
            claim("c.txt", "politics", Stance::Asserted, "over politics", 30),
        ]);
        let baseline = Baseline::from_findings(&[three], None);
        let (new, applied) = baseline.apply("base.json", vec![reviewed()]);
        assert!(new.is_empty());
        assert!(applied.stale.is_empty());
    }

    #[test]
    fn another_stance_or_value_or_code_is_not_covered() {
        let baseline = Baseline::from_findings(&[reviewed()], None);
        let denied = finding(vec![
            claim("a.txt", "money", Stance::Denied, "over money", 10),
            claim("b.txt", "politics", Stance::Asserted, "over politics", 20),
        ]);
        let mut other_code = reviewed();
        other_code.code = "claimcheck::contradiction::denied".into();
        let (new, applied) = baseline.apply("base.json", vec![denied, other_code]);
        assert_eq!(new.len(), 2);
        assert_eq!(applied.stale.len(), 1);
    }

    #[test]
    fn entries_that_match_nothing_are_stale() {
        let baseline = Baseline::from_findings(&[reviewed()], None);
        let (new, applied) = baseline.apply("base.json", Vec::new());
        assert!(new.is_empty());
        assert_eq!(applied.stale.len(), 1);
        assert!(applied.stale[0].describe().contains("story/cause"));
    }

    #[test]
    fn writing_again_keeps_the_reasons_of_entries_that_still_match() {
        let mut first = Baseline::from_findings(&[reviewed()], None);
        first.entries[0].reason = "the articles quote different people".to_string();
        let again = Baseline::from_findings(&[reviewed()], Some(&first));
        assert_eq!(
            again.entries[0].reason,
            "the articles quote different people"
        );
        assert_eq!(again, first);
    }

    #[test]
    fn the_file_is_deterministic_and_reads_back() {
        let other = finding(vec![
            claim("./z.txt", "money", Stance::Asserted, "over money", 10),
            claim("a.txt", "politics", Stance::Asserted, "over politics", 20),
        ]);
        let one = Baseline::from_findings(&[reviewed(), other.clone()], None);
        let two = Baseline::from_findings(&[other, reviewed()], None);
        assert_eq!(one.to_json(), two.to_json());
        assert!(one.to_json().contains("\"path\": \"z.txt\""));
        let read = Baseline::parse("base.json", &one.to_json()).expect("reads back");
        assert_eq!(read, one);
    }

    #[test]
    fn fingerprints_do_not_depend_on_positions() {
        let mut moved = reviewed();
        moved.evidence = moved
            .evidence
            .to_vec()
            .into_iter()
            .map(|mut e| {
                e.claim.span = e.claim.span.start + 500..e.claim.span.end + 500;
                e.claim.line += 7;
                e
            })
            .collect();
        assert_eq!(fingerprint(&moved), fingerprint(&reviewed()));
        assert_eq!(fingerprint(&reviewed()).len(), 16);
        let mut other = reviewed();
        other.topic = "story/other".into();
        assert_ne!(fingerprint(&other), fingerprint(&reviewed()));
    }

    #[test]
    fn a_broken_file_is_an_error_pointing_into_it() {
        let err = Baseline::parse("base.json", "{\n  \"version\": 1,\n  \"entries\": [}\n")
            .expect_err("not JSON");
        assert!(err.message.contains("not a claimcheck baseline"));
        assert!(err.span.is_some());
        let unknown = Baseline::parse("b.json", "{\"version\": 1, \"entries\": [], \"x\": 1}")
            .expect_err("unknown field");
        assert!(unknown.message.contains("unknown field"));
        let version = Baseline::parse("b.json", "{\"version\": 9, \"entries\": []}")
            .expect_err("future version");
        assert!(version.message.contains("version 9"));
    }

    #[test]
    fn offsets_of_errors_land_on_char_boundaries() {
        let text = "{\"é\u{1F600}\": x}";
        for column in 0..20 {
            let offset = offset_of(text, 1, column);
            assert!(text.is_char_boundary(offset));
        }
        assert_eq!(offset_of("", 5, 5), 0);
    }
}
