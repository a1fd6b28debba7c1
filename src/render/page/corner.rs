//! A corner of a fitted page's chart box that the chart leaves empty, for the key: an org chart's outline
//! is ragged (deep teams here, short ones there), so the key often fits beside a short branch and the
//! chart keeps the page's whole height.

use crate::geom::{Point, Rect};
use crate::render::drawing::{Drawing, Shape};
use crate::render::text;

use super::{Furniture, GAP, KEY_COLUMN_W, Placement, Sheet, key_size, placed};

/// The key's rectangle in the first corner of `sheet`'s chart box (bottom-left, bottom-right, top-right,
/// top-left; the widest key first) that `chart`, placed filling the box as `compose` places it, leaves
/// clear by a gap. A fixed order, so the same chart always gets the same corner. `None` when no key
/// fits anywhere, or there is no key.
pub fn free_key_corner(
    sheet: &Sheet,
    furniture: &Furniture,
    chart: &Drawing,
    chart_area: Rect,
) -> Option<Rect> {
    let boxed = sheet.chart_box;
    let footprint = placed_footprint(sheet, chart, chart_area);
    let widths = [boxed.w / 2.0, boxed.w / 3.0, KEY_COLUMN_W];
    for width in widths {
        let size = key_size(furniture, width)?;
        if size.w > boxed.w || size.h > boxed.h {
            continue;
        }
        let corners = [
            Point::new(boxed.x, boxed.bottom() - size.h),
            Point::new(boxed.right() - size.w, boxed.bottom() - size.h),
            Point::new(boxed.right() - size.w, boxed.y),
            Point::new(boxed.x, boxed.y),
        ];
        for at in corners {
            let key = Rect::new(at.x, at.y, size.w, size.h);
            let clear = key.expand(GAP);
            if !footprint.iter().any(|r| r.intersects(&clear)) {
                return Some(Rect::new(at.x, at.y, width, size.h));
            }
        }
    }
    None
}

/// Whether the title, painted at the top-left of the page's content, is clear of `chart` placed filling
/// `sheet`'s chart box (a sheet whose box takes in the title's row, see `Sheet::title_in_box`).
pub fn title_is_clear(
    sheet: &Sheet,
    furniture: &Furniture,
    chart: &Drawing,
    chart_area: Rect,
) -> bool {
    let Some(title) = furniture.title_rect(sheet) else {
        return true;
    };
    let clear = title.expand(GAP);
    !placed_footprint(sheet, chart, chart_area)
        .iter()
        .any(|r| r.intersects(&clear))
}

/// The chart's footprint in page units, placed filling the sheet's chart box as `compose` places it.
fn placed_footprint(sheet: &Sheet, chart: &Drawing, chart_area: Rect) -> Vec<Rect> {
    let (scale, left, top) = placed(sheet, chart_area, Placement::Fill);
    let to_page = |r: Rect| {
        Rect::new(
            left + (r.x - chart_area.x) * scale,
            top + (r.y - chart_area.y) * scale,
            r.w * scale,
            r.h * scale,
        )
    };
    footprint(chart).into_iter().map(to_page).collect()
}

/// Rectangles covering everything drawn, in the drawing's units: cards, boxes, each leg of every line and
/// every text's extent.
fn footprint(chart: &Drawing) -> Vec<Rect> {
    let mut rects: Vec<Rect> = chart.cards.iter().map(|card| card.rect).collect();
    for shape in &chart.shapes {
        match shape {
            Shape::Rect { rect, .. } => rects.push(*rect),
            Shape::Path { points, stroke, .. } => {
                let half = stroke.width / 2.0 + 1.0;
                rects.extend(points.windows(2).map(|leg| {
                    let (a, b) = (leg[0], leg[1]);
                    Rect::new(
                        a.x.min(b.x),
                        a.y.min(b.y),
                        (a.x - b.x).abs(),
                        (a.y - b.y).abs(),
                    )
                    .expand(half)
                }));
            }
            Shape::Text {
                pos,
                text: words,
                size,
                weight,
                ..
            } => {
                let w = text::text_width(words, *size, *weight);
                rects.push(Rect::new(pos.x, pos.y - size, w, size * 1.4));
            }
        }
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitId;
    use crate::paper::Paper;
    use crate::render::drawing::{Card, Rgba};
    use crate::render::legend::{LegendEntries, LegendEntry};

    fn cards(rects: &[Rect]) -> Drawing {
        Drawing {
            bounds: Rect::new(0.0, 0.0, 1000.0, 600.0),
            background: Rgba::rgb(255, 255, 255),
            shapes: Vec::new(),
            cards: rects
                .iter()
                .enumerate()
                .map(|(i, &rect)| Card {
                    id: UnitId::new(format!("u{i}")),
                    rect,
                    shapes: 0..0,
                })
                .collect(),
        }
    }

    fn furniture() -> Furniture {
        let mut entries = LegendEntries::new();
        entries.insert(LegendEntry::LineManagement);
        Furniture {
            title: "A chart".to_owned(),
            key: Some((entries, vec!["Figures: posts.".to_owned()])),
            compact: true,
            ..Furniture::default()
        }
    }

    #[test]
    fn the_key_goes_in_the_first_corner_the_chart_leaves_empty_and_nowhere_when_none() {
        let paper: Paper = "a4-landscape".parse().unwrap();
        let sheet = Sheet::with_key(
            &paper,
            &furniture(),
            0,
            crate::render::page::KeyPlace::At(Rect::default()),
        );
        let area = Rect::new(0.0, 0.0, 1000.0, 600.0);
        // A deep branch at the left: the bottom-left corner is taken, the bottom-right is free.
        let left = cards(&[
            Rect::new(0.0, 0.0, 1000.0, 50.0),
            Rect::new(0.0, 50.0, 300.0, 550.0),
        ]);
        let corner = free_key_corner(&sheet, &furniture(), &left, area).unwrap();
        assert!(corner.x > sheet.chart_box.center().x, "{corner:?}");
        assert!(corner.y > sheet.chart_box.center().y, "{corner:?}");
        let full = cards(&[area]);
        assert_eq!(free_key_corner(&sheet, &furniture(), &full, area), None);
    }
}
