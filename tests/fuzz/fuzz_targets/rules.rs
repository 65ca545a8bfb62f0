//! Fuzz target: arbitrary text as a rule file. Loading must turn every mistake into a
//! diagnostic that renders, and a rule that loads must run its examples without panicking.

#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::rule_file(data));
