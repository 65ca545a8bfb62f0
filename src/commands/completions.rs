//! `claimcheck completions SHELL`: a completion script generated from the command-line
//! definitions, so it never falls behind them.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "claimcheck", &mut script);
    let _ = std::io::stdout().lock().write_all(&script);
    0
}
