use super::*;
use crate::io::from_ron_str;
use crate::render::Shape;

fn sample(text: &str) -> Chart {
    from_ron_str(text, "sample.ron").unwrap()
}

fn occ_after() -> Chart {
    sample(include_str!("../../samples/occ-policy-2011-after.ron"))
}

fn options() -> ReportOptions {
    ReportOptions {
        paper: PaperOptions {
            paper: Paper::named("a4", false).unwrap(),
            date: "1 December 2026".to_owned(),
            cards: None,
        },
        layout: LayoutOptions::default(),
        colour_by: None,
        diff: DiffOptions::default(),
    }
}

/// Every text row of every page, in order.
fn page_texts(document: &ReportDocument) -> Vec<Vec<String>> {
    pdf_pages(document)
        .iter()
        .map(|page| page.texts().into_iter().map(str::to_owned).collect())
        .collect()
}

fn has(texts: &[Vec<String>], wanted: &str) -> bool {
    texts.iter().flatten().any(|t| t == wanted)
}

#[test]
fn a_single_report_has_each_section_on_its_pages() {
    let document = single_report(&occ_after(), "occ-after.ron", &options());
    assert_eq!(
        document.headings(),
        [
            "The chart",
            "Totals",
            "By organisation",
            "Spans and layers",
            "Vacancies, new posts and posts to be deleted"
        ]
    );
    let pages = pdf_pages(&document);
    let texts = page_texts(&document);
    // Page 1: title; page 2: the chart fitted to its own page (A4 turned to landscape for a wide chart).
    assert!(
        has(
            &texts,
            "Oxfordshire County Council: Policy Unit after the October 2011 restructure"
        ) || texts[0].iter().any(|t| t.starts_with("Oxfordshire"))
    );
    let chart_page = &pages[1];
    assert!(
        texts[1].iter().any(|t| t == "Policy Unit"),
        "{:?}",
        texts[1]
    );
    let points = |side: f32| side / crate::render::page::UNITS_PER_POINT;
    let mut sides = [points(chart_page.bounds.w), points(chart_page.bounds.h)];
    sides.sort_by(f32::total_cmp);
    assert!(
        (sides[0] - 595.0).abs() < 0.01 && (sides[1] - 842.0).abs() < 0.01,
        "{sides:?}"
    );
    for wanted in [
        "Totals",
        "Headcount",
        "10 posts",
        "By organisation",
        "Oxfordshire County Council",
        "Spans and layers",
        "Span of control",
        "Layers, top first",
        "Vacancies (0)",
        "New posts (4)",
        "Posts to be deleted (0)",
        "None.",
    ] {
        assert!(has(&texts, wanted), "'{wanted}' is missing: {texts:?}");
    }
    // Flowed pages carry their number; the chart's page keeps its own footer.
    let total = pages.len();
    assert!(has(&texts, &format!("Page 1 of {total}")));
    assert!(!texts[1].iter().any(|t| t.starts_with("Page 2 of")));
    // Everything stays on the paper.
    for page in &pages {
        for shape in &page.shapes {
            if let Shape::Text {
                pos,
                text,
                size,
                weight,
                ..
            } = shape
            {
                let right = pos.x + crate::render::text::text_width(text, *size, *weight);
                assert!(
                    pos.x >= 0.0
                        && right <= page.bounds.right() + 0.5
                        && pos.y <= page.bounds.bottom(),
                    "'{text}' is off the page"
                );
            }
        }
    }
}

#[test]
fn a_change_report_gives_totals_per_organisation_and_the_lists() {
    let before = sample(include_str!(
        "../../samples/shared-services-2021-before.ron"
    ));
    let after = sample(include_str!("../../samples/shared-services-2021-after.ron"));
    let document = compare_report(&before, &after, ("before.ron", "after.ron"), &options());
    let headings = document.headings();
    for wanted in [
        "The change",
        "Totals before and after",
        "By organisation",
        "By top-level unit",
        "Added (2)",
        "Removed (4)",
        "Moved (4)",
        "Changed (4)",
        "Links (4)",
    ] {
        assert!(headings.contains(&wanted), "{wanted}: {headings:?}");
    }
    let organisation_rows = document
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.headers[0] == "Organisation" => Some(t.rows.clone()),
            _ => None,
        })
        .expect("an organisation table");
    assert_eq!(
        organisation_rows,
        [
            ["Council A", "1", "0.5", "-0.5"].map(String::from).to_vec(),
            ["Council B", "1", "0.5", "-0.5"].map(String::from).to_vec(),
        ],
        "no costs are given, so no cost columns"
    );
    let texts = page_texts(&document);
    for wanted in ["Council A", "Headcount before", "Moved (4)"] {
        assert!(has(&texts, wanted), "'{wanted}' missing");
    }
    assert!(
        texts
            .iter()
            .flatten()
            .any(|t| t.starts_with("Chief Executive (shared) [shared-ceo]")),
        "the added list names the shared Chief Executive"
    );
    // The change view is on its own page with its key.
    assert!(texts[1].iter().any(|t| t == "Added"), "{:?}", texts[1]);
}

/// The OCC "before" chart gives no figures at all: its columns say so instead of "0" and "£0", and the
/// change cannot be told.
#[test]
fn a_side_without_figures_says_not_given_in_the_change_report() {
    let before = sample(include_str!("../../samples/occ-policy-2011-before.ron"));
    let document = compare_report(
        &before,
        &occ_after(),
        ("before.ron", "after.ron"),
        &options(),
    );
    let totals = document
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.headers == ["", "Before", "After", "Change"] => {
                Some(t.rows.clone())
            }
            _ => None,
        })
        .expect("the totals table");
    assert_eq!(totals[0][..2], ["Headcount", "not given"]);
    assert_eq!(totals[0][3], "—");
    assert_eq!(totals[1][..2], ["Yearly cost incl. on-costs", "not given"]);
    assert!(totals[1][2].starts_with('£'), "{:?}", totals[1]);
}

#[test]
fn a_long_table_continues_on_the_next_page_with_its_header() {
    let rows: Vec<Vec<String>> = (0..150)
        .map(|i| vec![format!("Unit {i}"), i.to_string()])
        .collect();
    let document = ReportDocument {
        title: "Long".into(),
        subtitle: "a test".into(),
        blocks: vec![Block::Table(Table {
            headers: vec!["Name".into(), "Count".into()],
            rows,
            numeric: vec![false, true],
        })],
        date: String::new(),
        paper: Paper::named("a5", false).unwrap(),
    };
    let texts = page_texts(&document);
    assert!(texts.len() >= 3, "{} pages", texts.len());
    for page in &texts {
        assert_eq!(page.iter().filter(|t| *t == "Name").count(), 1);
    }
    let units: usize = texts
        .iter()
        .map(|p| p.iter().filter(|t| t.starts_with("Unit ")).count())
        .sum();
    assert_eq!(units, 150, "every row exactly once");
}

#[test]
fn html_is_one_file_and_markdown_writes_its_pictures_beside_it() {
    let document = single_report(&occ_after(), "occ-after.ron", &options());
    let files = report_files(&document, ReportFormat::Html, Path::new("out/r.html")).unwrap();
    assert_eq!(files.len(), 1);
    let html = String::from_utf8(files[0].1.clone()).unwrap();
    for wanted in [
        "<h2>Totals</h2>",
        "<h2>Spans and layers</h2>",
        "<h3>New posts (4)</h3>",
        "@font-face",
        "<svg",
        "<td class=\"number\">10 posts</td>",
    ] {
        assert!(html.contains(wanted), "{wanted}");
    }
    assert!(
        !html.contains("src=\"http"),
        "nothing is fetched from elsewhere"
    );
    let files = report_files(
        &document,
        ReportFormat::Markdown,
        Path::new("out/my report.md"),
    )
    .unwrap();
    let markdown = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(markdown.contains("## Totals\n"), "{markdown}");
    assert!(
        markdown.contains("| Measure | Figure |\n| --- | ---: |"),
        "{markdown}"
    );
    assert!(markdown.contains("](<my report-1.svg>)"), "{markdown}");
    let pictures: Vec<&Path> = files[1..].iter().map(|(p, _)| p.as_path()).collect();
    assert_eq!(
        pictures,
        [
            Path::new("out/my report-1.svg"),
            Path::new("out/my report-2.svg")
        ],
        "the chart and the spans and layers (one organisation needs no bar chart)"
    );
    assert!(files[1].1.starts_with(b"<svg"));
    assert_eq!(
        ReportFormat::from_path(Path::new("x.HTM")),
        Some(ReportFormat::Html)
    );
    assert_eq!(ReportFormat::from_path(Path::new("x.docx")), None);
}

#[test]
fn a_chart_too_big_for_its_page_gets_a_note_saying_how_to_split_it() {
    let mut small = options();
    small.paper.paper = "150x150".parse().unwrap();
    let document = single_report(&occ_after(), "occ-after.ron", &small);
    let note = document.blocks.iter().find_map(|b| match b {
        Block::Note(text) if text.contains("too large to read") => Some(text.clone()),
        _ => None,
    });
    let note = note.expect("a note about the unreadable chart page");
    assert!(note.contains("--pages 150x150"), "{note}");
    let readable = single_report(&occ_after(), "occ-after.ron", &options());
    assert!(
        !readable
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Note(t) if t.contains("too large"))),
        "the OCC chart reads well on A4"
    );
}
