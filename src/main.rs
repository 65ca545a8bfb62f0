//! The `claimcheck` command.

fn main() {}
