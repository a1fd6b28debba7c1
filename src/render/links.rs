//! Lines between cards: line-management elbows from layout, and the other links (dotted/matrix, contract,
//! shared service) routed over the tree, each kind in its own colour and pattern.

use crate::geom::{Point, Rect};
use crate::layout::{CardRects, Layout, LayoutOptions, LinkRouter, Orientation};
use crate::model::LinkKind;

use super::drawing::{Dash, FontWeight, Shape, Stroke};
use super::style::{self, LinkStyle, Palette};
use super::text;

/// Arrow head length and half-width for a stroke of `width`.
fn arrow_dims(width: f32) -> (f32, f32) {
    (6.0 + 3.0 * width, 2.5 + 1.5 * width)
}

/// The arrow head at the end of a path (tip, two base corners) and where the line itself should stop so
/// that its end is hidden under the head. Shared by every backend so arrows look the same everywhere.
pub fn arrow_head(points: &[Point], stroke_width: f32) -> Option<([Point; 3], Point)> {
    let tip = *points.last()?;
    let before = points
        .iter()
        .rev()
        .skip(1)
        .find(|p| (p.x - tip.x).hypot(p.y - tip.y) > 0.01)?;
    let (dx, dy) = (tip.x - before.x, tip.y - before.y);
    let length = dx.hypot(dy);
    let (ux, uy) = (dx / length, dy / length);
    let (head, half) = arrow_dims(stroke_width);
    let base = Point::new(tip.x - ux * head, tip.y - uy * head);
    let corners = [
        tip,
        Point::new(base.x - uy * half, base.y + ux * half),
        Point::new(base.x + uy * half, base.y - ux * half),
    ];
    let line_end = Point::new(
        tip.x - ux * head.min(length) * 0.8,
        tip.y - uy * head.min(length) * 0.8,
    );
    Some((corners, line_end))
}

/// Line-management elbows, as layout drew them.
pub fn paint_connectors(layout: &Layout, palette: &Palette, shapes: &mut Vec<Shape>) {
    for connector in &layout.connectors {
        shapes.push(Shape::Path {
            points: connector.points.to_vec(),
            stroke: Stroke::solid(style::CONNECTOR_WIDTH, palette.connector),
            arrow_end: false,
        });
    }
}

/// A non-line link between two drawn cards (by index into the layout), with its route.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutedLink {
    pub kind: LinkKind,
    pub label: String,
    pub points: Vec<Point>,
}

/// Routes one link; to route many over one layout, make a [`LinkRouter`] once and use [`route_with`].
pub fn route(
    from: usize,
    to: usize,
    kind: LinkKind,
    label: &str,
    layout: &Layout,
    options: &LayoutOptions,
) -> Option<RoutedLink> {
    route_with(
        &LinkRouter::new(layout, options),
        from,
        to,
        kind,
        label,
        layout,
    )
}

/// Routes one link with a router made for `layout`.
pub fn route_with(
    router: &LinkRouter,
    from: usize,
    to: usize,
    kind: LinkKind,
    label: &str,
    layout: &Layout,
) -> Option<RoutedLink> {
    let (a, b) = (*layout.rects.get(from)?, *layout.rects.get(to)?);
    let label = label.trim();
    let room = if label.is_empty() {
        0.0
    } else {
        text::text_width(label, style::LINK_LABEL_SIZE, FontWeight::Regular) + 8.0
    };
    let points = router.route(a, b, room);
    let points = trim_end(&trim_start(&points, a), b);
    (points.len() >= 2).then(|| RoutedLink {
        kind,
        label: label.to_owned(),
        points,
    })
}

/// Where a segment starting inside `rect` at `p` leaves it on the way to `q`, if it does before `q`.
fn exit_point(p: Point, q: Point, rect: Rect) -> Option<Point> {
    let axis = |from: f32, to: f32, low: f32, high: f32| {
        if to > from {
            (high - from) / (to - from)
        } else if to < from {
            (low - from) / (to - from)
        } else {
            f32::INFINITY
        }
    };
    let t = axis(p.x, q.x, rect.x, rect.right()).min(axis(p.y, q.y, rect.y, rect.bottom()));
    (t < 1.0).then(|| Point::new(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)))
}

/// Cuts off the part of a route that runs under its starting card, whether the router started at the
/// card's centre or its edge, so arrows and line ends stay visible.
fn trim_start(points: &[Point], rect: Rect) -> Vec<Point> {
    let Some(first) = points.first() else {
        return Vec::new();
    };
    if !rect.contains(*first) {
        return points.to_vec();
    }
    for i in 0..points.len().saturating_sub(1) {
        if let Some(exit) = exit_point(points[i], points[i + 1], rect) {
            let mut out = vec![exit];
            out.extend_from_slice(&points[i + 1..]);
            return out;
        }
    }
    points.to_vec()
}

fn trim_end(points: &[Point], rect: Rect) -> Vec<Point> {
    let reversed: Vec<Point> = points.iter().rev().copied().collect();
    let mut trimmed = trim_start(&reversed, rect);
    trimmed.reverse();
    trimmed
}

pub fn paint_links(links: &[RoutedLink], palette: &Palette, shapes: &mut Vec<Shape>) {
    for link in links {
        let LinkStyle {
            color,
            dash,
            double,
            arrow,
        } = style::link_style(link.kind, palette);
        if double {
            shapes.push(Shape::Path {
                points: link.points.clone(),
                stroke: Stroke {
                    width: style::LINK_WIDTH * 3.0,
                    color,
                    dash: dash.clone(),
                },
                arrow_end: false,
            });
            shapes.push(Shape::Path {
                points: link.points.clone(),
                stroke: Stroke::solid(style::LINK_WIDTH, palette.background),
                arrow_end: false,
            });
        } else {
            shapes.push(Shape::Path {
                points: link.points.clone(),
                stroke: Stroke {
                    width: style::LINK_WIDTH,
                    color,
                    dash,
                },
                arrow_end: arrow,
            });
        }
    }
}

/// Link labels go on top of cards and lines, on a small plate so they stay readable where they cross.
/// Labels go where they hide nothing: on the longest stretch of their line that is clear of every card and
/// of the labels already placed (on the line, else beside an upright stretch of it), falling back to the
/// longest stretch when the line has no clear place. Returns the plates, which the drawing must enclose.
/// Indexes `cards` for this call: with a [`LinkRouter`] at hand, [`paint_link_labels_among`] its cards.
pub fn paint_link_labels(
    links: &[RoutedLink],
    cards: &[Rect],
    label_size: f32,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) -> Vec<Rect> {
    if links.iter().all(|link| link.label.is_empty()) {
        return Vec::new();
    }
    let cards = CardRects::new(cards, Orientation::TopDown);
    paint_link_labels_among(links, &cards, label_size, palette, shapes)
}

/// [`paint_link_labels`] against cards already indexed (the router's: [`LinkRouter::cards`]), so the
/// labels cost about the links, not every card of the chart.
pub fn paint_link_labels_among(
    links: &[RoutedLink],
    cards: &CardRects,
    label_size: f32,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) -> Vec<Rect> {
    let on_a_card = |plate: &Rect| cards.any_intersecting(plate);
    place_labels(links, on_a_card, label_size, palette, shapes)
}

/// The labels' placing, asking `on_a_card` whether a plate would hide part of a card.
fn place_labels(
    links: &[RoutedLink],
    on_a_card: impl Fn(&Rect) -> bool,
    label_size: f32,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) -> Vec<Rect> {
    let (size, weight) = (label_size, FontWeight::Regular);
    let mut placed: Vec<Rect> = Vec::new();
    // The labels placed so far: few, bucketed about a plate's height tall.
    let plate_height = text::line_height(size, weight) + 2.0;
    let mut taken = super::rect_grid::RectGrid::new((plate_height * 6.0, plate_height));
    for link in links.iter().filter(|l| !l.label.is_empty()) {
        let w = text::text_width(&link.label, size, weight);
        let h = text::line_height(size, weight);
        let plate_at =
            |p: Point| Rect::new(p.x - w / 2.0 - 4.0, p.y - h / 2.0 - 1.0, w + 8.0, h + 2.0);
        let mut segments: Vec<(Point, Point)> =
            link.points.windows(2).map(|w| (w[0], w[1])).collect();
        segments.sort_by(|x, y| seg_len(y).total_cmp(&seg_len(x)));
        let along = |&(a, b): &(Point, Point)| {
            [0.5, 0.3, 0.7, 0.15, 0.85]
                .map(|t| Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
        };
        let on_line = segments.iter().flat_map(along);
        let beside = segments
            .iter()
            .filter(|(a, b)| (a.x - b.x).abs() < 0.5)
            .flat_map(along)
            .flat_map(|p| {
                let shift = w / 2.0 + 4.0 + LABEL_CLEARANCE;
                [Point::new(p.x + shift, p.y), Point::new(p.x - shift, p.y)]
            });
        let candidates = on_line.chain(beside);
        let is_clear = |plate: &Rect| !taken.any_intersecting(plate) && !on_a_card(plate);
        let clear = candidates.map(plate_at).find(|plate| is_clear(plate));
        let Some(plate) = clear.or_else(|| {
            segments
                .first()
                .map(|&(a, b)| plate_at(Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)))
        }) else {
            continue;
        };
        placed.push(plate);
        taken.insert(plate);
        shapes.push(Shape::Rect {
            rect: plate,
            corner_radius: 3.0,
            fill: Some(palette.background),
            stroke: Stroke {
                width: 1.0,
                color: style::link_style(link.kind, palette).color,
                dash: Dash::Solid,
            },
        });
        shapes.push(Shape::Text {
            pos: Point::new(plate.x + 4.0, plate.y + 1.0 + text::ascent(size, weight)),
            text: link.label.clone(),
            size,
            weight,
            color: palette.role,
            strike: false,
        });
    }
    placed
}

/// Space between an upright line and a label set beside it.
const LABEL_CLEARANCE: f32 = 3.0;

fn seg_len((a, b): &(Point, Point)) -> f32 {
    (b.x - a.x).hypot(b.y - a.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_trimmed_to_card_edges() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 200.0, 100.0, 50.0);
        let route = vec![a.center(), Point::new(350.0, 25.0), b.center()];
        let trimmed = trim_end(&trim_start(&route, a), b);
        assert_eq!(trimmed.first(), Some(&Point::new(100.0, 25.0)));
        assert_eq!(trimmed.last(), Some(&Point::new(350.0, 200.0)));
        assert_eq!(trimmed.len(), 3);
    }

    #[test]
    fn routes_already_on_edges_are_kept() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 0.0, 100.0, 50.0);
        let route = vec![Point::new(100.0, 25.0), Point::new(300.0, 25.0)];
        assert_eq!(trim_end(&trim_start(&route, a), b), route);
    }

    /// Labels placed against the router's index of the cards land where a scan of every card puts them
    /// (the scan is what the grid of every card answered), in both orientations, on a chart whose many
    /// labelled links crowd each other and the cards.
    #[test]
    fn labels_go_where_a_scan_of_every_card_puts_them() {
        let mut chart = crate::generate::generate(1_200, 5);
        let ids: Vec<crate::model::UnitId> = chart.units().iter().map(|u| u.id.clone()).collect();
        for k in (0..ids.len()).step_by(7) {
            let (from, to) = (&ids[k], &ids[(k * 31 + 17) % ids.len()]);
            // Some links already exist or join a unit to itself: those are simply not added.
            let _ = chart.add_link(crate::model::Link {
                from: from.clone(),
                to: to.clone(),
                kind: LinkKind::Dotted,
                label: format!("label {k}"),
            });
        }
        let forest = chart.forest(false);
        let sizes: Vec<crate::geom::Size> = (0..forest.len())
            .map(|i| crate::geom::Size::new(140.0 + (i % 4) as f32 * 15.0, 56.0))
            .collect();
        let palette = style::palette(super::super::build::Theme::Light);
        for orientation in [
            crate::layout::Orientation::TopDown,
            crate::layout::Orientation::LeftRight,
        ] {
            let options = LayoutOptions {
                orientation,
                ..LayoutOptions::default()
            };
            let placed =
                crate::layout::layout(&forest, &sizes, &vec![None; forest.len()], &options);
            let router = LinkRouter::new(&placed, &options);
            let at = |id: &crate::model::UnitId| forest.ids.iter().position(|x| x == id);
            let routed: Vec<RoutedLink> = chart
                .links()
                .iter()
                .filter_map(|link| {
                    let (a, b) = (at(&link.from)?, at(&link.to)?);
                    route_with(&router, a, b, link.kind, &link.label, &placed)
                })
                .collect();
            assert!(routed.iter().filter(|l| !l.label.is_empty()).count() > 100);
            let (mut indexed, mut scanned) = (Vec::new(), Vec::new());
            let plates =
                paint_link_labels_among(&routed, router.cards(), 11.0, &palette, &mut indexed);
            let scan = |plate: &Rect| placed.rects.iter().any(|card| card.intersects(plate));
            let want = place_labels(&routed, scan, 11.0, &palette, &mut scanned);
            assert_eq!(plates, want, "{orientation:?}");
            assert_eq!(indexed, scanned, "{orientation:?}");
            // And the legacy entry point, which indexes the cards itself.
            let mut again = Vec::new();
            let legacy = paint_link_labels(&routed, &placed.rects, 11.0, &palette, &mut again);
            assert_eq!((legacy, again), (want, scanned), "{orientation:?}");
        }
    }

    #[test]
    fn arrow_points_along_the_last_segment() {
        let points = [Point::new(0.0, 0.0), Point::new(100.0, 0.0)];
        let ([tip, left, right], line_end) = arrow_head(&points, 2.0).unwrap();
        assert_eq!(tip, Point::new(100.0, 0.0));
        assert!(left.x < 100.0 && right.x < 100.0);
        assert!((left.y + right.y).abs() < 1e-4 && left.y != right.y);
        assert!(line_end.x < 100.0 && line_end.x > left.x);
    }
}
