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
    /// List every claim found in the articles: topic, value, stance, place and words.
    Claims(ClaimsArgs),
    /// Write the current findings to a baseline file of reviewed findings.
    Baseline(BaselineArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of claimcheck or of one of its commands.
    Man(ManArgs),
    /// Show what each article says on each topic, who agrees, and which check-worthy
    /// sentences no rule covers.
    Coverage(CoverageArgs),
    /// Check a draft against published articles: each claim corroborated, contradicted
    /// or unsupported.
    Audit(AuditArgs),
    /// Print every rule pattern as compiled, one per line (for comparing with other
    /// search tools, e.g. `rg -f`).
    #[command(hide = true)]
    DumpPatterns {
        /// Also print the built-in patterns every rule relies on: the date readers and
        /// the stance cues.
        #[arg(long)]
        builtin: bool,
    },
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

    /// How to write the report.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Leave out the findings recorded in this baseline file (see `claimcheck baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Also exit with 1 when a baseline entry no longer matches any finding.
    #[arg(long, requires = "baseline")]
    pub fail_on_stale: bool,

    /// Exit with 2 when any file had to be skipped (unreadable, binary, not UTF-8, too
    /// large), instead of only warning about it.
    #[arg(long)]
    pub strict: bool,

    /// Skip files larger than this: a number of bytes, or with a unit (500K, 64M, 1G).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Never show a progress bar (it is shown on a terminal, outside CI, for checks that
    /// take more than a couple of seconds).
    #[arg(long)]
    pub no_progress: bool,

    /// After the report, print on stderr how long each stage took: checking the articles,
    /// quotation findings, reconciling, writing the report.
    #[arg(long)]
    pub timings: bool,

    #[command(flatten)]
    pub common: Common,
}

/// The formats of the check report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with a snippet of each article.
    Human,
    /// One line per finding: path:line:col: severity: code: message.
    Short,
    /// A versioned JSON document.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
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

    /// Also fail every rule that has no positive example.
    #[arg(long)]
    pub coverage: bool,

    /// How to write the results.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Article files or folders of articles.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to write the claims.
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Table)]
    pub format: ClaimsFormat,

    /// Only the claims of this topic (a rule's id).
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    /// An aligned table, sorted by article and position.
    Table,
    /// A versioned JSON document.
    Json,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Article files or folders of articles.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The baseline file to write. Reasons of its entries that still match are kept.
    #[arg(
        short,
        long,
        value_name = "FILE",
        default_value = "claimcheck-baseline.json"
    )]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `test` for claimcheck-test(1).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
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

/// A size as written on the command line: bytes, or a number with K, M or G (powers of
/// 1024, optionally followed by "iB" or "B").
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(digits_end);
    let unit = unit.trim().to_ascii_uppercase();
    let shift = match unit.as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(format!("unknown unit `{unit}`; write e.g. 500K, 64M or 1G")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| "write a whole number, e.g. 500K, 64M or 1G".to_string())?;
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| "that size is too large".to_string())
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_are_bytes_or_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("500K"), Ok(500 * 1024));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
    }

    #[test]
    fn sizes_without_a_number_or_with_an_unknown_unit_are_refused() {
        assert!(parse_size("M").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("-5M").is_err());
        assert!(parse_size("99999999999T").is_err());
    }
}
