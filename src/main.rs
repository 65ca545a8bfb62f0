//! The `claimcheck` command: parses arguments, calls the library, renders, and chooses
//! the exit code (0: nothing at or above --fail-on, 1: findings, 2: could not do its job).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Test(args)) => commands::test::run(args, &cli.check.common),
        Some(Command::Coverage(args)) => commands::coverage::run(args, &cli.check.common),
        Some(Command::Audit(args)) => commands::audit::run(args, &cli.check.common),
        None => commands::check::run(&cli.check),
    };
    ExitCode::from(code)
}
