use super::*;

/// A generated chart drawn once, with the managers of several reports to move a unit between and the unit.
struct Edited {
    chart: Chart,
    options: RenderOptions,
    cache: DrawingCache,
    managers: Vec<UnitId>,
    moved: UnitId,
}

fn edited_chart() -> Edited {
    let chart = crate::generate::generate(600, 9);
    let options = RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    };
    let mut cache = DrawingCache::default();
    cache.ensure(&chart, 1, &options);
    let forest = chart.forest(false);
    let managers: Vec<UnitId> = (0..forest.len())
        .filter(|&i| forest.children[i].len() > 1)
        .map(|i| forest.ids[i].clone())
        .collect();
    let moved = forest.ids[forest.len() / 2].clone();
    Edited {
        chart,
        options,
        cache,
        managers,
        moved,
    }
}

/// Everything the canvas keeps, to compare a patched cache with one built from scratch.
fn kept(cache: &DrawingCache) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        &cache.drawing,
        &cache.shape_bounds,
        &cache.shape_owner,
        &cache.block_colour,
        &cache.branches,
        &cache.meta,
        &cache.rows,
        cache
            .drawing
            .cards
            .iter()
            .map(|card| cache.card_index.get(&card.id))
            .collect::<Vec<_>>(),
        cache.typical_card_width,
    )
}

#[test]
fn a_patched_canvas_keeps_what_one_built_from_scratch_keeps_and_repaints_one_card() {
    let mut chart = crate::generate::generate(400, 5);
    let options = RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    };
    let mut cache = DrawingCache::default();
    cache.ensure(&chart, 1, &options);
    assert!(!cache.branches.is_empty(), "big enough for branch labels");
    // Rename each branch head in turn (their labels change), then a few others, longer and shorter.
    let heads: Vec<UnitId> = cache.branches.iter().map(|b| b.id.clone()).collect();
    let others = chart
        .units()
        .iter()
        .step_by(37)
        .map(|u| u.id.clone())
        .collect::<Vec<_>>();
    let mut patched = 0;
    for (k, id) in heads.iter().chain(&others).enumerate() {
        let mut unit = chart.unit(id).cloned().unwrap();
        unit.name = if k % 2 == 0 {
            format!("{} Ltd", unit.name)
        } else {
            "X".into()
        };
        chart.replace_unit(unit).unwrap();
        assert!(cache.ensure(&chart, 2 + k as u64, &options));
        let mut fresh = DrawingCache::default();
        fresh.ensure(&chart, 1, &options);
        assert_eq!(kept(&cache), kept(&fresh), "after renaming {id}");
        if cache.repainted() == 1 {
            patched += 1;
            let card = cache.card_index.get(id).unwrap();
            assert_eq!(
                cache.rebounded(),
                cache.drawing.cards[card].shapes.len(),
                "bounds of that card's shapes only"
            );
        }
    }
    assert!(
        patched > others.len() / 2,
        "most renames keep the card's size: {patched}"
    );
}

#[test]
fn after_moves_and_additions_the_canvas_keeps_what_one_built_from_scratch_keeps() {
    let Edited {
        mut chart,
        options,
        mut cache,
        managers,
        moved,
    } = edited_chart();
    let mut revision = 1;
    for (k, to) in managers.iter().step_by(5).enumerate() {
        if chart.is_at_or_above(&moved, to) {
            continue;
        }
        chart.move_unit(&moved, Some(to), None).unwrap();
        if k % 2 == 0 {
            let new = crate::model::Unit::new(format!("added-{k}"), "New post");
            chart.insert_unit(new, Some(to), Some(0)).unwrap();
        }
        revision += 1;
        assert!(cache.ensure(&chart, revision, &options));
        let mut fresh = DrawingCache::default();
        fresh.ensure(&chart, 1, &options);
        assert_eq!(kept(&cache), kept(&fresh), "after moving under {to}");
    }
    assert!(
        !cache.branches.is_empty(),
        "labels are kept for big branches"
    );
}

#[test]
fn a_cards_shapes_are_bounded_by_its_area_and_other_shapes_by_their_own() {
    let chart = crate::generate::generate(60, 3);
    let mut cache = DrawingCache::default();
    cache.ensure(&chart, 1, &RenderOptions::default());
    let drawing = &cache.drawing;
    for (c, card) in drawing.cards.iter().enumerate() {
        for i in card.shapes.clone() {
            assert_eq!(cache.shape_owner[i], c as u32);
            assert_eq!(cache.shape_bounds[i], card_area(card));
        }
    }
    let others: Vec<usize> = (0..drawing.shapes.len())
        .filter(|&i| cache.shape_owner[i] == NO_CARD)
        .collect();
    assert!(!others.is_empty(), "lines, key and totals");
    for i in others {
        assert_eq!(cache.shape_bounds[i], shape_bounds(&drawing.shapes[i]));
    }
}

#[test]
fn rows_go_top_to_bottom_then_left_to_right_with_ties_in_card_order() {
    let card = |x: f32, y: f32| Card {
        id: UnitId::from("u"),
        rect: geom::Rect::new(x, y, 10.0, 10.0),
        shapes: 0..0,
    };
    let drawing = Drawing {
        bounds: geom::Rect::default(),
        background: Rgba::rgb(255, 255, 255),
        shapes: Vec::new(),
        cards: vec![
            card(5.0, 20.0),
            card(0.0, 0.0),
            card(5.0, 0.0),
            card(0.0, 20.0),
            card(5.0, 0.0),
        ],
    };
    assert_eq!(rows_of(&drawing), vec![1, 2, 4, 3, 0]);
}

#[test]
fn rows_are_what_a_sort_of_every_card_gives() {
    use crate::layout::{LayoutOptions, Orientation};
    let chart = crate::generate::generate(700, 4);
    for orientation in [Orientation::TopDown, Orientation::LeftRight] {
        for (compact, list_leaves, top_columns) in [(false, false, 0), (true, true, 3)] {
            let options = RenderOptions {
                layout: LayoutOptions {
                    orientation,
                    compact,
                    list_leaves,
                    top_columns,
                    ..LayoutOptions::default()
                },
                ..RenderOptions::default()
            };
            let drawing = crate::render::build_drawing(&chart, &options);
            assert_eq!(rows_of(&drawing), rows_sorted(&drawing), "{options:?}");
        }
    }
    // Cards in no tree's order: rows out of order, lefts out of order within a row, ties, and the two
    // zeros (`total_cmp` puts -0 before 0).
    let mut drawing = crate::render::build_drawing(&chart, &RenderOptions::default());
    drawing.cards.reverse();
    drawing.cards.rotate_left(77);
    for (k, card) in drawing.cards.iter_mut().enumerate() {
        if k % 7 == 0 {
            card.rect.y = if k % 2 == 0 { 0.0 } else { -0.0 };
        }
        if k % 5 == 0 {
            card.rect.x = (k % 3) as f32;
        }
    }
    assert_eq!(rows_of(&drawing), rows_sorted(&drawing));
    drawing.cards.clear();
    assert!(rows_of(&drawing).is_empty());
}

#[test]
fn the_card_index_answers_as_a_map_of_the_drawn_ids_after_edits_and_hashes_few() {
    let Edited {
        mut chart,
        options,
        mut cache,
        managers,
        moved,
    } = edited_chart();
    let mut gone = Vec::new();
    let mut revision = 1;
    for (k, to) in managers.iter().step_by(3).enumerate() {
        if chart.is_at_or_above(&moved, to) {
            continue;
        }
        chart.move_unit(&moved, Some(to), None).unwrap();
        match k % 3 {
            0 => {
                let new = crate::model::Unit::new(format!("added-{k}"), "New post");
                chart.insert_unit(new, Some(to), Some(0)).unwrap();
            }
            1 => {
                let leaf = chart
                    .units()
                    .into_iter()
                    .map(|u| u.id.clone())
                    .find(|id| chart.children(id).is_empty() && *id != moved);
                if let Some(leaf) = leaf {
                    chart.remove_leaf(&leaf).unwrap();
                    gone.push(leaf);
                }
            }
            _ => {}
        }
        revision += 1;
        cache.ensure(&chart, revision, &options);
        let cards = &cache.drawing.cards;
        let map: HashMap<&UnitId, usize> =
            cards.iter().enumerate().map(|(i, c)| (&c.id, i)).collect();
        for id in cards.iter().map(|c| &c.id).chain(&gone) {
            assert_eq!(cache.card_index.get(id), map.get(id).copied(), "{id}");
        }
        assert!(
            cache.card_index.hashed() * 20 < cards.len(),
            "hashed {} of {} ids",
            cache.card_index.hashed(),
            cards.len()
        );
    }
    assert!(!gone.is_empty());
}

#[test]
fn a_big_chart_kept_with_threads_is_what_one_thread_keeps() {
    let chart = crate::generate::generate(3 * crate::parallel::SMALLEST_SPLIT, 11);
    assert!(
        !chart.links().is_empty(),
        "links are routed beside the cards"
    );
    let options = RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    };
    let mut threaded = DrawingCache::default();
    threaded.ensure(&chart, 1, &options);
    let mut one = DrawingCache::default();
    crate::parallel::on_one_thread(|| one.ensure(&chart, 1, &options));
    assert!(threaded.drawing.cards.len() >= crate::parallel::SMALLEST_SPLIT);
    assert_eq!(kept(&threaded), kept(&one));
}

#[test]
fn font_sizes_snap_to_few_steps() {
    assert_eq!(snap_font_px(13.9), 13.5);
    assert_eq!(snap_font_px(13.74), 13.5);
    assert_eq!(snap_font_px(14.0), 14.0);
    assert_eq!(snap_font_px(30.9), 30.0);
    assert_eq!(snap_font_px(103.0), 100.0);
    for i in 0..2000 {
        let px = 3.0 + i as f32 * 0.07;
        assert!(snap_font_px(px) <= px, "{px} grew");
    }
    // Many zoom levels share few sizes.
    let steps: std::collections::BTreeSet<u32> = (0..1000)
        .map(|i| (snap_font_px(6.0 + i as f32 * 0.01) * 100.0) as u32)
        .collect();
    assert!(steps.len() <= 21, "{}", steps.len());
}

#[test]
fn names_outlast_secondary_text_as_the_view_zooms_out() {
    // Fit-to-window on a 16-unit sample is about 44%: every kind of text on a card is still drawn.
    for size in [
        style::NAME_SIZE,
        style::ROLE_SIZE,
        style::FIGURES_SIZE,
        style::BADGE_SIZE,
    ] {
        assert!(text_is_drawn(size, 0.44), "size {size} at 44%");
    }
    // Further out, names stay after the small text is gone.
    assert!(text_is_drawn(style::NAME_SIZE, 0.3));
    assert!(!text_is_drawn(style::FIGURES_SIZE, 0.3));
    assert!(!text_is_drawn(style::BADGE_SIZE, 0.3));
    assert!(!text_is_drawn(style::NAME_SIZE, 0.2));
}

/// A row of `width` posts under one manager, with a dotted link from the first post to the last: a
/// dashed line right across a very wide chart.
fn wide_chart_with_a_long_dashed_link(width: usize) -> Chart {
    use crate::model::{Link, LinkKind, Unit};
    let mut chart = Chart::new();
    chart
        .insert_unit(Unit::new("top", "Chief Executive"), None, None)
        .unwrap();
    let top = UnitId::new("top");
    for i in 0..width {
        chart
            .insert_unit(
                Unit::new(format!("p{i}"), format!("Post {i}")),
                Some(&top),
                None,
            )
            .unwrap();
    }
    for kind in LinkKind::ALL {
        chart
            .add_link(Link::new("p0", format!("p{}", width - 1), kind))
            .unwrap();
    }
    chart
}

/// Regression for the zoom freeze: dashes were made along a link's whole length in screen space, so
/// at high zoom one frame held millions of shapes. What a frame paints is bounded by the screen.
#[test]
fn a_frame_at_any_zoom_paints_a_bounded_number_of_shapes() {
    let chart = wide_chart_with_a_long_dashed_link(2_000);
    let mut cache = DrawingCache::default();
    cache.ensure(&chart, 1, &RenderOptions::default());
    let bounds = cache.drawing.bounds;
    assert!(bounds.w > 200_000.0, "the chart is wide: {bounds:?}");
    let mut view = View {
        canvas: egui::Rect::from_min_size(Pos2::new(0.0, 30.0), Vec2::new(1280.0, 800.0)),
        ..View::default()
    };
    let first = cache.card_rect(&UnitId::new("p0")).unwrap();
    for zoom in [0.05, 0.14, 0.3, 1.0, 4.0] {
        view.zoom = zoom;
        view.centre_on(first.center());
        let (shapes, texts) = shapes_on_screen(&cache, &view);
        assert!(
            shapes.len() + texts.len() < 3_000,
            "{} shapes and {} texts at zoom {zoom}",
            shapes.len(),
            texts.len()
        );
        // The dashes that are painted lie on screen.
        for shape in &shapes {
            if let EguiShape::LineSegment { points, .. } = shape {
                for p in points {
                    assert!(
                        view.canvas.expand(CLIP_MARGIN + 200.0).contains(*p),
                        "{p:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn lines_are_cut_to_the_clip_rectangle_and_keep_their_length_before() {
    let clip = egui::Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
    let line = [
        Pos2::new(-1000.0, 50.0),
        Pos2::new(50.0, 50.0),
        Pos2::new(50.0, 5000.0),
    ];
    let runs = visible_runs(&line, clip);
    assert_eq!(runs.len(), 1);
    assert_eq!(
        runs[0].points,
        vec![
            Pos2::new(0.0, 50.0),
            Pos2::new(50.0, 50.0),
            Pos2::new(50.0, 100.0)
        ]
    );
    assert_eq!(runs[0].length_before, 1000.0);
    // In and out twice: two runs.
    let zigzag = [
        Pos2::new(-10.0, 10.0),
        Pos2::new(110.0, 10.0),
        Pos2::new(110.0, 90.0),
        Pos2::new(-10.0, 90.0),
    ];
    let runs = visible_runs(&zigzag, clip);
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert_eq!(runs[1].length_before, 120.0 + 80.0 + 10.0);
    // Wholly outside: nothing.
    assert!(visible_runs(&[Pos2::new(-5.0, -5.0), Pos2::new(500.0, -1.0)], clip).is_empty());
}

#[test]
fn text_bounds_sit_on_the_baseline() {
    let shape = Shape::Text {
        pos: geom::Point::new(10.0, 100.0),
        text: "Finance".into(),
        size: 14.0,
        weight: crate::render::FontWeight::Bold,
        color: Rgba::rgb(0, 0, 0),
        strike: false,
    };
    let b = shape_bounds(&shape);
    assert!(b.y < 100.0 && b.bottom() > 100.0, "{b:?}");
    assert!(b.w > 40.0);
}
