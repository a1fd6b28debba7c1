use std::process::ExitCode;

use clap::Parser;
use orgchart::cli::{Cli, run_command};

fn main() -> ExitCode {
    orgchart::app::startup_trace::begin();
    orgchart::keep_freed_memory();
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run_command(command),
        None => orgchart::app::run(cli.file, cli.compare_with),
    }
}
