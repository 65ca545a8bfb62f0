//! Claim kinds. Each kind owns its extraction, normalisation and comparison; the
//! reconciler asks the kind whether two values disagree.

pub mod date;
pub mod number;
pub mod quote;
