//! Fuzz target: arbitrary bytes as an article file, checked with the shipped rules, and
//! its text through every normaliser on its own.

#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::article(data));
