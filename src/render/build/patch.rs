//! Patching the last drawing after an edit instead of building it again: an edit that changes only what
//! cards show (a name, a role, a status, a headcount) re-measures the changed cards and their managers
//! (whose figures may change), and when no card changes size nothing moves, so only those cards' shapes and
//! the key and totals line below the chart are painted again. Anything else (a unit added, moved or
//! removed, collapsing, a link, other options) builds the drawing again, re-measuring only what changed.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::geom::{Rect, Size};
use crate::layout::Orientation;
use crate::metrics::{self, Totals};
use crate::model::{Chart, Unit, UnitId, UnitKind};

use super::super::card_style::CardStyle;
use super::super::drawing::{Drawing, Shape, shifted, splice_ranges};
use super::super::legend::{LegendEntries, StatusKey};
use super::super::style;
use super::measure_cache::{LastBuild, MeasureCache};
use super::{
    CardInputs, LastCards, NOT_DRAWN, RenderOptions, Tail, TailFacts, adds_on_costs,
    collapsed_totals, colouring_of, figure_note_bits, has_reports, lay_out_and_paint, measure_unit,
    paint_tail, shows_figures, tail_facts,
};

/// From this many units on, the last build's forest is freed on another thread.
const BIG_FOREST: usize = 20_000;

/// What a build keeps so that the next edit can patch its drawing.
pub(crate) struct Kept {
    /// The options it was built with: other options build again.
    pub options: RenderOptions,
    /// The chart's stamp it was built from (see `Chart::changes_since`).
    pub stamp: u64,
    /// Each card's slot in the measure cache, by forest index (= card index).
    pub slots: Vec<usize>,
    /// Each card's size as drawn (stretched to its siblings' height).
    pub sizes: Vec<Size>,
    /// The key's entries for the lines drawn.
    pub base_entries: LegendEntries,
    /// What the key and totals line say that depends on every card.
    pub facts: TailFacts,
    /// The chart area and title: what the drawing's bounds are before the key and totals line.
    pub head_used: Rect,
    pub chart_area: Rect,
    pub text_width: f32,
    /// Where the key and totals line start in the drawing's shapes.
    pub tail_start: usize,
    /// How many shapes the drawing has: a drawing that does not match is built again.
    pub shapes: usize,
    /// Each card's forest index by unit id, made on the first patch and kept while the forest is.
    pub index: Option<HashMap<UnitId, usize>>,
}

/// What a patch changed in a drawing, for a view that keeps something per shape or per card.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Splice {
    /// The cards painted again, ascending.
    pub cards: Vec<usize>,
    /// The cards whose unit or figures changed (the edited units and their managers), ascending: what a
    /// view keeps about a card beside its shapes may need refreshing for these.
    pub touched: Vec<usize>,
    /// The shape ranges replaced: where they were, and where their new shapes are (sorted, disjoint).
    /// Shapes in between kept their order; their indices moved by what the ranges before them grew.
    pub ranges: Vec<(Range<usize>, Range<usize>)>,
    /// When a card changed size, the cards were laid out again and the whole drawing replaced: this is
    /// the old one (for the caller to free where it likes), and `ranges` is the whole of both.
    pub replaced: Option<Drawing>,
}

/// Brings `drawing`, the last one built with `cache`, up to date with `chart` by patching it, if the
/// edits since allow it; returns what changed. `None` means it could not (the drawing is untouched): build
/// it again with [`super::build_drawing_with_cache`]. A patched drawing equals what
/// [`super::build_drawing`] gives.
pub fn patch_drawing(
    chart: &Chart,
    options: &RenderOptions,
    cache: &mut MeasureCache,
    drawing: &mut Drawing,
) -> Option<Splice> {
    let mut last = cache.take_last()?;
    let splice = patch_with(chart, options, cache, &mut last, drawing);
    if splice.is_some() {
        cache.put_back(last);
        cache.patched_to(chart.stamp());
    } else if last.forest.len() > BIG_FOREST {
        // The build that follows makes its own: freeing a big forest's hundred thousand lists of
        // reports is left to another thread.
        std::thread::spawn(move || drop(last));
    }
    splice
}

fn patch_with(
    chart: &Chart,
    options: &RenderOptions,
    cache: &mut MeasureCache,
    last: &mut LastBuild,
    drawing: &mut Drawing,
) -> Option<Splice> {
    let LastBuild {
        forest,
        totals,
        reuse,
        ..
    } = last;
    let kept = reuse.as_mut()?;
    // Colours by a field depend on every unit (and fill the key): left to a build. So are post lists,
    // whose rows share their widest row's width: one row's edit can resize its whole list.
    if kept.options != *options
        || options.colour_by.is_some()
        || options.card_style == CardStyle::List
        || drawing.shapes.len() != kept.shapes
        || drawing.cards.len() != forest.len()
    {
        return None;
    }
    let mut edited: Vec<&UnitId> = Vec::new();
    for change in chart.changes_since(kept.stamp)? {
        match &change.unit {
            Some(id) if !change.structural => edited.push(id),
            _ => return None,
        }
    }
    cache.begin_patch();
    let index = kept.index.get_or_insert_with(|| {
        forest
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect()
    });
    // The drawn card standing for each edited unit: its own, or the collapsed manager hiding it. A unit
    // outside a drawn subtree changes nothing drawn.
    let mut dirty: Vec<usize> = edited
        .iter()
        .filter_map(|id| {
            let mut current = *id;
            loop {
                if let Some(&i) = index.get(current) {
                    return Some(i);
                }
                current = chart.parent(current)?;
            }
        })
        .collect();
    // Their managers' totals change too.
    let mut chain: Vec<bool> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    while let Some(i) = dirty.pop() {
        if chain.is_empty() {
            chain = vec![false; forest.len()];
        }
        let mut at = Some(i);
        while let Some(k) = at {
            if chain[k] {
                break;
            }
            chain[k] = true;
            touched.push(k);
            at = forest.parent[k];
        }
    }
    touched.sort_unstable();
    // What the key's facts depend on, before the edit: each edited card's unit as last measured, and the
    // totals of the cards whose totals change.
    let old_units: Option<Vec<(usize, Unit)>> = edited
        .iter()
        .map(|id| Some((*index.get(*id)?, cache.unit_of(id)?.clone())))
        .collect();
    let old_totals: Vec<Totals> = touched.iter().map(|&i| totals[i]).collect();
    // Children before managers (pre-order), each total folded as `visible_totals` folds it, so that the
    // sums are the very same numbers.
    for &i in touched.iter().rev() {
        let id = &forest.ids[i];
        let own = if forest.hidden_below[i] > 0 {
            collapsed_totals(chart, id)
        } else {
            chart.unit(id).map(metrics::own_totals).unwrap_or_default()
        };
        totals[i] = forest.children[i]
            .iter()
            .rev()
            .fold(own, |sum, &c| sum + totals[c]);
    }

    let colouring = colouring_of(chart, options);
    let mut repainted: Vec<usize> = Vec::new();
    for &i in &touched {
        let id = &forest.ids[i];
        let unit = chart.unit(id)?;
        let hidden_below = forest.hidden_below[i];
        let mark = options.marks.get(id);
        let colour = colouring.card(id);
        let figures = Some(&totals[i])
            .filter(|t| shows_figures(has_reports(forest, i), t, options.card_style));
        let inputs = CardInputs {
            unit,
            totals: figures,
            hidden_below,
            mark,
            colour,
        };
        let before = cache.remeasured();
        let slot = cache.spec(id, inputs, || {
            let row = options.card_style.draws_row(has_reports(forest, i));
            measure_unit(unit, figures, hidden_below, mark, options, colour, row)
        });
        if slot != kept.slots[i] {
            return None;
        }
        if cache.remeasured() > before {
            repainted.push(i);
        }
    }
    // Sizes as `build` stretches them; a change of size moves cards.
    let natural = |i: usize| cache.slot(kept.slots[i]).map(|spec| spec.size);
    let mut drawn_sizes: Vec<(usize, Size)> = Vec::with_capacity(repainted.len());
    let mut resized = false;
    'cards: for &i in &repainted {
        let group: &[usize] = match forest.parent[i] {
            _ if options.layout.orientation != Orientation::TopDown => &[],
            Some(p) => &forest.children[p],
            None => &forest.roots,
        };
        // Siblings share the tallest one's height; a card alone keeps its own.
        let alone = [i];
        let group = if group.len() > 1 { group } else { &alone[..] };
        let tallest = group
            .iter()
            .filter_map(|&k| natural(k))
            .fold(0.0f32, |a, s| a.max(s.h));
        for &k in group {
            let mut size = natural(k)?;
            if tallest > size.h {
                size.h = tallest;
            }
            if kept.sizes.get(k) != Some(&size) {
                resized = true;
                break 'cards;
            }
            if k == i {
                drawn_sizes.push((i, size));
            }
        }
    }

    if resized {
        // Lay out and paint again from the measured cards, keeping the forest, the totals and every
        // measurement (what a build spends most of its time on besides painting).
        let units: Vec<_> = forest.ids.iter().map(|id| chart.unit(id)).collect();
        let specs = kept
            .slots
            .iter()
            .map(|&slot| cache.slot(slot).map(Cow::Borrowed))
            .collect::<Option<Vec<_>>>()?;
        // The drawing patched has every card where the forest has it, painted from the spec it has now but
        // for the cards measured again: the others' texts are taken, not copied.
        let mut drawn_at: Vec<u32> = (0..forest.len())
            .map(|i| u32::try_from(i).unwrap_or(NOT_DRAWN))
            .collect();
        for &i in &repainted {
            drawn_at[i] = NOT_DRAWN;
        }
        let last = LastCards {
            drawn_at,
            cards: &drawing.cards,
            shapes: &mut drawing.shapes,
        };
        let (fresh, laid) = lay_out_and_paint(
            chart,
            options,
            forest,
            &units,
            totals,
            &colouring,
            specs,
            Some(last),
        );
        let index = kept.index.take();
        let slots = std::mem::take(&mut kept.slots);
        let mut next = laid.keep(chart, options, slots, &fresh)?;
        next.index = index;
        *kept = next;
        let old = std::mem::replace(drawing, fresh);
        return Some(Splice {
            cards: (0..drawing.cards.len()).collect(),
            touched,
            ranges: vec![(0..old.shapes.len(), 0..drawing.shapes.len())],
            replaced: Some(old),
        });
    }

    // Nothing moves: paint the changed cards again where they are, then the key and totals line.
    let mut edits: Vec<(Range<usize>, Vec<Shape>)> = Vec::new();
    for &(i, size) in &drawn_sizes {
        let mut spec = cache.slot(kept.slots[i])?.clone();
        if size.h > spec.size.h {
            spec.stretch_to(size.h);
        }
        let mut shapes = Vec::new();
        spec.paint(drawing.cards[i].rect, &mut shapes);
        edits.push((drawing.cards[i].shapes.clone(), shapes));
    }
    // The key's facts hold unless an edited card changed what it adds to them (a status, a board, on-costs,
    // whether figures show): then they are worked out again over every card.
    let unit_facts = |u: &Unit| {
        (
            StatusKey::of(&u.status),
            u.kind == UnitKind::Board,
            adds_on_costs(u),
        )
    };
    let units_hold = old_units.is_some_and(|old| {
        old.iter().all(|(i, before)| {
            chart
                .unit(&forest.ids[*i])
                .is_some_and(|now| unit_facts(now) == unit_facts(before))
        })
    });
    let notes_hold = touched.iter().zip(&old_totals).all(|(&i, before)| {
        let manages = has_reports(forest, i);
        figure_note_bits(before, manages, options.card_style)
            == figure_note_bits(&totals[i], manages, options.card_style)
    });
    if !(units_hold && notes_hold) {
        let units: Vec<_> = forest.ids.iter().map(|id| chart.unit(id)).collect();
        kept.facts = tail_facts(chart, forest, &units, totals, &kept.base_entries, options);
    }
    let tail = Tail {
        forest,
        totals: totals.as_slice(),
        colouring: &colouring,
        chart_area: kept.chart_area,
        text_width: kept.text_width,
    };
    let palette = style::palette(options.theme);
    let mut tail_shapes = Vec::new();
    let used = paint_tail(
        &tail,
        &kept.facts,
        options,
        &palette,
        kept.head_used,
        &mut tail_shapes,
    );
    let old_tail = kept.tail_start..drawing.shapes.len();
    if drawing.shapes.get(old_tail.clone()) != Some(tail_shapes.as_slice()) {
        edits.push((old_tail, tail_shapes));
    }
    drawing.bounds = used.expand(style::MARGIN);

    let ranges = splice_ranges(&mut drawing.shapes, edits);
    let mut edited_ranges = ranges.iter().peekable();
    let resized = ranges.iter().any(|(old, new)| old.len() != new.len());
    for card in &mut drawing.cards {
        // Cards are in shape order: each is either one of the edits, in order, or shifted by them.
        if let Some((_, new)) = edited_ranges.next_if(|(old, _)| *old == card.shapes) {
            card.shapes = new.clone();
        } else if resized {
            card.shapes = shifted(&card.shapes, &ranges);
        }
    }
    kept.tail_start = match ranges.last() {
        Some((old, new)) if old.start == kept.tail_start && old.end == kept.shapes => new.start,
        _ => shifted(&(kept.tail_start..kept.tail_start), &ranges).start,
    };
    kept.shapes = drawing.shapes.len();
    kept.stamp = chart.stamp();
    Some(Splice {
        cards: drawn_sizes.iter().map(|&(i, _)| i).collect(),
        touched,
        ranges,
        replaced: None,
    })
}

#[cfg(test)]
mod tests;
