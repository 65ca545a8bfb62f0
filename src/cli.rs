//! The command line, as clap definitions and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Finds claims in news articles and reports where articles contradict each other.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the [[test]] examples of every rule file.
    Test(TestArgs),
    /// Print every rule pattern as compiled, one per line (for comparing with other
    /// search tools, e.g. `rg -f`).
    #[command(hide = true)]
    DumpPatterns,
}

/// Check articles (the default command).
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Article files or folders of articles.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Exit with 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Never show a progress bar (it is shown on a terminal, outside CI, for checks that
    /// take more than a couple of seconds).
    #[arg(long)]
    pub no_progress: bool,

    #[command(flatten)]
    pub common: Common,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// The rules folder. Default: ./rules when it exists, otherwise the built-in rules.
    #[arg(long, value_name = "DIR", global = true)]
    pub rules: Option<PathBuf>,

    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The rules folder to test (default as for --rules).
    #[arg(value_name = "RULES_DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}
