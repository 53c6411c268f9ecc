//! k2d3-audit: parse the command line, run, exit with the run's code.

use std::process::ExitCode;

use clap::Parser;

mod app;
mod cli;

fn main() -> ExitCode {
    quiet_workbook_write_panics();
    let cli = cli::Cli::parse();
    app::run(cli).into()
}

/// A full disk makes rust_xlsxwriter panic while it streams a sheet; the library catches that
/// panic and reports it as the catalogue's error (file and system reason), so the default hook's
/// "thread panicked at" lines would only repeat it in a form no user should have to read. Every
/// other panic is reported as before.
fn quiet_workbook_write_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let text = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
        if !text.is_some_and(|t| t.starts_with(k2d3_audit::XLSX_WRITE_PANIC)) {
            default(info);
        }
    }));
}

/// Records move between the reader, the workers and the writer: mimalloc frees across threads
/// without glibc's arena lock, which measured 7 % of the run time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
