//! `orgchart export` end to end: the real binary on charts written to a temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SMALL: &str = r#"(
  format: "orgchart",
  version: 1,
  title: "Policy unit & partners <test>",
  units: [
    (id: "dir", name: "Deputy Director", kind: Post, headcount: (value: (min: 2.0, max: 2.0)),
     cost: (amount: (min: 98000.0, max: 98000.0), basis: PerPost, on_cost_rate: 0.2)),
    (id: "spo", name: "Senior Policy & Performance Officers", reports_to: "dir",
     headcount: (value: (min: 2.0, max: 2.0))),
    (id: "ppo", name: "Policy & Performance Officers", reports_to: "dir",
     headcount: (value: (min: 3.0, max: 3.0)), status: Outsourced(provider: "Acme")),
    (id: "other", name: "Partner body"),
  ],
  links: [(from: "ppo", to: "other", kind: Contract, label: "SLA")],
)
"#;

fn orgchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgchart"))
        .args(args)
        .output()
        .expect("the orgchart binary runs")
}

fn write_chart(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn export(input: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "export",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    orgchart(&args)
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn svg_tree(svg: &str) -> usvg::Tree {
    let mut options = usvg::Options::default();
    for font in [
        orgchart::render::text::REGULAR_TTF,
        orgchart::render::text::BOLD_TTF,
    ] {
        options.fontdb_mut().load_font_data(font.to_vec());
    }
    usvg::Tree::from_str(svg, &options).expect("exported SVG parses")
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
fn svg_export_parses_and_keeps_names_as_escaped_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_chart(dir.path(), "small.ron", SMALL);
    let out = dir.path().join("small.svg");
    assert_success(&export(&input, &out, &[]));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Policy unit &amp; partners &lt;test&gt;"));
    assert!(svg.contains(">Deputy Director</text>"));
    assert!(svg.contains("Outsourced: Acme"));
    let tree = svg_tree(&svg);
    assert!(tree.size().width() > 300.0 && tree.size().height() > 150.0);
}

#[test]
fn png_export_has_the_size_the_scale_asks_for() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_chart(dir.path(), "small.ron", SMALL);
    let svg_out = dir.path().join("small.svg");
    assert_success(&export(&input, &svg_out, &[]));
    let svg = std::fs::read_to_string(&svg_out).unwrap();
    let size = svg_tree(&svg).size();

    for scale in ["1", "2.5"] {
        let out = dir.path().join(format!("small-{scale}.png"));
        assert_success(&export(&input, &out, &["--scale", scale]));
        let (w, h) = png_size(&std::fs::read(&out).unwrap());
        let factor: f32 = scale.parse().unwrap();
        assert_eq!(w, (size.width() * factor).ceil() as u32, "scale {scale}");
        assert_eq!(h, (size.height() * factor).ceil() as u32, "scale {scale}");
    }
}

#[test]
fn pdf_export_is_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_chart(dir.path(), "small.ron", SMALL);
    let out = dir.path().join("small.pdf");
    assert_success(&export(&input, &out, &["--orientation", "left-right"]));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.windows(5).any(|w| w == b"%%EOF"));
}

#[test]
fn options_change_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_chart(dir.path(), "small.ron", SMALL);
    let read = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        assert_success(&export(&input, &out, extra));
        std::fs::read_to_string(out).unwrap()
    };
    let full = read("full.svg", &[]);
    assert!(full.contains(">Key</text>"));
    let plain = read("plain.svg", &["--no-legend", "--title", "Option B"]);
    assert!(!plain.contains(">Key</text>"));
    assert!(plain.contains(">Option B</text>"));
    let part = read("part.svg", &["--subtree", "ppo"]);
    assert!(part.contains(">Policy &amp; Performance"));
    assert!(!part.contains(">Deputy Director</text>"));
}

#[test]
fn unknown_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_chart(dir.path(), "small.ron", SMALL);
    let out = dir.path().join("small.docx");
    let output = export(&input, &out, &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(".svg") && stderr.contains(".png") && stderr.contains(".pdf"));
    assert!(!out.exists());
}

#[test]
fn unknown_subtree_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_chart(dir.path(), "small.ron", SMALL);
    let output = export(&input, &dir.path().join("x.svg"), &["--subtree", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("'nope'"));
}

#[test]
fn broken_chart_exits_1_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_chart(
        dir.path(),
        "broken.ron",
        "(\n  format: \"orgchart\",\n  version: 1,\n  units: [\n    (id: \"a\" name: \"A\"),\n  ],\n)\n",
    );
    let out = dir.path().join("broken.png");
    let output = export(&input, &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.ron:5:"), "{stderr}");
    assert!(!out.exists());

    let missing = export(&dir.path().join("missing.ron"), &out, &[]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing.ron"));
}

#[test]
fn every_sample_exports_to_every_format() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let Ok(entries) = std::fs::read_dir(&samples) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("ron") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let svg_out = dir.path().join(format!("{stem}.svg"));
        assert_success(&export(&path, &svg_out, &[]));
        svg_tree(&std::fs::read_to_string(&svg_out).unwrap());
        let png_out = dir.path().join(format!("{stem}.png"));
        assert_success(&export(&path, &png_out, &["--scale", "1"]));
        png_size(&std::fs::read(&png_out).unwrap());
        let pdf_out = dir.path().join(format!("{stem}.pdf"));
        assert_success(&export(&path, &pdf_out, &[]));
        assert!(std::fs::read(&pdf_out).unwrap().starts_with(b"%PDF-"));
    }
}
