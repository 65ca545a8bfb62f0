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
    /// Show what each article says on each topic, who agrees, and which check-worthy
    /// sentences no rule covers.
    Coverage(CoverageArgs),
    /// Check a draft against published articles: each claim corroborated, contradicted
    /// or unsupported.
    Audit(AuditArgs),
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

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// Article files or folders of articles.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = EditorFormat::Table)]
    pub format: EditorFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The draft article to check.
    #[arg(value_name = "DRAFT")]
    pub draft: PathBuf,

    /// The published articles (files or folders); the draft is left out if it is among them.
    #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
    pub against: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = EditorFormat::Table)]
    pub format: EditorFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// How the editors' commands write their report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EditorFormat {
    /// Aligned tables for the terminal.
    Table,
    /// Markdown, to paste into a pull request or a CMS note.
    Markdown,
    Json,
    /// One self-contained HTML page.
    Html,
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
