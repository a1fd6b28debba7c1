//! SVG backend: one element per shape, one `<text>` per laid-out row, in the bundled font's family name.
//! PNG and PDF are made from this same text, so all three exports agree.

use std::fmt::Write;

use super::drawing::{Dash, Drawing, FontWeight, Rgba, Shape, Stroke};
use super::links::arrow_head;
use super::text;
use write::{push_escaped, push_hex, push_num};

mod write;

/// Numbers with at most two decimals and no trailing zeros: compact and byte-for-byte deterministic.
#[cfg(test)]
fn num(value: f32) -> String {
    let mut out = String::new();
    push_num(&mut out, value);
    out
}

/// Appends ` name="number"`.
fn push_attr_num(out: &mut String, name: &str, value: f32) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_num(out, value);
    out.push('"');
}

pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

fn paint_attr(out: &mut String, name: &str, color: Rgba) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_hex(out, color);
    out.push('"');
    if color.a != 255 {
        out.push(' ');
        out.push_str(name);
        out.push_str("-opacity=\"");
        push_num(out, color.opacity());
        out.push('"');
    }
}

fn stroke_attrs(out: &mut String, stroke: &Stroke) {
    if !stroke.is_visible() {
        out.push_str(r#" stroke="none""#);
        return;
    }
    paint_attr(out, "stroke", stroke.color);
    push_attr_num(out, "stroke-width", stroke.width);
    if let Dash::Pattern(pattern) = &stroke.dash
        && !pattern.is_empty()
    {
        out.push_str(r#" stroke-dasharray=""#);
        for (i, v) in pattern.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            push_num(out, *v);
        }
        out.push('"');
    }
}

fn path_data(out: &mut String, points: &[super::super::geom::Point]) {
    for (i, p) in points.iter().enumerate() {
        out.push_str(if i == 0 { "M" } else { " L" });
        push_num(out, p.x);
        out.push(' ');
        push_num(out, p.y);
    }
}

pub fn to_svg(drawing: &Drawing) -> String {
    let b = drawing.bounds;
    // Sized once from above: growing a 100 MB string doubles and copies it; pages reserved but never
    // written cost nothing.
    let capacity = 512 + drawing.shapes.iter().map(size_bound).sum::<usize>();
    let mut out = String::with_capacity(capacity);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{family}" font-kerning="none">"#,
        x = num_string(b.x),
        y = num_string(b.y),
        w = num_string(b.w),
        h = num_string(b.h),
        family = text::FONT_FAMILY,
    );
    out.push_str("<rect");
    push_attr_num(&mut out, "x", b.x);
    push_attr_num(&mut out, "y", b.y);
    push_attr_num(&mut out, "width", b.w);
    push_attr_num(&mut out, "height", b.h);
    paint_attr(&mut out, "fill", drawing.background);
    out.push_str("/>\n");
    for shape in &drawing.shapes {
        write_shape(&mut out, shape);
    }
    out.push_str("</svg>\n");
    out
}

/// About the most bytes `write_shape` writes for `shape` (numbers of up to 10 characters).
fn size_bound(shape: &Shape) -> usize {
    match shape {
        Shape::Rect { stroke, .. } => 200 + dash_bound(stroke),
        Shape::Path { points, stroke, .. } => 260 + 24 * points.len() + dash_bound(stroke),
        Shape::Text { text, .. } => 260 + text.len() + text.len() / 2,
    }
}

fn dash_bound(stroke: &Stroke) -> usize {
    match &stroke.dash {
        Dash::Pattern(pattern) => 24 + 12 * pattern.len(),
        Dash::Solid => 0,
    }
}

fn num_string(value: f32) -> String {
    let mut out = String::new();
    push_num(&mut out, value);
    out
}

// Written piece by piece into the one output string: formatting each attribute into a string of its own
// made the SVG of a 100,000-unit chart take about 2 s.
fn write_shape(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Rect {
            rect,
            corner_radius,
            fill,
            stroke,
        } => {
            out.push_str("<rect");
            push_attr_num(out, "x", rect.x);
            push_attr_num(out, "y", rect.y);
            push_attr_num(out, "width", rect.w);
            push_attr_num(out, "height", rect.h);
            if *corner_radius > 0.0 {
                push_attr_num(out, "rx", *corner_radius);
            }
            match fill {
                Some(c) => paint_attr(out, "fill", *c),
                None => out.push_str(r#" fill="none""#),
            }
            stroke_attrs(out, stroke);
            out.push_str("/>\n");
        }
        Shape::Path {
            points,
            stroke,
            arrow_end,
        } => {
            if points.len() < 2 {
                return;
            }
            let head = if *arrow_end {
                arrow_head(points, stroke.width)
            } else {
                None
            };
            out.push_str(r#"<path d=""#);
            match head {
                Some((_, line_end)) => {
                    path_data(out, &points[..points.len() - 1]);
                    path_data_continue(out, line_end);
                }
                None => path_data(out, points),
            }
            out.push_str(r#"" fill="none""#);
            stroke_attrs(out, stroke);
            out.push_str(" stroke-linejoin=\"round\"/>\n");
            if let Some((corners, _)) = head {
                out.push_str(r#"<path d=""#);
                path_data(out, &corners);
                out.push_str(" Z\"");
                paint_attr(out, "fill", stroke.color);
                out.push_str("/>\n");
            }
        }
        Shape::Text {
            pos,
            text,
            size,
            weight,
            color,
            strike,
        } => {
            if text.is_empty() {
                return;
            }
            let weight_name = match weight {
                FontWeight::Regular => "normal",
                FontWeight::Bold => "bold",
            };
            out.push_str("<text");
            push_attr_num(out, "x", pos.x);
            push_attr_num(out, "y", pos.y);
            push_attr_num(out, "font-size", *size);
            out.push_str(r#" font-weight=""#);
            out.push_str(weight_name);
            out.push('"');
            paint_attr(out, "fill", *color);
            out.push_str(r#" xml:space="preserve">"#);
            push_escaped(out, text);
            out.push_str("</text>\n");
            if *strike {
                // Drawn as a line rather than text-decoration so its length is exactly the measured width.
                let y = pos.y - size * 0.3;
                let width = text::text_width(text, *size, *weight);
                out.push_str(r#"<path d="M"#);
                push_num(out, pos.x - 1.0);
                out.push(' ');
                push_num(out, y);
                out.push_str(" L");
                push_num(out, pos.x + width + 1.0);
                out.push(' ');
                push_num(out, y);
                out.push('"');
                paint_attr(out, "stroke", *color);
                push_attr_num(out, "stroke-width", (size * 0.08).max(1.0));
                out.push_str("/>\n");
            }
        }
    }
}

/// One more ` L x y` of a path already started.
fn path_data_continue(out: &mut String, p: super::super::geom::Point) {
    out.push_str(" L");
    push_num(out, p.x);
    out.push(' ');
    push_num(out, p.y);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::{Point, Rect};

    fn drawing(shapes: Vec<Shape>) -> Drawing {
        Drawing {
            bounds: Rect::new(0.0, 0.0, 200.0, 100.0),
            background: Rgba::rgb(255, 255, 255),
            shapes,
            cards: Vec::new(),
        }
    }

    #[test]
    fn text_is_escaped_and_parses_back() {
        let name = r#"Tom & Jerry <Ltd> "quoted" 'single'"#;
        let svg = to_svg(&drawing(vec![Shape::Text {
            pos: Point::new(10.0, 20.0),
            text: name.to_owned(),
            size: 14.0,
            weight: FontWeight::Bold,
            color: Rgba::rgb(0, 0, 0),
            strike: false,
        }]));
        assert!(svg.contains("Tom &amp; Jerry &lt;Ltd&gt; &quot;quoted&quot; &apos;single&apos;"));
        assert!(!svg.contains("<Ltd>"));
        assert!(svg.contains(r#"font-weight="bold""#));
        let tree = super::super::usvg_tree::parse(&svg).unwrap();
        let mut found = String::new();
        collect_text(tree.root(), &mut found);
        assert_eq!(found, name);
    }

    fn collect_text(group: &usvg::Group, out: &mut String) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => collect_text(g, out),
                usvg::Node::Text(t) => {
                    for chunk in t.chunks() {
                        out.push_str(chunk.text());
                    }
                }
                _ => {}
            }
        }
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(escape_xml("a\u{1}b\tc"), "ab\tc");
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(0.5), "0.5");
    }

    #[test]
    fn arrows_and_dashes_are_written() {
        let svg = to_svg(&drawing(vec![Shape::Path {
            points: vec![Point::new(0.0, 0.0), Point::new(100.0, 0.0)],
            stroke: Stroke {
                width: 2.0,
                color: Rgba::rgb(200, 0, 0),
                dash: Dash::Pattern(vec![4.0, 2.0]),
            },
            arrow_end: true,
        }]));
        assert!(svg.contains(r#"stroke-dasharray="4 2""#));
        assert!(svg.contains(r##" Z" fill="#c80000""##), "{svg}");
    }
}
