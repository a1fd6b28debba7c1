//! The drawing of generated and sample charts, exported as SVG, stays byte for byte what it was when these
//! digests were recorded (on main, before card measuring and figure formatting were made faster): a speed-up
//! of the drawing pipeline must not move a card, wrap a name differently or write a figure otherwise.

use std::path::Path;

use orgchart::diff;
use orgchart::generate::generate;
use orgchart::io;
use orgchart::model::Chart;
use orgchart::render::build::{RenderOptions, Theme, build_drawing};
use orgchart::render::card_style::CardStyle;
use orgchart::render::svg::to_svg;

/// FNV-1a over the SVG text.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, byte| {
        (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn sample(name: &str) -> Chart {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ron"));
    io::load(&path).unwrap_or_else(|err| panic!("{name}: {err}"))
}

fn options(style: CardStyle, theme: Theme) -> RenderOptions {
    RenderOptions {
        card_style: style,
        theme,
        ..RenderOptions::default()
    }
}

/// Every case: a name and the drawing's SVG.
fn cases() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let styles = [
        ("standard", options(CardStyle::Standard, Theme::Light)),
        ("dense", options(CardStyle::Dense, Theme::Light)),
        ("list", options(CardStyle::List, Theme::Dark)),
    ];
    for seed in [1, 7, 42] {
        let chart = generate(1_000, seed);
        for (style, options) in &styles {
            let svg = to_svg(&build_drawing(&chart, options));
            out.push((format!("generated-1000-{seed}/{style}"), svg));
        }
    }
    for name in [
        "barnet-nscso-2012",
        "barnet-one-public-sector-2009",
        "occ-policy-2011-before",
        "occ-policy-2011-after",
        "shared-services-2021-before",
        "shared-services-2021-after",
    ] {
        let chart = sample(name);
        for (style, options) in &styles {
            let svg = to_svg(&build_drawing(&chart, options));
            out.push((format!("{name}/{style}"), svg));
        }
    }
    // A change view: badges for added, removed, moved and changed cards.
    for (before, after) in [
        ("occ-policy-2011-before", "occ-policy-2011-after"),
        ("shared-services-2021-before", "shared-services-2021-after"),
    ] {
        let name = format!("change-view/{after}");
        let (before, after) = (sample(before), sample(after));
        let merged = diff::merged(&before, &after, &diff::diff(&before, &after));
        let options = RenderOptions {
            marks: merged.render_marks(),
            ..RenderOptions::default()
        };
        let svg = to_svg(&build_drawing(&merged.chart, &options));
        out.push((name, svg));
    }
    out
}

/// Recorded on main before the card and figure speed-ups.
const RECORDED: &[(&str, u64)] = &[
    ("generated-1000-1/standard", 0x8f1c705aa93f49d6),
    ("generated-1000-1/dense", 0xaea4f1e543020de1),
    ("generated-1000-1/list", 0x4cc287d832f828a5),
    ("generated-1000-7/standard", 0xcce1a6675acc1dea),
    ("generated-1000-7/dense", 0x1dd4022e53b5fa27),
    ("generated-1000-7/list", 0x068180e79b7e9bf0),
    ("generated-1000-42/standard", 0xeff91062b96d9955),
    ("generated-1000-42/dense", 0xd0e588cdca8cfa83),
    ("generated-1000-42/list", 0xe24db9d4b36cb069),
    ("barnet-nscso-2012/standard", 0xfaccfc0eda66389d),
    ("barnet-nscso-2012/dense", 0x13e29a944395dc3b),
    ("barnet-nscso-2012/list", 0x24388363e8d87102),
    ("barnet-one-public-sector-2009/standard", 0xe47de5c525554917),
    ("barnet-one-public-sector-2009/dense", 0xf47ee2bc8331c981),
    ("barnet-one-public-sector-2009/list", 0xc6a989e2a7ae7e64),
    ("occ-policy-2011-before/standard", 0x7f5b0871c95fbebb),
    ("occ-policy-2011-before/dense", 0x3cb2c7640e9f3734),
    ("occ-policy-2011-before/list", 0xd2379c0900651c22),
    ("occ-policy-2011-after/standard", 0x9239e732a4d25472),
    ("occ-policy-2011-after/dense", 0xed683d18d51dbba3),
    ("occ-policy-2011-after/list", 0xdfd2b1aefc138505),
    ("shared-services-2021-before/standard", 0xad4a52a39234cd0e),
    ("shared-services-2021-before/dense", 0x35709e81e8e694b2),
    ("shared-services-2021-before/list", 0x13f4925fa8810d70),
    ("shared-services-2021-after/standard", 0xa8fe1f36aa20a008),
    ("shared-services-2021-after/dense", 0x258149d008c2fde6),
    ("shared-services-2021-after/list", 0x60d0ac0a7d16dc93),
    ("change-view/occ-policy-2011-after", 0x1c069bdd52bb4c72),
    ("change-view/shared-services-2021-after", 0xbb749d83a7198c5c),
];

#[test]
fn drawings_are_byte_for_byte_what_they_were() {
    let got: Vec<(String, u64)> = cases()
        .into_iter()
        .map(|(name, svg)| (name, digest(&svg)))
        .collect();
    let listing: String = got
        .iter()
        .map(|(name, h)| format!("    (\"{name}\", {h:#018x}),\n"))
        .collect();
    assert_eq!(got.len(), RECORDED.len(), "digests now:\n{listing}");
    for ((name, h), (want_name, want)) in got.iter().zip(RECORDED) {
        assert_eq!(name, want_name, "digests now:\n{listing}");
        assert_eq!(h, want, "{name} changed; digests now:\n{listing}");
    }
}

/// Every page of a paginated export, as SVG, one digest a chart: recorded on main before routing each page's
/// links through one router and the pages' link ends found once for the whole export.
#[test]
fn paged_drawings_are_byte_for_byte_what_they_were() {
    use orgchart::page_export::{PaperOptions, paged_document};
    let paper = PaperOptions {
        paper: "a4-landscape".parse().expect("a known paper"),
        date: "1 December 2026".to_owned(),
        cards: None,
    };
    let charts = [
        ("generated-1000-7", generate(1_000, 7)),
        ("occ-policy-2011-after", sample("occ-policy-2011-after")),
        (
            "shared-services-2021-after",
            sample("shared-services-2021-after"),
        ),
    ];
    let got: Vec<(&str, usize, u64)> = charts
        .iter()
        .map(|(name, chart)| {
            let document = paged_document(chart, &RenderOptions::default(), &paper);
            let svg: String = document.drawings.iter().map(to_svg).collect();
            (*name, document.drawings.len(), digest(&svg))
        })
        .collect();
    let want: &[(&str, usize, u64)] = &[
        ("generated-1000-7", 103, 0xed9fc8ea4d8e3c37),
        ("occ-policy-2011-after", 2, 0x79b4b4930d74efb1),
        ("shared-services-2021-after", 2, 0x92e05b0dd6b8186b),
    ];
    assert_eq!(got, want);
}
