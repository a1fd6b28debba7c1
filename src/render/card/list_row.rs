//! One row of a manager's list (the list card style): "Name · Role" on one line of a fixed width, the name
//! in bold and the role after it, clipped with "…" when they do not fit (the name first: it identifies the
//! post). A status shows as a coloured tick at the row's left edge, which the key explains; a change mark
//! colours the outline and a removed post is struck through, as on a card.

use crate::geom::{Point, Size};

use super::super::card_style::LIST_ROW;
use super::super::drawing::{Dash, FontWeight};
use super::super::{style, text};
use super::{CardInput, CardSpec, Row, card_frame};
use crate::render::build::ChangeMark;

/// Between the name and the role.
const SEPARATOR: &str = " · ";

pub(super) fn measure(input: &CardInput) -> CardSpec {
    let palette = input.palette;
    let m = &LIST_ROW;
    let band = style::status_color(&input.unit.status, palette);
    let left = m.pad_x + if band.is_some() { m.tick } else { 0.0 };
    let room = m.width - left - m.pad_x;
    let height = text::line_height(m.text_size, FontWeight::Bold) + 2.0 * m.pad_y;
    let baseline = m.pad_y + text::ascent(m.text_size, FontWeight::Bold);
    let removed = matches!(input.mark, Some(ChangeMark::Removed));

    let mut rows = Vec::new();
    let row = |text: String, x: f32, weight, color| Row {
        offset: Point::new(x, baseline),
        text,
        size: m.text_size,
        weight,
        color,
        strike: removed,
        at_bottom: false,
    };
    let name = clip(input.unit.name.trim(), m.text_size, FontWeight::Bold, room);
    let name_width = text::text_width(&name, m.text_size, FontWeight::Bold);
    let role = input.unit.role.trim();
    let role_text = if role.is_empty() || name.ends_with('…') {
        String::new()
    } else {
        clip(
            &format!("{SEPARATOR}{role}"),
            m.text_size,
            FontWeight::Regular,
            room - name_width,
        )
    };
    if !name.is_empty() {
        rows.push(row(name, left, FontWeight::Bold, palette.ink));
    }
    // Only the separator and an ellipsis left of the role say nothing: leave it out.
    if role_text.trim_start_matches(SEPARATOR).trim_end_matches('…').trim() != "" {
        rows.push(row(
            role_text,
            left + name_width,
            FontWeight::Regular,
            palette.role,
        ));
    }

    let (fill, mut border) = card_frame(input);
    // A row's outline is a hairline; a change mark still shows, thinner than on a card.
    border.width = if input.mark.is_some() { 1.5 } else { 0.6 };
    if border.dash != Dash::Solid {
        border.dash = Dash::Pattern(vec![3.0, 2.0]);
    }
    CardSpec {
        size: Size::new(m.width, height),
        style: input.style,
        row: true,
        fill,
        border,
        double_border: None,
        band,
        stripe: input.colour.cloned(),
        pills: Vec::new(),
        rows,
    }
}

/// `text` on one line at most `width` wide: whole, or cut with an ellipsis (empty when not even one
/// character fits).
pub(super) fn clip(text: &str, size: f32, weight: FontWeight, width: f32) -> String {
    if text::text_width(text, size, weight) <= width {
        return text.to_owned();
    }
    let mut kept: String = text.to_owned();
    while !kept.is_empty() {
        kept.pop();
        let candidate = format!("{}…", kept.trim_end());
        if text::text_width(&candidate, size, weight) <= width {
            return candidate;
        }
    }
    String::new()
}
