//! One row of a manager's list (the list card style): "Name · Role" on one line of a fixed width, the name
//! in bold and the role after it, clipped with "…" when they do not fit (the name first: it identifies the
//! post). A status shows as a coloured tick at the row's left edge, which the key explains; a change mark
//! colours the outline and a removed post is struck through, as on a card.

use std::borrow::Cow;

use crate::geom::{Point, Size};
use crate::model::Forest;

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
    // The row widens for a long name (every post is found by its name), up to a limit.
    let full_name = text::text_width(input.unit.name.trim(), m.text_size, FontWeight::Bold);
    let width = (left + full_name + m.pad_x).clamp(m.width, m.max_width);
    let room = width - left - m.pad_x;
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
    let role = (!role.is_empty() && !name.ends_with('…')).then(|| format!("{SEPARATOR}{role}"));
    if !name.is_empty() {
        rows.push(row(name, left, FontWeight::Bold, palette.ink));
    }
    let role_row = role.as_ref().map(|_| {
        rows.push(row(
            String::new(),
            left + name_width,
            FontWeight::Regular,
            palette.role,
        ));
        rows.len() - 1
    });

    let (fill, mut border) = card_frame(input);
    // A row's outline is a hairline; a change mark still shows, thinner than on a card.
    border.width = if input.mark.is_some() { 1.5 } else { 0.6 };
    if border.dash != Dash::Solid {
        border.dash = Dash::Pattern(vec![3.0, 2.0]);
    }
    let mut spec = CardSpec {
        size: Size::new(width, height),
        style: input.style,
        row: Some(RowText { role, role_row }),
        fill,
        border,
        double_border: None,
        band,
        stripe: input.colour.cloned(),
        pills: Vec::new(),
        rows,
    };
    fill_role(&mut spec);
    spec
}

/// What a row needs to lay its role out again when it is widened to its list's width.
#[derive(Clone, Debug, PartialEq)]
pub(in crate::render) struct RowText {
    /// " · Role", unclipped; `None` when the row shows no role.
    role: Option<String>,
    /// Which text row of the spec holds the role.
    role_row: Option<usize>,
}

/// Sets the role's text row to as much of the role as fits the row's width.
pub(super) fn fill_role(spec: &mut CardSpec) {
    let m = &LIST_ROW;
    let Some(RowText {
        role: Some(role),
        role_row: Some(index),
    }) = spec.row.clone()
    else {
        return;
    };
    let right = spec.size.w - m.pad_x;
    if let Some(row) = spec.rows.get_mut(index) {
        let clipped = clip(
            &role,
            m.text_size,
            FontWeight::Regular,
            right - row.offset.x,
        );
        // Only the separator and an ellipsis left of the role say nothing: leave it out.
        row.text = if clipped
            .trim_start_matches(SEPARATOR)
            .trim_end_matches('…')
            .trim()
            == ""
        {
            String::new()
        } else {
            clipped
        };
    }
}

/// `text` on one line at most `width` wide: whole, or cut with an ellipsis (empty when not even one
/// character fits).
pub(super) fn clip(text: &str, size: f32, weight: FontWeight, width: f32) -> String {
    text::clip_to_width(text, size, weight, width)
}

/// Widens the rows of each list to its widest row, so a list is one even block. A list is the rows among
/// one manager's reports (or among the roots).
pub(crate) fn even_widths(forest: &Forest, specs: &mut [Cow<CardSpec>]) {
    let groups = std::iter::once(&forest.roots).chain(forest.children.iter());
    for group in groups.filter(|g| g.len() > 1) {
        let widest = group
            .iter()
            .filter_map(|&i| specs.get(i))
            .filter(|spec| spec.is_row())
            .fold(0.0f32, |w, spec| w.max(spec.size.w));
        for &i in group {
            if let Some(spec) = specs.get_mut(i)
                && spec.is_row()
                && spec.size.w < widest
            {
                spec.to_mut().widen_row_to(widest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Status, Unit};
    use crate::render::build::Theme;
    use crate::render::card::measure;
    use crate::render::card_style::CardStyle;
    use crate::render::drawing::Shape;
    use crate::render::style::{Palette, palette};

    fn input<'a>(unit: &'a Unit, palette: &'a Palette) -> CardInput<'a> {
        CardInput {
            unit,
            figures: None,
            hidden_below: 0,
            mark: None,
            colour: None,
            palette,
            theme: Theme::Light,
            style: CardStyle::List,
            row: true,
        }
    }

    /// The row's texts as painted at the origin: (x, text, weight, strike).
    fn texts(spec: &CardSpec) -> Vec<(f32, String, FontWeight, bool)> {
        let mut shapes = Vec::new();
        spec.paint(
            crate::geom::Rect::from_min_size(Point::new(0.0, 0.0), spec.size),
            &mut shapes,
        );
        shapes
            .into_iter()
            .filter_map(|s| match s {
                Shape::Text {
                    pos,
                    text,
                    weight,
                    strike,
                    ..
                } => Some((pos.x, text, weight, strike)),
                _ => None,
            })
            .collect()
    }

    fn unit(name: &str, role: &str) -> Unit {
        let mut unit = Unit::new("u", name);
        unit.role = role.to_owned();
        unit
    }

    #[test]
    fn a_row_is_one_line_name_in_bold_then_the_role() {
        let palette = palette(Theme::Light);
        let u = unit("Payroll", "Head of Payroll");
        let spec = measure(&input(&u, &palette));
        assert!(spec.is_row());
        assert_eq!(spec.size.w, LIST_ROW.width);
        assert!(spec.size.h < 20.0, "one line: {}", spec.size.h);
        let t = texts(&spec);
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].1.as_str(), t[0].2), ("Payroll", FontWeight::Bold));
        assert_eq!(
            (t[1].1.as_str(), t[1].2),
            (" · Head of Payroll", FontWeight::Regular)
        );
        assert!(t[1].0 > t[0].0);
        // A row never stretches to its siblings' height.
        let mut stretched = spec.clone();
        stretched.stretch_to(60.0);
        assert_eq!(stretched.size, spec.size);
    }

    #[test]
    fn a_long_role_is_clipped_with_an_ellipsis_inside_the_row() {
        let palette = palette(Theme::Light);
        let u = unit(
            "Audit",
            "Head of Internal Audit, Counter Fraud and Risk Management Services",
        );
        let spec = measure(&input(&u, &palette));
        let t = texts(&spec);
        let role = &t[1].1;
        assert!(role.ends_with('…'), "{role}");
        let right = t[1].0 + text::text_width(role, LIST_ROW.text_size, FontWeight::Regular);
        assert!(right <= spec.size.w - LIST_ROW.pad_x + 1e-3);
        // Widened to its list's width, the row shows more of the role.
        let mut wide = spec.clone();
        wide.widen_row_to(220.0);
        assert_eq!(wide.size.w, 220.0);
        assert!(texts(&wide)[1].1.len() > role.len());
    }

    #[test]
    fn a_long_name_widens_the_row_and_is_clipped_only_past_the_widest_row() {
        let palette = palette(Theme::Light);
        let u = unit("Information Governance Support Officer", "Officer");
        let spec = measure(&input(&u, &palette));
        assert!(spec.size.w > LIST_ROW.width);
        assert_eq!(texts(&spec)[0].1, "Information Governance Support Officer");
        let very = unit(&"Information Governance ".repeat(6), "Officer");
        let spec = measure(&input(&very, &palette));
        assert_eq!(spec.size.w, LIST_ROW.max_width);
        let t = texts(&spec);
        assert!(t[0].1.ends_with('…'));
        assert_eq!(t.len(), 1, "no room for the role after a clipped name");
    }

    #[test]
    fn status_is_a_coloured_tick_and_a_removed_post_is_struck_through() {
        let palette = palette(Theme::Light);
        let plain = unit("Parking", "Head of Parking");
        let mut vacant = plain.clone();
        vacant.status = Status::Vacant;
        let plain_spec = measure(&input(&plain, &palette));
        let vacant_spec = measure(&input(&vacant, &palette));
        assert!(plain_spec.band.is_none());
        assert!(vacant_spec.band.is_some());
        // The text moves right of the tick.
        assert!(texts(&vacant_spec)[0].0 >= texts(&plain_spec)[0].0 + LIST_ROW.tick);
        let removed = ChangeMark::Removed;
        let mut marked = input(&plain, &palette);
        marked.mark = Some(&removed);
        let spec = measure(&marked);
        assert!(texts(&spec).iter().all(|t| t.3), "struck through");
        assert!(spec.border.width > plain_spec.border.width);
    }

    #[test]
    fn rows_of_one_list_take_the_widest_row_s_width() {
        let palette = palette(Theme::Light);
        let mut forest = Forest::default();
        let names = ["Boss", "A", "Information Governance Support Officer", "B"];
        for (i, name) in names.iter().enumerate() {
            let parent = (i > 0).then_some(0);
            forest.push(
                crate::model::UnitId::new(*name),
                parent,
                crate::model::Placer::Auto,
                false,
            );
        }
        let units: Vec<Unit> = names.iter().map(|n| unit(n, "Role")).collect();
        let mut specs: Vec<Cow<CardSpec>> = units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let mut input = input(u, &palette);
                input.row = i > 0;
                Cow::Owned(measure(&input))
            })
            .collect();
        let manager = specs[0].size;
        even_widths(&forest, &mut specs);
        assert_eq!(specs[0].size, manager, "cards are left alone");
        assert_eq!(specs[1].size.w, specs[2].size.w);
        assert_eq!(specs[3].size.w, specs[2].size.w);
    }
}
