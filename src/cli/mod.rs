//! The command line: a thin face over the library. No arguments (or a chart file) opens the editor;
//! subcommands work headless.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod check;
pub mod diff;
pub mod export;
mod figures;
pub mod generate;
pub mod import;
pub mod progress;
pub mod report;

#[derive(Parser, Debug)]
#[command(
    name = "orgchart",
    version,
    about = "Draw, compare and export organisation charts",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A chart (.ron) to open in the editor; with no file the editor opens on a sample chart.
    pub file: Option<PathBuf>,
    /// A second chart: the editor opens comparing FILE (before) with this one (after).
    #[arg(requires = "file")]
    pub compare_with: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Export a chart as SVG, PNG, PDF or CSV (chosen by the output's extension).
    Export(export::ExportArgs),
    /// Validate a chart and print its figures.
    Check(check::CheckArgs),
    /// Write a realistic synthetic chart, for tests and benchmarks.
    Generate(generate::GenerateArgs),
    /// Compare two charts: what was added, removed, moved and changed, with totals.
    Diff(diff::DiffArgs),
    /// Import a CSV table or a UK government organogram (senior + junior staff files).
    Import(import::ImportArgs),
    /// A summary report of a chart, or of the change between two charts: PDF, one-file HTML or Markdown.
    Report(report::ReportArgs),
}

/// Why a command failed; decides the exit status.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The input is invalid or could not be read or written: exit 1.
    #[error("{0}")]
    Invalid(String),
    /// The command was used wrongly: exit 2.
    #[error("{0}")]
    Usage(String),
}

impl CliError {
    pub fn invalid(err: impl std::fmt::Display) -> Self {
        Self::Invalid(err.to_string())
    }

    fn exit_code(&self) -> u8 {
        match self {
            Self::Invalid(_) => 1,
            Self::Usage(_) => 2,
        }
    }
}

/// Writes a command's result to stdout. A reader that stops early (`orgchart diff A B | head`) is not an
/// error, so a closed pipe ends quietly instead of panicking as `print!` would.
pub fn print_out(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Invalid(
            format!("cannot write to standard output: {err}"),
        )),
        _ => Ok(()),
    }
}

/// Sums of many fractional figures pick up float noise (1883.4299999999985); six decimals keep every digit
/// a file can hold without it. Whole numbers stay integers.
pub fn tidy_numbers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(number) if number.is_f64() => {
            if let Some(tidy) = number
                .as_f64()
                .map(|x| (x * 1e6).round() / 1e6)
                .and_then(serde_json::Number::from_f64)
            {
                *number = tidy;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(tidy_numbers),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(tidy_numbers),
        _ => {}
    }
}

/// Runs a headless subcommand and turns its outcome into an exit status, printing errors on stderr.
pub fn run_command(command: Command) -> ExitCode {
    let result = match command {
        Command::Export(args) => export::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Report(args) => report::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("orgchart: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
