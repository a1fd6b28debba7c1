//! `orgchart check`: loads a chart (reporting where it is broken) and prints its figures.

use std::path::PathBuf;

use clap::Args;

use super::CliError;
use crate::metrics::{ChartFigures, chart_figures, format};

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
    if args.json {
        let mut json = json(&file, chart.title(), &figures, costed);
        super::tidy_numbers(&mut json);
        super::print_out(&format!("{json}\n"))?;
    } else {
        super::print_out(&text(&file, chart.title(), &figures, costed))?;
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
