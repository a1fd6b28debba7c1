//! `orgchart import`: a CSV table, or a UK government organogram (senior and optional junior staff files),
//! to a chart file. Every row becomes a unit; what could not be taken as written is listed by row.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;

use crate::io::import::{ImportFormat, import_files};

use super::CliError;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The table to import: a simple CSV, or an organogram's senior staff file.
    pub input: PathBuf,
    /// The organogram's junior staff file, whose rows go under their reporting senior posts.
    #[arg(long, value_name = "JUNIOR.csv")]
    pub junior: Option<PathBuf>,
    /// Where to write the chart (.ron).
    #[arg(short, long)]
    pub output: PathBuf,
    /// auto (organogram when the senior staff columns are there), simple or organogram.
    #[arg(long, default_value = "auto")]
    pub format: ImportFormat,
}

pub fn run(args: &ImportArgs) -> Result<(), CliError> {
    let report = import_files(&args.input, args.junior.as_deref(), args.format)
        .map_err(CliError::invalid)?;
    crate::io::save(&report.chart, &args.output).map_err(CliError::invalid)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} rows read, {} units written to {}",
        args.input.display(),
        report.rows_read,
        report.units_created,
        args.output.display()
    );
    if report.warnings.is_empty() {
        out.push_str("no warnings\n");
    } else {
        let count = report.warnings.len();
        let noun = if count == 1 { "warning" } else { "warnings" };
        let _ = writeln!(out, "{count} {noun}:");
        for warning in &report.warnings {
            let _ = writeln!(out, "  {warning}");
        }
    }
    super::print_out(&out)
}
