//! Hand-checked layouts of small trees.

use super::*;

fn forest(parents: &[Option<usize>]) -> Forest {
    Forest::from_parents(parents)
}

fn options() -> LayoutOptions {
    LayoutOptions::default()
}

fn compact() -> LayoutOptions {
    LayoutOptions {
        compact: true,
        ..LayoutOptions::default()
    }
}

fn centre_x(r: &Rect) -> f32 {
    r.x + r.w / 2.0
}

fn assert_near(a: f32, b: f32) {
    assert!((a - b).abs() < 1e-3, "{a} != {b}");
}

fn connector(l: &Layout, parent: usize, child: usize) -> &Connector {
    l.connectors
        .iter()
        .find(|c| c.parent == parent && c.child == child)
        .unwrap_or_else(|| panic!("no connector {parent} -> {child}"))
}

fn assert_no_overlap(rects: &[Rect]) {
    for (i, a) in rects.iter().enumerate() {
        for (j, b) in rects.iter().enumerate().skip(i + 1) {
            assert!(!a.intersects(b), "cards {i} {a:?} and {j} {b:?} overlap");
        }
    }
}

#[test]
fn parent_is_centred_over_children_of_different_widths() {
    let f = forest(&[None, Some(0), Some(0), Some(0)]);
    let sizes = [
        Size::new(100.0, 50.0),
        Size::new(40.0, 30.0),
        Size::new(200.0, 30.0),
        Size::new(80.0, 30.0),
    ];
    let l = layout(&f, &sizes, &[], &options());
    let r = &l.rects;
    assert_near(centre_x(&r[0]), (centre_x(&r[1]) + centre_x(&r[3])) / 2.0);
    // Siblings in forest order, packed exactly one sibling gap apart.
    assert_near(r[2].x, r[1].right() + 24.0);
    assert_near(r[3].x, r[2].right() + 24.0);
    assert_eq!(l.bounds, Rect::bounding(r).unwrap_or_default());
    assert_near(l.bounds.x, 0.0);
}

#[test]
fn levels_share_a_top_and_are_as_tall_as_their_tallest_card() {
    // 0 -> (1 -> 3, 2 -> 4); row 1 has a 90-high card, row 2 a 20-high one.
    let f = forest(&[None, Some(0), Some(1), Some(0), Some(3)]);
    let sizes = [
        Size::new(100.0, 40.0),
        Size::new(100.0, 90.0),
        Size::new(100.0, 20.0),
        Size::new(100.0, 30.0),
        Size::new(100.0, 60.0),
    ];
    let l = layout(&f, &sizes, &[], &options());
    let r = &l.rects;
    assert_near(r[0].y, 0.0);
    assert_near(r[1].y, 40.0 + 56.0);
    assert_near(r[3].y, r[1].y);
    assert_near(r[2].y, r[1].y + 90.0 + 56.0);
    assert_near(r[4].y, r[2].y);
    assert_no_overlap(r);
}

#[test]
fn cousins_are_packed_by_their_contours() {
    // 0 -> (1 -> (3, 4), 2 -> (5, 6)): the two pairs sit one gap apart, and 1, 2 centre over them.
    let f = forest(&[None, Some(0), Some(1), Some(1), Some(0), Some(4), Some(4)]);
    let l = layout(&f, &[], &[], &options());
    let r = &l.rects;
    assert_near(r[5].x, r[3].right() + 24.0);
    assert_near(centre_x(&r[1]), (centre_x(&r[2]) + centre_x(&r[3])) / 2.0);
    assert_near(centre_x(&r[0]), (centre_x(&r[1]) + centre_x(&r[4])) / 2.0);
}

#[test]
fn roots_stand_side_by_side_one_root_gap_apart() {
    // Tree A: 0 -> (1, 2); tree B: 3 alone; tree C: 4 -> 5.
    let f = forest(&[None, Some(0), Some(0), None, None, Some(4)]);
    let l = layout(&f, &[], &[], &options());
    let r = &l.rects;
    let a_right = r[2].right();
    assert_near(r[3].x, a_right + 72.0);
    assert_near(r[4].x.min(r[5].x), r[3].right() + 72.0);
    for root in [0, 3, 4] {
        assert_near(r[root].y, 0.0);
    }
}

#[test]
fn compact_manager_stacks_leaves_in_an_indented_column() {
    let f = forest(&[None, Some(0), Some(0), Some(0), Some(0)]);
    let l = layout(&f, &[], &[], &compact());
    let r = &l.rects;
    let manager = r[0];
    for card in &r[1..=4] {
        assert_near(card.x, manager.x + 24.0);
    }
    assert_near(r[1].y, manager.bottom() + 56.0);
    for pair in r[1..=4].windows(2) {
        assert_near(pair[1].y, pair[0].bottom() + 12.0);
    }
    let spine = manager.x + 12.0;
    for (k, card) in r.iter().enumerate().skip(1) {
        let points = &connector(&l, 0, k).points;
        assert_eq!(points.first(), Some(&Point::new(spine, manager.bottom())));
        assert_eq!(points.last(), Some(&Point::new(card.x, card.center().y)));
        assert!(
            points
                .iter()
                .all(|p| p.x == spine || p.y == card.center().y)
        );
    }
}

#[test]
fn compact_needs_three_leaves() {
    // 0 -> (1, 2) stays a row; 3 -> (4, 5 -> 6, 7) has a non-leaf report, so stays a row too.
    let f = forest(&[
        None,
        Some(0),
        Some(0),
        None,
        Some(3),
        Some(3),
        Some(5),
        Some(3),
    ]);
    let l = layout(&f, &[], &[], &compact());
    let r = &l.rects;
    assert_near(r[1].y, r[2].y);
    assert_near(r[4].y, r[5].y);
    assert_near(r[5].y, r[7].y);
    assert!(r[4].x < r[5].x && r[5].x < r[7].x);
}

#[test]
fn many_leaves_fill_two_columns_row_by_row_around_a_central_spine() {
    let mut parents = vec![None];
    parents.extend(std::iter::repeat_n(Some(0), 10));
    let f = forest(&parents);
    let l = layout(&f, &[], &[], &compact());
    let r = &l.rects;
    let spine = centre_x(&r[0]);
    for row in 0..5 {
        let (left, right) = (r[1 + 2 * row], r[2 + 2 * row]);
        assert_near(left.y, right.y);
        assert_near(left.right(), spine - 12.0);
        assert_near(right.x, spine + 12.0);
        assert_eq!(
            connector(&l, 0, 1 + 2 * row).points.last(),
            Some(&Point::new(left.right(), left.center().y))
        );
        assert_eq!(
            connector(&l, 0, 2 + 2 * row).points.last(),
            Some(&Point::new(right.x, right.center().y))
        );
        if row > 0 {
            assert_near(left.y, r[2 * row - 1].bottom() + 12.0);
        }
    }
    assert_no_overlap(r);
}

#[test]
fn a_managers_leaves_beside_its_teams_are_grouped_in_one_stack_in_the_teams_row() {
    // 0 -> (1 leaf, 2 -> 3, 4 leaf, 5 leaf, 6 -> 7): leaves 1, 4, 5 stack where 1 stood, left of team 2.
    let f = forest(&[
        None,
        Some(0),
        Some(0),
        Some(2),
        Some(0),
        Some(0),
        Some(0),
        Some(6),
    ]);
    let l = layout(&f, &[], &[], &compact());
    let r = &l.rects;
    let row = r[2].y;
    assert_near(r[6].y, row);
    assert_near(r[1].y, row);
    for pair in [1, 4, 5].windows(2) {
        assert_near(r[pair[1]].x, r[pair[0]].x);
        assert_near(r[pair[1]].y, r[pair[0]].bottom() + 12.0);
    }
    assert!(r[1].right() < r[2].x && r[2].right() < r[6].x);
    // The group keeps a spine's width on its near side; the spine comes off the teams' bus.
    let spine = r[1].x - 12.0;
    let bus = row - 28.0;
    for leaf in [1, 4, 5] {
        let points = &connector(&l, 0, leaf).points;
        assert_eq!(
            points.first(),
            Some(&Point::new(centre_x(&r[0]), r[0].bottom()))
        );
        assert!(points.contains(&Point::new(spine, bus)), "{points:?}");
        assert_eq!(
            points.last(),
            Some(&Point::new(r[leaf].x, r[leaf].center().y))
        );
    }
    assert_eq!(connector(&l, 0, 2).points.len(), 4);
    assert_no_overlap(r);
}

#[test]
fn a_very_wide_team_is_stacked_in_several_pairs_of_columns_reached_by_one_bus() {
    let mut parents = vec![None];
    parents.extend(std::iter::repeat_n(Some(0), 50));
    let f = forest(&parents);
    let l = layout(&f, &[], &[], &compact());
    let r = &l.rects;
    let stacked = &r[1..];
    let deepest = stacked.iter().map(|c| c.bottom()).fold(f32::MIN, f32::max);
    // 50 cards in three pairs of columns: at most ten rows of 60 + 12.
    assert!(deepest - r[1].y <= 10.0 * 72.0, "{deepest}");
    let columns: std::collections::BTreeSet<i64> =
        stacked.iter().map(|c| c.x.round() as i64).collect();
    assert_eq!(columns.len(), 6, "{columns:?}");
    let near = stacked.iter().map(|c| c.x).fold(f32::MAX, f32::min);
    let far = stacked.iter().map(|c| c.right()).fold(f32::MIN, f32::max);
    assert_near(centre_x(&r[0]), (near + far) / 2.0);
    let bus = r[1].y - 28.0;
    for (k, card) in r.iter().enumerate().skip(1) {
        let points = &connector(&l, 0, k).points;
        // Down from the manager to the bus, along it to the card's spine (collinear points merged when
        // the spine runs under the manager).
        assert_eq!(points[0], Point::new(centre_x(&r[0]), r[0].bottom()));
        assert_eq!(points[1].x, centre_x(&r[0]), "{k} {points:?}");
        assert!(
            points[1].y == bus || points[1].y == card.center().y,
            "{k} {points:?}"
        );
        let end = points[points.len() - 1];
        assert!(end.x == card.x || end.x == card.right(), "{points:?}");
    }
    assert_no_overlap(r);
}

#[test]
fn compact_blocks_keep_neighbours_clear_below_them() {
    // 0 -> (1 -> 4 leaves stacked deep, 6 -> 7 -> 8): 8 sits two rows down, beside the stack.
    let f = forest(&[
        None,
        Some(0),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(0),
        Some(6),
        Some(7),
    ]);
    let wide = Size::new(300.0, 60.0);
    let mut sizes = vec![Size::new(160.0, 60.0); 9];
    sizes[8] = wide;
    let l = layout(&f, &sizes, &[], &compact());
    assert_no_overlap(&l.rects);
    assert_near(l.rects[8].y, l.rects[7].bottom() + 56.0);
}

#[test]
fn a_pinned_card_carries_its_subtree_except_pinned_descendants() {
    // 0 -> (1 -> (2, 3 -> 4), 5)
    let f = forest(&[None, Some(0), Some(1), Some(1), Some(3), Some(0)]);
    let free = layout(&f, &[], &[], &options());
    let mut pinned = vec![None; 6];
    let pin = Point::new(-500.0, 900.0);
    let own = Point::new(40.0, -40.0);
    pinned[1] = Some(pin);
    pinned[4] = Some(own);
    let l = layout(&f, &[], &pinned, &options());
    let (dx, dy) = (pin.x - free.rects[1].x, pin.y - free.rects[1].y);
    assert_eq!(l.rects[1].min(), pin);
    for moved in [2, 3] {
        assert_eq!(l.rects[moved], free.rects[moved].translate(dx, dy));
    }
    assert_eq!(l.rects[4].min(), own);
    for still in [0, 5] {
        assert_eq!(l.rects[still], free.rects[still]);
    }
    // The bracket moves with the manager: the report's elbow still leaves the moved manager.
    let c = connector(&l, 1, 2);
    assert_eq!(
        c.points[0],
        Point::new(centre_x(&l.rects[1]), l.rects[1].bottom())
    );
    assert_eq!(l.bounds, Rect::bounding(&l.rects).unwrap_or_default());
}

#[test]
fn left_right_is_top_down_transposed() {
    let f = forest(&[None, Some(0), Some(1), Some(1), Some(0), None]);
    let sizes: Vec<Size> = (0..6)
        .map(|i| Size::new(100.0 + 10.0 * i as f32, 30.0 + 7.0 * i as f32))
        .collect();
    let turned: Vec<Size> = sizes.iter().map(|s| Size::new(s.h, s.w)).collect();
    for compact in [false, true] {
        let lr = LayoutOptions {
            orientation: Orientation::LeftRight,
            compact,
            ..options()
        };
        let td = LayoutOptions {
            compact,
            ..options()
        };
        let a = layout(&f, &sizes, &[], &lr);
        let b = layout(&f, &turned, &[], &td);
        for (ra, rb) in a.rects.iter().zip(&b.rects) {
            assert_eq!(*ra, Rect::new(rb.y, rb.x, rb.h, rb.w));
        }
        for (ca, cb) in a.connectors.iter().zip(&b.connectors) {
            let flipped: Vec<Point> = cb.points.iter().map(|p| Point::new(p.y, p.x)).collect();
            assert_eq!(*ca.points, *flipped);
        }
    }
}

#[test]
fn left_right_grows_rightwards_with_siblings_stacked_down() {
    let f = forest(&[None, Some(0), Some(0)]);
    let lr = LayoutOptions {
        orientation: Orientation::LeftRight,
        ..options()
    };
    let l = layout(&f, &[], &[], &lr);
    let r = &l.rects;
    assert_near(r[1].x, r[0].right() + 56.0);
    assert_near(r[1].x, r[2].x);
    assert_near(r[2].y, r[1].bottom() + 24.0);
    let c = connector(&l, 0, 2);
    assert_eq!(c.points[0], Point::new(r[0].right(), r[0].center().y));
    assert_eq!(c.points.last(), Some(&Point::new(r[2].x, r[2].center().y)));
}

#[test]
fn connectors_run_from_bottom_centre_through_a_shared_bus_to_top_centre() {
    let f = forest(&[None, Some(0), Some(0), Some(0), Some(1)]);
    let l = layout(&f, &[], &[], &options());
    let r = &l.rects;
    assert_eq!(l.connectors.len(), 4);
    let bus = r[1].y - 28.0;
    for child in 1..=3 {
        let points = &connector(&l, 0, child).points;
        assert_eq!(points[0], Point::new(centre_x(&r[0]), r[0].bottom()));
        assert_eq!(
            *points.last().unwrap(),
            Point::new(centre_x(&r[child]), r[child].y)
        );
        for pair in points.windows(2) {
            assert!(
                pair[0].x == pair[1].x || pair[0].y == pair[1].y,
                "not orthogonal"
            );
        }
        if child != 2 {
            assert_eq!(points.len(), 4);
            assert_near(points[1].y, bus);
        }
    }
    // An only child straight below its manager gets a straight line.
    assert_eq!(connector(&l, 1, 4).points.len(), 2);
}

#[test]
fn empty_and_mismatched_inputs_do_not_panic() {
    let empty = layout(&Forest::default(), &[], &[], &options());
    assert_eq!(empty, Layout::default());
    assert_eq!(empty.bounds, Rect::default());

    let f = forest(&[None, Some(0), Some(0)]);
    let l = layout(&f, &[Size::new(10.0, 10.0)], &[None; 7], &options());
    assert_eq!(l.rects.len(), 3);
    assert_eq!(l.rects[0].w, 10.0);
    assert_eq!((l.rects[1].w, l.rects[1].h), (160.0, 60.0));
    let weird = LayoutOptions {
        sibling_gap: f32::NAN,
        level_gap: -5.0,
        ..options()
    };
    let l = layout(
        &f,
        &[Size::new(f32::INFINITY, 1.0)],
        &[Some(Point::new(f32::NAN, 0.0))],
        &weird,
    );
    assert!(l.rects.iter().all(|r| r.x.is_finite() && r.y.is_finite()));
    assert_no_overlap(&l.rects);
}

#[test]
fn orientation_parses_names_and_short_forms() {
    for (text, want) in [
        ("top-down", Orientation::TopDown),
        ("TD", Orientation::TopDown),
        ("left-right", Orientation::LeftRight),
        (" lr ", Orientation::LeftRight),
    ] {
        assert_eq!(text.parse::<Orientation>(), Ok(want));
    }
    let err = "sideways".parse::<Orientation>().unwrap_err();
    assert!(err.contains("sideways") && err.contains("top-down") && err.contains("left-right"));
    assert_eq!(Orientation::LeftRight.label(), "Left-right");
}

fn crosses(points: &[Point], card: &Rect) -> bool {
    points.windows(2).any(|s| {
        let (x0, x1) = (s[0].x.min(s[1].x), s[0].x.max(s[1].x));
        let (y0, y1) = (s[0].y.min(s[1].y), s[0].y.max(s[1].y));
        // A segment is a closed box with no extent across it; a card's inside is open.
        card.x < x1 && x0 < card.right() && card.y < y1 && y0 < card.bottom()
    })
}

fn on_edge(p: Point, r: &Rect) -> bool {
    let on_x = (p.x - r.x).abs() < 1e-3 || (p.x - r.right()).abs() < 1e-3;
    let on_y = (p.y - r.y).abs() < 1e-3 || (p.y - r.bottom()).abs() < 1e-3;
    (on_x && p.y >= r.y && p.y <= r.bottom()) || (on_y && p.x >= r.x && p.x <= r.right())
}

fn assert_good_route(points: &[Point], from: usize, to: usize, l: &Layout) {
    assert!(points.len() >= 2);
    assert!(
        on_edge(points[0], &l.rects[from]),
        "{points:?} does not leave {from}"
    );
    assert!(
        on_edge(*points.last().unwrap(), &l.rects[to]),
        "{points:?} does not reach {to}"
    );
    for pair in points.windows(2) {
        assert!(
            pair[0].x == pair[1].x || pair[0].y == pair[1].y,
            "not orthogonal: {points:?}"
        );
    }
    for (i, card) in l.rects.iter().enumerate() {
        assert!(
            !crosses(points, card),
            "{points:?} crosses card {i} {card:?}"
        );
    }
}

#[test]
fn links_between_distant_siblings_go_round_the_cards_between() {
    let f = forest(&[None, Some(0), Some(0), Some(0), Some(0)]);
    let l = layout(&f, &[], &[], &options());
    let points = route_link(l.rects[1], l.rects[4], &l, &options());
    assert_good_route(&points, 1, 4, &l);
    let neighbours = route_link(l.rects[1], l.rects[2], &l, &options());
    assert_good_route(&neighbours, 1, 2, &l);
    assert_eq!(neighbours.len(), 2, "facing neighbours get a straight line");
}

#[test]
fn links_across_branches_and_levels_avoid_every_card() {
    // 0 -> (1 -> (2 -> 3, 4), 5 -> (6, 7 -> (8, 9))): link 3 (deep left) to 5 (shallow right) and 2 to 9.
    let f = forest(&[
        None,
        Some(0),
        Some(1),
        Some(2),
        Some(1),
        Some(0),
        Some(5),
        Some(5),
        Some(7),
        Some(7),
    ]);
    for orientation in [Orientation::TopDown, Orientation::LeftRight] {
        let o = LayoutOptions {
            orientation,
            ..options()
        };
        let l = layout(&f, &[], &[], &o);
        for (from, to) in [(3, 5), (2, 9), (9, 2), (4, 8)] {
            let points = route_link(l.rects[from], l.rects[to], &l, &o);
            assert_good_route(&points, from, to, &l);
        }
    }
}

#[test]
fn links_within_a_stack_go_round_its_far_side_not_through_gaps_or_along_the_spine() {
    // 0 -> (1 -> (2, 3, 4), 5 -> (6, 7)): in compact mode 2, 3, 4 stack under 1 with a spine on their left.
    let f = forest(&[
        None,
        Some(0),
        Some(1),
        Some(1),
        Some(1),
        Some(0),
        Some(5),
        Some(5),
    ]);
    let l = layout(&f, &[], &[], &compact());
    let stack_right = [2, 3, 4].map(|i| l.rects[i].right()).into_iter();
    let stack_right = stack_right.fold(f32::MIN, f32::max);
    for (from, to) in [(2, 3), (2, 4), (4, 3)] {
        let points = route_link(l.rects[from], l.rects[to], &l, &compact());
        assert_good_route(&points, from, to, &l);
        assert!(
            points
                .iter()
                .all(|p| p.x >= l.rects[from].x.min(l.rects[to].x)),
            "{from} -> {to} runs on the spine side: {points:?}"
        );
        assert!(
            points.iter().any(|p| p.x > stack_right),
            "{from} -> {to} does not go round the far side: {points:?}"
        );
    }
}
