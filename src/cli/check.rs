//! `orgchart check`: loads a chart (reporting where it is broken) and prints its figures.

use std::path::PathBuf;

use clap::Args;

use super::CliError;
use crate::metrics::{
    ChartFigures, OrganisationTotals, SpansAndLayers, chart_figures, format, organisation_totals,
    spans_and_layers,
};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The chart to check (.ron).
    pub input: PathBuf,
    /// Print the figures as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &CheckArgs) -> Result<(), CliError> {
    let loaded = crate::io::load_reporting(&args.input).map_err(CliError::invalid)?;
    if !loaded.unknown_fields.is_empty() {
        eprintln!(
            "orgchart: note: {} has fields this version does not know ({}); it was probably written by a newer Orgchart, and saving it with this one would drop them",
            args.input.display(),
            loaded.unknown_fields.join(", ")
        );
    }
    let chart = loaded.chart;
    let figures = chart_figures(&chart);
    let file = args.input.display().to_string();
    let costed = chart.units().iter().any(|unit| unit.cost.is_some());
    let organisations = organisation_totals(&chart);
    let spans = spans_and_layers(&chart);
    if args.json {
        let mut json = json(&file, chart.title(), &figures, costed);
        add_design_json(&mut json, &chart, &organisations, &spans);
        super::tidy_numbers(&mut json);
        super::print_out(&format!("{json}\n"))?;
    } else {
        let mut out = text(&file, chart.title(), &figures, costed);
        out.push_str(&super::figures::text(
            &chart,
            &organisations,
            &spans,
            costed,
        ));
        super::print_out(&out)?;
    }
    Ok(())
}

fn json(file: &str, title: &str, figures: &ChartFigures, costed: bool) -> serde_json::Value {
    serde_json::json!({
        "file": file,
        "title": title,
        "units": figures.units,
        "roots": figures.roots,
        "depth": figures.depth,
        "max_span": figures.max_span,
        "headcount_min": figures.headcount.min,
        "headcount_max": figures.headcount.max,
        "headcount_includes_fte": figures.has_fte,
        "cost_min": figures.cost.min,
        "cost_max": figures.cost.max,
        "cost_given": costed,
        "links": figures.links,
        "estimated": figures.estimated,
    })
}

/// Organisation-design figures: `organisations`, `span_bands`, `layers`, and the managers with one report.
fn add_design_json(
    json: &mut serde_json::Value,
    chart: &crate::model::Chart,
    organisations: &[OrganisationTotals],
    spans: &SpansAndLayers,
) {
    use super::figures::{layers_json, organisations_json, span_bands_json};
    json["organisations"] = organisations_json(organisations);
    json["span_bands"] = span_bands_json(spans);
    json["layers"] = layers_json(spans);
    json["managers"] = serde_json::json!(spans.managers.len());
    json["average_span"] = serde_json::json!(spans.average_span());
    json["single_report_managers"] = serde_json::Value::Array(
        spans
            .single_report
            .iter()
            .map(|id| {
                let name = chart.unit(id).map_or("", |u| u.name.as_str());
                serde_json::json!({"id": id, "name": name})
            })
            .collect(),
    );
}

/// `costed` says whether any unit has a cost at all, so a chart without figures does not claim to cost £0.
fn text(file: &str, title: &str, figures: &ChartFigures, costed: bool) -> String {
    let title = if title.is_empty() {
        "(untitled)"
    } else {
        title
    };
    let cost = if !costed {
        "not given".to_owned()
    } else if figures.cost.is_range() {
        format!(
            "{} to {} (including on-costs)",
            format::money_exact(figures.cost.min),
            format::money_exact(figures.cost.max)
        )
    } else {
        format!(
            "{} (including on-costs)",
            format::money_exact(figures.cost.min)
        )
    };
    let estimated = if figures.estimated {
        "yes: some figures are assumptions or estimates"
    } else {
        "no"
    };
    format!(
        "{file}: OK, {title}\n\
         units              {}\n\
         roots              {}\n\
         layers             {}\n\
         max span           {}\n\
         headcount          {}\n\
         yearly cost        {cost}\n\
         other links        {}\n\
         includes estimates {estimated}\n",
        figures.units,
        figures.roots,
        figures.depth,
        figures.max_span,
        format::headcount(figures.headcount, figures.has_fte),
        figures.links,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn text_shows_ranges_and_says_when_figures_are_estimates() {
        let figures = ChartFigures {
            units: 4,
            roots: 1,
            depth: 2,
            max_span: 3,
            headcount: Span::range(11.0, 15.0),
            cost: Span::range(440_000.0, 600_000.0),
            links: 1,
            estimated: true,
            has_fte: false,
        };
        let out = text("x.ron", "T", &figures, true);
        assert!(out.contains("11-15 posts"), "{out}");
        assert!(out.contains("£440,000 to £600,000"), "{out}");
        assert!(out.contains("includes estimates yes"), "{out}");
        let value = json("x.ron", "T", &figures, true);
        assert_eq!(value["headcount_min"], 11.0);
        assert_eq!(value["cost_max"], 600_000.0);
        assert_eq!(value["estimated"], true);
        let uncosted = text("x.ron", "", &figures, false);
        assert!(
            uncosted.contains("yearly cost        not given\n"),
            "{uncosted}"
        );
        assert!(uncosted.contains("(untitled)"), "{uncosted}");
    }
}
