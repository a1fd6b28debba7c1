//! Hand-checked layouts of the placers (grid, column, staff band), the user's choice overriding the view,
//! and auto-fit.

use super::*;
use crate::model::{Placer, UnitId};

/// A forest from parent links given in pre-order, with placers and staff flags.
fn forest(parents: &[Option<usize>], placers: &[(usize, Placer)], staff: &[usize]) -> Forest {
    let mut f = Forest::default();
    for (i, p) in parents.iter().enumerate() {
        let placer = placers
            .iter()
            .find(|(u, _)| *u == i)
            .map_or(Placer::Auto, |(_, placer)| *placer);
        f.push(UnitId::new(format!("u{i}")), *p, placer, staff.contains(&i));
    }
    f
}

/// A manager (0) with `n` leaf reports.
fn star(n: usize) -> Vec<Option<usize>> {
    std::iter::once(None)
        .chain(std::iter::repeat_n(Some(0), n))
        .collect()
}

fn centre_x(r: &Rect) -> f32 {
    r.x + r.w / 2.0
}

fn assert_no_overlap(rects: &[Rect]) {
    for (i, a) in rects.iter().enumerate() {
        for (j, b) in rects.iter().enumerate().skip(i + 1) {
            assert!(!a.intersects(b), "cards {i} {a:?} and {j} {b:?} overlap");
        }
    }
}

fn connector(l: &Layout, child: usize) -> &[Point] {
    &l.connectors
        .iter()
        .find(|c| c.child == child)
        .unwrap_or_else(|| panic!("no connector to {child}"))
        .points
}

/// Every connector is orthogonal, leaves its manager's card edge, ends on its report's card edge, and
/// crosses no card.
fn assert_connectors_clean(l: &Layout) {
    for c in &l.connectors {
        let points = &c.points;
        assert!(points.len() >= 2, "{c:?}");
        for pair in points.windows(2) {
            assert!(
                pair[0].x == pair[1].x || pair[0].y == pair[1].y,
                "not orthogonal: {c:?}"
            );
        }
        assert!(on_edge(points[0], &l.rects[c.parent]), "{c:?}");
        assert!(
            on_edge(points[points.len() - 1], &l.rects[c.child]),
            "{c:?}"
        );
        for (i, card) in l.rects.iter().enumerate() {
            assert!(!crosses(points, card), "{c:?} crosses card {i} {card:?}");
        }
    }
}

fn on_edge(p: Point, r: &Rect) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() < 1e-2;
    let on_x = near(p.x, r.x) || near(p.x, r.right());
    let on_y = near(p.y, r.y) || near(p.y, r.bottom());
    (on_x && p.y >= r.y - 1e-2 && p.y <= r.bottom() + 1e-2)
        || (on_y && p.x >= r.x - 1e-2 && p.x <= r.right() + 1e-2)
}

fn crosses(points: &[Point], card: &Rect) -> bool {
    points.windows(2).any(|s| {
        let (x0, x1) = (s[0].x.min(s[1].x), s[0].x.max(s[1].x));
        let (y0, y1) = (s[0].y.min(s[1].y), s[0].y.max(s[1].y));
        let eps = 1e-2;
        card.x + eps < x1.max(x0 + 2.0 * eps)
            && x0 < card.right() - eps
            && card.y + eps < y1.max(y0 + 2.0 * eps)
            && y0 < card.bottom() - eps
    })
}

fn transposed(l: &Layout) -> (Vec<Rect>, Vec<Vec<Point>>) {
    (
        l.rects
            .iter()
            .map(|r| Rect::new(r.y, r.x, r.h, r.w))
            .collect(),
        l.connectors
            .iter()
            .map(|c| c.points.iter().map(|p| Point::new(p.y, p.x)).collect())
            .collect(),
    )
}

#[test]
fn a_grid_of_leaves_is_a_near_square_block_of_aligned_columns_hanging_from_a_trunk() {
    let f = forest(&star(30), &[(0, Placer::Grid)], &[]);
    let l = layout(&f, &[], &[], &LayoutOptions::default());
    let r = &l.rects;
    assert_no_overlap(r);
    assert_connectors_clean(&l);
    let reports = &r[1..];
    let columns: std::collections::BTreeSet<i64> =
        reports.iter().map(|c| c.x.round() as i64).collect();
    let rows: std::collections::BTreeSet<i64> =
        reports.iter().map(|c| c.y.round() as i64).collect();
    assert!(
        columns.len() >= 3 && rows.len() >= 3,
        "{columns:?} {rows:?}"
    );
    assert!(columns.len() * rows.len() >= 30);
    let block = Rect::bounding(reports).unwrap_or_default();
    let ratio = block.w / block.h;
    assert!((0.5..2.0).contains(&ratio), "block {block:?}");
    // The manager stands over the trunk, which runs in the channel between the middle columns.
    let trunk = centre_x(&r[0]);
    assert!(reports.iter().all(|c| c.right() < trunk || c.x > trunk));
    assert!(reports.iter().any(|c| c.right() < trunk) && reports.iter().any(|c| c.x > trunk));
    for (k, card) in r.iter().enumerate().skip(1) {
        let points = connector(&l, k);
        assert_eq!(points[0], Point::new(trunk, r[0].bottom()));
        assert_eq!(points[points.len() - 1], Point::new(centre_x(card), card.y));
        // Each row hangs from its own bus, half a level gap above it.
        assert!(
            points.iter().any(|p| (p.y - (card.y - 28.0)).abs() < 1e-3),
            "{points:?}"
        );
    }
}

#[test]
fn a_grid_keeps_each_teams_own_shape() {
    // 0 -> six managers, each with three reports of its own.
    let mut parents = vec![None];
    for _ in 0..6 {
        let manager = parents.len();
        parents.push(Some(0));
        parents.extend(std::iter::repeat_n(Some(manager), 3));
    }
    let f = forest(&parents, &[(0, Placer::Grid)], &[]);
    for orientation in [Orientation::TopDown, Orientation::LeftRight] {
        let options = LayoutOptions {
            orientation,
            ..LayoutOptions::default()
        };
        let l = layout(&f, &[], &[], &options);
        assert_no_overlap(&l.rects);
        assert_connectors_clean(&l);
    }
    let l = layout(&f, &[], &[], &LayoutOptions::default());
    let r = &l.rects;
    let managers: Vec<usize> = (0..f.len()).filter(|&i| f.parent[i] == Some(0)).collect();
    let rows: std::collections::BTreeSet<i64> =
        managers.iter().map(|&m| r[m].y.round() as i64).collect();
    assert!(rows.len() >= 2, "the teams wrap onto more than one row");
    for &m in &managers {
        let team = &f.children[m];
        // Each team is still a row centred under its manager.
        let first = r[team[0]];
        let last = r[team[team.len() - 1]];
        assert!((centre_x(&r[m]) - (centre_x(&first) + centre_x(&last)) / 2.0).abs() < 1e-3);
        assert!(team.iter().all(|&c| (r[c].y - first.y).abs() < 1e-3));
        assert!(first.y > r[m].bottom());
    }
}

#[test]
fn a_column_stacks_teams_too_entering_each_at_its_card() {
    // 0 -> (1 -> (2, 3), 4, 5 -> 6): the user asks for a column.
    let f = forest(
        &[None, Some(0), Some(1), Some(1), Some(0), Some(0), Some(5)],
        &[(0, Placer::Column)],
        &[],
    );
    let l = layout(&f, &[], &[], &LayoutOptions::default());
    let r = &l.rects;
    assert_no_overlap(r);
    assert_connectors_clean(&l);
    // Reports of 0 one below another, each box after the previous one's bottom.
    assert!(r[4].y > r[2].bottom() && r[5].y > r[4].bottom());
    for k in [1, 4, 5] {
        let points = connector(&l, k);
        let end = points[points.len() - 1];
        assert_eq!(end, Point::new(r[k].x, r[k].center().y), "{points:?}");
    }
}

#[test]
fn the_users_row_overrides_compact_and_column_overrides_the_plain_view() {
    let f = forest(&star(5), &[(0, Placer::Row)], &[]);
    let compact = LayoutOptions {
        compact: true,
        ..LayoutOptions::default()
    };
    let l = layout(&f, &[], &[], &compact);
    assert!(l.rects[1..].iter().all(|c| c.y == l.rects[1].y));
    let f = forest(&star(5), &[(0, Placer::Column)], &[]);
    let plain = layout(&f, &[], &[], &LayoutOptions::default());
    let stacked = layout(&forest(&star(5), &[], &[]), &[], &[], &compact);
    assert_eq!(plain.rects, stacked.rects);
}

#[test]
fn staff_sit_beside_the_line_between_the_manager_and_its_other_reports() {
    // 0 -> (1 staff, 2, 3 staff, 4, 5 staff)
    let f = forest(
        &[None, Some(0), Some(0), Some(0), Some(0), Some(0)],
        &[],
        &[1, 3, 5],
    );
    for compact in [false, true] {
        let options = LayoutOptions {
            compact,
            ..LayoutOptions::default()
        };
        let l = layout(&f, &[], &[], &options);
        let r = &l.rects;
        assert_no_overlap(r);
        assert_connectors_clean(&l);
        let line = centre_x(&r[0]);
        // Alternately near and far side of the line, below the manager and above the other reports.
        assert!(r[1].right() < line && r[3].x > line && r[5].right() < line);
        for s in [1, 3, 5] {
            assert!(r[s].y > r[0].bottom() && r[s].bottom() < r[2].y);
            let points = connector(&l, s);
            assert_eq!(points[0], Point::new(line, r[0].bottom()));
            let side = if s == 3 { r[s].x } else { r[s].right() };
            assert_eq!(points[points.len() - 1], Point::new(side, r[s].center().y));
        }
        assert!((line - (centre_x(&r[2]) + centre_x(&r[4])) / 2.0).abs() < 1e-3);
        assert!((r[2].y - r[4].y).abs() < 1e-3);
    }
}

#[test]
fn staff_with_a_hanging_column_reach_it_round_the_band() {
    // 0 -> (1 staff, 2..=5 leaves) in the compact view: the column hangs below the band.
    let f = forest(
        &[None, Some(0), Some(0), Some(0), Some(0), Some(0)],
        &[],
        &[1],
    );
    let compact = LayoutOptions {
        compact: true,
        ..LayoutOptions::default()
    };
    let l = layout(&f, &[], &[], &compact);
    assert_no_overlap(&l.rects);
    assert_connectors_clean(&l);
    assert!(l.rects[2].y > l.rects[1].bottom());
}

#[test]
fn placers_in_left_right_are_top_down_transposed() {
    let mut parents = star(9);
    parents.extend([Some(1), Some(1), Some(2)]);
    let f = forest(
        &parents,
        &[(0, Placer::Grid), (1, Placer::Column)],
        &[3, 11],
    );
    let sizes: Vec<Size> = (0..f.len())
        .map(|i| Size::new(100.0 + 10.0 * i as f32, 30.0 + 7.0 * i as f32))
        .collect();
    let turned: Vec<Size> = sizes.iter().map(|s| Size::new(s.h, s.w)).collect();
    let lr = LayoutOptions {
        orientation: Orientation::LeftRight,
        ..LayoutOptions::default()
    };
    let a = layout(&f, &sizes, &[], &lr);
    let b = layout(&f, &turned, &[], &LayoutOptions::default());
    let (rects, connectors) = transposed(&b);
    assert_eq!(a.rects, rects);
    let points: Vec<Vec<Point>> = a.connectors.iter().map(|c| c.points.to_vec()).collect();
    assert_eq!(points, connectors);
    assert_no_overlap(&a.rects);
    assert_connectors_clean(&a);
}

fn ratio(l: &Layout) -> f32 {
    l.bounds.w / l.bounds.h
}

#[test]
fn auto_fit_turns_a_wide_team_into_a_block_near_the_target() {
    let f = forest(&star(400), &[], &[]);
    let wide = layout(&f, &[], &[], &LayoutOptions::default());
    assert!(ratio(&wide) > 50.0);
    for target in [1.0f32, 1.414, 0.5, 3.0] {
        for orientation in [Orientation::TopDown, Orientation::LeftRight] {
            let options = LayoutOptions {
                target_aspect: Some(target),
                orientation,
                ..LayoutOptions::default()
            };
            let l = layout(&f, &[], &[], &options);
            let got = ratio(&l);
            assert!(
                got / target < 1.5 && target / got < 1.5,
                "{orientation:?} target {target}: {got}"
            );
            assert_no_overlap(&l.rects);
            assert_connectors_clean(&l);
            assert_eq!(l, layout(&f, &[], &[], &options), "deterministic");
        }
    }
}

#[test]
fn auto_fit_keeps_a_chart_that_already_fits_and_the_users_choice() {
    // 0 -> (1, 2, 3) is 3:1; a wider target cannot be reached by wrapping, so nothing changes.
    let f = forest(&star(3), &[], &[]);
    let plain = layout(&f, &[], &[], &LayoutOptions::default());
    let wider = LayoutOptions {
        target_aspect: Some(4.0),
        ..LayoutOptions::default()
    };
    assert_eq!(layout(&f, &[], &[], &wider), plain);
    let fitted = LayoutOptions {
        target_aspect: Some(0.2),
        ..LayoutOptions::default()
    };
    // The user's row stays a row however narrow the target.
    let f = forest(&star(60), &[(0, Placer::Row)], &[]);
    let l = layout(&f, &[], &[], &fitted);
    assert!(l.rects[1..].iter().all(|c| c.y == l.rects[1].y));
}

#[test]
fn auto_fit_ignores_unusable_targets() {
    let f = forest(&star(40), &[], &[]);
    let plain = layout(&f, &[], &[], &LayoutOptions::default());
    for target in [0.0, -1.0, f32::NAN, f32::INFINITY] {
        let options = LayoutOptions {
            target_aspect: Some(target),
            ..LayoutOptions::default()
        };
        assert_eq!(layout(&f, &[], &[], &options), plain, "{target}");
    }
}

fn lists(target: Option<f32>) -> LayoutOptions {
    LayoutOptions {
        list_leaves: true,
        sibling_gap: 8.0,
        level_gap: 22.0,
        target_aspect: target,
        ..LayoutOptions::default()
    }
}

/// Row-sized cards: 135 x 15 for leaves, 120 x 45 for managers.
fn list_sizes(f: &Forest) -> Vec<Size> {
    (0..f.len())
        .map(|i| {
            if f.children[i].is_empty() {
                Size::new(135.0, 15.0)
            } else {
                Size::new(120.0, 45.0)
            }
        })
        .collect()
}

#[test]
fn list_rows_hang_in_one_tight_column_below_their_manager_even_when_few() {
    for n in [1, 2, 5] {
        let f = forest(&star(n), &[], &[]);
        let l = layout(&f, &list_sizes(&f), &[], &lists(None));
        let r = &l.rects;
        assert_eq!(r.len(), n + 1, "one rect per unit");
        assert_no_overlap(r);
        assert_connectors_clean(&l);
        for k in 1..=n {
            assert!(r[k].y > r[0].bottom(), "row {k} below its manager");
            assert_eq!(r[k].x, r[1].x, "rows share one column");
            if k > 1 {
                let gap = r[k].y - r[k - 1].bottom();
                assert!((gap - 1.5).abs() < 1e-3, "rows all but touch: {gap}");
            }
        }
    }
    // Without lists, two leaves stay in the row.
    let f = forest(&star(2), &[], &[]);
    let l = layout(&f, &list_sizes(&f), &[], &LayoutOptions::default());
    assert_eq!(l.rects[1].y, l.rects[2].y);
}

/// A manager with six teams of very uneven depth (lists of 1 to 12 rows), for the balanced columns.
fn uneven_teams() -> Forest {
    let mut parents = vec![None];
    for rows in [12, 1, 2, 10, 1, 3] {
        let team = parents.len();
        parents.push(Some(0));
        parents.extend(std::iter::repeat_n(Some(team), rows));
    }
    forest(&parents, &[], &[])
}

#[test]
fn auto_fit_packs_uneven_teams_into_balanced_columns_in_the_list_view() {
    let f = uneven_teams();
    let sizes = list_sizes(&f);
    let l = layout(&f, &sizes, &[], &lists(Some(1.4)));
    assert_eq!(l.rects.len(), f.len(), "one rect per unit");
    assert_no_overlap(&l.rects);
    assert_connectors_clean(&l);
    let teams: Vec<usize> = f.children[0].clone();
    // Some team sits below another team's list (columns), not all in one row.
    let stacked = teams
        .iter()
        .any(|&a| teams.iter().any(|&b| l.rects[a].y > l.rects[b].bottom()));
    assert!(stacked, "teams packed in columns: {:?}", l.rects);
    // Columns, not a grid's rows or one stack: every team is entered from the side, from spines in
    // more than one column.
    let mut lefts: Vec<i64> = Vec::new();
    for &t in &teams {
        let points = connector(&l, t);
        let end = points[points.len() - 1];
        assert!((end.x - l.rects[t].x).abs() < 1e-3, "{points:?}");
        lefts.push(l.rects[t].x.round() as i64);
    }
    lefts.sort_unstable();
    lefts.dedup();
    assert!(lefts.len() >= 2, "{lefts:?}");
    // Every connector from the manager leaves its card's bottom.
    for &t in &teams {
        let points = connector(&l, t);
        assert!(
            (points[0].y - l.rects[0].bottom()).abs() < 1e-3,
            "{points:?}"
        );
    }
    // Nearer the target than the plain row of teams.
    let row = layout(&f, &sizes, &[], &lists(None));
    let miss = |l: &Layout| (ratio(l) / 1.4).ln().abs();
    assert!(miss(&l) < miss(&row), "{} vs {}", ratio(&l), ratio(&row));
    // The same chart and target give the same picture.
    assert_eq!(l, layout(&f, &sizes, &[], &lists(Some(1.4))));
}

#[test]
fn without_lists_auto_fit_never_packs_columns() {
    // The standard and dense views keep their grids: the same layout with the list flag off is
    // unaffected by the columns placer (their rows keep one row of teams per bus).
    let f = uneven_teams();
    let sizes = list_sizes(&f);
    let options = LayoutOptions {
        target_aspect: Some(1.4),
        ..LayoutOptions::default()
    };
    let l = layout(&f, &sizes, &[], &options);
    assert_no_overlap(&l.rects);
    for &t in &f.children[0] {
        let points = connector(&l, t);
        let end = points[points.len() - 1];
        // Grid and row members are entered from above, never from the side as in columns.
        assert!((end.y - l.rects[t].y).abs() < 1e-3, "{points:?}");
    }
}

#[test]
fn the_top_level_can_be_packed_in_a_given_number_of_columns_in_the_list_view() {
    let f = uneven_teams();
    let sizes = list_sizes(&f);
    let options = LayoutOptions {
        top_columns: 3,
        ..lists(Some(1.4))
    };
    let l = layout(&f, &sizes, &[], &options);
    assert_eq!(l.rects.len(), f.len());
    assert_no_overlap(&l.rects);
    assert_connectors_clean(&l);
    let mut lefts: Vec<i64> = f.children[0]
        .iter()
        .map(|&t| l.rects[t].x.round() as i64)
        .collect();
    lefts.sort_unstable();
    lefts.dedup();
    assert_eq!(lefts.len(), 3, "{lefts:?}");
    // Without lists the option is ignored.
    let plain = LayoutOptions {
        top_columns: 3,
        target_aspect: Some(1.4),
        ..LayoutOptions::default()
    };
    let unset = LayoutOptions {
        target_aspect: Some(1.4),
        ..LayoutOptions::default()
    };
    assert_eq!(
        layout(&f, &sizes, &[], &plain),
        layout(&f, &sizes, &[], &unset)
    );
}
