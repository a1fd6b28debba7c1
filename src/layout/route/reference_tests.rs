//! The router's results, bit for bit, on generated charts (1k, 2.5k, 10k units, in several options and
//! placers) and on the sample charts: the digests were recorded before the router's card index was
//! reorganised for speed, so any change in a single point of any route, or in which candidate wins, shows
//! here. Card sizes are fixed functions of the unit's index, so the digests do not depend on text
//! measuring.

use crate::geom::{Point, Size};
use crate::layout::{LayoutOptions, LinkRouter, Orientation, layout};
use crate::model::{Chart, Placer};

/// FNV-1a over every route's points, bit for bit, and how many points each has.
fn digest(routes: &[Vec<Point>]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |x: u64| {
        for byte in x.to_le_bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for route in routes {
        eat(route.len() as u64);
        for p in route {
            eat(u64::from(p.x.to_bits()));
            eat(u64::from(p.y.to_bits()));
        }
    }
    h
}

/// Every link of the chart (both ends shown) routed over its layout, with a label room that depends on
/// the label so the "does the label fit in the gap" choice is exercised too.
fn routes(chart: &Chart, mixed: bool, options: &LayoutOptions) -> Vec<Vec<Point>> {
    let mut forest = chart.forest(false);
    let n = forest.len();
    if mixed {
        forest.staff = (0..n)
            .map(|i| forest.parent[i].is_some() && i % 13 == 0)
            .collect();
        forest.placer = (0..n)
            .map(|i| match i % 11 {
                0 => Placer::Grid,
                1 => Placer::Column,
                2 => Placer::Row,
                _ => Placer::Auto,
            })
            .collect();
    }
    let sizes: Vec<Size> = (0..n)
        .map(|i| Size::new(150.0 + (i % 5) as f32 * 20.0, 60.0 + (i % 3) as f32 * 14.0))
        .collect();
    let placed = layout(&forest, &sizes, &vec![None; n], options);
    let index: std::collections::HashMap<_, _> = forest
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let router = LinkRouter::new(&placed, options);
    let mut out = Vec::new();
    for (k, link) in chart.links().iter().enumerate() {
        let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to)) else {
            continue;
        };
        let room = if link.label.trim().is_empty() {
            0.0
        } else {
            link.label.trim().chars().count() as f32 * 6.5 + 8.0
        };
        out.push(router.route(placed.rects[a], placed.rects[b], room));
        // Now and then the same link the other way round, and the router made for one link.
        if k % 7 == 0 {
            out.push(router.route(placed.rects[b], placed.rects[a], 0.0));
        }
        if k % 29 == 0 {
            out.push(super::route_link_with_room(
                placed.rects[a],
                placed.rects[b],
                &placed,
                options,
                room,
            ));
        }
    }
    out
}

fn variants() -> Vec<(&'static str, LayoutOptions)> {
    vec![
        ("default", LayoutOptions::default()),
        (
            "left-right",
            LayoutOptions {
                orientation: Orientation::LeftRight,
                ..LayoutOptions::default()
            },
        ),
        (
            "compact",
            LayoutOptions {
                compact: true,
                ..LayoutOptions::default()
            },
        ),
        (
            "lists",
            LayoutOptions {
                list_leaves: true,
                ..LayoutOptions::default()
            },
        ),
        (
            "fit-lists",
            LayoutOptions {
                target_aspect: Some(0.7),
                list_leaves: true,
                top_columns: 3,
                orientation: Orientation::LeftRight,
                ..LayoutOptions::default()
            },
        ),
    ]
}

/// The name and digest of every case, in order.
fn digests() -> Vec<(String, usize, u64)> {
    let mut out = Vec::new();
    for (units, seed) in [(1000usize, 3u64), (2500, 11), (10_000, 7)] {
        let chart = crate::generate::generate(units, seed);
        for (name, options) in variants() {
            for mixed in [false, true] {
                let r = routes(&chart, mixed, &options);
                let forest = if mixed { "mixed" } else { "plain" };
                out.push((format!("{units}/{name}/{forest}"), r.len(), digest(&r)));
            }
        }
    }
    let samples = [
        (
            "barnet-nscso-2012",
            include_str!("../../../samples/barnet-nscso-2012.ron"),
        ),
        (
            "barnet-one-public-sector-2009",
            include_str!("../../../samples/barnet-one-public-sector-2009.ron"),
        ),
        (
            "occ-policy-2011-after",
            include_str!("../../../samples/occ-policy-2011-after.ron"),
        ),
        (
            "occ-policy-2011-before",
            include_str!("../../../samples/occ-policy-2011-before.ron"),
        ),
        (
            "shared-services-2021-after",
            include_str!("../../../samples/shared-services-2021-after.ron"),
        ),
        (
            "shared-services-2021-before",
            include_str!("../../../samples/shared-services-2021-before.ron"),
        ),
    ];
    for (name, text) in samples {
        let Ok(chart) = crate::io::from_ron_str(text, name) else {
            panic!("sample {name} loads");
        };
        for (variant, options) in variants() {
            let r = routes(&chart, false, &options);
            out.push((format!("{name}/{variant}"), r.len(), digest(&r)));
        }
    }
    out
}

/// Recorded with the router before its card index was reorganised.
const RECORDED: &[(&str, usize, u64)] = &[
    ("1000/default/plain", 37, 0x58a587b99be95150),
    ("1000/default/mixed", 37, 0x0e8a737b798aa72e),
    ("1000/left-right/plain", 37, 0xd6a020c87966f547),
    ("1000/left-right/mixed", 37, 0xe77c5e5b5817f3c3),
    ("1000/compact/plain", 37, 0x051bc31c0b14866f),
    ("1000/compact/mixed", 37, 0x8670f1a283f70128),
    ("1000/lists/plain", 37, 0x76943b55890a81cc),
    ("1000/lists/mixed", 37, 0x9d77282e275fbccb),
    ("1000/fit-lists/plain", 37, 0x2aaac405c21e7cb3),
    ("1000/fit-lists/mixed", 37, 0xeaca5382598f5259),
    ("2500/default/plain", 89, 0x81a040f4e6228b98),
    ("2500/default/mixed", 89, 0x16f6afc4ca3a8517),
    ("2500/left-right/plain", 89, 0xe34f28e542ecb321),
    ("2500/left-right/mixed", 89, 0xe0c8a8a8975be137),
    ("2500/compact/plain", 89, 0x5198cf7c5f9ec3db),
    ("2500/compact/mixed", 89, 0x933a46b03efdde67),
    ("2500/lists/plain", 89, 0x8b5630ded5d1971d),
    ("2500/lists/mixed", 89, 0xf3502bbfd69b67f2),
    ("2500/fit-lists/plain", 89, 0xdc4540fa9d044427),
    ("2500/fit-lists/mixed", 89, 0xd1d9ce330701584a),
    ("10000/default/plain", 354, 0x3ee31daefb6fe888),
    ("10000/default/mixed", 354, 0x2c1538c4eecac56f),
    ("10000/left-right/plain", 354, 0x8d8c376824fc54ba),
    ("10000/left-right/mixed", 354, 0x3d9adaf0f680072c),
    ("10000/compact/plain", 354, 0xa987279117d8eec1),
    ("10000/compact/mixed", 354, 0x5a1c2c0de5c1248c),
    ("10000/lists/plain", 354, 0x65f51dc76c4be302),
    ("10000/lists/mixed", 354, 0x5e6bd716cb05e6a7),
    ("10000/fit-lists/plain", 354, 0xd7e01bc120f5d305),
    ("10000/fit-lists/mixed", 354, 0x8645c6e5c5c1ae7d),
    ("barnet-nscso-2012/default", 5, 0x4135a0e189549276),
    ("barnet-nscso-2012/left-right", 5, 0x66ac51d560adc13d),
    ("barnet-nscso-2012/compact", 5, 0x8a8ac82450e53488),
    ("barnet-nscso-2012/lists", 5, 0x992035538288f636),
    ("barnet-nscso-2012/fit-lists", 5, 0x49855f46064ae820),
    (
        "barnet-one-public-sector-2009/default",
        7,
        0xed0ff5fb5cd74933,
    ),
    (
        "barnet-one-public-sector-2009/left-right",
        7,
        0xa57e0a7c01e3f505,
    ),
    (
        "barnet-one-public-sector-2009/compact",
        7,
        0xed0ff5fb5cd74933,
    ),
    ("barnet-one-public-sector-2009/lists", 7, 0x4db24a52a39b7ce2),
    (
        "barnet-one-public-sector-2009/fit-lists",
        7,
        0xd27781ce8d4bc352,
    ),
    ("occ-policy-2011-after/default", 5, 0xcc73a7b02577cfc9),
    ("occ-policy-2011-after/left-right", 5, 0xe1cdc33520703c09),
    ("occ-policy-2011-after/compact", 5, 0x979b3a699e9f606b),
    ("occ-policy-2011-after/lists", 5, 0xd5272b162bd2b0d3),
    ("occ-policy-2011-after/fit-lists", 5, 0x497585864d4544cb),
    ("occ-policy-2011-before/default", 0, 0xcbf29ce484222325),
    ("occ-policy-2011-before/left-right", 0, 0xcbf29ce484222325),
    ("occ-policy-2011-before/compact", 0, 0xcbf29ce484222325),
    ("occ-policy-2011-before/lists", 0, 0xcbf29ce484222325),
    ("occ-policy-2011-before/fit-lists", 0, 0xcbf29ce484222325),
    ("shared-services-2021-after/default", 6, 0xb5d6c65586f1b8a5),
    (
        "shared-services-2021-after/left-right",
        6,
        0xeb6fb45cf689e389,
    ),
    ("shared-services-2021-after/compact", 6, 0xcb911c6a6188ab61),
    ("shared-services-2021-after/lists", 6, 0x31d8654a46954dc1),
    (
        "shared-services-2021-after/fit-lists",
        6,
        0x7fbe4f15fbfc1e65,
    ),
    ("shared-services-2021-before/default", 0, 0xcbf29ce484222325),
    (
        "shared-services-2021-before/left-right",
        0,
        0xcbf29ce484222325,
    ),
    ("shared-services-2021-before/compact", 0, 0xcbf29ce484222325),
    ("shared-services-2021-before/lists", 0, 0xcbf29ce484222325),
    (
        "shared-services-2021-before/fit-lists",
        0,
        0xcbf29ce484222325,
    ),
];

#[test]
fn routes_of_generated_and_sample_charts_match_the_recorded_ones() {
    let got = digests();
    assert_eq!(got.len(), RECORDED.len());
    for ((name, n, d), &(recorded_name, recorded_n, recorded)) in got.iter().zip(RECORDED) {
        assert_eq!(name, recorded_name);
        assert_eq!(*n, recorded_n, "{name}: number of routes changed");
        assert_eq!(*d, recorded, "{name} changed");
    }
}
