//! Organogram import on small senior and junior files written here, each reproducing a quirk of the
//! published files. Row numbers are as a spreadsheet shows them: the header is row 1 and a quoted cell with
//! a line break inside stays one row.

use crate::io::import::test_support::{parent, unit};
use crate::io::import::{ImportError, ImportFormat, ImportReport, InputFile, import_inputs};
use crate::metrics::chart_totals;
use crate::model::{Cost, CostBasis, Headcount, HeadcountBasis, Span, Status, UnitId, UnitKind};

const SENIOR: &str = "senior.csv";
const JUNIOR: &str = "junior.csv";

/// A senior file with a UTF-8 byte-order mark, Windows-1252 pound signs (byte 0xA3) in the header and in
/// values, a trailing unnamed column, quoted commas, a multi-line quoted cell, numbers with commas and
/// currency signs, "XX"/"xx"/empty top posts, withheld, vacant and eliminated posts, a repeated reference,
/// a reference pointing nowhere, a self-reference, a cycle and trailing empty rows.
fn senior_bytes() -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    let lines: [&[u8]; 16] = [
        // row 1
        b"Post Unique Reference,Name,Grade (or equivalent),Job Title,Job/Team Function,Parent Department,Organisation,Unit,Reports to Senior Post,Salary Cost of Reports (\xA3),FTE,Actual Pay Floor (\xA3),Actual Pay Ceiling (\xA3),\r\n",
        // row 2: the top post, pay with pound signs and thousands separators
        b"1,Jane Root,SCS4,Permanent Secretary,\"Leads the department, its people and budget\",Dept of Things,Things Agency,Office,XX,\"\xA3500,000\",1.0,\"\xA3180,000\",\"\xA3184,999\",\r\n",
        // row 3: withheld name and pay, a quoted comma and a multi-line function
        b"2,N/D,SCS2,\"Director, Policy\",\"Sets policy,\nand strategy\",Dept of Things,Things Agency,Policy,1,0,1,N/D,N/D,\r\n",
        // row 4: vacant, Windows-1252 pound signs in values
        b"3,Vacant,SCS1,Deputy Director,,Dept of Things,Things Agency,Policy,2,0,1,\"\xA365,000\",\"\xA369,999\",\r\n",
        // row 5: VACANT, a second top post marked \"xx\", FTE 0.0 and pay 0
        b"4,VACANT,SCS1,Head of Operations,,Dept of Things,Things Agency,Operations,xx,0,0.0,0,0,\r\n",
        // row 6: eliminated
        b"5,Eliminated,SCS1,Old Post,,Dept of Things,Things Agency,Office,1,0,1,70000,74999,\r\n",
        // rows 7 and 8: id 0 twice (paid but not in post), top posts with an empty manager
        b"0,Pat Paid,SCS1,Secondee,,Dept of Things,Things Agency,Office,,0,0.5,75000,79999,\r\n",
        b"0,Sam Paid,SCS1,Secondee,,Dept of Things,Things Agency,Office,,0,0.5,75000,79999,\r\n",
        // row 9: reports to a reference that is not in the file; pay not disclosed
        b"6,Not Disclosed,SCS1,Lost Post,,Dept of Things,Things Agency,Office,999,0,1,Not Disclosed,Not Disclosed,\r\n",
        // row 10: reports to itself
        b"7,Ali Self,SCS1,Self Post,,Dept of Things,Things Agency,Office,7,0,1,80000,84999,\r\n",
        // rows 11 and 12: a cycle
        b"8,Cy One,SCS1,Loop A,,Dept of Things,Things Agency,Office,9,0,1,85000,89999,\r\n",
        b"9,Cy Two,SCS1,Loop B,,Dept of Things,Things Agency,Office,8,0,1,85000,89999,\r\n",
        // row 13: N/A name, the pay floor only
        b"10,N/A,SCS1,Analyst Lead,,Dept of Things,,Office,1,0,1,90000,,\r\n",
        // rows 14 and 15: trailing empty rows
        b",,,,,,,,,,,,,\r\n",
        b"\r\n",
        b"",
    ];
    for line in lines {
        bytes.extend_from_slice(line);
    }
    bytes
}

/// A junior file: groups under their senior posts, a repeated group, a group under a post that is not
/// there, one with no reporting post, withheld FTE and pay, money with signs and commas, trailing blank
/// rows and columns.
const JUNIOR_TEXT: &str = "Parent Department,Organisation,Unit,Reporting Senior Post,Grade,Payscale Minimum (£),Payscale Maximum (£),Generic Job Title,Number of Posts in FTE,Professional/Occupational Group,,\n\
Dept of Things,Things Agency,Policy,2,HEO,\"£26,500\",33100,Policy Adviser,2.5,Policy,,\n\
Dept of Things,Things Agency,Policy,2,HEO,27000,34000,Policy Adviser,1,Policy,,\n\
Dept of Things,Things Agency,Operations,4,EO,22000,26000,Caseworker,3,Operational Delivery,,\n\
Dept of Things,Things Agency,Operations,404,EO,22000,26000,Caseworker,1,Operational Delivery,,\n\
Dept of Things,Things Agency,Operations,XX,AO,18000,21000,Clerk,N/D,Operational Delivery,,\n\
Dept of Things,Things Agency,Office,1,AA,N/A,N/A,Assistant,0.0,Operational Delivery,,\n\
,,,,,,,,,,,\n\
\n";

const SENIOR_ROWS: usize = 12;
const JUNIOR_ROWS: usize = 6;

fn import_pair(senior: &[u8], junior: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    import_inputs(
        InputFile {
            name: SENIOR,
            bytes: senior,
        },
        junior.map(|bytes| InputFile {
            name: JUNIOR,
            bytes,
        }),
        ImportFormat::Auto,
    )
}

fn import_both() -> ImportReport {
    import_pair(&senior_bytes(), Some(JUNIOR_TEXT.as_bytes())).unwrap()
}

fn fte(value: f64) -> Option<Headcount> {
    Some(Headcount {
        value: Span::exact(value),
        basis: HeadcountBasis::Fte,
    })
}

fn per_fte(low: f64, high: f64) -> Option<Cost> {
    Some(Cost {
        amount: Span::range(low, high),
        basis: CostBasis::PerPost,
        on_cost_rate: None,
        estimate: false,
    })
}

/// (file, row) of every warning, and the messages for checking what they name.
fn warnings_at(report: &ImportReport) -> Vec<(&str, usize)> {
    report
        .warnings
        .iter()
        .map(|w| (w.file.as_str(), w.row))
        .collect()
}

#[test]
fn every_row_becomes_a_unit() {
    let report = import_both();
    assert_eq!(report.rows_read, SENIOR_ROWS + JUNIOR_ROWS);
    assert_eq!(report.units_created, SENIOR_ROWS + JUNIOR_ROWS);
    assert_eq!(report.chart.len(), SENIOR_ROWS + JUNIOR_ROWS);
    assert!(
        report
            .chart
            .units()
            .iter()
            .all(|u| u.kind == UnitKind::Post)
    );
    assert_eq!(report.chart.title(), "Things Agency");
}

#[test]
fn ids_and_reporting_lines() {
    let report = import_both();
    let expected: [(&str, Option<&str>); 18] = [
        ("1", None),
        ("2", Some("1")),
        ("3", Some("2")),
        ("4", None),
        ("5", Some("1")),
        ("0", None),
        ("0#2", None),
        ("6", None),
        ("7", None),
        ("8", None),
        ("9", Some("8")),
        ("10", Some("1")),
        ("2:Policy Adviser:HEO", Some("2")),
        ("2:Policy Adviser:HEO#2", Some("2")),
        ("4:Caseworker:EO", Some("4")),
        ("404:Caseworker:EO", None),
        ("XX:Clerk:AO", None),
        ("1:Assistant:AA", Some("1")),
    ];
    for (id, manager) in expected {
        assert_eq!(parent(&report, id).as_deref(), manager, "parent of {id}");
    }
    let mut ids: Vec<&str> = report.chart.units().iter().map(|u| u.id.as_str()).collect();
    ids.sort_unstable();
    let mut wanted: Vec<&str> = expected.iter().map(|(id, _)| *id).collect();
    wanted.sort_unstable();
    assert_eq!(ids, wanted);
    // Sibling order follows the files.
    let under_top: Vec<&str> = report
        .chart
        .children(&UnitId::new("1"))
        .into_iter()
        .map(UnitId::as_str)
        .collect();
    assert_eq!(under_top, vec!["2", "5", "10", "1:Assistant:AA"]);
}

#[test]
fn every_problem_is_a_warning_with_its_file_and_row() {
    let report = import_both();
    assert_eq!(
        warnings_at(&report),
        vec![
            (SENIOR, 8),
            (SENIOR, 9),
            (SENIOR, 10),
            (SENIOR, 11),
            (JUNIOR, 5),
            (JUNIOR, 6),
        ],
        "{:#?}",
        report.warnings
    );
    let message = |i: usize| report.warnings[i].message.as_str();
    assert!(message(0).contains("'0#2'"), "{}", message(0));
    assert!(message(1).contains("'999'"), "{}", message(1));
    assert!(message(2).contains("itself"), "{}", message(2));
    assert!(message(3).contains("cycle"), "{}", message(3));
    assert!(message(3).contains("'8'") && message(3).contains("'9'"));
    assert!(message(4).contains("'404'"), "{}", message(4));
    assert!(
        message(5).contains("no Reporting Senior Post"),
        "{}",
        message(5)
    );
}

#[test]
fn pound_signs_in_either_encoding_and_thousands_separators() {
    let report = import_both();
    let top = unit(&report, "1");
    assert_eq!(top.headcount, fte(1.0));
    assert_eq!(top.cost, per_fte(180_000.0, 184_999.0));
    assert_eq!(top.name, "Permanent Secretary");
    assert_eq!(top.role, "Jane Root");
    assert_eq!(top.grade, "SCS4");
    assert_eq!(top.organisation, "Things Agency");
    assert!(
        top.notes
            .contains("Function: Leads the department, its people and budget"),
        "{}",
        top.notes
    );
    assert!(top.notes.contains("£500,000"), "{}", top.notes);
    assert_eq!(unit(&report, "3").cost, per_fte(65_000.0, 69_999.0));
    assert_eq!(
        unit(&report, "2:Policy Adviser:HEO").cost,
        per_fte(26_500.0, 33_100.0)
    );
}

#[test]
fn quoted_commas_and_line_breaks_stay_in_one_cell() {
    let report = import_both();
    let director = unit(&report, "2");
    assert_eq!(director.name, "Director, Policy");
    assert!(
        director
            .notes
            .contains("Function: Sets policy,\nand strategy"),
        "{}",
        director.notes
    );
    assert_eq!(director.grade, "SCS2");
}

#[test]
fn withheld_vacant_and_eliminated_posts_are_kept_and_marked() {
    let report = import_both();
    let withheld = unit(&report, "2");
    assert_eq!(withheld.role, "Name withheld");
    assert_eq!(withheld.cost, None);
    assert_eq!(withheld.headcount, fte(1.0));
    assert!(withheld.tags.contains(&"withheld".to_owned()));
    assert!(
        withheld.notes.contains("Pay withheld (N/D)"),
        "{}",
        withheld.notes
    );

    let not_disclosed = unit(&report, "6");
    assert_eq!(not_disclosed.role, "Name withheld");
    assert_eq!(not_disclosed.cost, None);
    assert!(not_disclosed.tags.contains(&"withheld".to_owned()));

    let not_applicable = unit(&report, "10");
    assert_eq!(not_applicable.role, "Name withheld");
    assert_eq!(
        not_applicable.cost,
        per_fte(90_000.0, 90_000.0),
        "a floor alone stands for both ends"
    );
    assert_eq!(
        not_applicable.organisation, "Dept of Things",
        "parent department where the organisation is blank"
    );

    for vacant in ["3", "4"] {
        assert_eq!(unit(&report, vacant).status, Status::Vacant, "{vacant}");
        assert_eq!(unit(&report, vacant).role, "");
    }
    let zero = unit(&report, "4");
    assert_eq!(zero.headcount, fte(0.0));
    assert_eq!(zero.cost, None, "pay 0 is no cost");

    let eliminated = unit(&report, "5");
    assert_eq!(eliminated.status, Status::ToBeDeleted);
    assert!(eliminated.tags.contains(&"eliminated".to_owned()));
    assert_eq!(eliminated.cost, per_fte(70_000.0, 74_999.0));

    for person in ["1", "7", "8", "9"] {
        assert_eq!(unit(&report, person).status, Status::InHouse, "{person}");
        assert!(!unit(&report, person).tags.contains(&"withheld".to_owned()));
    }
}

#[test]
fn a_repeated_reference_is_made_unique_visibly() {
    let report = import_both();
    assert_eq!(unit(&report, "0").role, "Pat Paid");
    assert_eq!(unit(&report, "0#2").role, "Sam Paid");
    assert_eq!(unit(&report, "0#2").headcount, fte(0.5));
}

#[test]
fn junior_rows_are_groups_under_their_senior_post() {
    let report = import_both();
    let advisers = unit(&report, "2:Policy Adviser:HEO");
    assert_eq!(advisers.name, "Policy Adviser (HEO)");
    assert_eq!(advisers.role, "Policy");
    assert_eq!(advisers.grade, "HEO");
    assert_eq!(advisers.organisation, "Things Agency");
    assert_eq!(advisers.headcount, fte(2.5));
    assert!(advisers.tags.contains(&"junior".to_owned()));
    assert!(advisers.notes.contains("Professional group: Policy"));

    let second = unit(&report, "2:Policy Adviser:HEO#2");
    assert_eq!(second.headcount, fte(1.0));
    assert_eq!(second.cost, per_fte(27_000.0, 34_000.0));

    let caseworkers = unit(&report, "4:Caseworker:EO");
    assert_eq!(caseworkers.headcount, fte(3.0));
    assert_eq!(caseworkers.cost, per_fte(22_000.0, 26_000.0));

    let clerks = unit(&report, "XX:Clerk:AO");
    assert_eq!(clerks.headcount, fte(0.0), "withheld FTE counts 0");
    assert!(clerks.tags.contains(&"withheld".to_owned()));
    assert_eq!(clerks.cost, per_fte(18_000.0, 21_000.0));

    let assistants = unit(&report, "1:Assistant:AA");
    assert_eq!(assistants.headcount, fte(0.0));
    assert_eq!(assistants.cost, None);
    assert!(assistants.tags.contains(&"withheld".to_owned()));
}

#[test]
fn totals_are_the_sums_of_fte_and_fte_times_pay() {
    let report = import_both();
    let totals = chart_totals(&report.chart);
    // Senior FTE: 1 + 1 + 1 + 0 + 1 + 0.5 + 0.5 + 1 + 1 + 1 + 1 + 1; junior: 2.5 + 1 + 3 + 1 + N/D + 0.
    let headcount = 10.0 + 7.5;
    assert!(
        (totals.headcount.min - headcount).abs() < 1e-9,
        "{totals:?}"
    );
    assert!(
        (totals.headcount.max - headcount).abs() < 1e-9,
        "{totals:?}"
    );
    let cost_min = 180_000.0
        + 65_000.0
        + 70_000.0
        + 0.5 * 75_000.0 * 2.0
        + 80_000.0
        + 2.0 * 85_000.0
        + 90_000.0
        + 2.5 * 26_500.0
        + 27_000.0
        + 3.0 * 22_000.0
        + 22_000.0;
    let cost_max = 184_999.0
        + 69_999.0
        + 74_999.0
        + 0.5 * 79_999.0 * 2.0
        + 84_999.0
        + 2.0 * 89_999.0
        + 90_000.0
        + 2.5 * 33_100.0
        + 34_000.0
        + 3.0 * 26_000.0
        + 26_000.0;
    assert!((totals.cost.min - cost_min).abs() < 1e-6, "{totals:?}");
    assert!((totals.cost.max - cost_max).abs() < 1e-6, "{totals:?}");
}

#[test]
fn a_senior_file_alone_imports_its_rows() {
    let report = import_pair(&senior_bytes(), None).unwrap();
    assert_eq!(report.units_created, SENIOR_ROWS);
    assert_eq!(
        warnings_at(&report),
        vec![(SENIOR, 8), (SENIOR, 9), (SENIOR, 10), (SENIOR, 11)]
    );
}

#[test]
fn a_windows_1252_file_without_a_byte_order_mark() {
    let senior = b"Post Unique Reference,Name,Job Title,Reports to Senior Post,FTE,Actual Pay Floor (\xA3),Actual Pay Ceiling (\xA3)\r\n\
A1,Zo\xEB Caf\xE9,Chief,XX,1,\xA3100000,\xA3104999\r\n";
    let report = import_pair(senior, None).unwrap();
    let chief = unit(&report, "A1");
    assert_eq!(chief.role, "Zoë Café");
    assert_eq!(chief.cost, per_fte(100_000.0, 104_999.0));
}

/// The raw submissions: an unnamed index column first, numbers like "4.0", "xx" for the top post, ids
/// that differ from their references only in letter case or leading zeros.
#[test]
fn raw_submission_layout_with_an_index_column_and_loose_references() {
    let senior = ",Post Unique Reference,Name,Grade,Job Title,Reports to Senior Post,FTE,Actual Pay Floor (£),Actual Pay Ceiling (£),,Notes\n\
0,CO1,Chief Exec,SCS3,Chief Executive,xx,1.0,150000.0,154999.0,,\n\
1,007,Dee Puty,SCS2,Director,co1,1.0,95000.0,99999.0,,\n\
2,CO3,Ed Three,SCS1,Deputy Director,7,1.0,70000.0,74999.0,,part time\n";
    let junior = ",Parent Department,Organisation,Unit,Reporting Senior Post,Grade,Payscale Minimum (£),Payscale Maximum (£),Generic Job Title,Number of Posts in FTE,Professional/Occupational Group\n\
0,Dept,Agency,Ops,CO3,EO,22687.0,26938.0,Officer,4.0,Ops\n\
1,Dept,Agency,Ops,Co3,EO,22687.0,26938.0,Officer,1.0,Ops\n";
    let report = import_pair(senior.as_bytes(), Some(junior.as_bytes())).unwrap();
    assert_eq!(report.units_created, 5);
    assert_eq!(parent(&report, "007").as_deref(), Some("CO1"));
    assert_eq!(parent(&report, "CO3").as_deref(), Some("007"));
    assert_eq!(parent(&report, "CO3:Officer:EO").as_deref(), Some("CO3"));
    assert_eq!(parent(&report, "Co3:Officer:EO").as_deref(), Some("CO3"));
    assert_eq!(unit(&report, "CO3:Officer:EO").headcount, fte(4.0));
    assert_eq!(unit(&report, "CO1").cost, per_fte(150_000.0, 154_999.0));
    assert!(unit(&report, "CO3").notes.contains("Notes: part time"));
    assert_eq!(
        warnings_at(&report),
        vec![(SENIOR, 3), (SENIOR, 4), (JUNIOR, 3)],
        "{:#?}",
        report.warnings
    );
    assert!(report.warnings[0].message.contains("letter case"));
    assert!(report.warnings[1].message.contains("same number"));
}

#[test]
fn files_given_the_wrong_way_round_are_refused() {
    let err = import_pair(JUNIOR_TEXT.as_bytes(), None).unwrap_err();
    assert!(matches!(err, ImportError::JuniorAsPrimary { .. }), "{err}");
    assert!(err.to_string().contains(SENIOR), "{err}");

    let err = import_pair(&senior_bytes(), Some(&senior_bytes())).unwrap_err();
    assert!(matches!(err, ImportError::SeniorAsJunior { .. }), "{err}");
    assert!(err.to_string().contains(JUNIOR), "{err}");
}

#[test]
fn an_empty_file_or_an_unclosed_quote_is_an_error_naming_the_file() {
    for empty in [&b""[..], b"\xEF\xBB\xBF", b"\r\n,,\r\n"] {
        let err = import_pair(empty, None).unwrap_err();
        assert!(matches!(err, ImportError::Empty { .. }), "{err}");
        assert!(err.to_string().contains(SENIOR), "{err}");
    }
    let err = import_pair(
        b"Post Unique Reference,Reports to Senior Post,Name\n1,XX,\"Open\n2,1,B\n",
        None,
    )
    .unwrap_err();
    assert!(
        matches!(err, ImportError::UnclosedQuote { row: 2, .. }),
        "{err}"
    );
}

#[test]
fn a_synthetic_pair_imports_with_exactly_its_planted_warnings() {
    let options = super::synthetic::SyntheticOptions {
        senior_posts: 60,
        junior_rows: 400,
        ..Default::default()
    };
    let pair = super::synthetic::generate(&options);
    let report = import_pair(pair.senior_csv.as_bytes(), Some(pair.junior_csv.as_bytes())).unwrap();
    assert_eq!(report.units_created, 60 + 400);
    assert_eq!(
        report.warnings.len(),
        pair.planted_warnings,
        "{:#?}",
        report.warnings
    );
}
