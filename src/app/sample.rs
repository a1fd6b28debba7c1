//! The chart the editor opens on when started without a file.
//!
//! TEMPORARY: a small chart built in code from the figures the design notes quote for Barnet's 2012 client
//! side; replaced by the embedded `samples/barnet-nscso-2012.ron` once it lands on main.

use crate::model::{Chart, Link, LinkKind, Span, Status, Unit, UnitId, UnitKind};

pub fn sample_chart() -> Chart {
    let mut chart = Chart::new();
    chart.set_title("One Barnet: client side after NSCSO, December 2012");
    let units = [
        (
            Unit::new("scb", "Strategic Commissioning Board").with_kind(UnitKind::Board),
            None,
        ),
        (
            Unit::new("assurance", "Assurance Group").with_kind(UnitKind::Team),
            Some("scb"),
        ),
        (
            Unit::new("commissioning", "Commissioning Group").with_kind(UnitKind::Directorate),
            Some("scb"),
        ),
        (
            Unit::new("strategy", "Strategy experts")
                .with_kind(UnitKind::Post)
                .with_headcount(Span::exact(6.0)),
            Some("commissioning"),
        ),
        (
            Unit::new("advisers", "Advisers")
                .with_kind(UnitKind::Post)
                .with_headcount(Span::exact(5.0)),
            Some("commissioning"),
        ),
        (
            Unit::new("dcoo", "Deputy Chief Operating Officer section")
                .with_headcount(Span::exact(40.0)),
            Some("commissioning"),
        ),
        (
            Unit::new("relationship", "Relationship managers")
                .with_kind(UnitKind::Post)
                .with_headcount(Span::range(11.0, 15.0)),
            Some("dcoo"),
        ),
        (
            Unit::new("delivery", "Delivery Units").with_kind(UnitKind::Directorate),
            Some("scb"),
        ),
        (
            Unit::new("inhouse", "In-house delivery units"),
            Some("delivery"),
        ),
        (
            Unit::new("private", "Private delivery units").with_status(Status::Outsourced {
                provider: String::new(),
            }),
            Some("delivery"),
        ),
        (
            Unit::new("nscso", "Support and Customer Services").with_status(Status::Outsourced {
                provider: "NSCSO contractor".into(),
            }),
            None,
        ),
    ];
    for (unit, parent) in units {
        let parent = parent.map(UnitId::new);
        // The sample is fixed data whose ids are unique and whose managers come first.
        let _ = chart.insert_unit(unit, parent.as_ref(), None);
    }
    let _ = chart.add_link(Link::new("relationship", "nscso", LinkKind::Contract));
    let _ = chart.add_link(Link::new("assurance", "commissioning", LinkKind::Dotted));
    chart
}

#[cfg(test)]
mod tests {
    #[test]
    fn sample_is_a_usable_chart() {
        let chart = super::sample_chart();
        assert!(chart.len() >= 10);
        assert_eq!(chart.links().len(), 2);
        assert!(!chart.title().is_empty());
    }
}
