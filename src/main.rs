//! The `claimcheck` command: parses arguments, calls the library, renders, and chooses
//! the exit code (0: nothing at or above --fail-on, 1: findings, 2: could not do its job).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// jemalloc rather than the system allocator: a check of an archive holds millions of
/// small records while it reads and drops articles, and glibc's allocator keeps much of
/// what was given back (about 50 MB of a 1 GB check's peak), where jemalloc returns it.
#[cfg(all(unix, not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts: pages freed are returned to the system at
/// once rather than over ten seconds, so that the peak follows the memory in use.
#[cfg(all(unix, not(target_env = "msvc")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static ALLOCATOR_OPTIONS: Options = Options(c"dirty_decay_ms:0,muzzy_decay_ms:0".as_ptr());

/// A C string jemalloc reads, which nothing writes.
#[cfg(all(unix, not(target_env = "msvc")))]
#[repr(transparent)]
struct Options(*const std::ffi::c_char);

// SAFETY: the pointer is to a static C string literal, never written.
#[cfg(all(unix, not(target_env = "msvc")))]
unsafe impl Sync for Options {}

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
