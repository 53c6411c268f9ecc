//! k2d3-audit: parse the command line, run, exit with the run's code.

use std::process::ExitCode;

use clap::Parser;

mod app;
mod cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    app::run(cli).into()
}
