//! `orgchart report`: one chart's summary, or the change between two charts, as a PDF, a single web page
//! or Markdown.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::diff::DiffOptions;
use crate::layout::Orientation;
use crate::page_export::{self, PaperOptions};
use crate::paper::Paper;
use crate::render::colour_by::ColourBy;
use crate::report::{self, ReportFormat, ReportOptions};

use super::CliError;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The chart (.ron); with a second chart, the chart before the change.
    pub chart: PathBuf,
    /// The chart after the change: the report then explains the change.
    pub after: Option<PathBuf>,
    /// Where to write; the extension picks the form: .pdf, .html (one self-contained file) or .md (with its
    /// pictures as SVG files beside it).
    #[arg(short, long)]
    pub output: PathBuf,
    /// The paper of the PDF (a4, letter, ... or WIDTHxHEIGHT in points); the chart's page is turned to suit it.
    #[arg(long, default_value = "a4")]
    pub paper: Paper,
    /// top-down or left-right.
    #[arg(long, default_value = "top-down")]
    pub orientation: Orientation,
    /// Colour the chart's cards by organisation, department, grade, status or tag:NAME.
    #[arg(long, value_name = "FIELD")]
    pub colour_by: Option<ColourBy>,
    /// Match units by id only; by default units of charts drawn separately are also matched by name.
    #[arg(long)]
    pub ids_only: bool,
}

fn label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

pub fn run(args: &ReportArgs) -> Result<(), CliError> {
    let format = ReportFormat::from_path(&args.output).ok_or_else(|| {
        CliError::Usage(format!(
            "{}: the output's extension chooses the form; use one of {}",
            args.output.display(),
            ReportFormat::EXTENSIONS
        ))
    })?;
    let mut inputs = vec![args.chart.as_path()];
    inputs.extend(args.after.as_deref());
    crate::io::check_output(&args.output, &inputs).map_err(CliError::Invalid)?;
    let mut options = ReportOptions {
        paper: PaperOptions {
            paper: args.paper.clone(),
            date: page_export::today(),
            cards: None,
        },
        layout: Default::default(),
        colour_by: args.colour_by.clone(),
        diff: DiffOptions {
            guess_matches: !args.ids_only,
        },
    };
    options.layout.orientation = args.orientation;
    let progress = super::progress::Progress::on_stderr();
    progress.stage(format!("reading {}…", args.chart.display()));
    let chart = crate::io::load(&args.chart).map_err(CliError::invalid)?;
    let document = match &args.after {
        None => {
            progress.stage(format!(
                "reporting on {}…",
                super::progress::units(chart.len())
            ));
            report::single_report(&chart, &label(&args.chart), &options)
        }
        Some(after) => {
            progress.stage(format!("reading {}…", after.display()));
            let after_chart = crate::io::load(after).map_err(CliError::invalid)?;
            progress.stage(format!(
                "comparing {} with {}…",
                super::progress::units(chart.len()),
                super::progress::units(after_chart.len())
            ));
            report::compare_report(
                &chart,
                &after_chart,
                (&label(&args.chart), &label(after)),
                &options,
            )
        }
    };
    progress.stage(format!("drawing and writing {}…", args.output.display()));
    let files = report::report_files(&document, format, &args.output).map_err(CliError::Invalid)?;
    for (path, bytes) in &files {
        crate::io::write_atomically(path, bytes).map_err(|err| {
            CliError::Invalid(format!("{}: cannot write the file: {err}", path.display()))
        })?;
    }
    if files.len() > 1 {
        eprintln!(
            "orgchart: wrote {} and {} picture{} beside it",
            args.output.display(),
            files.len() - 1,
            if files.len() == 2 { "" } else { "s" }
        );
    }
    progress.finish();
    Ok(())
}
