//! `orgchart export --fit` and `--pages` end to end: the real binary, the PDF it writes (page sizes from the
//! file, text through the `pdf-extract` crate, so no system package is needed), and the page drawings
//! behind it through the library.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use orgchart::page_export::{self, PaperOptions};
use orgchart::render::page::{MIN_TEXT_POINTS, smallest_text_points};
use orgchart::render::{CardStyle, Drawing, RenderOptions};

fn orgchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgchart"))
        .args(args)
        .output()
        .expect("the orgchart binary runs")
}

fn succeed(args: &[&str]) -> Output {
    let output = orgchart(args);
    assert!(
        output.status.success(),
        "orgchart {args:?}: exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn data_file(pair: &str, side: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/organograms")
        .join(format!("{pair}-{side}.csv"))
}

fn cabinet_office(dir: &Path) -> PathBuf {
    let chart = dir.join("cabinet-office.ron");
    let pair = "cabinet_office-2011-09-30";
    succeed(&[
        "import",
        arg(&data_file(pair, "senior")),
        "--junior",
        arg(&data_file(pair, "junior")),
        "-o",
        arg(&chart),
    ]);
    chart
}

fn generated(dir: &Path, units: usize, seed: u64) -> PathBuf {
    let chart = dir.join(format!("generated-{units}.ron"));
    succeed(&[
        "generate",
        "--units",
        &units.to_string(),
        "--seed",
        &seed.to_string(),
        "-o",
        arg(&chart),
    ]);
    chart
}

/// Every page's MediaBox, read from the PDF's page dictionaries (which pdf-writer leaves uncompressed).
fn media_boxes(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/MediaBox [")
        .map(|(at, _)| {
            let rest = &text[at + "/MediaBox [".len()..];
            rest.split(']').next().unwrap_or("").trim().to_owned()
        })
        .collect()
}

/// The PDF's text with all white space removed, so names wrapped over two rows of a card are still found
/// whole.
fn pdf_text(path: &Path) -> String {
    support::pdf_text(&std::fs::read(path).unwrap())
}

fn assert_every_name_is_in(chart: &orgchart::model::Chart, text: &str) {
    let missing: Vec<&str> = chart
        .units()
        .into_iter()
        .map(|u| u.name.as_str())
        .filter(|name| !text.contains(&squeeze(name)))
        .collect();
    assert!(missing.is_empty(), "not in the PDF's text: {missing:?}");
}

fn squeeze(text: &str) -> String {
    support::squeezed(text)
}

#[test]
fn the_cabinet_office_pair_in_a4_landscape_pages() {
    let dir = tempfile::tempdir().unwrap();
    let chart_path = cabinet_office(dir.path());
    let pdf_path = dir.path().join("pages.pdf");
    let output = succeed(&[
        "export",
        arg(&chart_path),
        "-o",
        arg(&pdf_path),
        "--pages",
        "a4-landscape",
    ]);
    let said = String::from_utf8_lossy(&output.stderr);
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // Every page is A4 landscape, and small branches share pages: 864 posts on well under a hundred pages
    // (110 when every branch had a page of its own).
    let boxes = media_boxes(&pdf);
    assert!(
        boxes.len() > 5 && boxes.len() <= 80,
        "{} pages",
        boxes.len()
    );
    // One copy of each font for the whole document.
    assert!(String::from_utf8_lossy(&pdf).matches("/FontFile2").count() <= 2);
    assert!(
        boxes.iter().all(|b| b == "0 0 842 595"),
        "{:?}",
        boxes.iter().find(|b| *b != "0 0 842 595")
    );
    assert!(
        said.contains(&format!("wrote {} a4-landscape pages", boxes.len())),
        "{said}"
    );

    // Every unit's name is in the PDF's text: on its card, and in the index.
    let chart = orgchart::io::load(&chart_path).unwrap();
    let text = pdf_text(&pdf_path);
    assert_every_name_is_in(&chart, &text);
    assert!(text.contains("Continuedonpage"), "stubs say where to go");
    assert!(
        text.contains(&squeeze("Index of units")),
        "an index at the end"
    );
    assert!(text.contains(&format!("Page{}of{}", boxes.len(), boxes.len())));

    // The drawings behind the pages: no text below 6 pt, every unit on exactly one page.
    let paper = PaperOptions {
        paper: "a4-landscape".parse().unwrap(),
        date: "1 December 2026".to_owned(),
        cards: None,
    };
    let document = page_export::paged_document(&chart, &RenderOptions::default(), &paper);
    assert_eq!(document.drawings.len(), boxes.len());
    assert_pages_readable(&document.drawings, "Cabinet Office");
    assert_each_unit_on_one_page(&chart, &document.drawings);
    println!(
        "Cabinet Office 2011-09, a4-landscape: {} pages",
        boxes.len()
    );
}

fn assert_each_unit_on_one_page(chart: &orgchart::model::Chart, pages: &[Drawing]) {
    let mut cards: Vec<&str> = pages
        .iter()
        .flat_map(|d| d.cards.iter().map(|c| c.id.as_str()))
        .collect();
    cards.sort_unstable();
    let mut ids: Vec<&str> = chart.units().into_iter().map(|u| u.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(cards, ids, "every unit is a full card on exactly one page");
}

/// No text below 6 pt and no card over another, on every page.
fn assert_pages_readable(pages: &[Drawing], what: &str) {
    for (p, drawing) in pages.iter().enumerate() {
        let smallest = smallest_text_points(drawing).unwrap();
        assert!(
            smallest >= MIN_TEXT_POINTS - 0.01,
            "{what}: page {} has text at {smallest} pt",
            p + 1
        );
        assert_no_card_overlaps(drawing, &format!("{what}: page {}", p + 1));
    }
}

fn assert_no_card_overlaps(drawing: &Drawing, what: &str) {
    let cards = &drawing.cards;
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            assert!(
                !a.rect.expand(-0.5).intersects(&b.rect.expand(-0.5)),
                "{what}: {} overlaps {}",
                a.id.as_str(),
                b.id.as_str()
            );
        }
    }
}

#[test]
fn dense_cards_put_the_cabinet_office_on_fewer_readable_pages() {
    let dir = tempfile::tempdir().unwrap();
    let chart_path = cabinet_office(dir.path());
    let pdf_path = dir.path().join("dense.pdf");
    succeed(&[
        "export",
        arg(&chart_path),
        "-o",
        arg(&pdf_path),
        "--pages",
        "a4-landscape",
        "--cards",
        "dense",
    ]);
    let pdf = std::fs::read(&pdf_path).unwrap();
    let boxes = media_boxes(&pdf);
    // 74 pages with standard cards.
    assert!(
        boxes.len() > 5 && boxes.len() <= 55,
        "{} pages",
        boxes.len()
    );
    assert!(boxes.iter().all(|b| b == "0 0 842 595"));
    let chart = orgchart::io::load(&chart_path).unwrap();
    let text = pdf_text(&pdf_path);
    assert_every_name_is_in(&chart, &text);

    let paper = PaperOptions {
        paper: "a4-landscape".parse().unwrap(),
        date: String::new(),
        cards: None,
    };
    let options = RenderOptions {
        card_style: CardStyle::Dense,
        ..RenderOptions::default()
    };
    let document = page_export::paged_document(&chart, &options, &paper);
    assert_eq!(document.drawings.len(), boxes.len());
    assert_pages_readable(&document.drawings, "Cabinet Office, dense");
    assert_each_unit_on_one_page(&chart, &document.drawings);
    println!(
        "Cabinet Office 2011-09, a4-landscape, dense cards: {} pages",
        boxes.len()
    );
}

#[test]
fn fit_takes_dense_cards_when_standard_ones_would_print_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let paper = |cards: Option<CardStyle>| PaperOptions {
        paper: "a4-landscape".parse().unwrap(),
        date: String::new(),
        cards,
    };
    // Sixteen units with boards and badges: standard cards print their badges below 6 pt, dense ones
    // make the whole page readable, without a warning.
    let barnet = sample("barnet-nscso-2012.ron");
    let chart = orgchart::io::load(&barnet).unwrap();
    let options = RenderOptions::default();
    let standard = page_export::fit_page(&chart, &options, &paper(Some(CardStyle::Standard)));
    let auto = page_export::fit_page(&chart, &options, &paper(None));
    assert!(standard.smallest_text_points < MIN_TEXT_POINTS);
    assert!(
        auto.smallest_text_points >= MIN_TEXT_POINTS,
        "{}",
        auto.smallest_text_points
    );
    assert_eq!(auto.drawing.cards.len(), chart.len());
    assert_no_card_overlaps(&auto.drawing, "Barnet");
    let png_path = dir.path().join("barnet.png");
    let output = succeed(&[
        "export",
        arg(&barnet),
        "-o",
        arg(&png_path),
        "--fit",
        "a4-landscape",
    ]);
    assert!(!String::from_utf8_lossy(&output.stderr).contains("warning"));
    // Asked for standard cards, the page keeps them and warns.
    let output = succeed(&[
        "export",
        arg(&barnet),
        "-o",
        arg(&png_path),
        "--fit",
        "a4-landscape",
        "--cards",
        "standard",
    ]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("warning"));

    // About a hundred units: dense cards print much larger than standard ones.
    let chart = orgchart::io::load(&generated(dir.path(), 100, 11)).unwrap();
    let standard = page_export::fit_page(&chart, &options, &paper(Some(CardStyle::Standard)));
    let auto = page_export::fit_page(&chart, &options, &paper(None));
    println!(
        "100 units on a4-landscape: standard cards {:.1} pt, dense {:.1} pt",
        standard.smallest_text_points, auto.smallest_text_points
    );
    assert!(auto.smallest_text_points > 1.5 * standard.smallest_text_points);
    assert_eq!(auto.drawing.cards.len(), chart.len());
    assert_no_card_overlaps(&auto.drawing, "100 units");

    let refused = orgchart(&[
        "export",
        arg(&barnet),
        "-o",
        arg(&png_path),
        "--cards",
        "tiny",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("standard, dense or list"));
}

/// Pages are drawn with the very sizes pagination planned with: a page that came out bigger than planned
/// would be shrunk below 6 pt to fit its paper.
#[test]
fn every_page_of_a_generated_chart_prints_at_six_points_or_more_in_both_card_styles() {
    let dir = tempfile::tempdir().unwrap();
    let chart = orgchart::io::load(&generated(dir.path(), 3000, 7)).unwrap();
    let paper = PaperOptions {
        paper: "a4-landscape".parse().unwrap(),
        date: String::new(),
        cards: None,
    };
    for cards in CardStyle::ALL {
        let options = RenderOptions {
            card_style: cards,
            ..RenderOptions::default()
        };
        let document = page_export::paged_document(&chart, &options, &paper);
        assert_pages_readable(&document.drawings, &format!("{cards:?} cards"));
        println!(
            "3000 units, {cards:?} cards: {} pages",
            document.drawings.len()
        );
    }
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

#[test]
fn fit_puts_a_chart_on_one_filled_page() {
    let dir = tempfile::tempdir().unwrap();
    let paper = PaperOptions {
        paper: "a4-landscape".parse().unwrap(),
        date: String::new(),
        cards: None,
    };
    // A small chart prints readably, without a warning.
    let small = sample("occ-policy-2011-after.ron");
    let pdf_path = dir.path().join("fit.pdf");
    let output = succeed(&[
        "export",
        arg(&small),
        "-o",
        arg(&pdf_path),
        "--fit",
        "a4-landscape",
    ]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!said.contains("warning"), "{said}");
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert_eq!(media_boxes(&pdf), vec!["0 0 842 595"]);
    let chart = orgchart::io::load(&small).unwrap();
    let page = page_export::fit_page(&chart, &RenderOptions::default(), &paper);
    assert!(page.smallest_text_points >= MIN_TEXT_POINTS);

    // About a hundred units: one page of exactly the paper, every card on it, filled to two opposite
    // edges of the chart's box.
    let chart_path = generated(dir.path(), 100, 11);
    let chart = orgchart::io::load(&chart_path).unwrap();
    let page = page_export::fit_page(&chart, &RenderOptions::default(), &paper);
    println!(
        "100 units on a4-landscape: smallest text {:.1} pt",
        page.smallest_text_points
    );
    assert_eq!(page.drawing.cards.len(), chart.len());
    let cards = orgchart::geom::Rect::bounding(page.drawing.cards.iter().map(|c| &c.rect)).unwrap();
    let content_w = (842.0 - 2.0 * 28.0) * 96.0 / 72.0;
    assert!(
        cards.w > 0.95 * content_w || cards.h > 0.6 * page.drawing.bounds.h,
        "{cards:?}"
    );
    let page_w = page.drawing.bounds.w * 72.0 / 96.0;
    assert!((page_w - 842.0).abs() < 0.01);
}

#[test]
fn fit_png_is_the_page_times_the_scale_and_warns_when_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let chart_path = cabinet_office(dir.path());
    let png_path = dir.path().join("fit.png");
    let output = succeed(&[
        "export",
        arg(&chart_path),
        "-o",
        arg(&png_path),
        "--fit",
        "a4",
        "--scale",
        "1",
    ]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("warning") && said.contains("--pages a4") && said.contains("6 pt"),
        "{said}"
    );
    let png = std::fs::read(&png_path).unwrap();
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (595, 842));

    let svg_path = dir.path().join("fit.svg");
    succeed(&[
        "export",
        arg(&chart_path),
        "-o",
        arg(&svg_path),
        "--fit",
        "300x200",
    ]);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(
        svg.contains(r#"width="400" height="266.67""#),
        "{}",
        &svg[..200]
    );
}

#[test]
fn bad_paper_and_wrong_formats_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let chart_path = generated(dir.path(), 20, 1);
    let out = |name: &str| dir.path().join(name);
    let refused = orgchart(&[
        "export",
        arg(&chart_path),
        "-o",
        arg(&out("x.pdf")),
        "--pages",
        "b7",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("unknown paper 'b7'") && said.contains("a4-landscape"),
        "{said}"
    );
    let refused = orgchart(&[
        "export",
        arg(&chart_path),
        "-o",
        arg(&out("x.png")),
        "--pages",
        "a4",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains(".pdf"));
    let refused = orgchart(&[
        "export",
        arg(&chart_path),
        "-o",
        arg(&out("x.pdf")),
        "--pages",
        "a4",
        "--fit",
        "a4",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(!out("x.pdf").exists() && !out("x.png").exists());
}

#[test]
fn links_between_pages_end_in_labelled_references() {
    let dir = tempfile::tempdir().unwrap();
    let chart_path = generated(dir.path(), 400, 5);
    let chart = orgchart::io::load(&chart_path).unwrap();
    let paper = PaperOptions {
        paper: "a4".parse().unwrap(),
        date: String::new(),
        cards: None,
    };
    let document = page_export::paged_document(&chart, &RenderOptions::default(), &paper);
    let mut crossing = 0;
    for link in chart.links() {
        let (Some(a), Some(b)) = (document.page_of(&link.from), document.page_of(&link.to)) else {
            panic!("{link:?} has an end on no page");
        };
        if a == b {
            continue;
        }
        crossing += 1;
        for (here, other, there) in [(a, &link.to, b), (b, &link.from, a)] {
            let name = &chart.unit(other).unwrap().name;
            let label = format!("to: {name}");
            let page = format!("page {}", there + 1);
            let texts: Vec<&str> = document.drawings[here]
                .shapes
                .iter()
                .filter_map(|s| match s {
                    orgchart::render::Shape::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            let joined = texts.join(" ");
            assert!(
                joined.contains(&label) || joined.contains(&format!("to: {}", first_word(name))),
                "page {} lacks '{label}'",
                here + 1
            );
            assert!(joined.contains(&page), "page {} lacks '{page}'", here + 1);
        }
    }
    assert!(crossing > 0, "the chart should have a link across pages");
}

fn first_word(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}
