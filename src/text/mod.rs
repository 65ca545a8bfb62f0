//! Text helpers shared by every claim kind: sentences, stance, and the searchable form
//! of a text.

pub(crate) mod eight_bytes;
pub mod normalise;
pub mod sentences;
pub mod stance;
pub(crate) mod word_key;
pub(crate) mod words;
