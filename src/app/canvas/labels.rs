//! Far-out block labels: when the view is so far out that card names are not drawn, each big branch (its
//! head and everything drawn below it) gets its head's name and its totals in large text over its block, so
//! an overview still says which block is which.
//!
//! The branches come from the drawing (the head's card and the union of its branch's card rectangles) and
//! the same subtree totals the cards show. Placing labels costs one pass over the big branches and at most
//! [`MAX_LABELS`] labels, whatever the chart's size; branches off screen get none.

use foldhash::HashMap;

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2};

use crate::geom;
use crate::metrics::{self, format};
use crate::model::{Chart, Forest, UnitId};
use crate::render::{Drawing, FontWeight, text};

use super::view::View;
use crate::app::fonts;

/// A branch needs at least this many units (hidden ones included) to be labelled.
pub const MIN_BRANCH_UNITS: usize = 20;
/// Most labels one frame paints.
pub const MAX_LABELS: usize = 48;
/// Label text sizes in screen points, largest first: few sizes, so egui's text-layout cache is reused.
const SIZES: [f32; 5] = [20.0, 16.0, 13.0, 11.0, 10.0];
/// The size at which label widths are measured once, when the drawing is built.
const REFERENCE_SIZE: f32 = 10.0;
/// Space around the text inside the label's plate, in screen points.
const PAD: f32 = 4.0;

/// A big branch as the canvas labels it.
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    pub id: UnitId,
    /// The union of the branch's card rectangles, in chart units.
    pub bounds: geom::Rect,
    pub name: String,
    /// "1234 units", then "1500 posts" when headcounts are given.
    pub totals: Vec<String>,
    /// Widths at [`REFERENCE_SIZE`], measured once when the drawing is built.
    widths: Widths,
    /// What `totals` were written from: an unchanged branch keeps its label from one build to the next.
    counted: Counted,
}

/// The figures a branch's label shows.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Counted {
    units: usize,
    headcount: crate::model::Span,
    has_fte: bool,
}

impl Counted {
    fn of(t: &metrics::Totals) -> Self {
        Self {
            units: t.units,
            headcount: t.headcount,
            has_fte: t.has_fte,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Widths {
    name: f32,
    /// The name's longest word: the narrowest the name can be wrapped to.
    word: f32,
    /// The totals on one line, and the widest of them alone.
    totals: f32,
    total: f32,
}

/// A label placed for one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Index into the branches.
    pub branch: usize,
    /// The plate, in screen points.
    pub rect: Rect,
    /// The name's size; the totals are at [`TOTALS_SCALE`] of it.
    pub size: f32,
    /// The name's rows, then the totals' rows.
    pub name: Vec<String>,
    pub totals: Vec<String>,
}

/// A label may be this much wider than its block: a tall, narrow block (a stack of teams) still gets one,
/// centred over it, and neighbours that would overlap are moved down past each other.
const OVERHANG: f32 = 1.5;
/// The totals' size relative to the name's.
const TOTALS_SCALE: f32 = 0.8;
/// A name wrapped to more rows than this is not shown at that size.
const MAX_NAME_ROWS: usize = 3;

/// The branches of at least [`MIN_BRANCH_UNITS`] units whose head is drawn, in pre-order (a branch before
/// the branches inside it). `forest` is the drawn forest and `card_index` finds a unit's card.
/// `totals` are the forest's units' subtree totals (hidden units included), by forest index. A branch of
/// `previous` (the last drawing's) whose head's name and figures are unchanged keeps its label as measured,
/// moved rather than copied (a big chart has thousands of branches: copying their text was most of this).
pub fn branches(
    chart: &Chart,
    forest: &Forest,
    totals: &[metrics::Totals],
    drawing: &Drawing,
    card_index: &super::CardIndex,
    previous: Vec<Branch>,
    may_have_changed: impl Fn(&UnitId) -> bool,
) -> Vec<Branch> {
    if !totals.iter().any(|t| t.units >= MIN_BRANCH_UNITS) {
        return Vec::new();
    }
    // Built from this forest, the drawing has a card per unit in its order: no unit is looked up by id.
    let same_order = drawing.cards.len() == forest.len()
        && drawing
            .cards
            .iter()
            .zip(&forest.ids)
            .all(|(card, id)| &card.id == id);
    let card_of = |i: usize| -> Option<usize> {
        if same_order {
            Some(i)
        } else {
            card_index.get(&forest.ids[i])
        }
    };
    let mut bounds: Vec<Option<geom::Rect>> = (0..forest.len())
        .map(|i| card_of(i).map(|c| drawing.cards[c].rect))
        .collect();
    // Pre-order puts every report after its manager: a reverse sweep folds branches into their heads.
    for i in (0..forest.len()).rev() {
        if let (Some(p), Some(b)) = (forest.parent[i], bounds[i]) {
            bounds[p] = Some(bounds[p].map_or(b, |a| a.union(&b)));
        }
    }
    let mut previous = Previous::new(previous);
    let mut out = Vec::new();
    for (i, id) in forest.ids.iter().enumerate() {
        let (Some(t), Some(b)) = (totals.get(i), bounds[i]) else {
            continue;
        };
        if t.units < MIN_BRANCH_UNITS || card_of(i).is_none() {
            continue;
        }
        let counted = Counted::of(t);
        // A head not edited since the last labels keeps its name: it is not looked up again (a big chart
        // has thousands of branches, each a look-up by id).
        let branch = match previous.take(id) {
            Some(old)
                if old.counted == counted
                    && (!may_have_changed(id) || old.name == head_name(chart, id)) =>
            {
                Branch { bounds: b, ..old }
            }
            _ => {
                let name = head_name(chart, id);
                let (totals, widths) = describe(&name, t);
                Branch {
                    id: id.clone(),
                    bounds: b,
                    name: name.into_owned(),
                    totals,
                    widths,
                    counted,
                }
            }
        };
        out.push(branch);
    }
    out
}

/// The last labels' branches, to be taken by their heads' ids. They mostly come in the order they had, so
/// each is looked for just after the last one taken (a pointer compare); only a miss maps them by id.
struct Previous {
    branches: Vec<Option<Branch>>,
    next: usize,
    by_id: Option<HashMap<UnitId, usize>>,
}

impl Previous {
    fn new(branches: Vec<Branch>) -> Self {
        Self {
            branches: branches.into_iter().map(Some).collect(),
            next: 0,
            by_id: None,
        }
    }

    fn take(&mut self, id: &UnitId) -> Option<Branch> {
        let next_is_it = self
            .branches
            .get(self.next)
            .and_then(Option::as_ref)
            .is_some_and(|branch| branch.id.is_same(id));
        let at = if next_is_it {
            self.next
        } else {
            let branches = &self.branches;
            let by_id = self.by_id.get_or_insert_with(|| {
                branches
                    .iter()
                    .enumerate()
                    .filter_map(|(k, branch)| Some((branch.as_ref()?.id.clone(), k)))
                    .collect()
            });
            *by_id.get(id)?
        };
        self.next = at + 1;
        self.branches.get_mut(at)?.take()
    }
}

/// Brings a branch's name and totals up to date after an edit that moved nothing (its bounds stay).
pub fn refresh(branch: &mut Branch, chart: &Chart, totals: &metrics::Totals) {
    let name = head_name(chart, &branch.id).into_owned();
    (branch.totals, branch.widths) = describe(&name, totals);
    branch.name = name;
    branch.counted = Counted::of(totals);
}

fn head_name<'c>(chart: &'c Chart, id: &UnitId) -> std::borrow::Cow<'c, str> {
    chart.unit(id).map_or_else(
        || std::borrow::Cow::Owned(id.to_string()),
        |u| std::borrow::Cow::Borrowed(u.name.as_str()),
    )
}

/// A branch's label: its totals, and the widths of its head's name and the totals.
fn describe(name: &str, t: &metrics::Totals) -> (Vec<String>, Widths) {
    let mut parts = vec![format!("{} units", t.units)];
    if t.headcount.max > 0.0 {
        parts.push(format::headcount(t.headcount, t.has_fte));
    }
    let bold = |s: &str| text::text_width(s, REFERENCE_SIZE, FontWeight::Bold);
    let regular = |s: &str| text::text_width(s, REFERENCE_SIZE, FontWeight::Regular);
    let widths = Widths {
        name: bold(name),
        word: name.split_whitespace().map(bold).fold(0.0, f32::max),
        totals: regular(&parts.join(" · ")),
        total: parts.iter().map(|p| regular(p)).fold(0.0, f32::max),
    };
    (parts, widths)
}

/// Where this frame's labels go: for each big branch on screen whose block is wide enough, in pre-order,
/// just above the block, or at its top moved down past the labels already placed; left out when that takes
/// it off its block or off the screen.
pub fn place(branches: &[Branch], view: &View) -> Vec<Label> {
    let canvas = view.canvas;
    let mut placed: Vec<Label> = Vec::new();
    for (b, branch) in branches.iter().enumerate() {
        if placed.len() >= MAX_LABELS {
            break;
        }
        let block = view.rect_to_screen(branch.bounds).intersect(canvas);
        if !block.is_positive() {
            continue;
        }
        let Some(mut label) = fit(branch, b, block.width()) else {
            continue;
        };
        let size = label.rect.size();
        // Just above the block, over its head's line, where it hides nothing of the branch; else at the
        // block's top.
        let above = Rect::from_min_size(
            Pos2::new(block.center().x - size.x / 2.0, block.top() - size.y - 2.0),
            size,
        );
        let free = |r: Rect| !placed.iter().any(|l| l.rect.intersects(r));
        label.rect = if canvas.contains_rect(above) && free(above) {
            above
        } else {
            above.translate(Vec2::new(0.0, size.y + 2.0))
        };
        // Each move goes past one label, so this ends after at most as many moves as there are labels.
        while let Some(other) = placed.iter().find(|l| l.rect.intersects(label.rect)) {
            let down = other.rect.bottom() + 2.0 - label.rect.top();
            label.rect = label.rect.translate(Vec2::new(0.0, down));
        }
        // A flat block (a long row seen from far out) may be shallower than its label: the label then
        // hangs below it, but it must start on its block and stay on screen.
        if label.rect.top() <= block.bottom() && canvas.contains_rect(label.rect) {
            placed.push(label);
        }
    }
    placed
}

/// The label at the largest size whose rows fit across `width` (with [`OVERHANG`]), with its plate at the
/// origin: the name on one row, or wrapped at spaces to a few; the totals on one row, or one row each.
fn fit(branch: &Branch, index: usize, width: f32) -> Option<Label> {
    let room = width * OVERHANG - 2.0 * PAD;
    let w = branch.widths;
    SIZES.into_iter().find_map(|size| {
        let scale = size / REFERENCE_SIZE;
        let small = scale * TOTALS_SCALE;
        if w.word * scale > room || w.total * small > room {
            return None;
        }
        let name = if w.name * scale <= room {
            vec![branch.name.clone()]
        } else {
            text::wrap(&branch.name, size, FontWeight::Bold, room)
        };
        if name.len() > MAX_NAME_ROWS {
            return None;
        }
        let totals = if w.totals * small <= room {
            vec![branch.totals.join(" · ")]
        } else {
            branch.totals.clone()
        };
        let name_width = if name.len() == 1 {
            w.name * scale
        } else {
            name.iter()
                .map(|row| text::text_width(row, size, FontWeight::Bold))
                .fold(0.0, f32::max)
        };
        let totals_width = if totals.len() == 1 { w.totals } else { w.total } * small;
        let height = name.len() as f32 * name_row(size) + totals.len() as f32 * totals_row(size);
        Some(Label {
            branch: index,
            rect: Rect::from_min_size(
                Pos2::ZERO,
                Vec2::new(name_width.max(totals_width), height) + Vec2::splat(2.0 * PAD),
            ),
            size,
            name,
            totals,
        })
    })
}

fn name_row(size: f32) -> f32 {
    text::line_height(size, FontWeight::Bold)
}

fn totals_row(size: f32) -> f32 {
    text::line_height(size * TOTALS_SCALE, FontWeight::Regular)
}

/// Paints the labels on plates of the background colour, so they read over the blocks.
pub fn paint(painter: &Painter, labels: &[Label], background: Color32) {
    let visuals = &painter.ctx().global_style().visuals;
    let ink = visuals.strong_text_color();
    let quiet = visuals.text_color();
    for label in labels {
        painter.rect(
            label.rect,
            4.0,
            background.gamma_multiply(0.8),
            Stroke::new(1.0, quiet.gamma_multiply(0.5)),
            StrokeKind::Inside,
        );
        let mut top = Pos2::new(label.rect.center().x, label.rect.top() + PAD);
        let bold = FontId::new(label.size, fonts::family(FontWeight::Bold));
        for row in &label.name {
            painter.text(top, Align2::CENTER_TOP, row, bold.clone(), ink);
            top.y += name_row(label.size);
        }
        let regular = FontId::new(
            label.size * TOTALS_SCALE,
            fonts::family(FontWeight::Regular),
        );
        for row in &label.totals {
            painter.text(top, Align2::CENTER_TOP, row, regular.clone(), quiet);
            top.y += totals_row(label.size);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::canvas::DrawingCache;
    use crate::model::Unit;
    use crate::render::RenderOptions;

    /// A chief executive over `departments` departments of `teams` teams of `posts` posts each.
    fn body(departments: usize, teams: usize, posts: usize) -> Chart {
        let mut chart = Chart::new();
        chart
            .insert_unit(Unit::new("ceo", "Chief Executive"), None, None)
            .unwrap();
        let ceo = UnitId::new("ceo");
        for d in 0..departments {
            let dept = UnitId::new(format!("d{d}"));
            chart
                .insert_unit(
                    Unit::new(dept.as_str(), format!("Department {d}")),
                    Some(&ceo),
                    None,
                )
                .unwrap();
            for t in 0..teams {
                let team = UnitId::new(format!("d{d}t{t}"));
                chart
                    .insert_unit(
                        Unit::new(team.as_str(), format!("Team {d}.{t}")),
                        Some(&dept),
                        None,
                    )
                    .unwrap();
                for p in 0..posts {
                    let post = Unit::new(format!("d{d}t{t}p{p}"), format!("Post {p}"));
                    chart.insert_unit(post, Some(&team), None).unwrap();
                }
            }
        }
        chart
    }

    fn view(zoom: f32) -> View {
        View {
            zoom,
            canvas: Rect::from_min_size(Pos2::new(0.0, 30.0), Vec2::new(1280.0, 800.0)),
            ..View::default()
        }
    }

    #[test]
    fn big_branches_are_found_with_their_totals_and_blocks() {
        let chart = body(3, 4, 6);
        let mut cache = DrawingCache::default();
        cache.ensure(&chart, 1, &RenderOptions::default());
        let names: Vec<&str> = cache.branches.iter().map(|b| b.name.as_str()).collect();
        // Departments have 1 + 4 * 7 = 29 units; teams (7) are too small.
        assert_eq!(
            names,
            [
                "Chief Executive",
                "Department 0",
                "Department 1",
                "Department 2"
            ]
        );
        assert_eq!(cache.branches[1].totals, ["29 units"]);
        let post = cache.card_rect(&UnitId::new("d0t3p5")).unwrap();
        assert!(cache.branches[1].bounds.contains(post.center()));
        assert!(!cache.branches[2].bounds.contains(post.center()));
    }

    /// The count test: labels painted are never more than the big branches on screen, and a branch off
    /// screen gets none, at every zoom and pan.
    #[test]
    fn labels_are_bounded_by_the_branches_on_screen() {
        let chart = body(12, 6, 5);
        let mut cache = DrawingCache::default();
        cache.ensure(&chart, 1, &RenderOptions::default());
        assert_eq!(cache.branches.len(), 13);
        let bounds = cache.drawing.bounds;
        for zoom in [0.002, 0.01, 0.03, 0.08, 0.15] {
            for along in [0.0, 0.25, 0.5, 0.9, 1.5] {
                let mut v = view(zoom);
                v.centre_on(geom::Point::new(
                    bounds.x + bounds.w * along,
                    bounds.center().y,
                ));
                let labels = place(&cache.branches, &v);
                let on_screen = cache
                    .branches
                    .iter()
                    .filter(|b| v.rect_to_screen(b.bounds).intersects(v.canvas))
                    .count();
                assert!(labels.len() <= on_screen, "{} > {on_screen}", labels.len());
                for label in &labels {
                    let block = v.rect_to_screen(cache.branches[label.branch].bounds);
                    assert!(
                        block.intersects(v.canvas),
                        "a label for a branch off screen"
                    );
                    assert!(v.canvas.contains_rect(label.rect), "{label:?}");
                }
                for (i, a) in labels.iter().enumerate() {
                    for b in &labels[i + 1..] {
                        assert!(!a.rect.intersects(b.rect), "labels overlap");
                    }
                }
            }
        }
        // Laid out for the window's shape and fitted to it, every department says which it is.
        let options = RenderOptions {
            layout: crate::layout::LayoutOptions {
                target_aspect: Some(1.6),
                ..Default::default()
            },
            ..Default::default()
        };
        cache.ensure(&chart, 1, &options);
        let bounds = cache.drawing.bounds;
        let mut v = view(1.0);
        v.fit(bounds);
        let labels = place(&cache.branches, &v);
        assert!(labels.len() >= 12, "{}", labels.len());
    }

    #[test]
    fn an_unedited_heads_name_is_kept_and_an_edited_ones_looked_up() {
        let chart = body(3, 4, 6);
        let mut cache = DrawingCache::default();
        cache.ensure(&chart, 1, &RenderOptions::default());
        let forest = chart.forest(true);
        let by_id = metrics::subtree_totals(&chart);
        let totals: Vec<metrics::Totals> = forest.ids.iter().map(|id| by_id[id]).collect();
        let stale = |branches: &[Branch]| -> Vec<Branch> {
            branches
                .iter()
                .map(|b| Branch {
                    name: format!("Was {}", b.name),
                    ..b.clone()
                })
                .collect()
        };
        let build = |previous: Vec<Branch>, edited: &dyn Fn(&UnitId) -> bool| {
            branches(
                &chart,
                &forest,
                &totals,
                &cache.drawing,
                &cache.card_index,
                previous,
                edited,
            )
        };
        // Told that no head was edited, the labels keep what they said: no name is looked up.
        let kept = build(stale(&cache.branches), &|_| false);
        assert!(kept.iter().all(|b| b.name.starts_with("Was ")));
        // Told that one was, that one's name is looked up again, and the others' kept.
        let edited = UnitId::new("d1");
        let one = build(stale(&cache.branches), &|id| *id == edited);
        let names: Vec<&str> = one.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Was Chief Executive",
                "Was Department 0",
                "Department 1",
                "Was Department 2"
            ]
        );
        // Out of order (the last branch first), each is still found.
        let mut shuffled = stale(&cache.branches);
        shuffled.rotate_right(1);
        let found = build(shuffled, &|_| false);
        assert!(found.iter().all(|b| b.name.starts_with("Was ")));
        assert_eq!(found.len(), cache.branches.len());
    }
}
