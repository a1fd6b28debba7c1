//! One page's content stream, written straight from the drawing's shapes in painting order, as the SVG
//! draws them (same dash patterns, arrow heads, strike lines, corner radii and opacities). Operators go to
//! a small buffer that is deflated as it fills, so a page of a million shapes never sits in memory whole.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::OnceLock;

use flate2::Compression;
use flate2::write::ZlibEncoder;

use super::fonts::{FontSet, Placed};
use crate::geom::{Point, Rect};
use crate::render::drawing::{Dash, Drawing, FontWeight, Rgba, Shape, Stroke};
use crate::render::links::arrow_head;
use crate::render::text;

/// Bytes of operators gathered before they are handed to the compressor.
const FLUSH_AT: usize = 1 << 18;

/// Fast deflate: content streams are long runs of similar operators, which level 1 already shrinks about
/// fivefold at a fraction of the default level's time.
pub(super) const LEVEL: u32 = 1;

/// Bezier control-point distance for a quarter ellipse, as a fraction of its radius.
const KAPPA: f32 = 0.552_284_8;

/// Which of the two alpha settings an ExtGState carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum AlphaKind {
    Fill,
    Stroke,
}

impl AlphaKind {
    /// The resource name of the ExtGState setting this alpha (`fa128`, `sa64`).
    pub(super) fn name(self, alpha: u8) -> String {
        match self {
            AlphaKind::Fill => format!("fa{alpha}"),
            AlphaKind::Stroke => format!("sa{alpha}"),
        }
    }
}

pub(super) const REGULAR_NAME: &[u8] = b"R";
pub(super) const BOLD_NAME: &[u8] = b"B";

enum Sink {
    Plain(Vec<u8>),
    Deflate(ZlibEncoder<Vec<u8>>),
}

/// The graphics state as last set, so each operator is written only when it changes.
struct State {
    fill: Option<[u8; 3]>,
    stroke: Option<[u8; 3]>,
    fill_alpha: u8,
    stroke_alpha: u8,
    width: Option<f32>,
    dash: Option<Vec<f32>>,
    /// 0 miter (SVG's default, used by rectangles), 1 round (the drawing's polylines).
    join: u8,
}

/// What a page needs from the document's resources.
#[derive(Debug, Default)]
pub(super) struct Used {
    pub regular: bool,
    pub bold: bool,
    pub alphas: BTreeSet<(AlphaKind, u8)>,
}

pub(super) struct Content {
    buf: Vec<u8>,
    sink: Sink,
    state: State,
    pub used: Used,
    placed: Vec<Placed>,
}

impl Content {
    pub fn new(compress: bool) -> Self {
        Self {
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            sink: if compress {
                Sink::Deflate(ZlibEncoder::new(Vec::new(), Compression::new(LEVEL)))
            } else {
                Sink::Plain(Vec::new())
            },
            state: State {
                fill: None,
                stroke: None,
                fill_alpha: 255,
                stroke_alpha: 255,
                width: None,
                dash: None,
                join: 0,
            },
            used: Used::default(),
            placed: Vec::new(),
        }
    }

    /// The whole page: the drawing's units mapped onto a page `height` points tall at `scale` points a
    /// unit, y flipped (the drawing's y grows down, PDF's up), then the background and every shape.
    pub fn page(
        drawing: &Drawing,
        scale: f32,
        height: f32,
        fonts: &mut FontSet,
        compress: bool,
    ) -> Self {
        let mut content = Self::new(compress);
        let b = drawing.bounds;
        // `+ 0.0` turns a -0 into 0.
        let (tx, ty) = (-b.x * scale + 0.0, height + b.y * scale);
        // Written in full precision: these few numbers place everything else.
        let _ = writeln!(content.buf, "{scale} 0 0 {} {tx} {ty} cm", -scale);
        content.rect(&b, 0.0, Some(drawing.background), &Stroke::none());
        for shape in &drawing.shapes {
            content.shape(shape, fonts);
            if content.buf.len() >= FLUSH_AT {
                content.flush();
            }
        }
        content
    }

    fn flush(&mut self) {
        if let Sink::Deflate(encoder) = &mut self.sink {
            // Writing into a Vec cannot fail.
            let _ = encoder.write_all(&self.buf);
            self.buf.clear();
        }
    }

    /// The stream's bytes (deflated when asked) and what the page must list in its resources.
    pub fn finish(mut self) -> (Vec<u8>, Used) {
        let bytes = match self.sink {
            Sink::Plain(mut all) => {
                all.append(&mut self.buf);
                all
            }
            Sink::Deflate(mut encoder) => {
                let _ = encoder.write_all(&self.buf);
                encoder.finish().unwrap_or_default()
            }
        };
        (bytes, self.used)
    }

    pub fn shape(&mut self, shape: &Shape, fonts: &mut FontSet) {
        match shape {
            Shape::Rect {
                rect,
                corner_radius,
                fill,
                stroke,
            } => self.rect(rect, *corner_radius, *fill, stroke),
            Shape::Path {
                points,
                stroke,
                arrow_end,
            } => self.path(points, stroke, *arrow_end),
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
                self.text(*pos, text, *size, *weight, *color, fonts);
                if *strike {
                    // As the SVG draws it: a line exactly the measured width plus 1 unit each side.
                    let y = pos.y - size * 0.3;
                    let width = text::text_width(text, *size, *weight);
                    let line = [
                        Point::new(pos.x - 1.0, y),
                        Point::new(pos.x + width + 1.0, y),
                    ];
                    let stroke = Stroke::solid((size * 0.08).max(1.0), *color);
                    if self.set_stroke(&stroke, self.state.join) {
                        self.polyline(&line);
                        self.op(b"S");
                    }
                }
            }
        }
    }

    fn rect(&mut self, rect: &Rect, corner_radius: f32, fill: Option<Rgba>, stroke: &Stroke) {
        if !(rect.w > 0.0 && rect.h > 0.0) {
            return;
        }
        let fill = fill.filter(|c| c.a > 0);
        if let Some(color) = fill {
            self.set_fill(color);
        }
        let stroked = self.set_stroke(stroke, 0);
        if fill.is_none() && !stroked {
            return;
        }
        // SVG: ry defaults to rx, each at most half the side it rounds.
        let (rx, ry) = (
            corner_radius.min(rect.w / 2.0),
            corner_radius.min(rect.h / 2.0),
        );
        if rx > 0.0 && ry > 0.0 {
            self.rounded_rect(rect, rx, ry);
        } else {
            self.nums(&[rect.x, rect.y, rect.w, rect.h]);
            self.op(b"re");
        }
        self.op(match (fill.is_some(), stroked) {
            (true, true) => b"B",
            (true, false) => b"f",
            _ => b"S",
        });
    }

    fn rounded_rect(&mut self, r: &Rect, rx: f32, ry: f32) {
        let (left, top, right, bottom) = (r.x, r.y, r.x + r.w, r.y + r.h);
        let (kx, ky) = (rx * KAPPA, ry * KAPPA);
        self.nums(&[left + rx, top]);
        self.op(b"m");
        self.nums(&[right - rx, top]);
        self.op(b"l");
        self.nums(&[right - rx + kx, top, right, top + ry - ky, right, top + ry]);
        self.op(b"c");
        self.nums(&[right, bottom - ry]);
        self.op(b"l");
        self.nums(&[
            right,
            bottom - ry + ky,
            right - rx + kx,
            bottom,
            right - rx,
            bottom,
        ]);
        self.op(b"c");
        self.nums(&[left + rx, bottom]);
        self.op(b"l");
        self.nums(&[
            left + rx - kx,
            bottom,
            left,
            bottom - ry + ky,
            left,
            bottom - ry,
        ]);
        self.op(b"c");
        self.nums(&[left, top + ry]);
        self.op(b"l");
        self.nums(&[left, top + ry - ky, left + rx - kx, top, left + rx, top]);
        self.op(b"c");
        self.op(b"h");
    }

    fn path(&mut self, points: &[Point], stroke: &Stroke, arrow_end: bool) {
        if points.len() < 2 {
            return;
        }
        let head = if arrow_end {
            arrow_head(points, stroke.width)
        } else {
            None
        };
        if self.set_stroke(stroke, 1) {
            match head {
                // The line stops under the head, so its end does not poke out of the tip.
                Some((_, line_end)) => {
                    self.polyline(&points[..points.len() - 1]);
                    self.nums(&[line_end.x, line_end.y]);
                    self.op(b"l");
                }
                None => self.polyline(points),
            }
            self.op(b"S");
        }
        if let Some((corners, _)) = head
            && stroke.color.a > 0
        {
            self.set_fill(stroke.color);
            self.polyline(&corners);
            self.op(b"h f");
        }
    }

    fn polyline(&mut self, points: &[Point]) {
        for (i, p) in points.iter().enumerate() {
            self.nums(&[p.x, p.y]);
            self.op(if i == 0 { b"m" } else { b"l" });
        }
    }

    fn text(
        &mut self,
        pos: Point,
        text: &str,
        size: f32,
        weight: FontWeight,
        color: Rgba,
        fonts: &mut FontSet,
    ) {
        if color.a == 0 {
            return;
        }
        self.set_fill(color);
        let font = fonts.get(weight);
        font.used = true;
        let name = match weight {
            FontWeight::Regular => {
                self.used.regular = true;
                REGULAR_NAME
            }
            FontWeight::Bold => {
                self.used.bold = true;
                BOLD_NAME
            }
        };
        self.placed.clear();
        self.placed.extend(text.chars().map(|c| font.place(c)));
        self.buf.extend_from_slice(b"BT /");
        self.buf.extend_from_slice(name);
        self.buf.push(b' ');
        self.nums(&[size]);
        // The text matrix flips y back, so glyphs stand upright in the flipped page.
        self.buf.extend_from_slice(b"Tf 1 0 0 -1 ");
        self.nums(&[pos.x, pos.y]);
        self.buf.extend_from_slice(b"Tm ");
        let adjusted = self.placed.iter().any(|p| p.adjust != 0);
        if adjusted {
            self.buf.push(b'[');
        }
        self.buf.push(b'<');
        for i in 0..self.placed.len() {
            let placed = self.placed[i];
            push_cid(&mut self.buf, placed.cid);
            if placed.adjust != 0 {
                // A glyph wider or narrower than its measured width: move back or on by the difference.
                let _ = write!(self.buf, "> {} <", placed.adjust);
            }
            if self.buf.len() >= FLUSH_AT {
                // A huge single row: close this piece and go on in a new one, at the current point.
                self.buf
                    .extend_from_slice(if adjusted { b">] TJ [<" } else { b"> Tj <" });
                self.flush();
            }
        }
        self.buf.extend_from_slice(if adjusted {
            b">] TJ ET\n"
        } else {
            b"> Tj ET\n"
        });
    }

    fn set_fill(&mut self, color: Rgba) {
        let rgb = [color.r, color.g, color.b];
        if self.state.fill != Some(rgb) {
            self.state.fill = Some(rgb);
            self.rgb(rgb);
            self.op(b"rg");
        }
        if self.state.fill_alpha != color.a {
            self.state.fill_alpha = color.a;
            self.alpha(AlphaKind::Fill, color.a);
        }
    }

    /// Sets everything about the stroke; false (and nothing written) when the stroke is not drawn.
    fn set_stroke(&mut self, stroke: &Stroke, join: u8) -> bool {
        if !stroke.is_visible() {
            return false;
        }
        let color = stroke.color;
        let rgb = [color.r, color.g, color.b];
        if self.state.stroke != Some(rgb) {
            self.state.stroke = Some(rgb);
            self.rgb(rgb);
            self.op(b"RG");
        }
        if self.state.stroke_alpha != color.a {
            self.state.stroke_alpha = color.a;
            self.alpha(AlphaKind::Stroke, color.a);
        }
        if self.state.width != Some(stroke.width) {
            self.state.width = Some(stroke.width);
            self.nums(&[stroke.width]);
            self.op(b"w");
        }
        if self.state.join != join {
            self.state.join = join;
            self.buf
                .extend_from_slice(if join == 1 { b"1 j\n" } else { b"0 j\n" });
        }
        let dash = dash_array(&stroke.dash);
        if self.state.dash != dash {
            self.buf.push(b'[');
            if let Some(pattern) = &dash {
                self.nums(pattern);
            }
            self.buf.extend_from_slice(b"] 0 d\n");
            self.state.dash = dash;
        }
        true
    }

    fn alpha(&mut self, kind: AlphaKind, alpha: u8) {
        self.used.alphas.insert((kind, alpha));
        self.buf.push(b'/');
        self.buf.extend_from_slice(kind.name(alpha).as_bytes());
        self.buf.extend_from_slice(b" gs\n");
    }

    fn rgb(&mut self, rgb: [u8; 3]) {
        let table = channel_table();
        for c in rgb {
            self.buf.extend_from_slice(table[usize::from(c)].as_bytes());
            self.buf.push(b' ');
        }
    }

    /// Each number followed by a space.
    fn nums(&mut self, values: &[f32]) {
        for &v in values {
            push_num(&mut self.buf, v);
            self.buf.push(b' ');
        }
    }

    fn op(&mut self, op: &[u8]) {
        self.buf.extend_from_slice(op);
        self.buf.push(b'\n');
    }
}

/// The dash pattern the SVG would draw, `None` for a solid line: SVG ignores a pattern with a negative
/// length or nothing but zeros, and repeats an odd-length one to make it even.
fn dash_array(dash: &Dash) -> Option<Vec<f32>> {
    let Dash::Pattern(pattern) = dash else {
        return None;
    };
    if pattern.is_empty()
        || pattern.iter().any(|v| !v.is_finite() || *v < 0.0)
        || pattern.iter().sum::<f32>() <= 0.0
    {
        return None;
    }
    let mut out = pattern.clone();
    if out.len() % 2 == 1 {
        out.extend_from_slice(pattern);
    }
    Some(out)
}

/// `c / 255` with three decimals for each byte value.
fn channel_table() -> &'static [String] {
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=255u8)
            .map(|c| {
                let mut s = format!("{:.3}", f32::from(c) / 255.0);
                while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
                    s.pop();
                }
                s
            })
            .collect()
    })
}

fn push_cid(buf: &mut Vec<u8>, cid: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        buf.push(DIGITS[usize::from((cid >> shift) & 15)]);
    }
}

/// Appends `value` with at most two decimals and no trailing zeros (never `-0`, never an exponent, which
/// PDF does not allow): a hundredth of a chart unit is far below what any printer resolves.
pub(super) fn push_num(buf: &mut Vec<u8>, value: f32) {
    let scaled = (f64::from(value) * 100.0).round();
    if !scaled.is_finite() || scaled.abs() >= 9.0e15 {
        // Out of any drawing's range; PDF readers cap reals far below this anyway.
        buf.push(b'0');
        return;
    }
    let magnitude = scaled.abs() as u64;
    if magnitude == 0 {
        buf.push(b'0');
        return;
    }
    if scaled < 0.0 {
        buf.push(b'-');
    }
    let mut buffer = crate::render::digits::DigitBuffer::default();
    buf.extend_from_slice(crate::render::digits::digits(magnitude / 100, &mut buffer));
    let fraction = (magnitude % 100) as u8;
    if fraction != 0 {
        buf.push(b'.');
        buf.push(b'0' + fraction / 10);
        if !fraction.is_multiple_of(10) {
            buf.push(b'0' + fraction % 10);
        }
    }
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
