//! Several groups on one page: boxes packed in shelves (rows of boxes, top to bottom), first fit.

use crate::geom::{Rect, Size};

use super::GROUP_GAP;

/// One row of boxes.
#[derive(Clone, Debug, Default)]
struct Shelf {
    width: f32,
    height: f32,
    items: Vec<(usize, Size)>,
}

/// The boxes on one page, in shelves.
#[derive(Clone, Debug)]
pub(super) struct Shelves {
    capacity: Size,
    shelves: Vec<Shelf>,
}

impl Shelves {
    pub fn new(capacity: Size) -> Self {
        Self {
            capacity,
            shelves: Vec::new(),
        }
    }

    fn height(&self) -> f32 {
        let gaps = self.shelves.len().saturating_sub(1) as f32 * GROUP_GAP;
        self.shelves.iter().map(|s| s.height).sum::<f32>() + gaps
    }

    /// Adds box `item` where it fits: at the end of the first shelf with room across (growing it when the
    /// page has room below), else on a new shelf. False, and nothing added, when it fits nowhere.
    pub fn try_add(&mut self, item: usize, size: Size) -> bool {
        let height = self.height();
        for shelf in &mut self.shelves {
            let width = shelf.width + GROUP_GAP + size.w;
            let grown = height - shelf.height + shelf.height.max(size.h);
            if width <= self.capacity.w && grown <= self.capacity.h {
                shelf.width = width;
                shelf.height = shelf.height.max(size.h);
                shelf.items.push((item, size));
                return true;
            }
        }
        let below = if self.shelves.is_empty() {
            size.h
        } else {
            height + GROUP_GAP + size.h
        };
        if size.w <= self.capacity.w && below <= self.capacity.h {
            self.add_shelf(item, size);
            return true;
        }
        false
    }

    /// Adds box `item` even when it does not fit: first where it fits, else on a new shelf.
    pub fn add(&mut self, item: usize, size: Size) {
        if !self.try_add(item, size) {
            self.add_shelf(item, size);
        }
    }

    fn add_shelf(&mut self, item: usize, size: Size) {
        self.shelves.push(Shelf {
            width: size.w,
            height: size.h,
            items: vec![(item, size)],
        });
    }

    /// Where each box sits, from the top-left of the page's chart area: `(item, rect)`. Each shelf is
    /// centred across the widest.
    pub fn slots(&self) -> Vec<(usize, Rect)> {
        let widest = self.shelves.iter().map(|s| s.width).fold(0.0, f32::max);
        let mut slots = Vec::new();
        let mut y = 0.0;
        for shelf in &self.shelves {
            let mut x = (widest - shelf.width) / 2.0;
            for &(item, size) in &shelf.items {
                slots.push((item, Rect::new(x, y, size.w, size.h)));
                x += size.w + GROUP_GAP;
            }
            y += shelf.height + GROUP_GAP;
        }
        slots
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_fill_shelves_then_go_below_and_never_overlap() {
        let mut shelves = Shelves::new(Size::new(1000.0, 600.0));
        assert!(shelves.try_add(0, Size::new(600.0, 300.0)));
        assert!(shelves.try_add(1, Size::new(300.0, 200.0)));
        assert!(
            shelves.try_add(2, Size::new(500.0, 250.0)),
            "a second shelf"
        );
        assert!(
            shelves.try_add(3, Size::new(400.0, 100.0)),
            "beside the second"
        );
        assert!(
            !shelves.try_add(4, Size::new(900.0, 100.0)),
            "no room below"
        );
        let slots = shelves.slots();
        assert_eq!(slots.len(), 4);
        for (i, (_, a)) in slots.iter().enumerate() {
            assert!(
                a.right() <= 1000.0 + 0.01 && a.bottom() <= 600.0 + 0.01,
                "{a:?}"
            );
            for (_, b) in &slots[i + 1..] {
                let apart =
                    a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y;
                assert!(apart, "{a:?} {b:?}");
            }
        }
    }
}
