//! claimcheck finds factual claims in news articles, normalises them, and reports
//! where articles (or one article) disagree about the same thing.
//!
//! The library never prints: every stage is a function over plain data, and the binary
//! renders the result.

pub mod audit;
pub mod baseline;
pub mod check;
mod chunked;
pub mod claim;
pub mod corpus;
pub mod coverage;
pub mod document;
pub mod finding;
pub mod kinds;
pub mod reconcile;
pub mod report;
pub mod rules;
pub mod scan;
pub mod text;

#[cfg(test)]
mod testing;

pub use check::{CheckOptions, Outcome, check, check_with};
pub use rules::RuleSet;
