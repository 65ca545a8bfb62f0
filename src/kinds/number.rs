//! Number claims: quantities written with digits, separators, scale words and number
//! words, with qualifiers ("about", "more than") that make them intervals.

use serde::Serialize;

/// A quantity as the interval of values the text allows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// The number as written, scale applied ("160 million" is 160000000).
    pub value: f64,
    pub low: f64,
    pub high: f64,
}
