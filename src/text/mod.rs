//! Text helpers shared by every claim kind: sentences and stance.

pub mod sentences;
pub mod stance;
