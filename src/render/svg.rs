//! SVG backend: one element per shape, one `<text>` per laid-out row, in the bundled font's family name.
//! PNG and PDF are made from this same text, so all three exports agree.

use std::fmt::Write;

use super::drawing::{Dash, Drawing, FontWeight, Rgba, Shape, Stroke};
use super::links::arrow_head;
use super::text;

/// Numbers with at most two decimals and no trailing zeros: compact and byte-for-byte deterministic.
fn num(value: f32) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all; drop them rather than write a broken file.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn paint_attr(name: &str, color: Rgba) -> String {
    if color.a == 255 {
        format!(r#" {name}="{}""#, color.hex())
    } else {
        format!(
            r#" {name}="{}" {name}-opacity="{}""#,
            color.hex(),
            num(color.opacity())
        )
    }
}

fn stroke_attrs(stroke: &Stroke) -> String {
    if !stroke.is_visible() {
        return r#" stroke="none""#.to_owned();
    }
    let mut out = paint_attr("stroke", stroke.color);
    let _ = write!(out, r#" stroke-width="{}""#, num(stroke.width));
    if let Dash::Pattern(pattern) = &stroke.dash
        && !pattern.is_empty()
    {
        let list: Vec<String> = pattern.iter().map(|v| num(*v)).collect();
        let _ = write!(out, r#" stroke-dasharray="{}""#, list.join(" "));
    }
    out
}

fn path_data(points: &[super::super::geom::Point]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{} {}",
            if i == 0 { "M" } else { " L" },
            num(p.x),
            num(p.y)
        );
    }
    d
}

pub fn to_svg(drawing: &Drawing) -> String {
    let b = drawing.bounds;
    let mut out = String::with_capacity(256 + drawing.shapes.len() * 120);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{family}" font-kerning="none">"#,
        x = num(b.x),
        y = num(b.y),
        w = num(b.w),
        h = num(b.h),
        family = text::FONT_FAMILY,
    );
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}"{}/>"#,
        num(b.x),
        num(b.y),
        num(b.w),
        num(b.h),
        paint_attr("fill", drawing.background)
    );
    for shape in &drawing.shapes {
        write_shape(&mut out, shape);
    }
    out.push_str("</svg>\n");
    out
}

fn write_shape(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Rect {
            rect,
            corner_radius,
            fill,
            stroke,
        } => {
            let fill = fill.map_or_else(|| r#" fill="none""#.to_owned(), |c| paint_attr("fill", c));
            let radius = if *corner_radius > 0.0 {
                format!(r#" rx="{}""#, num(*corner_radius))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}"{radius}{fill}{}/>"#,
                num(rect.x),
                num(rect.y),
                num(rect.w),
                num(rect.h),
                stroke_attrs(stroke)
            );
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
            let mut line = points.clone();
            if let (Some((_, line_end)), Some(last)) = (head, line.last_mut()) {
                *last = line_end;
            }
            let _ = writeln!(
                out,
                r#"<path d="{}" fill="none"{} stroke-linejoin="round"/>"#,
                path_data(&line),
                stroke_attrs(stroke)
            );
            if let Some((corners, _)) = head {
                let _ = writeln!(
                    out,
                    r#"<path d="{} Z"{}/>"#,
                    path_data(&corners),
                    paint_attr("fill", stroke.color)
                );
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
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" font-weight="{weight_name}"{} xml:space="preserve">{}</text>"#,
                num(pos.x),
                num(pos.y),
                num(*size),
                paint_attr("fill", *color),
                escape_xml(text)
            );
            if *strike {
                // Drawn as a line rather than text-decoration so its length is exactly the measured width.
                let y = pos.y - size * 0.3;
                let width = text::text_width(text, *size, *weight);
                let _ = writeln!(
                    out,
                    r#"<path d="M{} {} L{} {}"{} stroke-width="{}"/>"#,
                    num(pos.x - 1.0),
                    num(y),
                    num(pos.x + width + 1.0),
                    num(y),
                    paint_attr("stroke", *color),
                    num((size * 0.08).max(1.0))
                );
            }
        }
    }
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
