//! `orgchart export --fit` with list rows end to end: a generated chart of about a hundred units fits one
//! A4 landscape page readably (no warning, every name in the PDF's text, no text below 6 pt), and
//! `--cards list` is taken on the command line.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use orgchart::page_export::{self, PaperOptions};
use orgchart::render::drawing::Shape;
use orgchart::render::page::{MIN_TEXT_POINTS, UNITS_PER_POINT, smallest_text_points};
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

fn generated(dir: &Path, units: usize, seed: u64) -> PathBuf {
    let chart = dir.join(format!("generated-{units}-{seed}.ron"));
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

fn paper(cards: Option<CardStyle>) -> PaperOptions {
    PaperOptions {
        paper: "a4-landscape".parse().unwrap(),
        date: String::new(),
        cards,
    }
}

fn assert_no_card_overlaps(drawing: &Drawing) {
    let cards = &drawing.cards;
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            assert!(
                !a.rect.expand(-0.5).intersects(&b.rect.expand(-0.5)),
                "{} overlaps {}",
                a.id.as_str(),
                b.id.as_str()
            );
        }
    }
}

#[test]
fn a_hundred_units_fit_one_a4_landscape_page_readably_with_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = generated(dir.path(), 100, 3);
    let chart = orgchart::io::load(&path).unwrap();
    let pdf = dir.path().join("fit.pdf");
    let output = succeed(&[
        "export",
        arg(&path),
        "-o",
        arg(&pdf),
        "--fit",
        "a4-landscape",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
    let text = support::pdf_text(&std::fs::read(&pdf).unwrap());
    let missing: Vec<&str> = chart
        .units()
        .into_iter()
        .map(|u| u.name.as_str())
        .filter(|name| !text.contains(&support::squeezed(name)))
        .collect();
    assert!(missing.is_empty(), "not in the PDF's text: {missing:?}");

    // The page behind it: list rows, every unit one card, nothing below 6 pt, nothing overlapping.
    let options = RenderOptions::default();
    let page = page_export::fit_page(&chart, &options, &paper(None));
    let smallest = smallest_text_points(&page.drawing).unwrap();
    assert!(smallest >= MIN_TEXT_POINTS, "{smallest} pt");
    let mut ids: Vec<&str> = page.drawing.cards.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), chart.len(), "every unit has exactly one card");
    assert_eq!(page.drawing.cards.len(), chart.len());
    assert_no_card_overlaps(&page.drawing);
}

#[test]
fn lists_print_larger_than_dense_cards_at_a_hundred_and_more_units() {
    let dir = tempfile::tempdir().unwrap();
    let options = RenderOptions::default();
    for (units, seed) in [(100, 7), (100, 11), (150, 7)] {
        let chart = orgchart::io::load(&generated(dir.path(), units, seed)).unwrap();
        let dense = page_export::fit_page(&chart, &options, &paper(Some(CardStyle::Dense)));
        let auto = page_export::fit_page(&chart, &options, &paper(None));
        println!(
            "{units} units, seed {seed}: dense {:.1} pt, auto {:.1} pt",
            dense.smallest_text_points, auto.smallest_text_points
        );
        assert!(
            auto.smallest_text_points > 1.4 * dense.smallest_text_points,
            "{units} units, seed {seed}"
        );
        assert_eq!(auto.drawing.cards.len(), chart.len());
        assert_no_card_overlaps(&auto.drawing);
    }
}

#[test]
fn cards_list_is_taken_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = generated(dir.path(), 30, 7);
    let svg = dir.path().join("list.svg");
    succeed(&[
        "export",
        arg(&path),
        "-o",
        arg(&svg),
        "--fit",
        "a4-landscape",
        "--cards",
        "list",
    ]);
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(drawn.contains(" · "), "list rows read \"Name · Role\"");
    let refused = orgchart(&["export", arg(&path), "-o", arg(&svg), "--cards", "tiny"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("standard, dense or list"));
}

/// The key's heading on a page: its size in points and where it is.
fn key_heading(drawing: &Drawing) -> (f32, orgchart::geom::Point) {
    drawing
        .shapes
        .iter()
        .find_map(|shape| match shape {
            Shape::Text {
                text, size, pos, ..
            } if text == "Key" => Some((size / UNITS_PER_POINT, *pos)),
            _ => None,
        })
        .expect("the page has a key")
}

#[test]
fn fit_pages_give_the_chart_more_of_the_page_with_a_small_key() {
    let dir = tempfile::tempdir().unwrap();
    let options = RenderOptions::default();
    // Before the small key, title and footer (key across the foot of the page at print size, title in a
    // row of its own, 28 pt margins) seed 7 printed at 5.1 pt and seed 11 at 4.8 pt.
    for (seed, at_least) in [(7, MIN_TEXT_POINTS), (11, 5.1), (3, MIN_TEXT_POINTS)] {
        let path = generated(dir.path(), 100, seed);
        let chart = orgchart::io::load(&path).unwrap();
        let page = page_export::fit_page(&chart, &options, &paper(None));
        let smallest = smallest_text_points(&page.drawing).unwrap();
        assert!(smallest >= at_least, "seed {seed}: {smallest} pt");
        let (key_points, key_at) = key_heading(&page.drawing);
        assert!(
            (MIN_TEXT_POINTS..8.0).contains(&key_points),
            "seed {seed}: the key's text in small type, still readable: {key_points} pt"
        );
        assert!(
            !page.drawing.cards.iter().any(|c| c.rect.contains(key_at)),
            "seed {seed}: the key sits clear of the cards"
        );
        assert_eq!(page.drawing.cards.len(), chart.len());
        assert_no_card_overlaps(&page.drawing);

        let pdf = dir.path().join(format!("fit-{seed}.pdf"));
        let output = succeed(&[
            "export",
            arg(&path),
            "-o",
            arg(&pdf),
            "--fit",
            "a4-landscape",
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr.contains("warning"),
            at_least < MIN_TEXT_POINTS,
            "seed {seed}: a warning only below 6 pt: {stderr}"
        );
        let text = support::pdf_text(&std::fs::read(&pdf).unwrap());
        let missing: Vec<&str> = chart
            .units()
            .into_iter()
            .map(|u| u.name.as_str())
            .filter(|name| !text.contains(&support::squeezed(name)))
            .collect();
        assert!(
            missing.is_empty(),
            "seed {seed}: not in the PDF's text: {missing:?}"
        );
    }
}
