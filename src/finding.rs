//! A finding is one disagreement the reconciler found: what disagrees, how serious it is,
//! and the claims that are its evidence. Plain data: the report layer renders it.

use serde::{Deserialize, Serialize};

use crate::claim::Claim;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One claim cited by a finding, with what the report should say at its span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub claim: Claim,
    pub label: String,
}

/// One disagreement between articles, or within one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable diagnostic code, such as `claimcheck::contradiction::category`.
    pub code: String,
    pub severity: Severity,
    /// The topic (rule id) the finding is about.
    pub topic: String,
    /// One line saying what disagrees.
    pub message: String,
    /// One sentence saying who says what.
    pub help: String,
    /// The claims involved, sorted by article path and position.
    pub evidence: Vec<Evidence>,
}

impl Finding {
    /// The number of distinct articles among the evidence.
    pub fn article_count(&self) -> usize {
        let mut paths: Vec<&str> = self
            .evidence
            .iter()
            .map(|e| e.claim.path.as_str())
            .collect();
        paths.dedup();
        paths.len()
    }
}
