//! One way to turn a chart into a file for a report, shared by the command line and the editor's menu, so
//! both write the same bytes.

use std::path::Path;

use crate::model::Chart;
use crate::render::{self, RenderOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Svg,
    Png,
    Pdf,
    /// The simple CSV table (one row per unit), which `orgchart import` reads back.
    Csv,
    /// The same table as an Excel workbook (Units and Links sheets), which `orgchart import` reads back.
    Xlsx,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [Self::Png, Self::Svg, Self::Pdf, Self::Csv, Self::Xlsx];
    pub const EXTENSIONS: &'static str = ".svg, .png, .pdf, .csv, .xlsx";

    /// The format a file name asks for, by its extension in any case.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|format| format.extension() == extension)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Pdf => "pdf",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Png => "PNG image",
            Self::Svg => "SVG drawing",
            Self::Pdf => "PDF document",
            Self::Csv => "CSV table",
            Self::Xlsx => "Excel workbook",
        }
    }
}

/// The file's bytes. Pictures follow `options` (title, key, footer, subtree, marks); the table holds the
/// whole chart, or only `options.subtree` and those below it. `scale` is PNG pixels per chart unit.
pub fn export_bytes(
    chart: &Chart,
    format: ExportFormat,
    options: &RenderOptions,
    scale: f32,
) -> Result<Vec<u8>, String> {
    export_bytes_reporting(chart, format, options, scale, &mut |_| {})
}

/// A stage of [`export_bytes_reporting`], announced as it begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportStage {
    /// Measuring the cards, laying them out and routing the links.
    Layout,
    /// Turning the laid-out drawing into the file's format.
    Draw,
}

/// [`export_bytes`], telling `stage` as each stage begins (for progress on the command line). A table has
/// no stages.
pub fn export_bytes_reporting(
    chart: &Chart,
    format: ExportFormat,
    options: &RenderOptions,
    scale: f32,
    stage: &mut dyn FnMut(ExportStage),
) -> Result<Vec<u8>, String> {
    let mut drawing = || {
        stage(ExportStage::Layout);
        let drawing = render::build_drawing(chart, options);
        stage(ExportStage::Draw);
        drawing
    };
    match format {
        ExportFormat::Svg => Ok(render::to_svg(&drawing()).into_bytes()),
        ExportFormat::Png => render::to_png(&drawing(), scale).map_err(|err| err.to_string()),
        ExportFormat::Pdf => render::to_pdf(&drawing()).map_err(|err| err.to_string()),
        ExportFormat::Csv | ExportFormat::Xlsx => {
            let table = match &options.subtree {
                Some(id) if chart.contains(id) => chart.subtree_chart(id),
                _ => chart.clone(),
            };
            if format == ExportFormat::Xlsx {
                return crate::io::xlsx::to_xlsx_bytes(&table);
            }
            crate::io::csv_table::to_csv_string(&table)
                .map(String::into_bytes)
                .map_err(|err| err.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Unit, UnitId};

    #[test]
    fn format_comes_from_the_extension_in_any_case() {
        assert_eq!(
            ExportFormat::from_path(Path::new("a/b.SVG")),
            Some(ExportFormat::Svg)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("x.Pdf")),
            Some(ExportFormat::Pdf)
        );
        assert_eq!(ExportFormat::from_path(Path::new("x.docx")), None);
        assert_eq!(ExportFormat::from_path(Path::new("noext")), None);
    }

    #[test]
    fn pictures_announce_layout_then_drawing_and_tables_nothing() {
        let mut chart = Chart::new();
        chart
            .insert_unit(Unit::new("top", "Top"), None, None)
            .unwrap();
        let options = RenderOptions::default();
        for (format, expected) in [
            (
                ExportFormat::Svg,
                vec![ExportStage::Layout, ExportStage::Draw],
            ),
            (ExportFormat::Csv, vec![]),
        ] {
            let mut stages = Vec::new();
            export_bytes_reporting(&chart, format, &options, 1.0, &mut |s| stages.push(s)).unwrap();
            assert_eq!(stages, expected, "{format:?}");
        }
    }

    #[test]
    fn a_subtree_table_holds_only_that_branch() {
        let mut chart = Chart::new();
        chart
            .insert_unit(Unit::new("top", "Top"), None, None)
            .unwrap();
        let top = UnitId::new("top");
        chart
            .insert_unit(Unit::new("a", "Branch A"), Some(&top), None)
            .unwrap();
        chart
            .insert_unit(Unit::new("b", "Branch B"), Some(&top), None)
            .unwrap();
        let a = UnitId::new("a");
        chart
            .insert_unit(Unit::new("a1", "Team A1"), Some(&a), None)
            .unwrap();
        let options = RenderOptions {
            subtree: Some(a),
            ..RenderOptions::default()
        };
        let table =
            String::from_utf8(export_bytes(&chart, ExportFormat::Csv, &options, 1.0).unwrap())
                .unwrap();
        assert!(
            table.contains("Branch A") && table.contains("Team A1"),
            "{table}"
        );
        assert!(
            !table.contains("Branch B") && !table.contains("Top"),
            "{table}"
        );
    }
}
