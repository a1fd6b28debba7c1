//! `orgchart import`: a CSV table or workbook (an HR export, another org-chart tool's file), or a UK
//! government organogram (senior and optional junior staff files, or one workbook holding both sheets), to a
//! chart file. Every row becomes a unit; the columns used for each meaning are listed, and what could not be
//! taken as written is listed by row.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;

use crate::io::import::{ColumnMapping, ImportFormat, ImportOptions, import_files_with};

use super::CliError;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The table to import: a CSV file or a workbook (.xlsx, .xlsm, .xls, .ods), or an organogram's senior
    /// staff file.
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
    /// The workbook's sheet to read (default: its organogram sheets, else the first sheet with data).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Which column holds what, overriding the guesses: FIELD=COLUMN pairs separated by commas, e.g.
    /// "name=Full Name,reports_to=Boss Ref,department=Team"; "FIELD=" takes it from no column.
    #[arg(long, value_name = "FIELD=COLUMN,...")]
    pub map: Vec<String>,
}

pub fn run(args: &ImportArgs) -> Result<(), CliError> {
    let mut mapping = ColumnMapping::default();
    for entries in &args.map {
        mapping
            .add_entries(entries)
            .map_err(|err| CliError::Usage(format!("--map {entries}: {err}")))?;
    }
    let options = ImportOptions {
        format: args.format,
        sheet: args.sheet.clone(),
        mapping,
    };
    let mut inputs = vec![args.input.as_path()];
    inputs.extend(args.junior.as_deref());
    crate::io::check_output(&args.output, &inputs).map_err(CliError::Invalid)?;
    let progress = super::progress::Progress::on_stderr();
    progress.stage(format!("reading and importing {}…", args.input.display()));
    let report = import_files_with(&args.input, args.junior.as_deref(), &options)
        .map_err(CliError::invalid)?;
    progress.stage(format!(
        "writing {} to {}…",
        super::progress::units(report.chart.len()),
        args.output.display()
    ));
    crate::io::save(&report.chart, &args.output).map_err(CliError::invalid)?;
    let mut out = String::new();
    // With a junior file, say how the rows split, as the two files are checked against their own counts.
    let source = if let [_, _, ..] = report.rows_per_file.as_slice() {
        let per_file: Vec<String> = report
            .rows_per_file
            .iter()
            .map(|(file, rows)| format!("{file}: {rows} {}", plural(*rows, "row", "rows")))
            .collect();
        format!("{};", per_file.join("; "))
    } else {
        format!("{}:", args.input.display())
    };
    let _ = writeln!(
        out,
        "{source} {} {} read, {} {} written to {}",
        report.rows_read,
        plural(report.rows_read, "row", "rows"),
        report.units_created,
        plural(report.units_created, "unit", "units"),
        args.output.display()
    );
    for (file, used) in &report.columns {
        let _ = writeln!(out, "{file} columns: {used}");
    }
    if report.warnings.is_empty() {
        out.push_str("no warnings\n");
    } else {
        let count = report.warnings.len();
        let _ = writeln!(out, "{count} {}:", plural(count, "warning", "warnings"));
        for warning in &report.warnings {
            let _ = writeln!(out, "  {warning}");
        }
    }
    progress.finish();
    super::print_out(&out)
}

fn plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 { one } else { many }
}
