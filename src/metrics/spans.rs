//! Spans of control and layers, as organisation-design reviews report them: how many managers have how many
//! direct reports (in bands, not only an average), how many layers from the top to the deepest post with the
//! headcount and cost in each, and which managers have a single report.

use crate::model::{Chart, UnitId};

use super::branch::Branch;
use super::{Totals, own_totals};

/// A range of spans of control; `max` is `None` for the open top band.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanBand {
    pub label: &'static str,
    pub min: usize,
    pub max: Option<usize>,
}

impl SpanBand {
    pub fn contains(&self, span: usize) -> bool {
        span >= self.min && self.max.is_none_or(|max| span <= max)
    }
}

/// The bands organisation-design practice reports: 1, 2-3, 4-7, 8-12, 13-16, 17+.
pub const SPAN_BANDS: [SpanBand; 6] = [
    SpanBand {
        label: "1",
        min: 1,
        max: Some(1),
    },
    SpanBand {
        label: "2-3",
        min: 2,
        max: Some(3),
    },
    SpanBand {
        label: "4-7",
        min: 4,
        max: Some(7),
    },
    SpanBand {
        label: "8-12",
        min: 8,
        max: Some(12),
    },
    SpanBand {
        label: "13-16",
        min: 13,
        max: Some(16),
    },
    SpanBand {
        label: "17+",
        min: 17,
        max: None,
    },
];

/// A unit with reports and how many report to it directly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManagerSpan {
    pub id: UnitId,
    pub span: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpansAndLayers {
    /// Every unit with direct reports, in chart order.
    pub managers: Vec<ManagerSpan>,
    /// Managers per band of `SPAN_BANDS`.
    pub bands: [usize; 6],
    /// Top first: the units in each layer and their own headcount and cost.
    pub layers: Vec<Totals>,
    /// Managers with exactly one direct report.
    pub single_report: Vec<UnitId>,
}

impl SpansAndLayers {
    /// The share of managers in band `i`, 0.0 to 1.0.
    pub fn band_share(&self, i: usize) -> f64 {
        match (self.bands.get(i), self.managers.len()) {
            (Some(&n), total) if total > 0 => n as f64 / total as f64,
            _ => 0.0,
        }
    }

    /// Average direct reports per manager (0 when nobody manages).
    pub fn average_span(&self) -> f64 {
        if self.managers.is_empty() {
            return 0.0;
        }
        self.managers.iter().map(|m| m.span).sum::<usize>() as f64 / self.managers.len() as f64
    }

    /// The middle span (the lower middle for an even count); 0 when nobody manages.
    pub fn median_span(&self) -> usize {
        let mut spans: Vec<usize> = self.managers.iter().map(|m| m.span).collect();
        spans.sort_unstable();
        spans
            .get(spans.len().saturating_sub(1) / 2)
            .copied()
            .unwrap_or(0)
    }
}

pub fn band_of(span: usize) -> Option<usize> {
    SPAN_BANDS.iter().position(|band| band.contains(span))
}

/// Spans and layers of the whole chart.
pub fn spans_and_layers(chart: &Chart) -> SpansAndLayers {
    branch_spans_and_layers(chart, None).unwrap_or_default()
}

/// Spans and layers of the whole chart (`None`) or of one unit and everything below it, which is then the
/// top layer (`None` when there is no such unit). One pass over the forest.
pub fn branch_spans_and_layers(chart: &Chart, id: Option<&UnitId>) -> Option<SpansAndLayers> {
    let branch = Branch::of(chart, id)?;
    let mut figures = SpansAndLayers::default();
    for i in branch.range.clone() {
        let unit_id = &branch.forest.ids[i];
        let span = branch.forest.children[i].len();
        if let Some(band) = band_of(span) {
            figures.bands[band] += 1;
            figures.managers.push(ManagerSpan {
                id: unit_id.clone(),
                span,
            });
            if span == 1 {
                figures.single_report.push(unit_id.clone());
            }
        }
        let layer = branch.layer(i);
        if figures.layers.len() <= layer {
            figures.layers.resize(layer + 1, Totals::default());
        }
        let own = chart.unit(unit_id).map(own_totals).unwrap_or_default();
        figures.layers[layer] = figures.layers[layer] + own;
    }
    Some(figures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cost, CostBasis, Span, Unit, UnitKind};

    fn add(chart: &mut Chart, id: &str, parent: Option<&str>) {
        let unit = Unit::new(id, id).with_kind(UnitKind::Post).with_cost(Cost {
            amount: Span::exact(10.0),
            basis: CostBasis::PerPost,
            on_cost_rate: None,
            estimate: false,
        });
        chart
            .insert_unit(unit, parent.map(UnitId::new).as_ref(), None)
            .unwrap();
    }

    /// ceo has 3 reports (a, b, c); a has 1 (a1); b has 5 (b1..b5); b1 has 13 (x0..x12).
    fn chart() -> Chart {
        let mut chart = Chart::new();
        add(&mut chart, "ceo", None);
        for id in ["a", "b", "c"] {
            add(&mut chart, id, Some("ceo"));
        }
        add(&mut chart, "a1", Some("a"));
        for i in 1..=5 {
            add(&mut chart, &format!("b{i}"), Some("b"));
        }
        for i in 0..13 {
            add(&mut chart, &format!("x{i}"), Some("b1"));
        }
        chart
    }

    #[test]
    fn bands_count_managers_by_span() {
        let figures = spans_and_layers(&chart());
        // ceo 3 -> "2-3", a 1 -> "1", b 5 -> "4-7", b1 13 -> "13-16".
        assert_eq!(figures.bands, [1, 1, 1, 0, 1, 0]);
        assert_eq!(figures.single_report, vec![UnitId::new("a")]);
        assert_eq!(figures.managers.len(), 4);
        assert!((figures.band_share(0) - 0.25).abs() < 1e-9);
        assert!((figures.average_span() - 22.0 / 4.0).abs() < 1e-9);
        assert_eq!(figures.median_span(), 3);
        for (span, band) in [
            (1, 0),
            (2, 1),
            (3, 1),
            (4, 2),
            (7, 2),
            (8, 3),
            (12, 3),
            (13, 4),
        ] {
            assert_eq!(band_of(span), Some(band), "span {span}");
        }
        assert_eq!(band_of(16), Some(4));
        assert_eq!(band_of(17), Some(5));
        assert_eq!(band_of(400), Some(5));
        assert_eq!(band_of(0), None);
    }

    #[test]
    fn layers_run_from_the_top_to_the_deepest_post_with_headcount_and_cost() {
        let figures = spans_and_layers(&chart());
        let units: Vec<usize> = figures.layers.iter().map(|l| l.units).collect();
        assert_eq!(units, vec![1, 3, 6, 13]);
        let headcount: Vec<f64> = figures.layers.iter().map(|l| l.headcount.min).collect();
        assert_eq!(headcount, vec![1.0, 3.0, 6.0, 13.0]);
        assert_eq!(figures.layers[3].cost, Span::exact(130.0));
    }

    #[test]
    fn a_branch_starts_its_own_layers() {
        let figures = branch_spans_and_layers(&chart(), Some(&UnitId::new("b"))).unwrap();
        let units: Vec<usize> = figures.layers.iter().map(|l| l.units).collect();
        assert_eq!(units, vec![1, 5, 13]);
        assert_eq!(figures.bands, [0, 0, 1, 0, 1, 0]);
        assert!(figures.single_report.is_empty());
        let leaf = branch_spans_and_layers(&chart(), Some(&UnitId::new("c"))).unwrap();
        assert_eq!((leaf.managers.len(), leaf.layers.len()), (0, 1));
        assert_eq!(leaf.median_span(), 0);
        assert!(spans_and_layers(&Chart::new()).layers.is_empty());
    }
}
