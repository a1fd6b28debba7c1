//! Small charts of a chart's organisation-design figures: managers by span of control in bands, headcount
//! by layer, and what each organisation carries. Drawn as bars and labels in a `Drawing`, so the Figures
//! panel, the report and every export show the same charts.

use crate::geom::{Point, Rect};
use crate::metrics::{
    self, NO_ORGANISATION, OrganisationTotals, SPAN_BANDS, SpansAndLayers, Totals, format,
};
use crate::model::{Chart, UnitId};

use super::blocks::{self, Bar, CHART_HEADING, CHART_TEXT, Ink};
use super::build::Theme;
use super::drawing::{Drawing, FontWeight, Shape};
use super::style::{self, Palette};

/// The figures of a whole chart or of one branch, ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// What they are of: "Whole chart", "'Finance' and below".
    pub heading: String,
    pub spans: SpansAndLayers,
    pub organisations: Vec<OrganisationTotals>,
    /// Some unit in view has a cost, so costs are shown (a chart without figures never claims £0).
    pub costed: bool,
    /// Names of the managers with a single report.
    pub single_report_names: Vec<String>,
}

impl Figures {
    /// The whole chart (`branch` is `None`) or one unit and everything below it (`None` if no such unit).
    pub fn of(chart: &Chart, branch: Option<&UnitId>) -> Option<Self> {
        let spans = metrics::branch_spans_and_layers(chart, branch)?;
        let organisations = metrics::branch_organisation_totals(chart, branch)?;
        let heading = match branch.and_then(|id| chart.unit(id)) {
            Some(unit) => format!("'{}' and below", unit.name),
            None => "Whole chart".to_owned(),
        };
        let in_view: Vec<&UnitId> = match branch {
            Some(id) => chart.subtree(id),
            None => chart.units().into_iter().map(|u| &u.id).collect(),
        };
        let costed = in_view
            .iter()
            .any(|id| chart.unit(id).is_some_and(|u| u.cost.is_some()));
        let single_report_names = spans
            .single_report
            .iter()
            .map(|id| {
                chart
                    .unit(id)
                    .map_or_else(|| id.to_string(), |u| u.name.clone())
            })
            .collect();
        Some(Self {
            heading,
            spans,
            organisations,
            costed,
            single_report_names,
        })
    }

    /// Whether any unit names an organisation (otherwise the organisation chart says nothing).
    pub fn has_organisations(&self) -> bool {
        self.organisations
            .iter()
            .any(|row| row.name != NO_ORGANISATION)
    }
}

/// Which of the small charts to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureChart {
    Spans,
    Layers,
    Organisations,
}

impl FigureChart {
    pub const ALL: [FigureChart; 3] = [Self::Spans, Self::Layers, Self::Organisations];

    pub fn title(self) -> &'static str {
        match self {
            Self::Spans => "Span of control",
            Self::Layers => "Layers, top first",
            Self::Organisations => "By organisation",
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "3 units · 12 posts · £480k" for a layer or an organisation.
fn totals_words(totals: &Totals, costed: bool, with_units: bool) -> String {
    let mut parts = Vec::new();
    if with_units {
        parts.push(plural(totals.units, "unit", "units"));
    }
    if totals.headcount.max > 0.0 || !costed {
        parts.push(format::headcount(totals.headcount, totals.has_fte));
    }
    if costed {
        parts.push(format::money(totals.cost));
    }
    parts.join(" · ")
}

/// Bars of managers per span band; the single-report band is flagged in its own colour and words.
pub fn span_bars(spans: &SpansAndLayers) -> Vec<Bar> {
    let most = spans.bands.iter().copied().max().unwrap_or(0).max(1);
    SPAN_BANDS
        .iter()
        .enumerate()
        .map(|(i, band)| {
            let n = spans.bands[i];
            let mut value = if n == 0 {
                "none".to_owned()
            } else {
                format!(
                    "{} · {:.0}%",
                    plural(n, "manager", "managers"),
                    spans.band_share(i) * 100.0
                )
            };
            if i == 0 && n > 0 {
                value.push_str(" · single report");
            }
            Bar {
                label: band.label.to_owned(),
                fraction: n as f64 / most as f64,
                value,
                color: if i == 0 {
                    style::VERMILLION
                } else {
                    style::BLUE
                },
            }
        })
        .collect()
}

/// Bars of headcount per layer (units when no unit gives a headcount).
pub fn layer_bars(spans: &SpansAndLayers, costed: bool) -> Vec<Bar> {
    let by_headcount = spans.layers.iter().any(|l| l.headcount.max > 0.0);
    let size = |l: &Totals| {
        if by_headcount {
            l.headcount.max
        } else {
            l.units as f64
        }
    };
    let most = spans.layers.iter().map(size).fold(0.0, f64::max).max(1e-9);
    spans
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| Bar {
            label: format!("Layer {}", i + 1),
            fraction: size(layer) / most,
            value: totals_words(layer, costed, true),
            color: style::BLUISH_GREEN,
        })
        .collect()
}

/// Bars of headcount per organisation (cost when no unit gives a headcount), in the colours colour-by
/// organisation gives them.
pub fn organisation_bars(rows: &[OrganisationTotals], costed: bool) -> Vec<Bar> {
    let by_headcount = rows.iter().any(|r| r.totals.headcount.max > 0.0);
    let size = |r: &OrganisationTotals| {
        if by_headcount {
            r.totals.headcount.max
        } else {
            r.totals.cost.max
        }
    };
    let most = rows.iter().map(size).fold(0.0, f64::max).max(1e-9);
    let mut named = 0;
    rows.iter()
        .map(|row| {
            let color = if row.name == NO_ORGANISATION {
                style::OTHER_CATEGORY
            } else {
                named += 1;
                style::category_color(named - 1)
            };
            let mut value = totals_words(&row.totals, costed, false);
            if row.shared_units > 0 {
                value.push_str(&format!(" · shares {}", row.shared_units));
            }
            Bar {
                label: row.name.clone(),
                fraction: size(row) / most,
                value,
                color,
            }
        })
        .collect()
}

/// The line under a chart's title.
fn subtitle(chart: FigureChart, figures: &Figures) -> String {
    match chart {
        FigureChart::Spans if figures.spans.managers.is_empty() => {
            "No unit has reports.".to_owned()
        }
        FigureChart::Spans => format!(
            "{}; average {:.1}, median {} direct reports",
            plural(figures.spans.managers.len(), "manager", "managers"),
            figures.spans.average_span(),
            figures.spans.median_span()
        ),
        FigureChart::Layers => format!(
            "{} from the top to the deepest post",
            plural(figures.spans.layers.len(), "layer", "layers")
        ),
        FigureChart::Organisations if !figures.has_organisations() => {
            "No unit names an organisation.".to_owned()
        }
        FigureChart::Organisations => {
            let assumed = if figures.organisations.iter().any(|r| r.assumed_split) {
                "; an equal split is assumed where no shares are given"
            } else {
                ""
            };
            format!("Shared units counted by their shares{assumed}.")
        }
    }
}

/// One small chart with its title and subtitle at `top_left`; returns the area used.
pub fn paint_chart(
    chart: FigureChart,
    figures: &Figures,
    top_left: Point,
    width: f32,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) -> Rect {
    let heading = Ink::new(CHART_HEADING, FontWeight::Bold, palette.ink);
    let quiet = Ink::new(CHART_TEXT, FontWeight::Regular, palette.quiet);
    let mut y = top_left.y;
    blocks::row(shapes, Point::new(top_left.x, y), chart.title(), heading);
    y += heading.line_height() + 2.0;
    y += blocks::paragraph(
        shapes,
        Point::new(top_left.x, y),
        width,
        &subtitle(chart, figures),
        quiet,
    );
    y += 8.0;
    let bars = match chart {
        FigureChart::Spans if figures.spans.managers.is_empty() => Vec::new(),
        FigureChart::Spans => span_bars(&figures.spans),
        FigureChart::Layers => layer_bars(&figures.spans, figures.costed),
        FigureChart::Organisations if !figures.has_organisations() => Vec::new(),
        FigureChart::Organisations => organisation_bars(&figures.organisations, figures.costed),
    };
    let mut right = top_left.x + width;
    if !bars.is_empty() {
        let area = blocks::bar_chart(shapes, Point::new(top_left.x, y), width, &bars, palette);
        right = right.max(area.right());
        y = area.bottom() + 6.0;
    }
    if chart == FigureChart::Spans && !figures.single_report_names.is_empty() {
        const SHOWN: usize = 8;
        let names = &figures.single_report_names;
        let mut list = names
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if names.len() > SHOWN {
            list.push_str(&format!(" and {} more", names.len() - SHOWN));
        }
        y += 2.0;
        y += blocks::paragraph(
            shapes,
            Point::new(top_left.x, y),
            width,
            &format!("Managers with a single report: {list}."),
            quiet,
        );
    }
    Rect::new(top_left.x, top_left.y, right - top_left.x, y - top_left.y)
}

/// Space around and between the charts.
const PAD: f32 = 12.0;
const CHART_GAP: f32 = 22.0;

/// The chosen charts one under another in a drawing `width` wide (it grows when a label cannot fit).
pub fn figures_drawing(
    figures: &Figures,
    charts: &[FigureChart],
    theme: Theme,
    width: f32,
) -> Drawing {
    let palette = style::palette(theme);
    let mut shapes = Vec::new();
    let inner = (width - 2.0 * PAD).max(120.0);
    let mut used = Rect::new(0.0, 0.0, width.max(inner + 2.0 * PAD), 0.0);
    let mut y = PAD;
    for (i, &chart) in charts.iter().enumerate() {
        if i > 0 {
            y += CHART_GAP;
        }
        let area = paint_chart(
            chart,
            figures,
            Point::new(PAD, y),
            inner,
            &palette,
            &mut shapes,
        );
        used = used.union(&area.expand(PAD));
        y = area.bottom();
    }
    Drawing {
        bounds: Rect::new(0.0, 0.0, used.right(), y + PAD),
        background: palette.background,
        shapes,
        cards: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Share, Span, Status, Unit, UnitKind};

    fn texts(drawing: &Drawing) -> Vec<String> {
        drawing.texts().into_iter().map(str::to_owned).collect()
    }

    fn chart() -> Chart {
        let mut chart = Chart::new();
        let ceo = Unit::new("ceo", "Chief Executive")
            .with_kind(UnitKind::Post)
            .with_status(Status::Shared { with: vec![] })
            .with_shares(vec![Share::new("North", 50.0), Share::new("South", 50.0)]);
        chart.insert_unit(ceo, None, None).unwrap();
        let ceo_id = UnitId::new("ceo");
        let dir = Unit::new("dir", "Director").with_organisation("North");
        chart.insert_unit(dir, Some(&ceo_id), None).unwrap();
        for i in 0..5 {
            let team =
                Unit::new(format!("t{i}"), format!("Team {i}")).with_headcount(Span::exact(4.0));
            chart
                .insert_unit(team, Some(&UnitId::new("dir")), None)
                .unwrap();
        }
        chart
    }

    #[test]
    fn the_drawing_has_each_chart_with_its_numbers() {
        let figures = Figures::of(&chart(), None).unwrap();
        let drawing = figures_drawing(&figures, &FigureChart::ALL, Theme::Light, 320.0);
        let words = texts(&drawing);
        for expected in [
            "Span of control",
            "2 managers; average 3.0, median 1 direct reports",
            "1 manager · 50% · single report",
            "1 manager · 50%",
            "Layers, top first",
            "Layer 3",
            "5 units · 20 posts",
            "By organisation",
            "North",
            "South",
            "20.5 posts · shares 1",
            "0.5 posts · shares 1",
            "Managers with a single report: Chief Executive.",
        ] {
            assert!(
                words.iter().any(|w| w == expected),
                "'{expected}' missing from {words:?}"
            );
        }
        // Everything sits inside the drawing.
        for shape in &drawing.shapes {
            if let Shape::Text {
                pos,
                text,
                size,
                weight,
                ..
            } = shape
            {
                let right = pos.x + crate::render::text::text_width(text, *size, *weight);
                assert!(right <= drawing.bounds.right() + 0.01, "{text} overflows");
            }
        }
    }

    #[test]
    fn a_branch_has_its_own_heading_and_figures() {
        let figures = Figures::of(&chart(), Some(&UnitId::new("dir"))).unwrap();
        assert_eq!(figures.heading, "'Director' and below");
        assert_eq!(figures.spans.managers.len(), 1);
        assert!(figures.single_report_names.is_empty());
        assert!(Figures::of(&chart(), Some(&UnitId::new("nope"))).is_none());
        let empty = Figures::of(&Chart::new(), None).unwrap();
        let words = texts(&figures_drawing(
            &empty,
            &FigureChart::ALL,
            Theme::Dark,
            300.0,
        ));
        assert!(
            words.iter().any(|w| w == "No unit has reports."),
            "{words:?}"
        );
        assert!(words.iter().any(|w| w == "No unit names an organisation."));
    }
}
