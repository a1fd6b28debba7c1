//! The engine's results, bit for bit, on generated charts in every placer, role and option: the digests
//! were recorded before the engine's tables were reorganised for speed (inline connector points, tables
//! only when needed, the walk's tables shared), so any change in a single coordinate shows here.

use super::*;
use crate::model::Placer;

/// A named layout input: forest, card sizes, pins, options.
type Case = (String, Forest, Vec<Size>, Vec<Option<Point>>, LayoutOptions);

/// Generated charts in every placer, role and option the engine has (staff posts, grids, stacks, pins,
/// both orientations, auto-fit, lists).
fn reference_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (units, seed) in [(600usize, 3u64), (2500, 11)] {
        let base = crate::generate::generate(units, seed).forest(false);
        let n = base.len();
        let sizes: Vec<Size> = (0..n)
            .map(|i| Size::new(150.0 + (i % 5) as f32 * 20.0, 60.0 + (i % 3) as f32 * 14.0))
            .collect();
        let mut mixed = base.clone();
        for i in 0..n {
            if mixed.parent[i].is_some() && i % 13 == 0 {
                mixed.staff[i] = true;
            }
            mixed.placer[i] = match i % 11 {
                0 => Placer::Grid,
                1 => Placer::Column,
                2 => Placer::Row,
                _ => Placer::Auto,
            };
        }
        let pins: Vec<Option<Point>> = (0..n)
            .map(|i| (i % 97 == 5).then(|| Point::new(i as f32 * 3.5, -(i as f32) * 1.25)))
            .collect();
        let none = vec![None; n];
        let variants = [
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
                "fit",
                LayoutOptions {
                    target_aspect: Some(1.5),
                    compact: true,
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
        ];
        for (name, options) in variants {
            for (forest_name, forest) in [("plain", &base), ("mixed", &mixed)] {
                for (pin_name, pinned) in [("free", &none), ("pinned", &pins)] {
                    cases.push((
                        format!("{units}/{name}/{forest_name}/{pin_name}"),
                        forest.clone(),
                        sizes.clone(),
                        pinned.clone(),
                        options.clone(),
                    ));
                }
            }
        }
    }
    cases
}

/// FNV-1a over every number of a layout, bit for bit.
fn digest(l: &Layout) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |x: u64| {
        for byte in x.to_le_bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    let rect = |r: &Rect, eat: &mut dyn FnMut(u64)| {
        for v in [r.x, r.y, r.w, r.h] {
            eat(u64::from(v.to_bits()));
        }
    };
    for r in &l.rects {
        rect(r, &mut eat);
    }
    rect(&l.bounds, &mut eat);
    for c in &l.connectors {
        eat(c.parent as u64);
        eat(c.child as u64);
        eat(c.points.len() as u64);
        for p in c.points.iter() {
            eat(u64::from(p.x.to_bits()));
            eat(u64::from(p.y.to_bits()));
        }
    }
    h
}

/// Recorded with the engine before its tables were reorganised.
const RECORDED: [(&str, u64); 48] = [
    ("600/default/plain/free", 0x3e67cddafb933f7a),
    ("600/default/plain/pinned", 0x8968b93d57974d84),
    ("600/default/mixed/free", 0x207abf6d9e6489e7),
    ("600/default/mixed/pinned", 0x8a12ae92fd20bbef),
    ("600/left-right/plain/free", 0x734246a0643fe791),
    ("600/left-right/plain/pinned", 0x2a7980138dbf7eca),
    ("600/left-right/mixed/free", 0x14feef48ba9bb6bc),
    ("600/left-right/mixed/pinned", 0xfabfd43f64bbd7b5),
    ("600/compact/plain/free", 0x099761958e957cd4),
    ("600/compact/plain/pinned", 0x29b4132cf83d4c1f),
    ("600/compact/mixed/free", 0xb208359a2f5ec5f3),
    ("600/compact/mixed/pinned", 0xf129510b2f9f1982),
    ("600/lists/plain/free", 0x872de58bd07a2489),
    ("600/lists/plain/pinned", 0x86a984148c3b901b),
    ("600/lists/mixed/free", 0x93de3ce0a26bb922),
    ("600/lists/mixed/pinned", 0xd1483c6c10675495),
    ("600/fit/plain/free", 0x7a28cc6cedc97b7f),
    ("600/fit/plain/pinned", 0xbd2be52dd147bbba),
    ("600/fit/mixed/free", 0xf987ca4181f5c967),
    ("600/fit/mixed/pinned", 0x5a485d2e230d97d7),
    ("600/fit-lists/plain/free", 0xc49a76772ac1d7f4),
    ("600/fit-lists/plain/pinned", 0xae0af68cd64fe69e),
    ("600/fit-lists/mixed/free", 0x0e0dcf92b861ff61),
    ("600/fit-lists/mixed/pinned", 0x35b6937e659ff3bd),
    ("2500/default/plain/free", 0xf9251556dd0185ee),
    ("2500/default/plain/pinned", 0xd8c114db5e46d50e),
    ("2500/default/mixed/free", 0xecbe577612516981),
    ("2500/default/mixed/pinned", 0xf2945610e56e45d6),
    ("2500/left-right/plain/free", 0x66887f92b91594d7),
    ("2500/left-right/plain/pinned", 0x2a4524bc35424b03),
    ("2500/left-right/mixed/free", 0xefb42d8a445a772a),
    ("2500/left-right/mixed/pinned", 0xf38c193e4e97830d),
    ("2500/compact/plain/free", 0xc9bd4c0f68981db8),
    ("2500/compact/plain/pinned", 0x7c4b0b51e04a9ee5),
    ("2500/compact/mixed/free", 0x41c2c28397d632b9),
    ("2500/compact/mixed/pinned", 0x9189b3d6b83a82a8),
    ("2500/lists/plain/free", 0x9f79ab37cf8b4f61),
    ("2500/lists/plain/pinned", 0x65264b1a58b25aaa),
    ("2500/lists/mixed/free", 0x9097d458d0762d72),
    ("2500/lists/mixed/pinned", 0x4064e1633f020e0f),
    ("2500/fit/plain/free", 0x20b156f62a81d125),
    ("2500/fit/plain/pinned", 0x05a8a05ace70332c),
    ("2500/fit/mixed/free", 0x97298e42876649f4),
    ("2500/fit/mixed/pinned", 0x6b8eb64e765f0d10),
    ("2500/fit-lists/plain/free", 0xf38e537dac839830),
    ("2500/fit-lists/plain/pinned", 0x25fe1ac68076bf3a),
    ("2500/fit-lists/mixed/free", 0x0e3e68b46e3d0148),
    ("2500/fit-lists/mixed/pinned", 0x9a5c5d25543dd534),
];

#[test]
fn layouts_of_generated_charts_match_the_recorded_ones() {
    let cases = reference_cases();
    assert_eq!(cases.len(), RECORDED.len());
    for ((name, forest, sizes, pinned, options), (recorded_name, recorded)) in
        cases.into_iter().zip(RECORDED)
    {
        assert_eq!(name, recorded_name);
        let l = layout(&forest, &sizes, &pinned, &options);
        assert_eq!(digest(&l), recorded, "{name} changed");
    }
}
