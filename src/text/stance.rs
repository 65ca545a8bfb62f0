//! Stance: whether a sentence asserts, denies or only hedges a claim.

use serde::Serialize;

/// How firmly an article states a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Asserted,
    Denied,
    Hedged,
}
