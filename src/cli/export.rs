//! `orgchart export`: a chart file to SVG, PNG, PDF (or CSV), chosen by the output's extension.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::export::{ExportFormat, ExportStage, export_bytes_reporting};
use crate::layout::Orientation;
use crate::model::UnitId;
use crate::page_export::{self, PaperOptions};
use crate::paper::Paper;
use crate::render::colour_by::ColourBy;
use crate::render::{CardStyle, RenderOptions};

use super::CliError;
use super::progress::{Progress, units};

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The chart to export (.ron).
    pub input: PathBuf,
    /// Where to write; the extension picks the format: .svg, .png, .pdf, .csv or .xlsx.
    #[arg(short, long)]
    pub output: PathBuf,
    /// top-down or left-right.
    #[arg(long, default_value = "top-down")]
    pub orientation: Orientation,
    /// Pack the chart more tightly.
    #[arg(long)]
    pub compact: bool,
    /// PNG pixels per chart unit (2 suits print and high-density screens).
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
    /// Title at the top (default: the chart's own title).
    #[arg(long)]
    pub title: Option<String>,
    /// Leave out the key.
    #[arg(long)]
    pub no_legend: bool,
    /// Leave out the totals line.
    #[arg(long)]
    pub no_totals: bool,
    /// Export only this unit (by id) and the units below it.
    #[arg(long, value_name = "ID")]
    pub subtree: Option<String>,
    /// Lay the chart out for this paper and scale it onto one page of exactly that size: a4, a4-landscape,
    /// a3, a3-landscape, letter, letter-landscape, ... or WIDTHxHEIGHT in points. PNG: the page in points
    /// times --scale.
    #[arg(long, value_name = "PAPER", conflicts_with = "pages")]
    pub fit: Option<Paper>,
    /// Colour the cards by a field, with the colours in the key: organisation, department, grade, status or
    /// tag:NAME (the units carrying that tag). Statuses keep their badges in words.
    #[arg(long, value_name = "FIELD")]
    pub colour_by: Option<ColourBy>,
    /// Split the chart by structure into a PDF of pages of this paper (same names as --fit), with an index
    /// and bookmarks; text never prints below 6 pt.
    #[arg(long, value_name = "PAPER")]
    pub pages: Option<Paper>,
    /// Cards: standard, dense (smaller type, roles clipped to two rows, no figures on single posts) to
    /// get a big chart onto fewer pages, or list (dense managers, posts without reports as one-line rows
    /// "Name · Role" in a list below their manager). With --fit the default takes the first of standard,
    /// dense and list whose text prints at 6 pt or more.
    #[arg(long, value_name = "STYLE", value_parser = parse_cards)]
    pub cards: Option<CardStyle>,
}

fn parse_cards(text: &str) -> Result<CardStyle, String> {
    CardStyle::parse(text)
        .ok_or_else(|| format!("'{text}' is not a card style: use standard, dense or list"))
}

fn format_of(path: &Path) -> Result<ExportFormat, CliError> {
    ExportFormat::from_path(path).ok_or_else(|| {
        CliError::Usage(format!(
            "{}: the output's extension chooses the format; use one of {}",
            path.display(),
            ExportFormat::EXTENSIONS
        ))
    })
}

pub fn run(args: &ExportArgs) -> Result<(), CliError> {
    let format = format_of(&args.output)?;
    if format == ExportFormat::Png && !(args.scale.is_finite() && args.scale > 0.0) {
        return Err(CliError::Usage(format!(
            "--scale must be a positive number, not {}",
            args.scale
        )));
    }
    crate::io::check_output(&args.output, &[&args.input]).map_err(CliError::Invalid)?;
    let progress = Progress::on_stderr();
    progress.stage(format!("reading {}…", args.input.display()));
    let chart = crate::io::load(&args.input).map_err(CliError::invalid)?;
    let subtree = match &args.subtree {
        Some(id) => {
            let id = UnitId::new(id.as_str());
            if !chart.contains(&id) {
                return Err(CliError::Usage(format!(
                    "{}: no unit has the id '{id}' (given with --subtree)",
                    args.input.display()
                )));
            }
            Some(id)
        }
        None => None,
    };
    let mut options = RenderOptions {
        title: args.title.clone(),
        legend: !args.no_legend,
        totals_footer: !args.no_totals,
        subtree,
        colour_by: args.colour_by.clone(),
        ..RenderOptions::default()
    };
    options.layout.orientation = args.orientation;
    options.layout.compact = args.compact;
    options.card_style = args.cards.unwrap_or_default();
    // Said once the file is written.
    let mut wrote = None;
    let bytes = if let Some(paper) = &args.pages {
        if format != ExportFormat::Pdf {
            return Err(CliError::Usage(format!(
                "{}: --pages writes a PDF of pages; name the output .pdf (or use --fit for one page)",
                args.output.display()
            )));
        }
        let paper = PaperOptions {
            paper: paper.clone(),
            date: page_export::today(),
            cards: None,
        };
        progress.stage(format!(
            "laying out {} on {} pages and drawing them…",
            units(chart.len()),
            paper.paper.name
        ));
        let (bytes, pages) =
            page_export::export_pages(&chart, &options, &paper).map_err(CliError::Invalid)?;
        wrote = Some(format!(
            "orgchart: wrote {pages} {} page{} to {}",
            paper.paper.name,
            if pages == 1 { "" } else { "s" },
            args.output.display()
        ));
        bytes
    } else if let Some(paper) = &args.fit {
        if matches!(format, ExportFormat::Csv | ExportFormat::Xlsx) {
            return Err(CliError::Usage(format!(
                "{}: --fit makes a picture; name the output .png, .svg or .pdf",
                args.output.display()
            )));
        }
        let paper = PaperOptions {
            paper: paper.clone(),
            date: page_export::today(),
            cards: args.cards,
        };
        progress.stage(format!(
            "laying out {} to fit {} and drawing it…",
            units(chart.len()),
            paper.paper.name
        ));
        let fitted = page_export::export_fit(&chart, format, &options, &paper, args.scale)
            .map_err(CliError::Invalid)?;
        if let Some(warning) = &fitted.warning {
            eprintln!("orgchart: warning: {warning}");
        }
        fitted.bytes
    } else {
        let laid_out = match &options.subtree {
            Some(id) => format!("the branch under '{id}'"),
            None => units(chart.len()),
        };
        export_bytes_reporting(&chart, format, &options, args.scale, &mut |stage| {
            progress.stage(match stage {
                ExportStage::Layout => format!("laying out {laid_out}…"),
                ExportStage::Draw => format!("drawing the {}…", format.extension().to_uppercase()),
            });
        })
        .map_err(CliError::Invalid)?
    };
    progress.stage(format!("writing {}…", args.output.display()));
    crate::io::write_atomically(&args.output, &bytes).map_err(|err| {
        CliError::Invalid(format!(
            "{}: cannot write the file: {err}",
            args.output.display()
        ))
    })?;
    if let Some(wrote) = wrote {
        eprintln!("{wrote}");
    }
    progress.finish();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_comes_from_the_extension_in_any_case() {
        assert_eq!(format_of(Path::new("x.png")).unwrap(), ExportFormat::Png);
        let message = format_of(Path::new("x.docx")).unwrap_err().to_string();
        assert!(message.contains(".docx") && message.contains(".svg, .png, .pdf"));
        assert!(matches!(
            format_of(Path::new("noext")),
            Err(CliError::Usage(_))
        ));
    }
}
