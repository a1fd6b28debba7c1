//! Colour by a field: each card gets a coloured stripe (split by share for a unit several organisations
//! carry) and a light tint for its organisation, department, grade, status or one tag, and the key lists
//! every colour used. Colours come from the Okabe-Ito palette; statuses keep their own colours and their
//! badges in words, so nothing is said by colour alone.

use std::collections::HashMap;
use std::str::FromStr;

use crate::geom::{Point, Rect};
use crate::metrics::{NO_ORGANISATION, organisations};
use crate::model::{Chart, Status, Unit, UnitId};

use super::drawing::{FontWeight, Rgba, Shape, Stroke};
use super::style::{self, Palette};
use super::text;

/// The field cards are coloured by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ColourBy {
    /// Who carries the unit (shared units split by their shares; a unit naming none goes with its manager).
    Organisation,
    Department,
    Grade,
    Status,
    /// The units with this tag, against the rest.
    Tag(String),
}

impl ColourBy {
    /// The fields, for menus (a tag is chosen among the chart's tags).
    pub const FIELDS: [ColourBy; 4] = [
        Self::Organisation,
        Self::Department,
        Self::Grade,
        Self::Status,
    ];

    /// "organisation", "tag 'front line'".
    pub fn label(&self) -> String {
        match self {
            Self::Organisation => "organisation".to_owned(),
            Self::Department => "department".to_owned(),
            Self::Grade => "grade".to_owned(),
            Self::Status => "status".to_owned(),
            Self::Tag(tag) => format!("tag '{tag}'"),
        }
    }
}

impl FromStr for ColourBy {
    type Err = String;

    /// "organisation", "department", "grade", "status" or "tag:NAME".
    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if let Some(tag) = trimmed
            .get(..4)
            .filter(|head| head.eq_ignore_ascii_case("tag:"))
            .and_then(|_| trimmed.get(4..))
        {
            let tag = tag.trim();
            if tag.is_empty() {
                return Err("name the tag after 'tag:', e.g. tag:frontline".to_owned());
            }
            return Ok(Self::Tag(tag.to_owned()));
        }
        match trimmed.to_ascii_lowercase().as_str() {
            "organisation" | "organization" => Ok(Self::Organisation),
            "department" => Ok(Self::Department),
            "grade" => Ok(Self::Grade),
            "status" => Ok(Self::Status),
            _ => Err(format!(
                "cannot colour by '{text}': use organisation, department, grade, status or tag:NAME"
            )),
        }
    }
}

/// How one card is coloured: stripe parts (colour, fraction of the width) and the tint of its fill.
#[derive(Clone, Debug, PartialEq)]
pub struct CardColour {
    pub parts: Vec<(Rgba, f32)>,
    pub tint: Option<Rgba>,
}

/// The key's list of colours, in the order the categories first appear.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColourKey {
    /// "Colour: organisation".
    pub title: String,
    pub entries: Vec<(Rgba, String)>,
}

/// Every unit's colour and the key that explains them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Colouring {
    pub cards: HashMap<UnitId, CardColour>,
    pub key: Option<ColourKey>,
}

impl Colouring {
    /// A unit's colour. Without colours this hashes nothing: it is asked once per card on every build.
    pub fn card(&self, id: &UnitId) -> Option<&CardColour> {
        if self.cards.is_empty() {
            return None;
        }
        self.cards.get(id)
    }
}

/// How strongly a category colour tints a card's fill.
const TINT: f32 = 0.14;

/// Categories in order of first appearance; past the palette they share the "other" colour.
#[derive(Default)]
struct Categories {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Categories {
    fn colour_of(&mut self, name: &str) -> Rgba {
        let key = name.to_lowercase();
        let next = self.names.len();
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            self.names.push(name.to_owned());
        }
        style::category_color(i)
    }

    fn key(self, title: String) -> ColourKey {
        let named = style::CATEGORY.len();
        let mut entries: Vec<(Rgba, String)> = self
            .names
            .iter()
            .take(named)
            .enumerate()
            .map(|(i, name)| (style::category_color(i), name.clone()))
            .collect();
        if self.names.len() > named {
            let rest = self.names.len() - named;
            entries.push((
                style::OTHER_CATEGORY,
                format!("{rest} other{}", if rest == 1 { "" } else { "s" }),
            ));
        }
        ColourKey { title, entries }
    }
}

fn single(color: Rgba, palette: &Palette) -> CardColour {
    CardColour {
        parts: vec![(color, 1.0)],
        tint: Some(style::mix(color, palette.card_fill, TINT)),
    }
}

/// The value a unit is coloured by for a plain text field, if it has one.
fn text_value<'a>(unit: &'a Unit, by: &ColourBy) -> Option<&'a str> {
    let value = match by {
        ColourBy::Department => unit.department.trim(),
        ColourBy::Grade => unit.grade.trim(),
        _ => "",
    };
    (!value.is_empty()).then_some(value)
}

/// Colours every unit of the chart (all of it, so colours stay the same in a branch's export).
pub fn colouring(chart: &Chart, by: &ColourBy, palette: &Palette) -> Colouring {
    let forest = chart.forest(false);
    let mut cards = HashMap::new();
    let title = format!("Colour: {}", by.label());
    let key = match by {
        ColourBy::Organisation => {
            let carriers = organisations::carriers(chart, &forest);
            let mut categories = Categories::default();
            for (id, carrier) in forest.ids.iter().zip(&carriers) {
                if carrier
                    .parts
                    .iter()
                    .all(|(name, _)| name == NO_ORGANISATION)
                {
                    continue;
                }
                let parts: Vec<(Rgba, f32)> = carrier
                    .parts
                    .iter()
                    .map(|(name, fraction)| (categories.colour_of(name), *fraction as f32))
                    .collect();
                let colour = match parts.as_slice() {
                    [(color, _)] => single(*color, palette),
                    _ => CardColour { parts, tint: None },
                };
                cards.insert(id.clone(), colour);
            }
            categories.key(title)
        }
        ColourBy::Department | ColourBy::Grade => {
            let mut categories = Categories::default();
            for unit in forest.ids.iter().filter_map(|id| chart.unit(id)) {
                if let Some(value) = text_value(unit, by) {
                    let color = categories.colour_of(value);
                    cards.insert(unit.id.clone(), single(color, palette));
                }
            }
            categories.key(title)
        }
        ColourBy::Status => {
            let mut entries: Vec<(Rgba, String)> = Vec::new();
            for unit in forest.ids.iter().filter_map(|id| chart.unit(id)) {
                let Some(color) = style::status_color(&unit.status, palette) else {
                    continue;
                };
                cards.insert(unit.id.clone(), single(color, palette));
                let name = unit.status.name().to_owned();
                if !entries.iter().any(|(_, n)| *n == name) {
                    entries.push((color, name));
                }
            }
            let order = |name: &str| Status::kinds().iter().position(|s| s.name() == name);
            entries.sort_by_key(|(_, name)| order(name));
            ColourKey { title, entries }
        }
        ColourBy::Tag(tag) => {
            let color = style::category_color(0);
            let mut any = false;
            for unit in forest.ids.iter().filter_map(|id| chart.unit(id)) {
                if unit.tags.iter().any(|t| t.trim().eq_ignore_ascii_case(tag)) {
                    cards.insert(unit.id.clone(), single(color, palette));
                    any = true;
                }
            }
            ColourKey {
                title,
                entries: if any {
                    vec![(color, format!("Tagged '{tag}'"))]
                } else {
                    Vec::new()
                },
            }
        }
    };
    let key = if key.entries.is_empty() {
        ColourKey {
            entries: vec![(palette.card_fill, format!("no unit has a {}", by.label()))],
            ..key
        }
    } else {
        key
    };
    Colouring {
        cards,
        key: Some(key),
    }
}

/// The stripe across the top of a coloured card, inside its rounded corners.
pub fn paint_stripe(colour: &CardColour, card: Rect, shapes: &mut Vec<Shape>) {
    let left = card.x + style::CARD_RADIUS;
    let width = (card.w - 2.0 * style::CARD_RADIUS).max(1.0);
    let mut x = left;
    for (color, fraction) in &colour.parts {
        let w = width * fraction.clamp(0.0, 1.0);
        shapes.push(Shape::Rect {
            rect: Rect::new(x, card.y + STRIPE_TOP, w, STRIPE_HEIGHT),
            corner_radius: 0.0,
            fill: Some(*color),
            stroke: Stroke::none(),
        });
        x += w;
    }
}

const STRIPE_TOP: f32 = 2.0;
pub const STRIPE_HEIGHT: f32 = 5.0;

const SWATCH: f32 = 14.0;
const GAP: f32 = 18.0;
const ROW_H: f32 = 20.0;

/// The colour part of the key at `origin` within `width`: a title, then a swatch and a name per colour.
/// Returns the area used.
pub fn paint_key(
    key: &ColourKey,
    origin: Point,
    width: f32,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) -> Rect {
    let (size, weight) = (style::LEGEND_SIZE, FontWeight::Regular);
    let title_w = text::text_width(&key.title, size, FontWeight::Bold);
    shapes.push(Shape::Text {
        pos: Point::new(
            origin.x,
            origin.y
                + (ROW_H - text::line_height(size, FontWeight::Bold)) / 2.0
                + text::ascent(size, FontWeight::Bold),
        ),
        text: key.title.clone(),
        size,
        weight: FontWeight::Bold,
        color: palette.ink,
        strike: false,
    });
    let mut x = origin.x + title_w + GAP;
    let mut y = origin.y;
    let mut used_w = title_w;
    for (color, name) in &key.entries {
        let label_w = text::text_width(name, size, weight).min(width - SWATCH - 6.0);
        let item_w = SWATCH + 6.0 + label_w;
        if x > origin.x && x + item_w > origin.x + width {
            x = origin.x;
            y += ROW_H;
        }
        shapes.push(Shape::Rect {
            rect: Rect::new(x, y + (ROW_H - SWATCH) / 2.0, SWATCH, SWATCH),
            corner_radius: 2.0,
            fill: Some(*color),
            stroke: Stroke::solid(1.0, palette.card_border),
        });
        let rows = text::wrap(name, size, weight, width - SWATCH - 6.0);
        let first = rows.first().cloned().unwrap_or_default();
        shapes.push(Shape::Text {
            pos: Point::new(
                x + SWATCH + 6.0,
                y + (ROW_H - text::line_height(size, weight)) / 2.0 + text::ascent(size, weight),
            ),
            text: first,
            size,
            weight,
            color: palette.role,
            strike: false,
        });
        x += item_w;
        used_w = used_w.max(x - origin.x);
        x += GAP;
    }
    Rect::new(origin.x, origin.y, used_w, y + ROW_H - origin.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Share;
    use crate::render::build::Theme;

    fn chart() -> Chart {
        let mut chart = Chart::new();
        let ceo = Unit::new("ceo", "Chief Executive")
            .with_shares(vec![Share::new("North", 60.0), Share::new("South", 40.0)]);
        chart.insert_unit(ceo, None, None).unwrap();
        let mut team = Unit::new("team", "Team").with_organisation("North");
        team.tags = vec!["Front line".into()];
        team.grade = "G7".into();
        chart
            .insert_unit(team, Some(&UnitId::new("ceo")), None)
            .unwrap();
        let mut south = Unit::new("s", "South team").with_organisation("South");
        south.status = Status::New;
        chart
            .insert_unit(south, Some(&UnitId::new("ceo")), None)
            .unwrap();
        chart
    }

    #[test]
    fn colour_by_names_parse_and_bad_ones_say_what_is_allowed() {
        assert_eq!("Organisation".parse(), Ok(ColourBy::Organisation));
        assert_eq!(" grade ".parse(), Ok(ColourBy::Grade));
        assert_eq!(
            "tag:Front line".parse(),
            Ok(ColourBy::Tag("Front line".into()))
        );
        assert!(
            "tag:"
                .parse::<ColourBy>()
                .unwrap_err()
                .contains("name the tag")
        );
        assert!(
            "colour"
                .parse::<ColourBy>()
                .unwrap_err()
                .contains("organisation, department")
        );
        assert!("tå".parse::<ColourBy>().is_err());
    }

    #[test]
    fn organisations_get_palette_colours_and_shared_units_a_split_stripe() {
        let palette = style::palette(Theme::Light);
        let colouring = colouring(&chart(), &ColourBy::Organisation, &palette);
        let ceo = colouring.card(&UnitId::new("ceo")).unwrap();
        assert_eq!(
            ceo.parts,
            vec![(style::CATEGORY[0], 0.6), (style::CATEGORY[1], 0.4)]
        );
        assert_eq!(ceo.tint, None);
        let team = colouring.card(&UnitId::new("team")).unwrap();
        assert_eq!(team.parts, vec![(style::CATEGORY[0], 1.0)]);
        assert!(team.tint.is_some());
        let key = colouring.key.unwrap();
        assert_eq!(key.title, "Colour: organisation");
        let names: Vec<&str> = key.entries.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["North", "South"]);
    }

    #[test]
    fn status_keeps_its_own_colour_and_a_tag_marks_only_its_units() {
        let palette = style::palette(Theme::Light);
        let by_status = colouring(&chart(), &ColourBy::Status, &palette);
        assert_eq!(
            by_status.card(&UnitId::new("s")).unwrap().parts,
            vec![(style::BLUISH_GREEN, 1.0)]
        );
        assert!(by_status.card(&UnitId::new("team")).is_none());
        let by_tag = colouring(&chart(), &ColourBy::Tag("front LINE".into()), &palette);
        assert_eq!(by_tag.cards.len(), 1);
        assert!(by_tag.card(&UnitId::new("team")).is_some());
        let by_department = colouring(&chart(), &ColourBy::Department, &palette);
        assert!(by_department.cards.is_empty());
        assert_eq!(
            by_department.key.unwrap().entries[0].1,
            "no unit has a department"
        );
    }

    #[test]
    fn more_categories_than_colours_share_the_other_colour_and_the_key_counts_them() {
        let palette = style::palette(Theme::Light);
        let mut chart = Chart::new();
        for i in 0..10 {
            let mut unit = Unit::new(format!("u{i}"), format!("U{i}"));
            unit.grade = format!("G{i}");
            chart.insert_unit(unit, None, None).unwrap();
        }
        let colouring = colouring(&chart, &ColourBy::Grade, &palette);
        assert_eq!(
            colouring.card(&UnitId::new("u9")).unwrap().parts[0].0,
            style::OTHER_CATEGORY
        );
        let key = colouring.key.unwrap();
        assert_eq!(key.entries.len(), 8);
        assert_eq!(
            key.entries[7],
            (style::OTHER_CATEGORY, "3 others".to_owned())
        );
    }
}
