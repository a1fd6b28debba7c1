//! What a report says, as blocks: one chart's summary, or the change between two charts.

use crate::diff::report::{
    Report as ChangeReport, UNIT_SECTIONS, change_columns, figures as own_figures, headline,
};
use crate::diff::{self, DiffTotals};
use crate::metrics::{
    self, NO_ORGANISATION, Totals, chart_figures, format, gives_headcount, own_totals,
};
use crate::model::{Chart, Status, Unit};
use crate::page_export::{PaperOptions, fit_page};
use crate::render::figures::{FigureChart, Figures, figures_drawing};
use crate::render::page::MIN_TEXT_POINTS;
use crate::render::{RenderOptions, Theme, build_drawing};

use super::{Block, ReportDocument, ReportOptions, Table, chart_name};

/// Width of the report's figures, in chart units (about 16 cm printed).
const FIGURE_WIDTH: f32 = 600.0;

fn render_options(options: &ReportOptions) -> RenderOptions {
    RenderOptions {
        layout: options.layout.clone(),
        theme: Theme::Light,
        colour_by: options.colour_by.clone(),
        ..RenderOptions::default()
    }
}

fn table(headers: &[&str], rows: Vec<Vec<String>>, numeric: &[bool]) -> Block {
    Block::Table(Table {
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows,
        numeric: numeric.to_vec(),
    })
}

fn costed(chart: &Chart) -> bool {
    chart.units().iter().any(|unit| unit.cost.is_some())
}

fn money_or_not_given(cost: &Totals, costed: bool) -> String {
    if costed {
        format::money(cost.cost)
    } else {
        "not given".to_owned()
    }
}

/// The chart on a page of its own, the paper turned whichever way prints its text larger, and unfitted
/// for formats without pages; with a note when even so its text is too small to read.
fn chart_page(
    chart: &Chart,
    options: &RenderOptions,
    report: &ReportOptions,
    alt: String,
) -> Vec<Block> {
    let picture = build_drawing(chart, options);
    let upright = fit_page(chart, options, &report.paper);
    let turned_paper = PaperOptions {
        paper: report.paper.paper.turned(),
        ..report.paper.clone()
    };
    let turned = fit_page(chart, options, &turned_paper);
    let best = if turned.smallest_text_points > upright.smallest_text_points {
        turned
    } else {
        upright
    };
    let mut blocks = Vec::new();
    if best.smallest_text_points < MIN_TEXT_POINTS {
        blocks.push(Block::Note(format!(
            "This chart is too large to read on one {} page: its smallest text prints at {:.1} pt. \
             `orgchart export CHART.ron -o chart.pdf --pages {}` splits it over pages by its structure.",
            report.paper.paper.name, best.smallest_text_points, report.paper.paper.name
        )));
    }
    blocks.insert(
        0,
        Block::ChartPage {
            page: best.drawing,
            picture,
            alt,
        },
    );
    blocks
}

/// A summary of one chart: the chart on a page, totals, organisations, spans and layers, and the posts
/// that are vacant, new or to be deleted.
pub fn single_report(chart: &Chart, label: &str, options: &ReportOptions) -> ReportDocument {
    let title = chart_name(chart, label);
    let render = render_options(options);
    let costed = costed(chart);
    let figures = chart_figures(chart);
    let design = Figures::of(chart, None).unwrap_or_default();
    let mut blocks = vec![Block::Heading("The chart".to_owned())];
    blocks.extend(chart_page(
        chart,
        &render,
        options,
        format!("The chart of {title}, {} units", figures.units),
    ));
    blocks.push(Block::Heading("Totals".to_owned()));
    let cost = if costed {
        format!("{} a year including on-costs", format::money(figures.cost))
    } else {
        "not given".to_owned()
    };
    let spans = &design.spans;
    blocks.push(table(
        &["Measure", "Figure"],
        vec![
            vec!["Units".into(), figures.units.to_string()],
            vec![
                "Headcount".into(),
                format::headcount(figures.headcount, figures.has_fte),
            ],
            vec!["Yearly cost".into(), cost],
            vec!["Layers".into(), figures.depth.to_string()],
            vec!["Managers".into(), spans.managers.len().to_string()],
            vec![
                "Average span of control".into(),
                format!("{:.1}", spans.average_span()),
            ],
            vec![
                "Widest span of control".into(),
                figures.max_span.to_string(),
            ],
            vec!["Other links".into(), figures.links.to_string()],
        ],
        &[false, true],
    ));
    if figures.estimated {
        blocks.push(estimates_note());
    }
    blocks.push(Block::Heading("By organisation".to_owned()));
    let named = design
        .organisations
        .iter()
        .filter(|row| row.name != NO_ORGANISATION)
        .count();
    if named > 0 {
        blocks.push(Block::Note(organisation_note(
            design.organisations.iter().any(|o| o.assumed_split),
        )));
        let whole = figures.headcount.max.max(1e-9);
        let rows = design
            .organisations
            .iter()
            .map(|row| {
                vec![
                    row.name.clone(),
                    format::headcount(row.totals.headcount, row.totals.has_fte),
                    format!("{:.0}%", row.totals.headcount.max / whole * 100.0),
                    money_or_not_given(&row.totals, costed),
                    row.shared_units.to_string(),
                ]
            })
            .collect();
        blocks.push(table(
            &[
                "Organisation",
                "Headcount",
                "Of all posts",
                "Yearly cost",
                "Shared units",
            ],
            rows,
            &[false, true, true, true, true],
        ));
        if named > 1 {
            blocks.push(Block::Figure {
                drawing: figures_drawing(
                    &design,
                    &[FigureChart::Organisations],
                    Theme::Light,
                    FIGURE_WIDTH,
                ),
                alt: "Headcount per organisation".to_owned(),
            });
        }
    } else {
        blocks.push(Block::Paragraph(
            "No unit names an organisation.".to_owned(),
        ));
    }
    blocks.push(Block::Heading("Spans and layers".to_owned()));
    blocks.push(Block::Figure {
        drawing: figures_drawing(
            &design,
            &[FigureChart::Spans, FigureChart::Layers],
            Theme::Light,
            FIGURE_WIDTH,
        ),
        alt: spans_alt(&design),
    });
    blocks.push(Block::Heading(
        "Vacancies, new posts and posts to be deleted".to_owned(),
    ));
    for (title, status) in [
        ("Vacancies", Status::Vacant),
        ("New posts", Status::New),
        ("Posts to be deleted", Status::ToBeDeleted),
    ] {
        let items: Vec<String> = chart
            .units()
            .into_iter()
            .filter(|unit| unit.status == status)
            .map(|unit| post_line(chart, unit))
            .collect();
        blocks.push(Block::Subheading(format!("{title} ({})", items.len())));
        blocks.push(if items.is_empty() {
            Block::Paragraph("None.".to_owned())
        } else {
            Block::List(items)
        });
    }
    ReportDocument {
        title,
        subtitle: format!("Summary of {label}"),
        blocks,
        date: options.paper.date.clone(),
        paper: options.paper.paper.clone(),
    }
}

fn estimates_note() -> Block {
    Block::Note(
        "Some figures are assumptions or estimates; each unit's notes say which.".to_owned(),
    )
}

fn organisation_note(assumed: bool) -> String {
    let mut note = "What each organisation carries: a shared unit counts by its shares, and a unit that names \
                    no organisation counts with its manager's. The organisations add up to the whole chart."
        .to_owned();
    if assumed {
        note.push_str(" Where a unit is shared but gives no shares, an equal split is assumed.");
    }
    note
}

/// The spans and layers in words, for readers of the HTML and Markdown without the picture.
fn spans_alt(design: &Figures) -> String {
    let bands: Vec<String> = metrics::SPAN_BANDS
        .iter()
        .zip(design.spans.bands)
        .map(|(band, n)| format!("{}: {n}", band.label))
        .collect();
    let layers: Vec<String> = design
        .spans
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            format!(
                "layer {} {}",
                i + 1,
                format::headcount(layer.headcount, layer.has_fte)
            )
        })
        .collect();
    format!(
        "Managers by span of control ({}); {}",
        bands.join(", "),
        layers.join(", ")
    )
}

/// "Strategy experts: Design strategies, under Commissioning Group; 6 posts".
fn post_line(chart: &Chart, unit: &Unit) -> String {
    let mut line = unit.name.clone();
    if !unit.role.trim().is_empty() {
        line.push_str(&format!(": {}", unit.role.trim()));
    }
    if let Some(manager) = chart.parent(&unit.id).and_then(|id| chart.unit(id)) {
        line.push_str(&format!(", under {}", manager.name));
    }
    let figures = own_figures(&own_totals(unit));
    if !figures.is_empty() {
        line.push_str(&format!("; {figures}"));
    }
    line
}

/// Rows of before / after / change for a list of named totals.
fn change_rows<'a>(
    rows: impl Iterator<Item = (String, &'a DiffTotals)>,
    given: &Given,
) -> Vec<Vec<String>> {
    rows.map(|(name, totals)| {
        let [headcount, cost] = given.columns(totals);
        let mut row = vec![name];
        row.extend(headcount);
        if given.any_cost() {
            row.extend(cost);
        }
        row
    })
    .collect()
}

/// Which figures each chart gives at all: a side without them says "not given", never "0" or "£0", and
/// its change cannot be told.
struct Given {
    headcount: (bool, bool),
    cost: (bool, bool),
}

impl Given {
    fn of(before: &Chart, after: &Chart) -> Self {
        let counted = |chart: &Chart| chart.units().into_iter().any(gives_headcount);
        Self {
            headcount: (counted(before), counted(after)),
            cost: (costed(before), costed(after)),
        }
    }

    fn any_cost(&self) -> bool {
        self.cost.0 || self.cost.1
    }

    /// Before, after and change for headcount, then for cost.
    fn columns(&self, totals: &DiffTotals) -> [[String; 3]; 2] {
        let [(hb, ha, hc), (cb, ca, cc)] = change_columns(totals);
        let side = |(before, after): (bool, bool), [b, a, c]: [String; 3]| {
            let not_given = || "not given".to_owned();
            [
                if before { b } else { not_given() },
                if after { a } else { not_given() },
                if before && after { c } else { "—".to_owned() },
            ]
        };
        [
            side(self.headcount, [hb, ha, hc]),
            side(self.cost, [cb, ca, cc]),
        ]
    }
}

fn change_table(first: &str, rows: Vec<Vec<String>>, costed: bool) -> Block {
    let mut headers = vec![first, "Headcount before", "Headcount after", "Change"];
    let mut numeric = vec![false, true, true, true];
    if costed {
        headers.extend(["Cost before", "Cost after", "Change"]);
        numeric.extend([true, true, true]);
    }
    table(&headers, rows, &numeric)
}

/// The change between two charts: the change view on a page, totals before and after for the whole, each
/// organisation and each top-level unit, and what was added, removed, moved and changed.
pub fn compare_report(
    before: &Chart,
    after: &Chart,
    labels: (&str, &str),
    options: &ReportOptions,
) -> ReportDocument {
    let change = diff::diff_with(before, after, &options.diff);
    let report = ChangeReport::new(before, after, &change).labelled(labels.0, labels.1);
    let merged = diff::merged(before, after, &change);
    let title = format!("Changes: {}", chart_name(after, labels.1));
    let render = RenderOptions {
        title: Some(title.clone()),
        footer: Some(headline(&change.totals)),
        marks: merged.render_marks(),
        ..render_options(options)
    };
    let given = Given::of(before, after);
    let costed = given.any_cost();
    let mut blocks = vec![Block::Heading("The change".to_owned())];
    blocks.extend(chart_page(
        &merged.chart,
        &render,
        options,
        format!(
            "Both charts in one: added in green, removed in red and struck through, moved in blue, \
             changed in amber. {}",
            headline(&change.totals)
        ),
    ));
    blocks.push(Block::Heading("Totals before and after".to_owned()));
    let [headcount, cost] = given.columns(&change.totals);
    let mut rows = vec![[vec!["Headcount".to_owned()], headcount.to_vec()].concat()];
    if costed {
        rows.push([vec!["Yearly cost incl. on-costs".to_owned()], cost.to_vec()].concat());
    }
    rows.push(vec![
        "Units".to_owned(),
        change.totals.before.units.to_string(),
        change.totals.after.units.to_string(),
        format!(
            "{:+}",
            change.totals.after.units as i64 - change.totals.before.units as i64
        ),
    ]);
    blocks.push(table(
        &["", "Before", "After", "Change"],
        rows,
        &[false, true, true, true],
    ));
    if change.totals.estimated() {
        blocks.push(estimates_note());
    }
    blocks.push(Block::Heading("By organisation".to_owned()));
    let named = change
        .per_organisation
        .iter()
        .any(|row| row.name != NO_ORGANISATION);
    if named {
        blocks.push(Block::Note(organisation_note(
            change.per_organisation.iter().any(|o| o.assumed_split),
        )));
        let rows = change_rows(
            change
                .per_organisation
                .iter()
                .map(|row| (row.name.clone(), &row.totals)),
            &given,
        );
        blocks.push(change_table("Organisation", rows, costed));
    } else {
        blocks.push(Block::Paragraph(
            "Neither chart names an organisation.".to_owned(),
        ));
    }
    blocks.push(Block::Heading("By top-level unit".to_owned()));
    let rows = change_rows(
        change.per_top_level.iter().map(|row| {
            let tag = match (row.in_before, row.in_after) {
                (false, _) => " (new)",
                (_, false) => " (removed)",
                _ => "",
            };
            (format!("{}{tag}", row.name), &row.totals)
        }),
        &given,
    );
    blocks.push(change_table("Unit", rows, costed));
    for (title, label) in UNIT_SECTIONS {
        let lines = report.lines(label);
        if lines.is_empty() && matches!(label, "renamed") {
            continue;
        }
        blocks.push(Block::Heading(format!("{title} ({})", lines.len())));
        blocks.push(if lines.is_empty() {
            Block::Paragraph("None.".to_owned())
        } else {
            Block::List(lines)
        });
    }
    let links = report.link_lines();
    if !links.is_empty() {
        blocks.push(Block::Heading(format!("Links ({})", links.len())));
        blocks.push(Block::List(links));
    }
    let guessed: Vec<String> = change
        .guessed_matches()
        .map(|m| {
            let name = |chart: &Chart, id| chart.unit(id).map_or(String::new(), |u| u.name.clone());
            format!(
                "{} [{}] is taken to be {} [{}] ({})",
                name(after, &m.after),
                m.after,
                name(before, &m.before),
                m.before,
                m.basis.describe()
            )
        })
        .collect();
    if !guessed.is_empty() {
        blocks.push(Block::Heading(
            "Guessed matches (ids differ; please check)".to_owned(),
        ));
        blocks.push(Block::List(guessed));
    }
    ReportDocument {
        title,
        subtitle: format!(
            "Before: {} ({}); after: {}",
            chart_name(before, labels.0),
            labels.0,
            labels.1
        ),
        blocks,
        date: options.paper.date.clone(),
        paper: options.paper.paper.clone(),
    }
}
