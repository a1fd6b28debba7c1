//! Property tests of the model: random edit sequences keep the forest valid, and undoing them all restores
//! the original chart exactly.

use orgchart::io::{from_ron_str, to_ron_string};
use orgchart::model::{Chart, Edit, Link, LinkKind, Span, Unit, UnitId};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Add { parent: usize },
    Reparent { unit: usize, parent: Option<usize> },
    RemoveSubtree { unit: usize },
    RemoveLifting { unit: usize },
    Rename { unit: usize },
    Link { from: usize, to: usize, kind: usize },
    Collapse { unit: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..64).prop_map(|parent| Op::Add { parent }),
        3 => (0usize..64, proptest::option::of(0usize..64)).prop_map(|(unit, parent)| Op::Reparent { unit, parent }),
        1 => (0usize..64).prop_map(|unit| Op::RemoveSubtree { unit }),
        1 => (0usize..64).prop_map(|unit| Op::RemoveLifting { unit }),
        1 => (0usize..64).prop_map(|unit| Op::Rename { unit }),
        1 => (0usize..64, 0usize..64, 0usize..3).prop_map(|(from, to, kind)| Op::Link { from, to, kind }),
        1 => (0usize..64).prop_map(|unit| Op::Collapse { unit }),
    ]
}

fn pick(chart: &Chart, n: usize) -> Option<UnitId> {
    let units = chart.units();
    if units.is_empty() {
        None
    } else {
        Some(units[n % units.len()].id.clone())
    }
}

fn to_edit(chart: &Chart, op: &Op, counter: usize) -> Option<Edit> {
    Some(match op {
        Op::Add { parent } => Edit::AddUnit {
            unit: Unit::new(format!("u{counter}"), format!("Unit {counter}"))
                .with_headcount(Span::range(1.0, 3.0)),
            parent: pick(chart, *parent),
            position: None,
        },
        Op::Reparent { unit, parent } => Edit::Reparent {
            id: pick(chart, *unit)?,
            parent: parent.and_then(|p| pick(chart, p)),
            position: Some(0),
        },
        Op::RemoveSubtree { unit } => Edit::remove_subtree(chart, &pick(chart, *unit)?).ok()?,
        Op::RemoveLifting { unit } => {
            Edit::remove_lifting_reports(chart, &pick(chart, *unit)?).ok()?
        }
        Op::Rename { unit } => {
            let mut renamed = chart.unit(&pick(chart, *unit)?)?.clone();
            renamed.name.push_str(" (renamed)");
            Edit::UpdateUnit(Box::new(renamed))
        }
        Op::Link { from, to, kind } => Edit::AddLink(Link {
            from: pick(chart, *from)?,
            to: pick(chart, *to)?,
            kind: LinkKind::ALL[*kind],
            label: String::new(),
        }),
        Op::Collapse { unit } => Edit::SetCollapsed {
            id: pick(chart, *unit)?,
            collapsed: true,
        },
    })
}

fn assert_forest_is_valid(chart: &Chart) {
    let forest = chart.forest(false);
    assert_eq!(
        forest.len(),
        chart.len(),
        "every unit is reachable from a root exactly once"
    );
    for unit in chart.units() {
        assert!(
            !chart.ancestors(&unit.id).contains(&&unit.id),
            "cycle through {}",
            unit.id
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_edits_keep_a_forest_and_undo_restores_everything(ops in proptest::collection::vec(op(), 1..60)) {
        let mut chart = Chart::new();
        chart.insert_unit(Unit::new("root", "Root"), None, None).unwrap();
        let original = chart.clone();
        let mut undo = Vec::new();
        let mut history = vec![chart.clone()];
        for (counter, op) in ops.iter().enumerate() {
            let Some(edit) = to_edit(&chart, op, counter) else { continue };
            let before = chart.clone();
            match edit.apply(&mut chart) {
                Ok(inverse) => {
                    undo.push(inverse);
                    history.push(chart.clone());
                }
                Err(_) => prop_assert_eq!(&chart, &before, "a refused edit changed the chart"),
            }
            assert_forest_is_valid(&chart);
        }
        // Saving and loading any reachable state gives the same chart.
        let text = to_ron_string(&chart).unwrap();
        prop_assert_eq!(&from_ron_str(&text, "prop.ron").unwrap(), &chart);
        history.pop();
        while let Some(inverse) = undo.pop() {
            inverse.apply(&mut chart).unwrap();
            let expected = history.pop().unwrap();
            prop_assert_eq!(&chart, &expected);
        }
        prop_assert_eq!(&chart, &original);
    }
}
