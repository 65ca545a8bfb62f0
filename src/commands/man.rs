//! `claimcheck man`: the manual page in roff, generated from the command-line
//! definitions. Install it with `claimcheck man > claimcheck.1`.

use std::io::Write;

use clap::CommandFactory;

use super::FAILURE;
use crate::cli::Cli;

pub fn run() -> u8 {
    let mut page = Vec::new();
    if let Err(err) = clap_mangen::Man::new(Cli::command()).render(&mut page) {
        let _ = writeln!(
            std::io::stderr(),
            "error: cannot write the manual page: {err}"
        );
        return FAILURE;
    }
    let _ = std::io::stdout().lock().write_all(&page);
    0
}
