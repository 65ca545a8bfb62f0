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

    /// Exit with 2 when any file had to be skipped (unreadable, binary, not UTF-8, too
    /// large), instead of only warning about it.
    #[arg(long)]
    pub strict: bool,

    /// Skip files larger than this: a number of bytes, or with a unit (500K, 64M, 1G).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_file_size: u64,

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
