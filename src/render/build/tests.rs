use super::*;
use crate::model::{Cost, CostBasis, Link, LinkKind, Span, Status, Unit, UnitKind};
use crate::render::drawing::{Rgba, Stroke};
use crate::render::style::{BLUISH_GREEN, VERMILLION};

fn per_post(amount: f64) -> Cost {
    Cost {
        amount: Span::exact(amount),
        basis: CostBasis::PerPost,
        on_cost_rate: None,
        estimate: false,
    }
}

fn add(chart: &mut Chart, unit: Unit, parent: Option<&str>) {
    chart
        .insert_unit(unit, parent.map(UnitId::new).as_ref(), None)
        .unwrap();
}

/// Director (1 post, £100k) over Finance (5 x £40k) and Payroll (3 x £30k), plus a second organisation.
fn small_chart() -> Chart {
    let mut chart = Chart::new();
    chart.set_title("Test council");
    add(
        &mut chart,
        Unit::new("dir", "Director of Resources")
            .with_kind(UnitKind::Post)
            .with_headcount(Span::exact(1.0))
            .with_cost(per_post(100_000.0)),
        None,
    );
    add(
        &mut chart,
        Unit::new("fin", "Finance")
            .with_headcount(Span::exact(5.0))
            .with_cost(per_post(40_000.0)),
        Some("dir"),
    );
    add(
        &mut chart,
        Unit::new("pay", "Payroll")
            .with_headcount(Span::exact(3.0))
            .with_cost(per_post(30_000.0))
            .with_status(Status::Outsourced {
                provider: "Acme Payroll Ltd".into(),
            }),
        Some("dir"),
    );
    add(&mut chart, Unit::new("other", "Other Council"), None);
    chart
        .add_link(Link::new("fin", "other", LinkKind::Dotted))
        .unwrap();
    chart
}

fn texts(drawing: &Drawing, range: std::ops::Range<usize>) -> Vec<(String, bool, FontWeight)> {
    drawing.shapes[range]
        .iter()
        .filter_map(|s| match s {
            Shape::Text {
                text,
                strike,
                weight,
                ..
            } => Some((text.clone(), *strike, *weight)),
            _ => None,
        })
        .collect()
}

fn all_texts(drawing: &Drawing) -> Vec<String> {
    texts(drawing, 0..drawing.shapes.len())
        .into_iter()
        .map(|t| t.0)
        .collect()
}

fn card_texts(drawing: &Drawing, id: &str) -> Vec<String> {
    let card = drawing.card(&UnitId::new(id)).unwrap();
    texts(drawing, card.shapes.clone())
        .into_iter()
        .map(|t| t.0)
        .collect()
}

fn border_of(drawing: &Drawing, id: &str) -> Stroke {
    let card = drawing.card(&UnitId::new(id)).unwrap();
    drawing.shapes[card.shapes.clone()]
        .iter()
        .find_map(|s| match s {
            Shape::Rect {
                rect,
                fill: None,
                stroke,
                ..
            } if *rect == card.rect => Some(stroke.clone()),
            _ => None,
        })
        .unwrap()
}

#[test]
fn managers_show_subtree_totals_and_leaves_their_own() {
    let drawing = build_drawing(&small_chart(), &RenderOptions::default());
    let director = card_texts(&drawing, "dir");
    assert!(
        director.contains(&"9 posts · £390k".to_owned()),
        "{director:?}"
    );
    let finance = card_texts(&drawing, "fin");
    assert!(
        finance.contains(&"5 posts · £200k".to_owned()),
        "{finance:?}"
    );
    // A unit with no figures gets no figures row at all.
    assert_eq!(card_texts(&drawing, "other"), vec!["Other Council"]);
}

#[test]
fn every_card_text_fits_inside_its_card() {
    let mut chart = small_chart();
    add(
        &mut chart,
        Unit::new(
            "long",
            "Deputy Chief Operating Officer for Commercial, Customer and Support Services",
        )
        .with_role(
            "Leads the client side of the outsourced support and customer services contracts",
        )
        .with_headcount(Span::range(11.0, 15.0))
        .with_status(Status::Shared {
            with: vec!["Northbridge".into(), "Eastvale District Council".into()],
        }),
        Some("dir"),
    );
    let drawing = build_drawing(&chart, &RenderOptions::default());
    for card in &drawing.cards {
        for shape in &drawing.shapes[card.shapes.clone()] {
            if let Shape::Text {
                pos,
                text: row,
                size,
                weight,
                ..
            } = shape
            {
                let right = pos.x + text::text_width(row, *size, *weight);
                let top = pos.y - text::ascent(*size, *weight);
                assert!(
                    pos.x >= card.rect.x && right <= card.rect.right() - 8.0,
                    "'{row}' overflows {:?}",
                    card.rect
                );
                assert!(top >= card.rect.y && pos.y <= card.rect.bottom(), "'{row}'");
            }
        }
    }
}

#[test]
fn legend_lists_only_what_the_chart_uses() {
    let drawing = build_drawing(&small_chart(), &RenderOptions::default());
    let all = all_texts(&drawing);
    for expected in [
        "Key",
        "Line management",
        LinkKind::Dotted.label(),
        "Outsourced (provider named)",
    ] {
        assert!(all.iter().any(|t| t == expected), "missing '{expected}'");
    }
    for unused in [
        LinkKind::Contract.label(),
        LinkKind::SharedService.label(),
        "Vacant",
        "Board / committee",
        "Added",
        "Units hidden below",
    ] {
        assert!(!all.iter().any(|t| t == unused), "unexpected '{unused}'");
    }

    let without = build_drawing(
        &small_chart(),
        &RenderOptions {
            legend: false,
            ..RenderOptions::default()
        },
    );
    assert!(!all_texts(&without).iter().any(|t| t == "Key"));
}

#[test]
fn change_marks_colour_the_card_and_strike_removed_names() {
    let options = RenderOptions {
        marks: HashMap::from([
            (UnitId::new("fin"), ChangeMark::Added),
            (UnitId::new("pay"), ChangeMark::Removed),
        ]),
        ..RenderOptions::default()
    };
    let drawing = build_drawing(&small_chart(), &options);
    assert_eq!(border_of(&drawing, "fin").color, BLUISH_GREEN);
    assert_eq!(border_of(&drawing, "pay").color, VERMILLION);
    assert_ne!(border_of(&drawing, "dir").color, VERMILLION);

    let pay = drawing.card(&UnitId::new("pay")).unwrap();
    let rows = texts(&drawing, pay.shapes.clone());
    assert!(rows.contains(&("Payroll".to_owned(), true, FontWeight::Bold)));
    assert!(rows.iter().any(|r| r.0 == "Removed"));
    let fin = drawing.card(&UnitId::new("fin")).unwrap();
    assert!(
        texts(&drawing, fin.shapes.clone())
            .iter()
            .all(|(_, strike, _)| !strike)
    );
    let all = all_texts(&drawing);
    assert!(all.iter().any(|t| t == "Added"));
    assert!(all.iter().any(|t| t == "Removed (name struck through)"));
    assert!(!all.iter().any(|t| t == "Moved"));
}

#[test]
fn subtree_draws_only_that_part_with_its_totals() {
    let options = RenderOptions {
        subtree: Some(UnitId::new("fin")),
        ..RenderOptions::default()
    };
    let drawing = build_drawing(&small_chart(), &options);
    let ids: Vec<&str> = drawing.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["fin"]);
    let all = all_texts(&drawing);
    assert!(
        all.iter().any(|t| t.starts_with("Total: 5 posts")),
        "{all:?}"
    );
    // The dotted link's other end is not drawn, so neither is the link nor its key entry.
    assert!(!all.iter().any(|t| t == LinkKind::Dotted.label()));
}

#[test]
fn collapsed_units_show_how_many_are_hidden() {
    let mut chart = small_chart();
    let mut dir = chart.unit(&UnitId::new("dir")).unwrap().clone();
    dir.collapsed = true;
    chart.replace_unit(dir).unwrap();
    let options = RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    };
    let drawing = build_drawing(&chart, &options);
    assert_eq!(drawing.cards.len(), 2);
    assert!(card_texts(&drawing, "dir").contains(&"+2".to_owned()));
    assert!(
        all_texts(&drawing)
            .iter()
            .any(|t| t == "Units hidden below")
    );
    // The dotted link from the hidden Finance unit is drawn from its collapsed manager instead.
    assert!(
        all_texts(&drawing)
            .iter()
            .any(|t| t == LinkKind::Dotted.label())
    );
    // Totals still count everything.
    assert!(
        all_texts(&drawing)
            .iter()
            .any(|t| t.starts_with("Total: 9 posts"))
    );
}

#[test]
fn cards_do_not_overlap_and_are_listed_in_forest_order() {
    let chart = small_chart();
    let drawing = build_drawing(&chart, &RenderOptions::default());
    let forest = chart.forest(false);
    let ids: Vec<UnitId> = drawing.cards.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids, forest.ids);
    for (i, a) in drawing.cards.iter().enumerate() {
        assert!(drawing.bounds.contains(a.rect.min()) && drawing.bounds.contains(a.rect.max()));
        for b in &drawing.cards[i + 1..] {
            assert!(!a.rect.intersects(&b.rect), "{} and {}", a.id, b.id);
        }
    }
    assert_eq!(
        drawing
            .card_at(drawing.cards[1].rect.center())
            .map(|c| &c.id),
        Some(&drawing.cards[1].id)
    );
}

#[test]
fn output_is_deterministic_and_themes_differ() {
    let chart = small_chart();
    let a = build_drawing(&chart, &RenderOptions::default());
    let b = build_drawing(&chart, &RenderOptions::default());
    assert_eq!(a, b);
    let dark = build_drawing(
        &chart,
        &RenderOptions {
            theme: Theme::Dark,
            ..RenderOptions::default()
        },
    );
    assert_eq!(a.background, Rgba::rgb(255, 255, 255));
    assert_ne!(dark.background, a.background);
}

#[test]
fn title_comes_from_options_or_the_chart() {
    let chart = small_chart();
    let drawing = build_drawing(&chart, &RenderOptions::default());
    assert!(all_texts(&drawing).iter().any(|t| t == "Test council"));
    let custom = build_drawing(
        &chart,
        &RenderOptions {
            title: Some("Proposed structure".into()),
            ..RenderOptions::default()
        },
    );
    let all = all_texts(&custom);
    assert!(all.iter().any(|t| t == "Proposed structure"));
    assert!(!all.iter().any(|t| t == "Test council"));
}

#[test]
fn footer_says_estimate_when_figures_are_assumed() {
    let mut chart = small_chart();
    let mut fin = chart.unit(&UnitId::new("fin")).unwrap().clone();
    fin.cost = Some(Cost {
        estimate: true,
        on_cost_rate: Some(0.25),
        ..per_post(40_000.0)
    });
    chart.replace_unit(fin).unwrap();
    let drawing = build_drawing(&chart, &RenderOptions::default());
    let all = all_texts(&drawing);
    let footer = all.iter().find(|t| t.starts_with("Total:")).unwrap();
    assert!(footer.contains("estimate"), "{footer}");
    assert!(footer.contains("including on-costs"), "{footer}");
    assert!(card_texts(&drawing, "fin").contains(&"5 posts · £250k (est.)".to_owned()));
}

#[test]
fn empty_chart_still_draws_something() {
    let drawing = build_drawing(&Chart::new(), &RenderOptions::default());
    assert!(drawing.cards.is_empty());
    assert!(drawing.bounds.w > 0.0 && drawing.bounds.h > 0.0);
}

#[test]
fn link_labels_in_a_compact_stack_sit_clear_of_cards_and_inside_the_picture() {
    let mut chart = Chart::new();
    add(&mut chart, Unit::new("head", "Head of Policy"), None);
    for id in ["senior", "officers", "support"] {
        add(&mut chart, Unit::new(id, id), Some("head"));
    }
    for to in ["officers", "support"] {
        let mut link = Link::new("senior", to, LinkKind::Dotted);
        link.label = format!("work to a project manager ({to})");
        chart.add_link(link).unwrap();
    }
    let options = RenderOptions {
        layout: LayoutOptions {
            compact: true,
            ..LayoutOptions::default()
        },
        ..RenderOptions::default()
    };
    let drawing = build_drawing(&chart, &options);
    let labels: Vec<Rect> = drawing
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text {
                pos,
                text,
                size,
                weight,
                ..
            } if text.starts_with("work to") => {
                let ascent = text::ascent(*size, *weight);
                let (w, h) = (
                    text::text_width(text, *size, *weight),
                    text::line_height(*size, *weight),
                );
                Some(Rect::new(pos.x, pos.y - ascent, w, h))
            }
            _ => None,
        })
        .collect();
    assert_eq!(labels.len(), 2);
    for label in &labels {
        assert!(
            drawing.bounds.contains(Point::new(label.x, label.y))
                && drawing
                    .bounds
                    .contains(Point::new(label.right(), label.bottom())),
            "label {label:?} outside {:?}",
            drawing.bounds
        );
        for card in &drawing.cards {
            assert!(
                !card.rect.intersects(label),
                "label {label:?} on {}",
                card.id
            );
        }
    }
}

#[test]
fn a_big_drawing_built_on_several_threads_is_the_one_built_on_one() {
    let chart = crate::generate::generate(3 * crate::parallel::SMALLEST_SPLIT, 3);
    assert!(
        !chart.links().is_empty(),
        "links are routed beside the cards"
    );
    for options in [
        RenderOptions::default(),
        RenderOptions {
            card_style: crate::render::card_style::CardStyle::Dense,
            ..RenderOptions::default()
        },
    ] {
        let threaded = build_drawing(&chart, &options);
        let one = crate::parallel::on_one_thread(|| build_drawing(&chart, &options));
        assert_eq!(threaded, one);
        for card in &threaded.cards {
            assert!(
                matches!(threaded.shapes[card.shapes.start], Shape::Rect { rect, .. } if rect.x == card.rect.x),
                "each card's shapes start with its frame at its place"
            );
        }
        // Painted beside the lines, the cards still follow the forest with their shapes one after another.
        let forest = chart.forest(false);
        let ids: Vec<&UnitId> = threaded.cards.iter().map(|card| &card.id).collect();
        assert_eq!(ids, forest.ids.iter().collect::<Vec<_>>());
        for pair in threaded.cards.windows(2) {
            assert_eq!(pair[0].shapes.end, pair[1].shapes.start);
        }
    }
}

/// How many of a drawing's texts are empty (a build reusing it took them).
fn empty_texts(drawing: &Drawing) -> usize {
    drawing
        .shapes
        .iter()
        .filter(|shape| matches!(shape, Shape::Text { text, .. } if text.is_empty()))
        .count()
}

#[test]
fn a_build_reusing_the_last_drawing_takes_the_unchanged_cards_text_and_draws_what_a_fresh_build_draws()
 {
    let mut chart = crate::generate::generate(3 * crate::parallel::SMALLEST_SPLIT, 4);
    let options = RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    };
    let forest = chart.forest(false);
    let moved = forest.ids[forest.len() / 2].clone();
    let managers: Vec<UnitId> = (0..forest.len())
        .filter(|&i| forest.children[i].len() > 2)
        .map(|i| forest.ids[i].clone())
        .filter(|m| !chart.is_at_or_above(&moved, m))
        .collect();
    let mut cache = MeasureCache::default();
    let mut last = build_drawing_with_cache(&chart, &options, &mut cache);
    for (k, to) in managers.iter().step_by(managers.len() / 4).enumerate() {
        chart.move_unit(&moved, Some(to), None).unwrap();
        if k == 1 {
            // A changed card's old text is not the text it shows now: it is copied from the new spec.
            let mut unit = chart.unit(&moved).cloned().unwrap();
            unit.name = "Renamed on the way".into();
            chart.replace_unit(unit).unwrap();
        }
        let texts: usize = last
            .cards
            .iter()
            .flat_map(|card| &last.shapes[card.shapes.clone()])
            .filter(|shape| matches!(shape, Shape::Text { .. }))
            .count();
        let empty_before = empty_texts(&last);
        let next = build_drawing_reusing(&chart, &options, &mut cache, &mut last);
        assert_eq!(
            next,
            build_drawing(&chart, &options),
            "after moving under {to}"
        );
        let taken = empty_texts(&last) - empty_before;
        // Only the re-measured cards (the moved unit and the managers whose figures changed) copy text.
        assert!(
            taken + 8 * cache.remeasured() >= texts,
            "{taken} of {texts} texts taken, {} cards measured again",
            cache.remeasured()
        );
        last = next;
    }
}
