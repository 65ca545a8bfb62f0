//! Auditing a draft before publication: each of its claims set against the published
//! articles (corroborated, contradicted or unsupported), with the findings that set them
//! apart, and the draft's check-worthy sentences that no rule covers. Plain data.

use rayon::prelude::*;
use serde::Serialize;

use crate::check::{article_claims, claims_in};
use crate::claim::Claim;
use crate::corpus::Article;
use crate::coverage::{
    ArticleCoverage, agrees_with, article_coverage, cites, contradicts, is_contradiction,
};
use crate::document::Document;
use crate::finding::{Evidence, Finding};
use crate::reconcile::reconcile;
use crate::rules::RuleSet;
use crate::text::stance::Stance;

/// What the audit found.
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    /// The draft's claims and check-worthy sentences.
    pub draft: ArticleCoverage,
    /// The paths of the articles the draft was checked against, in order.
    pub corpus: Vec<String>,
    /// Every claim of the draft, in order of position (then of rule).
    pub claims: Vec<AuditedClaim>,
    /// The findings that set the draft against the corpus, each cut down to the draft's
    /// contradicted claims (first) and the corpus claims that contradict them.
    pub findings: Vec<Finding>,
    /// Findings among the draft's own claims only (the draft contradicts itself).
    pub within_draft: Vec<Finding>,
}

impl Audit {
    /// Whether a claim of the draft is contradicted by an article of the corpus.
    pub fn contradicts_corpus(&self) -> bool {
        self.claims.iter().any(|c| c.status == Status::Contradicted)
    }

    /// How many claims have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.claims.iter().filter(|c| c.status == status).count()
    }
}

/// One claim of the draft and what the corpus says about it.
#[derive(Clone, Debug, Serialize)]
pub struct AuditedClaim {
    pub claim: Claim,
    pub status: Status,
    /// Articles that state a compatible value with the same stance.
    pub corroborated_by: Vec<String>,
    /// Articles with a claim that the engine finds contradicts this one.
    pub contradicted_by: Vec<String>,
    /// Articles with any claim on the topic.
    pub mentioned_by: Vec<String>,
    /// Indices into [`Audit::findings`].
    pub findings: Vec<usize>,
}

/// The verdict on one claim of the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// At least one article contradicts it (whether or not others corroborate it).
    Contradicted,
    /// No article contradicts it and at least one states a compatible value.
    Corroborated,
    /// No article states anything that corroborates or contradicts it.
    Unsupported,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Contradicted => "contradicted",
            Status::Corroborated => "corroborated",
            Status::Unsupported => "unsupported",
        }
    }
}

/// Audits `draft` against `corpus` (which must not contain the draft).
///
/// A claim of the draft is *corroborated* by an article that states, on the same topic, a
/// value the engine reconciles with it, with the same stance (a hedged claim of the draft
/// is corroborated by articles that assert it); *contradicted* by an article whose claim
/// the engine cites with it in a contradiction and that contradicts it on its own
/// ([`contradicts`]); and *unsupported* otherwise.
pub fn audit(draft: &Article, corpus: &[Article], rules: &RuleSet) -> Audit {
    let doc = Document::new(draft);
    let mut draft_claims = claims_in(&doc, rules);
    // A draft is read top to bottom; the sort is stable, so rule order breaks ties.
    draft_claims.sort_by_key(|c| (c.span.start, c.span.end));
    let draft_coverage = article_coverage(&doc, draft.published.as_ref(), &draft_claims);
    let corpus_claims: Vec<Claim> = corpus
        .par_iter()
        .map(|article| article_claims(article, rules))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let all: Vec<Claim> = corpus_claims.iter().chain(&draft_claims).cloned().collect();
    let engine_findings = reconcile(rules, &std::sync::Arc::new(all.into_iter().collect()));

    let mut claims: Vec<AuditedClaim> = Vec::new();
    // Per engine finding, the draft claims it contradicts and the corpus claims that do.
    let mut focused: Vec<(usize, Vec<Claim>, Vec<Claim>)> = Vec::new();
    for claim in &draft_claims {
        let Some(topic) = rules.topics.iter().find(|t| t.id == claim.topic) else {
            continue;
        };
        let on_topic: Vec<&Claim> = corpus_claims
            .iter()
            .filter(|c| c.topic == claim.topic)
            .collect();
        let as_asserted = Claim {
            stance: if claim.stance == Stance::Hedged {
                Stance::Asserted
            } else {
                claim.stance
            },
            ..claim.clone()
        };
        let corroborated_by = paths(
            on_topic
                .iter()
                .filter(|c| c.stance != Stance::Hedged && agrees_with(topic, &as_asserted, c)),
        );
        let mut contradicting: Vec<&Claim> = Vec::new();
        for (index, finding) in engine_findings.iter().enumerate() {
            if !is_contradiction(finding) || !cites(finding, claim) {
                continue;
            }
            let against: Vec<&Claim> = on_topic
                .iter()
                .copied()
                .filter(|c| cites(finding, c) && contradicts(topic, claim, c))
                .collect();
            if against.is_empty() {
                continue;
            }
            match focused.iter_mut().find(|(i, _, _)| *i == index) {
                Some((_, mine, theirs)) => {
                    mine.push(claim.clone());
                    theirs.extend(against.iter().map(|c| (*c).clone()));
                }
                None => focused.push((
                    index,
                    vec![claim.clone()],
                    against.iter().map(|c| (*c).clone()).collect(),
                )),
            }
            contradicting.extend(against);
        }
        let contradicted_by = paths(contradicting.iter());
        let status = if !contradicted_by.is_empty() {
            Status::Contradicted
        } else if !corroborated_by.is_empty() {
            Status::Corroborated
        } else {
            Status::Unsupported
        };
        claims.push(AuditedClaim {
            claim: claim.clone(),
            status,
            corroborated_by,
            contradicted_by,
            mentioned_by: paths(on_topic.iter()),
            findings: Vec::new(),
        });
    }

    focused.sort_by_key(|(index, _, _)| *index);
    let findings: Vec<Finding> = focused
        .iter()
        .map(|(index, mine, theirs)| cut_down(&engine_findings[*index], mine, theirs))
        .collect();
    for audited in &mut claims {
        audited.findings = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| cites(f, &audited.claim))
            .map(|(i, _)| i)
            .collect();
    }
    let within_draft = engine_findings
        .into_iter()
        .filter(|f| f.evidence.iter().all(|e| e.claim.path() == draft.path))
        .collect();
    Audit {
        draft: draft_coverage,
        corpus: corpus.iter().map(|a| a.path.clone()).collect(),
        claims,
        findings,
        within_draft,
    }
}

/// `finding` with only the evidence on `mine` (the draft's, first) and `theirs`.
fn cut_down(finding: &Finding, mine: &[Claim], theirs: &[Claim]) -> Finding {
    let keep = |claims: &[Claim]| -> Vec<Evidence> {
        finding
            .evidence
            .iter()
            .filter(|e| {
                claims.iter().any(|c| {
                    c.topic == e.claim.topic()
                        && c.path == e.claim.path()
                        && c.span == e.claim.span()
                })
            })
            .map(|e| e.to_evidence())
            .collect()
    };
    let mut evidence = keep(mine);
    evidence.extend(keep(theirs));
    Finding {
        evidence: evidence.into(),
        ..finding.clone()
    }
}

/// The distinct article paths of some claims, sorted.
fn paths<'a>(claims: impl Iterator<Item = &'a &'a Claim>) -> Vec<String> {
    let mut paths: Vec<String> = claims.map(|c| c.path.clone()).collect();
    paths.sort();
    paths.dedup();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, CAUSE, OPENED, article};

    fn rules() -> RuleSet {
        testing::rules(&[("cause.toml", CAUSE), ("opened.toml", OPENED)])
    }

    fn corpus() -> Vec<Article> {
        vec![
            article(
                "a.txt",
                "The bridge fell because of rust. It opened in 1990.",
            ),
            article("b.txt", "Rust brought the bridge down."),
        ]
    }

    fn status_of<'a>(audit: &'a Audit, topic: &str) -> &'a AuditedClaim {
        audit
            .claims
            .iter()
            .find(|c| c.claim.topic == topic)
            .expect("the draft has a claim on the topic")
    }

    #[test]
    fn an_agreeing_claim_is_corroborated_by_the_articles_that_state_it() {
        let draft = article(
            "draft.txt",
            "Rust felled the bridge. It opened in June 1990.",
        );
        let result = audit(&draft, &corpus(), &rules());
        let cause = status_of(&result, "cause");
        assert_eq!(cause.status, Status::Corroborated);
        assert_eq!(cause.corroborated_by, ["a.txt", "b.txt"]);
        let opened = status_of(&result, "opened");
        assert_eq!(opened.status, Status::Corroborated);
        assert_eq!(opened.corroborated_by, ["a.txt"]);
        assert!(!result.contradicts_corpus());
        assert!(result.findings.is_empty());
    }

    #[test]
    fn a_contradicted_claim_names_the_articles_and_the_cut_down_finding() {
        let draft = article("draft.txt", "A flood felled the bridge. It opened in 1985.");
        let result = audit(&draft, &corpus(), &rules());
        let cause = status_of(&result, "cause");
        assert_eq!(cause.status, Status::Contradicted);
        assert_eq!(cause.contradicted_by, ["a.txt", "b.txt"]);
        let opened = status_of(&result, "opened");
        assert_eq!(opened.contradicted_by, ["a.txt"]);
        assert!(result.contradicts_corpus());
        assert_eq!(result.findings.len(), 2);
        for finding in &result.findings {
            let first = finding.evidence.first().expect("the finding has evidence");
            assert_eq!(first.claim.path(), "draft.txt");
        }
        assert_eq!(cause.findings.len(), 1);
    }

    #[test]
    fn a_claim_on_a_topic_no_article_mentions_is_unsupported() {
        let draft = article("draft.txt", "It opened in 1990.");
        let result = audit(
            &draft,
            &[article("b.txt", "Rust brought it down.")],
            &rules(),
        );
        let opened = status_of(&result, "opened");
        assert_eq!(opened.status, Status::Unsupported);
        assert!(opened.mentioned_by.is_empty());
        assert!(!result.contradicts_corpus());
    }

    #[test]
    fn a_draft_that_contradicts_itself_is_reported_apart() {
        let draft = article(
            "draft.txt",
            "Rust felled the bridge. A flood felled the bridge.",
        );
        let result = audit(&draft, &[], &rules());
        assert_eq!(result.within_draft.len(), 1);
        assert!(!result.contradicts_corpus());
    }

    #[test]
    fn a_hedged_claim_is_corroborated_but_never_contradicted() {
        let draft = article(
            "draft.txt",
            "Some speculated that a flood felled the bridge.",
        );
        let result = audit(&draft, &corpus(), &rules());
        assert_eq!(status_of(&result, "cause").status, Status::Unsupported);
        let draft = article("draft.txt", "Some speculated that rust felled the bridge.");
        let result = audit(&draft, &corpus(), &rules());
        assert_eq!(status_of(&result, "cause").status, Status::Corroborated);
    }
}
