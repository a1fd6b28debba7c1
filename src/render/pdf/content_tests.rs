use super::*;
use pdf_writer::Ref;

fn ops(shapes: Vec<Shape>) -> (String, Used) {
    let drawing = Drawing {
        bounds: Rect::new(0.0, 0.0, 200.0, 100.0),
        background: Rgba::rgb(255, 255, 255),
        shapes,
        cards: Vec::new(),
    };
    let mut alloc = Ref::new(1);
    let mut fonts = FontSet::new(&mut alloc);
    let (bytes, used) = Content::page(&drawing, 0.75, 75.0, &mut fonts, false).finish();
    (String::from_utf8_lossy(&bytes).into_owned(), used)
}

fn line(points: &[(f32, f32)], stroke: Stroke, arrow_end: bool) -> Shape {
    Shape::Path {
        points: points.iter().map(|&(x, y)| Point::new(x, y)).collect(),
        stroke,
        arrow_end,
    }
}

#[test]
fn the_page_is_flipped_and_scaled_and_the_background_filled() {
    let (text, used) = ops(Vec::new());
    assert!(text.starts_with("0.75 0 0 -0.75 0 75 cm\n"), "{text}");
    assert!(text.contains("1 1 1 rg\n0 0 200 100 re\nf\n"), "{text}");
    assert!(!used.regular && !used.bold && used.alphas.is_empty());
}

#[test]
fn a_rect_is_filled_and_stroked_with_its_own_colours() {
    let (text, _) = ops(vec![Shape::Rect {
        rect: Rect::new(10.0, 20.0, 30.0, 40.0),
        corner_radius: 0.0,
        fill: Some(Rgba::rgb(255, 0, 0)),
        stroke: Stroke::solid(1.5, Rgba::rgb(0, 0, 255)),
    }]);
    assert!(
        text.contains("1 0 0 rg\n0 0 1 RG\n1.5 w\n10 20 30 40 re\nB\n"),
        "{text}"
    );
}

#[test]
fn rounded_corners_are_curves_clamped_to_half_the_side() {
    let (text, _) = ops(vec![Shape::Rect {
        rect: Rect::new(0.0, 0.0, 100.0, 10.0),
        corner_radius: 8.0,
        fill: Some(Rgba::rgb(0, 0, 0)),
        stroke: Stroke::none(),
    }]);
    // rx stays 8, ry is clamped to 5: the first edge starts 8 in, the right side starts 5 down.
    assert!(text.contains("8 0 m\n92 0 l\n"), "{text}");
    assert!(text.contains("100 5 c\n"), "{text}");
    assert_eq!(text.matches(" c\n").count(), 4);
    assert!(text.contains("h\nf\n"));
}

#[test]
fn an_invisible_rect_writes_nothing() {
    let (text, _) = ops(vec![Shape::Rect {
        rect: Rect::new(0.0, 0.0, 10.0, 10.0),
        corner_radius: 0.0,
        fill: None,
        stroke: Stroke::none(),
    }]);
    assert_eq!(
        text.matches(" re\n").count(),
        1,
        "only the background: {text}"
    );
}

#[test]
fn dashed_lines_and_arrow_heads_are_drawn_as_the_svg_draws_them() {
    let stroke = Stroke {
        width: 2.0,
        color: Rgba::rgb(200, 0, 0),
        dash: Dash::Pattern(vec![4.0, 2.0]),
    };
    let (text, _) = ops(vec![line(&[(0.0, 0.0), (100.0, 0.0)], stroke, true)]);
    assert!(text.contains("[4 2 ] 0 d\n"), "{text}");
    assert!(text.contains("1 j\n"), "polylines have round joins: {text}");
    // The head is 6 + 3 * 2 = 12 long: the line stops 0.8 of it before the tip, under the head.
    assert!(text.contains("0 0 m\n90.4 0 l\nS\n"), "{text}");
    assert!(
        text.contains("0.784 0 0 rg\n100 0 m\n88 5.5 l\n88 -5.5 l\nh f\n"),
        "{text}"
    );
}

#[test]
fn an_odd_dash_pattern_is_repeated_and_a_solid_line_resets_it() {
    let dashed = Stroke {
        width: 1.0,
        color: Rgba::rgb(0, 0, 0),
        dash: Dash::Pattern(vec![3.0]),
    };
    let (text, _) = ops(vec![
        line(&[(0.0, 0.0), (10.0, 0.0)], dashed, false),
        line(
            &[(0.0, 5.0), (10.0, 5.0)],
            Stroke::solid(1.0, Rgba::rgb(0, 0, 0)),
            false,
        ),
    ]);
    assert!(text.contains("[3 3 ] 0 d\n"), "{text}");
    assert!(text.contains("[] 0 d\n"), "{text}");
}

#[test]
fn translucent_colours_go_through_named_graphics_states() {
    let (text, used) = ops(vec![
        Shape::Rect {
            rect: Rect::new(0.0, 0.0, 10.0, 10.0),
            corner_radius: 0.0,
            fill: Some(Rgba::rgb(0, 0, 0).with_alpha(128)),
            stroke: Stroke::solid(1.0, Rgba::rgb(0, 0, 0).with_alpha(64)),
        },
        Shape::Rect {
            rect: Rect::new(0.0, 0.0, 10.0, 10.0),
            corner_radius: 0.0,
            fill: Some(Rgba::rgb(0, 0, 0)),
            stroke: Stroke::none(),
        },
    ]);
    assert!(
        text.contains("/fa128 gs\n") && text.contains("/sa64 gs\n"),
        "{text}"
    );
    assert!(text.contains("/fa255 gs\n"), "opaque again after: {text}");
    assert_eq!(
        used.alphas.iter().copied().collect::<Vec<_>>(),
        vec![
            (AlphaKind::Fill, 128),
            (AlphaKind::Fill, 255),
            (AlphaKind::Stroke, 64)
        ]
    );
}

#[test]
fn text_is_shown_upright_at_its_baseline_with_a_strike_line_of_its_measured_width() {
    let (text, used) = ops(vec![Shape::Text {
        pos: Point::new(10.0, 40.0),
        text: "Vacant".to_owned(),
        size: 10.0,
        weight: FontWeight::Bold,
        color: Rgba::rgb(0, 0, 0),
        strike: true,
    }]);
    assert!(used.bold && !used.regular);
    assert!(text.contains("BT /B 10 Tf 1 0 0 -1 10 40 Tm <"), "{text}");
    assert!(text.contains("> Tj ET\n"), "{text}");
    let width = text::text_width("Vacant", 10.0, FontWeight::Bold);
    let mut end = Vec::new();
    push_num(&mut end, 10.0 + width + 1.0);
    let end = String::from_utf8_lossy(&end).into_owned();
    assert!(text.contains(&format!("9 37 m\n{end} 37 l\nS\n")), "{text}");
}

#[test]
fn a_character_missing_from_the_font_is_drawn_at_its_measured_width() {
    let (text, _) = ops(vec![Shape::Text {
        pos: Point::new(0.0, 20.0),
        text: "A中B".to_owned(),
        size: 10.0,
        weight: FontWeight::Regular,
        color: Rgba::rgb(0, 0, 0),
        strike: false,
    }]);
    // Glyph 0 for the missing character, moved on by the difference to the width it was measured with.
    assert!(text.contains("[<"), "{text}");
    assert!(text.contains("0000>"), "{text}");
    assert!(text.contains(">] TJ ET\n"), "{text}");
}

#[test]
fn numbers_are_short_and_never_in_exponent_form() {
    let show = |v: f32| {
        let mut out = Vec::new();
        push_num(&mut out, v);
        String::from_utf8(out).unwrap_or_default()
    };
    assert_eq!(show(12.0), "12");
    assert_eq!(show(12.345), "12.35");
    assert_eq!(show(-0.001), "0");
    assert_eq!(show(0.5), "0.5");
    assert_eq!(show(-3.25), "-3.25");
    assert_eq!(show(1.5e9), "1500000000");
    assert_eq!(show(f32::NAN), "0");
    assert_eq!(show(f32::INFINITY), "0");
}
