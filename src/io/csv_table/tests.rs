//! The simple table on small CSV texts written here: header synonyms, values, round trips and bad rows.

use super::to_csv_string;
use crate::io::import::test_support::{parent, unit};
use crate::io::import::{ImportError, ImportFormat, ImportReport, InputFile, import_inputs};
use crate::model::{
    Chart, Cost, CostBasis, Headcount, HeadcountBasis, Link, LinkKind, Span, Status, Unit, UnitId,
    UnitKind,
};

const FILE: &str = "people.csv";

fn try_import(text: &str) -> Result<ImportReport, ImportError> {
    import_inputs(
        InputFile {
            name: FILE,
            bytes: text.as_bytes(),
        },
        None,
        ImportFormat::Simple,
    )
}

fn import(text: &str) -> ImportReport {
    try_import(text).unwrap_or_else(|err| panic!("import failed: {err}"))
}

fn warning_rows(report: &ImportReport) -> Vec<usize> {
    report.warnings.iter().map(|w| w.row).collect()
}

fn children(chart: &Chart, id: &str) -> Vec<String> {
    chart
        .children(&UnitId::new(id))
        .into_iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

#[test]
fn synonym_headers_in_any_case_fill_every_field() {
    let report = import(
        "Employee ID,Full Name,JOB TITLE,Reports To,HEADCOUNT,Salary,Status,Organization,Band,Comments\n\
         1,Board,Chair,,3,\"£50,000\",in house,Acme,A,top of the tree\n\
         2,Finance,Head of Finance,1,12,\"£40,000\",Outsourced: Capita,Acme Services,B,\"counts, and pays\"\n",
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!((report.rows_read, report.units_created), (2, 2));
    let finance = unit(&report, "2");
    assert_eq!(finance.name, "Finance");
    assert_eq!(finance.role, "Head of Finance");
    assert_eq!(parent(&report, "2").as_deref(), Some("1"));
    assert_eq!(
        finance.headcount,
        Some(Headcount {
            value: Span::exact(12.0),
            basis: HeadcountBasis::Posts
        })
    );
    assert_eq!(
        finance.cost,
        Some(Cost {
            amount: Span::exact(40_000.0),
            basis: CostBasis::PerPost,
            on_cost_rate: None,
            estimate: false,
        })
    );
    assert_eq!(
        finance.status,
        Status::Outsourced {
            provider: "Capita".into()
        }
    );
    assert_eq!(finance.organisation, "Acme Services");
    assert_eq!(finance.grade, "B");
    assert_eq!(finance.notes, "counts, and pays");
    assert_eq!(
        finance.kind,
        UnitKind::Team,
        "a unit with a headcount is a team"
    );
    assert_eq!(unit(&report, "1").status, Status::InHouse);
}

#[test]
fn manager_columns_go_by_many_names() {
    for header in [
        "Reports To",
        "reports_to",
        "Manager",
        "MANAGER ID",
        "Parent",
        "parent id",
        "Line Manager",
        "Supervisor",
    ] {
        let report = import(&format!("id,name,{header}\na,Top,\nb,Below,a\n"));
        assert_eq!(parent(&report, "b").as_deref(), Some("a"), "{header}");
        assert!(
            report.warnings.is_empty(),
            "{header}: {:?}",
            report.warnings
        );
    }
}

#[test]
fn title_columns_are_the_role() {
    for header in ["Title", "Job Title", "job_title", "ROLE", "Position"] {
        let report = import(&format!("id,name,{header}\na,Ann,Chief Executive\n"));
        assert_eq!(unit(&report, "a").role, "Chief Executive", "{header}");
    }
}

#[test]
fn other_synonyms_for_organisation_grade_and_notes() {
    for (organisation, grade, notes) in [
        ("Organisation", "Grade", "Notes"),
        ("organization", "band", "comments"),
        ("Legal Entity", "Pay Grade", "Description"),
        ("Company", "Level", "Remarks"),
    ] {
        let report = import(&format!(
            "id,name,{organisation},{grade},{notes}\na,Ann,Acme,G7,likes tea\n"
        ));
        let a = unit(&report, "a");
        let label = format!("{organisation}/{grade}/{notes}");
        assert_eq!(a.organisation, "Acme", "{label}");
        assert_eq!(a.grade, "G7", "{label}");
        assert_eq!(a.notes, "likes tea", "{label}");
        assert!(report.warnings.is_empty(), "{label}: {:?}", report.warnings);
    }
}

#[test]
fn headcount_as_min_max_columns_or_a_range_in_one_cell() {
    let report = import(
        "ID,Name,Min Headcount,Max Headcount,Cost Min,Cost Max\n\
         a,Ops,11,15,\"£30,000\",\"£35,000\"\n\
         b,Lone,4,,,\"£20k\"\n",
    );
    let a = unit(&report, "a");
    assert_eq!(a.headcount.map(|h| h.value), Some(Span::range(11.0, 15.0)));
    assert_eq!(
        a.cost.map(|c| c.amount),
        Some(Span::range(30_000.0, 35_000.0))
    );
    let b = unit(&report, "b");
    assert_eq!(b.headcount.map(|h| h.value), Some(Span::exact(4.0)));
    assert_eq!(b.cost.map(|c| c.amount), Some(Span::exact(20_000.0)));

    let report = import("id,name,headcount,cost\na,Ops,11-15,40k to 55k\n");
    let a = unit(&report, "a");
    assert_eq!(a.headcount.map(|h| h.value), Some(Span::range(11.0, 15.0)));
    assert_eq!(
        a.cost.map(|c| c.amount),
        Some(Span::range(40_000.0, 55_000.0))
    );
}

#[test]
fn an_fte_column_counts_in_fte_and_a_basis_column_wins() {
    let report = import("id,name,FTE\na,Ops,2.5\n");
    assert_eq!(
        unit(&report, "a").headcount,
        Some(Headcount {
            value: Span::exact(2.5),
            basis: HeadcountBasis::Fte
        })
    );
    let report =
        import("id,name,headcount,headcount basis,cost,cost basis\na,Ops,3,FTE,90000,total\n");
    let a = unit(&report, "a");
    assert_eq!(a.headcount.map(|h| h.basis), Some(HeadcountBasis::Fte));
    assert_eq!(a.cost.map(|c| c.basis), Some(CostBasis::Total));
}

#[test]
fn status_words_and_their_details() {
    let report = import(
        "id,name,status,provider,shared with\n\
         a,A,Vacant,,\n\
         b,B,OUTSOURCED,Serco,\n\
         c,C,shared,,Council A; Council B\n\
         d,D,New,,\n\
         e,E,to be deleted,,\n\
         f,F,Eliminated,,\n\
         g,Vacant,,,\n\
         h,H,,,\n\
         i,I,In-House,,\n",
    );
    let expected = [
        ("a", Status::Vacant),
        (
            "b",
            Status::Outsourced {
                provider: "Serco".into(),
            },
        ),
        (
            "c",
            Status::Shared {
                with: vec!["Council A".into(), "Council B".into()],
            },
        ),
        ("d", Status::New),
        ("e", Status::ToBeDeleted),
        ("f", Status::ToBeDeleted),
        ("g", Status::Vacant),
        ("h", Status::InHouse),
        ("i", Status::InHouse),
    ];
    for (id, status) in expected {
        assert_eq!(unit(&report, id).status, status, "{id}");
    }
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn an_unknown_status_word_is_kept_in_notes_with_a_row_warning() {
    let report = import("id,name,status\na,A,\nb,B,sort of\n");
    assert_eq!(unit(&report, "b").status, Status::InHouse);
    assert!(unit(&report, "b").notes.contains("sort of"));
    assert_eq!(warning_rows(&report), vec![3]);
}

#[test]
fn links_are_read_with_labels() {
    let report = import(
        "id,name,reports to,dotted line to,contract to\n\
         a,A,,,\n\
         b,B,a,c [monthly],\n\
         c,C,a,,b; a [SLA]\n",
    );
    let mut links = report.chart.links();
    links.sort_by(|x, y| (&x.from, &x.to).cmp(&(&y.from, &y.to)));
    assert_eq!(
        links,
        vec![
            Link {
                label: "monthly".into(),
                ..Link::new("b", "c", LinkKind::Dotted)
            },
            Link {
                label: "SLA".into(),
                ..Link::new("c", "a", LinkKind::Contract)
            },
            Link::new("c", "b", LinkKind::Contract),
        ]
    );
}

#[test]
fn without_an_id_column_names_are_ids_and_managers_are_named() {
    let report = import("Name,Manager\nAnn Smith,\nBob Jones,Ann Smith\nCy Lee,bob jones\n");
    assert_eq!(parent(&report, "Bob Jones").as_deref(), Some("Ann Smith"));
    assert_eq!(parent(&report, "Cy Lee").as_deref(), Some("Bob Jones"));
    assert_eq!(
        warning_rows(&report),
        vec![4],
        "letter case forgiven, with a warning"
    );
}

#[test]
fn unrecognised_columns_are_kept_in_notes_and_listed_in_the_summary() {
    let report = import("id,name,Favourite Colour\na,A,green\nb,B,\n");
    assert_eq!(unit(&report, "a").notes, "Favourite Colour: green");
    assert_eq!(unit(&report, "b").notes, "");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        report.columns,
        vec![(
            FILE.to_owned(),
            "id <- id; name <- name; kept in notes <- Favourite Colour".to_owned()
        )]
    );
}

#[test]
fn department_and_staff_posts_round_trip_through_the_table() {
    let report = import(
        "id,name,reports_to,department,assistant\nboss,Boss,,Finance,\npa,PA,boss,Finance,yes\n",
    );
    assert_eq!(unit(&report, "pa").department, "Finance");
    assert!(unit(&report, "pa").staff);
    let again = import(&to_csv_string(&report.chart).unwrap());
    assert_eq!(unit(&again, "pa"), unit(&report, "pa"));
    assert_eq!(unit(&again, "boss"), unit(&report, "boss"));
}

#[test]
fn a_file_without_id_or_name_is_refused_naming_its_columns() {
    let err = try_import("colour,size\ngreen,3\n").unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, ImportError::Columns { .. }), "{message}");
    assert!(message.contains(FILE), "{message}");
    assert!(message.contains("\"colour\""), "{message}");
}

#[test]
fn semicolons_a_byte_order_mark_and_windows_pound_signs() {
    let mut bytes = b"\xEF\xBB\xBFid;name;cost\r\n".to_vec();
    bytes.extend_from_slice(b"a;Ops;\xA31.234\r\n");
    // A stray Windows-1252 byte in a UTF-8 file: "£" as 0xA3.
    bytes.extend_from_slice(b"b;Caf\xC3\xA9;\xA3900\r\n");
    let report = import_inputs(
        InputFile {
            name: FILE,
            bytes: &bytes,
        },
        None,
        ImportFormat::Auto,
    )
    .unwrap();
    assert_eq!(report.units_created, 2);
    assert_eq!(unit(&report, "b").name, "Café");
    assert_eq!(
        unit(&report, "b").cost.map(|c| c.amount),
        Some(Span::exact(900.0))
    );
    // "£1.234" is one pound and change, not a thousands separator.
    assert_eq!(
        unit(&report, "a").cost.map(|c| c.amount),
        Some(Span::exact(1.234))
    );
}

#[test]
fn a_non_number_headcount_is_warned_by_row_and_the_row_kept() {
    let report = import("id,name,reports to,headcount\na,A,,4\nb,B,a,lots\nc,C,a,2\n");
    assert_eq!(report.units_created, 3);
    let b = unit(&report, "b");
    assert_eq!(b.headcount, None);
    assert!(b.notes.contains("lots"), "{}", b.notes);
    assert_eq!(parent(&report, "b").as_deref(), Some("a"));
    assert_eq!(warning_rows(&report), vec![3]);
    assert!(report.warnings[0].message.contains("'lots'"));
    assert_eq!(report.warnings[0].file, FILE);
}

#[test]
fn an_unknown_manager_makes_a_top_level_unit_with_a_row_warning() {
    let report = import("id,name,manager\na,A,\nb,B,a\nc,C,zz\n");
    assert_eq!(report.units_created, 3);
    assert_eq!(parent(&report, "c"), None);
    assert_eq!(report.chart.roots().len(), 2);
    assert_eq!(warning_rows(&report), vec![4]);
    assert!(report.warnings[0].message.contains("'zz'"));
}

#[test]
fn a_cycle_is_broken_at_its_first_row_and_reported() {
    // Blank lines count as rows, as a spreadsheet shows them.
    let report = import("id,name,parent\ntop,T,\n\nx,X,z\ny,Y,x\nz,Z,y\nw,W,z\n");
    assert_eq!(report.units_created, 5);
    assert_eq!(parent(&report, "x"), None);
    assert_eq!(parent(&report, "y").as_deref(), Some("x"));
    assert_eq!(parent(&report, "z").as_deref(), Some("y"));
    assert_eq!(parent(&report, "w").as_deref(), Some("z"));
    assert_eq!(warning_rows(&report), vec![4]);
    let message = &report.warnings[0].message;
    assert!(message.contains("cycle"), "{message}");
    for id in ["'x'", "'y'", "'z'"] {
        assert!(message.contains(id), "{message}");
    }
}

#[test]
fn repeated_and_missing_ids_are_made_unique_visibly() {
    let report = import("id,name\na,First\na,Second\n,Third\n");
    assert_eq!(report.units_created, 3);
    assert_eq!(unit(&report, "a#2").name, "Second");
    assert_eq!(unit(&report, "row4").name, "Third");
    assert_eq!(warning_rows(&report), vec![3, 4]);
}

/// A chart with everything the table holds, written awkwardly: commas, quotes, line breaks, separators
/// inside list items, leading zeros, ids that differ only in case, children not in id order.
fn awkward_chart() -> Chart {
    let mut chart = Chart::new();
    chart.set_title(FILE.trim_end_matches(".csv"));
    let mut board = Unit::new("007", "Board, \"Main\"")
        .with_role("Chair")
        .with_kind(UnitKind::Board)
        .with_organisation("Acme; Group")
        .with_cost(Cost {
            amount: Span::range(100_000.0, 120_000.5),
            basis: CostBasis::Total,
            on_cost_rate: Some(0.27),
            estimate: true,
        });
    board.notes = "first line\nsecond line, with comma".into();
    board.tags = vec!["a;b".into(), "back\\slash".into(), "plain".into()];
    board.grade = "SCS 4".into();
    let mut zed = Unit::new("z", "Zed team")
        .with_headcount(Span::range(2.5, 4.0))
        .with_status(Status::Shared {
            with: vec!["Council A".into(), "B; C".into()],
        });
    zed.headcount = zed.headcount.map(|h| Headcount {
        basis: HeadcountBasis::Fte,
        ..h
    });
    let units = [
        (board, None),
        (zed, Some("007")),
        (
            Unit::new("a", "Lower a").with_status(Status::Outsourced {
                provider: "Serco, Ltd".into(),
            }),
            Some("007"),
        ),
        (
            Unit::new("A", "Upper A")
                .with_kind(UnitKind::Post)
                .with_status(Status::Vacant),
            Some("z"),
        ),
        (
            Unit::new("m", "Middle").with_status(Status::New),
            Some("007"),
        ),
        (
            Unit::new("lone", "Second root").with_status(Status::ToBeDeleted),
            None,
        ),
    ];
    for (unit, parent) in units {
        chart
            .insert_unit(unit, parent.map(UnitId::new).as_ref(), None)
            .unwrap();
    }
    for link in [
        Link {
            label: "monthly [report]".into(),
            ..Link::new("a", "A", LinkKind::Dotted)
        },
        Link::new("m", "lone", LinkKind::Contract),
        Link {
            label: "IT; HR".into(),
            ..Link::new("z", "m", LinkKind::SharedService)
        },
    ] {
        chart.add_link(link).unwrap();
    }
    chart
}

#[test]
fn an_awkward_chart_survives_csv_and_back() {
    let chart = awkward_chart();
    let csv = to_csv_string(&chart).unwrap();
    let report = import(&csv);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(children(&report.chart, "007"), vec!["z", "a", "m"]);
    assert_eq!(report.chart, chart);
}

#[test]
fn a_generated_chart_survives_csv_and_back() {
    for seed in [1, 2, 3] {
        let mut chart = crate::generate::generate(400, seed);
        // The table holds neither the title nor editor state (collapsed subtrees, pinned cards).
        chart.set_title(FILE.trim_end_matches(".csv"));
        let ids: Vec<UnitId> = chart.units().iter().map(|u| u.id.clone()).collect();
        for id in ids {
            let mut unit = chart.unit(&id).unwrap().clone();
            unit.collapsed = false;
            unit.pinned = None;
            chart.replace_unit(unit).unwrap();
        }
        assert!(!chart.links().is_empty(), "the sample should have links");
        let report = import(&to_csv_string(&chart).unwrap());
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert_eq!(report.units_created, chart.len());
        for original in chart.units() {
            let back = unit(&report, original.id.as_str());
            assert_eq!(back, original);
            assert_eq!(
                report.chart.parent(&original.id),
                chart.parent(&original.id)
            );
        }
        assert_eq!(report.chart, chart, "seed {seed}");
    }
}

#[test]
fn shares_round_trip_through_the_table_and_a_bad_split_is_left_out_with_a_warning() {
    let report = import(
        "id,name,status,shared_with,shares\nceo,Chief Executive,shared,Council A; Council B,Council A 60%; Council B 40%\nict,ICT,shared,Council A; Council B,Council A 60%; Council B 30%\n",
    );
    assert_eq!(
        unit(&report, "ceo").shares,
        [
            crate::model::Share::new("Council A", 60.0),
            crate::model::Share::new("Council B", 40.0)
        ]
    );
    assert!(unit(&report, "ict").shares.is_empty());
    assert!(
        report.warnings.iter().any(|w| w.row == 3
            && w.to_string().contains("shares")
            && w.to_string().contains("90%")),
        "{:?}",
        report.warnings
    );
    let text = to_csv_string(&report.chart).unwrap();
    assert!(text.contains("Council A 60%, Council B 40%"), "{text}");
}
