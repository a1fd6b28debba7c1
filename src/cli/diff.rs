//! `orgchart diff BEFORE AFTER`: what changed between two charts, as text, JSON, a change table or a
//! picture of the merged change view.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::diff::report::{Report, headline};
use crate::diff::{self, DiffOptions};
use crate::layout::Orientation;
use crate::render::{self, RenderOptions};

use super::CliError;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The chart before the change (.ron).
    pub before: PathBuf,
    /// The chart after the change (.ron).
    pub after: PathBuf,
    /// Print one JSON object instead of the text summary.
    #[arg(long, conflicts_with = "output")]
    pub json: bool,
    /// Write the change instead of printing it; the extension picks the form: .svg, .png, .pdf (the merged
    /// change view with key and totals) or .csv, .md (the change list as a table).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Match units by id only; by default units of charts drawn separately are also matched by name.
    #[arg(long)]
    pub ids_only: bool,
    /// For pictures: top-down or left-right.
    #[arg(long, default_value = "top-down")]
    pub orientation: Orientation,
    /// For pictures: pack the chart more tightly.
    #[arg(long)]
    pub compact: bool,
    /// For PNG: pixels per chart unit.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    Svg,
    Png,
    Pdf,
    Csv,
    Markdown,
}

const SUPPORTED: &str = ".svg, .png, .pdf, .csv, .md";

fn output_of(path: &Path) -> Result<Output, CliError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("svg") => Ok(Output::Svg),
        Some("png") => Ok(Output::Png),
        Some("pdf") => Ok(Output::Pdf),
        Some("csv") => Ok(Output::Csv),
        Some("md" | "markdown") => Ok(Output::Markdown),
        _ => Err(CliError::Usage(format!(
            "{}: the output's extension must be one of {SUPPORTED}",
            path.display()
        ))),
    }
}

fn label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

pub fn run(args: &DiffArgs) -> Result<(), CliError> {
    let output = args.output.as_deref().map(output_of).transpose()?;
    if output == Some(Output::Png) && !(args.scale.is_finite() && args.scale > 0.0) {
        return Err(CliError::Usage(format!(
            "--scale must be a positive number, not {}",
            args.scale
        )));
    }
    if let Some(path) = &args.output {
        crate::io::check_output(path, &[&args.before, &args.after]).map_err(CliError::Invalid)?;
    }
    let progress = super::progress::Progress::on_stderr();
    progress.stage(format!("reading {}…", args.before.display()));
    let before = crate::io::load(&args.before).map_err(CliError::invalid)?;
    progress.stage(format!("reading {}…", args.after.display()));
    let after = crate::io::load(&args.after).map_err(CliError::invalid)?;
    let options = DiffOptions {
        guess_matches: !args.ids_only,
    };
    progress.stage(format!(
        "comparing {} with {}…",
        super::progress::units(before.len()),
        super::progress::units(after.len())
    ));
    let change = diff::diff_with(&before, &after, &options);
    let report =
        Report::new(&before, &after, &change).labelled(label(&args.before), label(&args.after));
    let (Some(path), Some(output)) = (&args.output, output) else {
        if args.json {
            let mut json = report.json();
            super::tidy_numbers(&mut json);
            super::print_out(&format!("{json:#}\n"))?;
        } else {
            super::print_out(&report.text())?;
        }
        progress.finish();
        return Ok(());
    };
    let picture = || {
        let merged = diff::merged(&before, &after, &change);
        let mut options = RenderOptions {
            title: Some(format!(
                "Changes from {} to {}",
                label(&args.before),
                label(&args.after)
            )),
            footer: Some(headline(&change.totals)),
            marks: merged.render_marks(),
            ..RenderOptions::default()
        };
        options.layout.orientation = args.orientation;
        options.layout.compact = args.compact;
        progress.stage(format!(
            "laying out {}…",
            super::progress::units(merged.chart.len())
        ));
        let drawing = render::build_drawing(&merged.chart, &options);
        progress.stage("drawing…");
        drawing
    };
    let bytes = match output {
        Output::Svg => render::to_svg(&picture()).into_bytes(),
        Output::Png => render::to_png(&picture(), args.scale).map_err(CliError::invalid)?,
        Output::Pdf => render::to_pdf(&picture()).map_err(CliError::invalid)?,
        Output::Csv => report.csv().map_err(CliError::invalid)?.into_bytes(),
        Output::Markdown => report.markdown().into_bytes(),
    };
    progress.stage(format!("writing {}…", path.display()));
    crate::io::write_atomically(path, &bytes).map_err(|err| {
        CliError::Invalid(format!("{}: cannot write the file: {err}", path.display()))
    })?;
    progress.finish();
    Ok(())
}
