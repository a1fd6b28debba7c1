//! What dropping dragged cards means: report to the card under the pointer, link to it (with a modifier), or
//! stay where dropped (pinned). Pure functions over the chart, so the rules are tested without a window.

use egui::Modifiers;

use crate::geom::Point;
use crate::model::{Chart, Edit, LinkKind, UnitId};

#[derive(Clone, Debug, PartialEq)]
pub enum DropDecision {
    /// The moved units now report to the target.
    Reparent { target: UnitId },
    /// Links from each moved unit to the target.
    Link { target: UnitId, kind: LinkKind },
    /// Dropping here would break the chart; nothing changes.
    Refused { reason: String },
    /// No card under the pointer (or only the dragged ones): the cards stay where they are dropped.
    Place,
}

/// The link a modifier asks for: Alt dotted/matrix, Ctrl (Cmd) contract, Shift shared service.
pub fn link_kind(modifiers: Modifiers) -> Option<LinkKind> {
    if modifiers.alt {
        Some(LinkKind::Dotted)
    } else if modifiers.command {
        Some(LinkKind::Contract)
    } else if modifiers.shift {
        Some(LinkKind::SharedService)
    } else {
        None
    }
}

pub fn decide(
    chart: &Chart,
    moving: &[UnitId],
    target: Option<&UnitId>,
    modifiers: Modifiers,
) -> DropDecision {
    let Some(target) = target.filter(|t| !moving.contains(t)) else {
        return DropDecision::Place;
    };
    if let Some(kind) = link_kind(modifiers) {
        return DropDecision::Link {
            target: target.clone(),
            kind,
        };
    }
    if let Some(above) = moving.iter().find(|m| chart.is_at_or_above(m, target)) {
        return DropDecision::Refused {
            reason: format!(
                "'{}' cannot report to '{}', which is below it: that would make a reporting cycle. Nothing was changed.",
                name(chart, above),
                name(chart, target)
            ),
        };
    }
    DropDecision::Reparent {
        target: target.clone(),
    }
}

pub fn name(chart: &Chart, id: &UnitId) -> String {
    chart
        .unit(id)
        .map(|u| u.name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// "'Finance'" or "3 units".
pub fn describe(chart: &Chart, ids: &[UnitId]) -> String {
    match ids {
        [one] => format!("'{}'", name(chart, one)),
        many => format!("{} units", many.len()),
    }
}

/// One undo step: the units report to `target` and lose their pinned places so they join its row.
pub fn reparent_edit(chart: &Chart, moving: &[UnitId], target: &UnitId) -> Edit {
    let mut edits = Vec::new();
    for id in moving {
        edits.push(Edit::Reparent {
            id: id.clone(),
            parent: Some(target.clone()),
            position: None,
        });
        if chart.unit(id).is_some_and(|u| u.pinned.is_some()) {
            edits.push(Edit::SetPinned {
                id: id.clone(),
                pinned: None,
            });
        }
    }
    Edit::Batch(edits)
}

pub fn link_edit(moving: &[UnitId], target: &UnitId, kind: LinkKind) -> Edit {
    Edit::Batch(
        moving
            .iter()
            .map(|id| Edit::AddLink(crate::model::Link::new(id.as_str(), target.as_str(), kind)))
            .collect(),
    )
}

/// One undo step: each moved unit is pinned at its new place; cards pinned below it move with it.
/// `top_left` gives where a unit's card is drawn now.
pub fn place_edit(
    chart: &Chart,
    moving: &[UnitId],
    delta: Point,
    top_left: impl Fn(&UnitId) -> Option<Point>,
) -> Edit {
    let shift = |p: Point| Point::new(p.x + delta.x, p.y + delta.y);
    let mut edits = Vec::new();
    for id in moving {
        if let Some(at) = top_left(id) {
            edits.push(Edit::SetPinned {
                id: id.clone(),
                pinned: Some(shift(at)),
            });
        }
        for below in chart.subtree(id).into_iter().skip(1) {
            if let Some(pin) = chart.unit(below).and_then(|u| u.pinned) {
                edits.push(Edit::SetPinned {
                    id: below.clone(),
                    pinned: Some(shift(pin)),
                });
            }
        }
    }
    Edit::Batch(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    fn chart() -> Chart {
        // a -> b -> c, and d on its own.
        let mut chart = Chart::new();
        chart.insert_unit(Unit::new("a", "A"), None, None).unwrap();
        chart
            .insert_unit(Unit::new("b", "B"), Some(&UnitId::new("a")), None)
            .unwrap();
        chart
            .insert_unit(Unit::new("c", "C"), Some(&UnitId::new("b")), None)
            .unwrap();
        chart.insert_unit(Unit::new("d", "D"), None, None).unwrap();
        chart
    }

    fn id(s: &str) -> UnitId {
        UnitId::new(s)
    }

    #[test]
    fn dropping_on_a_descendant_is_refused_with_names() {
        let decision = decide(&chart(), &[id("a")], Some(&id("c")), Modifiers::NONE);
        let DropDecision::Refused { reason } = decision else {
            panic!("{decision:?}");
        };
        assert!(reason.contains("'A' cannot report to 'C'"), "{reason}");
    }

    #[test]
    fn dropping_on_another_card_reparents_and_modifiers_link() {
        let c = chart();
        assert_eq!(
            decide(&c, &[id("c")], Some(&id("d")), Modifiers::NONE),
            DropDecision::Reparent { target: id("d") }
        );
        assert_eq!(
            decide(&c, &[id("a")], Some(&id("c")), Modifiers::ALT),
            DropDecision::Link {
                target: id("c"),
                kind: LinkKind::Dotted
            }
        );
        assert_eq!(
            decide(&c, &[id("c")], Some(&id("d")), Modifiers::COMMAND),
            DropDecision::Link {
                target: id("d"),
                kind: LinkKind::Contract
            }
        );
        assert_eq!(
            decide(&c, &[id("c")], Some(&id("c")), Modifiers::NONE),
            DropDecision::Place
        );
        assert_eq!(
            decide(&c, &[id("c")], None, Modifiers::NONE),
            DropDecision::Place
        );
    }

    #[test]
    fn placing_moves_pinned_cards_below_along() {
        let mut c = chart();
        Edit::SetPinned {
            id: id("c"),
            pinned: Some(Point::new(5.0, 5.0)),
        }
        .apply(&mut c)
        .unwrap();
        let edit = place_edit(&c, &[id("a")], Point::new(10.0, -2.0), |_| {
            Some(Point::new(100.0, 0.0))
        });
        edit.apply(&mut c).unwrap();
        assert_eq!(
            c.unit(&id("a")).unwrap().pinned,
            Some(Point::new(110.0, -2.0))
        );
        assert_eq!(
            c.unit(&id("c")).unwrap().pinned,
            Some(Point::new(15.0, 3.0))
        );
        assert_eq!(c.unit(&id("b")).unwrap().pinned, None);
    }

    #[test]
    fn reparenting_unpins_so_the_unit_joins_its_new_row() {
        let mut c = chart();
        Edit::SetPinned {
            id: id("c"),
            pinned: Some(Point::new(5.0, 5.0)),
        }
        .apply(&mut c)
        .unwrap();
        reparent_edit(&c, &[id("c")], &id("d"))
            .apply(&mut c)
            .unwrap();
        assert_eq!(c.parent(&id("c")), Some(&id("d")));
        assert_eq!(c.unit(&id("c")).unwrap().pinned, None);
    }
}
