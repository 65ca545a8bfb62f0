//! The `claimcheck` command: parses arguments, calls the library, renders, and chooses
//! the exit code (0: nothing at or above --fail-on, 1: findings, 2: could not do its job).

mod allocator;
mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Test(args)) => commands::test::run(args, &cli.check.common),
        Some(Command::Claims(args)) => commands::claims::run(args, &cli.check.common),
        Some(Command::Baseline(args)) => commands::baseline::run(args, &cli.check.common),
        Some(Command::Completions(args)) => commands::completions::run(args),
        Some(Command::Man(args)) => commands::man::run(args),
        Some(Command::Coverage(args)) => commands::coverage::run(args, &cli.check.common),
        Some(Command::Audit(args)) => commands::audit::run(args, &cli.check.common),
        Some(Command::DumpPatterns { builtin }) => {
            commands::dump_patterns::run(&cli.check.common, *builtin)
        }
        None => commands::check::run(&cli.check),
    };
    ExitCode::from(code)
}
