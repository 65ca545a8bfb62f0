//! `claimcheck man [COMMAND]`: manual pages in roff, generated from the command-line
//! definitions: `claimcheck man > claimcheck.1`, `claimcheck man test > claimcheck-test.1`.

use std::io::Write;

use clap::CommandFactory;

use super::FAILURE;
use crate::cli::{Cli, ManArgs};

pub fn run(args: &ManArgs) -> u8 {
    let mut command = Cli::command();
    // Building gives each subcommand its full name (claimcheck-test) and global options.
    command.build();
    let page_of = match &args.command {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                let _ = writeln!(
                    std::io::stderr(),
                    "error: there is no command `{name}`; the commands are {}",
                    names.join(", ")
                );
                return FAILURE;
            }
        },
    };
    let mut page = Vec::new();
    let man =
        clap_mangen::Man::new(page_of).source(format!("claimcheck {}", env!("CARGO_PKG_VERSION")));
    if let Err(err) = man.render(&mut page) {
        let _ = writeln!(
            std::io::stderr(),
            "error: cannot write the manual page: {err}"
        );
        return FAILURE;
    }
    let _ = std::io::stdout().lock().write_all(&page);
    0
}
