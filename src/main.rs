//! k2d3-audit: parse the command line, run, exit with the run's code.

use std::process::ExitCode;

use clap::Parser;

mod app;
mod cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    app::run(cli).into()
}

/// Records move between the reader, the workers and the writer: mimalloc frees across threads
/// without glibc's arena lock, which measured 7 % of the run time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
