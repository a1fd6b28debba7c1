//! The shapes of the exports people have: HR systems and other org-chart tools. Each file under
//! tests/data/shapes was written here from the columns the tool documents (no copied data); each test checks
//! the structure, the fields and the summary of which columns were used for what.

use std::path::PathBuf;

use orgchart::io::import::{ImportOptions, ImportReport, import_files_with};
use orgchart::model::{HeadcountBasis, Status, Unit, UnitId, UnitKind};

fn shape(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/shapes")
        .join(file)
}

fn import_with(file: &str, options: &ImportOptions) -> ImportReport {
    import_files_with(&shape(file), None, options)
        .unwrap_or_else(|err| panic!("{file}: import failed: {err}"))
}

fn import(file: &str) -> ImportReport {
    import_with(file, &ImportOptions::default())
}

fn unit<'a>(report: &'a ImportReport, id: &str) -> &'a Unit {
    report
        .chart
        .unit(&UnitId::new(id))
        .unwrap_or_else(|| panic!("no unit '{id}'"))
}

fn parent(report: &ImportReport, id: &str) -> Option<String> {
    report
        .chart
        .parent(&UnitId::new(id))
        .map(|p| p.as_str().to_owned())
}

fn summary(report: &ImportReport) -> &str {
    &report.columns[0].1
}

fn assert_no_warnings(report: &ImportReport) {
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn hr_sample_database_export_joins_names_and_keeps_department_apart() {
    let report = import("hr_sample.csv");
    assert_no_warnings(&report);
    assert_eq!(report.units_created, 5);
    assert_eq!(report.chart.roots().len(), 1);
    let ada = unit(&report, "100");
    assert_eq!(ada.name, "Ada Quill");
    assert_eq!(ada.role, "President");
    assert_eq!(ada.department, "Executive");
    assert_eq!(ada.organisation, "", "Department is not the organisation");
    assert_eq!(ada.kind, UnitKind::Post);
    assert!(
        ada.notes.contains("Start date: 2003-06-17"),
        "{}",
        ada.notes
    );
    assert!(ada.notes.contains("E-mail: AQUILL"), "{}", ada.notes);
    assert_eq!(parent(&report, "103").as_deref(), Some("102"));
    let total = orgchart::metrics::chart_totals(&report.chart);
    assert_eq!(total.cost.min, 24000.0 + 17000.0 + 9000.0 + 6000.0 + 8200.0);
    let used = summary(&report);
    for part in [
        "id <- Employee ID",
        "name <- First Name + Last Name",
        "manager <- Manager ID",
        "role <- Job Title",
        "department <- Department",
        "cost per post <- Salary",
        "start_date <- Hire Date",
    ] {
        assert!(used.contains(part), "{part} missing from: {used}");
    }
}

#[test]
fn visio_org_chart_wizard_reports_to_names() {
    let report = import("visio_org_chart_wizard.csv");
    assert_no_warnings(&report);
    assert_eq!(
        parent(&report, "Tom Bell").as_deref(),
        Some("Priya Nair"),
        "Reports To holds the manager's name, which is also the id"
    );
    assert_eq!(unit(&report, "Tom Bell").role, "Accountant");
    assert_eq!(unit(&report, "Tom Bell").department, "Finance");
    assert!(unit(&report, "Tom Bell").notes.contains("Telephone: x201"));
    assert!(
        summary(&report).starts_with("id <- the name; name <- Name; manager <- Reports To"),
        "{}",
        summary(&report)
    );
}

#[test]
fn orgchart_now_flat_file_with_minus_one_at_the_top_and_assistants() {
    let report = import("orgchart_now.csv");
    assert_no_warnings(&report);
    assert_eq!(parent(&report, "1"), None, "-1 marks the top");
    assert_eq!(parent(&report, "5"), None, "blank marks the top");
    assert_eq!(parent(&report, "4").as_deref(), Some("3"));
    assert!(unit(&report, "2").staff, "IsAssistant 1 is a staff post");
    assert!(!unit(&report, "3").staff);
    assert_eq!(unit(&report, "3").name, "Uma Chen");
    assert!(unit(&report, "4").notes.contains("Location: York"));
    assert!(
        summary(&report).contains("staff post <- IsAssistant"),
        "{}",
        summary(&report)
    );
}

#[test]
fn organimi_boss_id() {
    let report = import("organimi.csv");
    assert_no_warnings(&report);
    assert_eq!(parent(&report, "A3").as_deref(), Some("A2"));
    assert_eq!(unit(&report, "A2").name, "Owen Gray");
    assert!(summary(&report).contains("manager <- Boss ID"));
}

#[test]
fn bamboohr_preferred_names_supervisor_eid_else_supervisor_name() {
    let report = import("bamboohr.csv");
    assert_no_warnings(&report);
    assert_eq!(
        unit(&report, "10").name,
        "Kate Ives",
        "preferred name first"
    );
    assert_eq!(parent(&report, "11").as_deref(), Some("10"));
    assert_eq!(
        parent(&report, "12").as_deref(),
        Some("11"),
        "no Supervisor EID: the Supervisor's name finds the manager"
    );
    assert_eq!(unit(&report, "12").department, "Engineering");
    assert!(unit(&report, "12").notes.contains("Division: Product"));
    assert!(
        summary(&report).contains("manager <- Supervisor EID, else Supervisor (by name)"),
        "{}",
        summary(&report)
    );
}

#[test]
fn hibob_api_style_headers() {
    let report = import("hibob.csv");
    assert_no_warnings(&report);
    assert_eq!(parent(&report, "902").as_deref(), Some("901"));
    let hana = unit(&report, "901");
    assert_eq!(hana.name, "Hana Ito");
    assert_eq!(hana.role, "People Partner");
    assert_eq!(hana.department, "People");
    assert!(hana.notes.contains("Location: Berlin"));
}

#[test]
fn workday_worker_report() {
    let report = import("workday_workers.csv");
    assert_no_warnings(&report);
    assert_eq!(parent(&report, "W003").as_deref(), Some("W002"));
    let lou = unit(&report, "W003");
    assert_eq!(lou.name, "Lou Marsh");
    assert_eq!(lou.role, "HR Coordinator");
    assert_eq!(lou.department, "HR Operations (Kai Lund)");
    assert_eq!(lou.kind, UnitKind::Post, "one person, half time");
    let headcount = lou.headcount.expect("FTE");
    assert_eq!(headcount.basis, HeadcountBasis::Fte);
    assert_eq!(headcount.value.max, 0.5);
}

#[test]
fn d3_org_chart_parent_id() {
    let report = import("d3_org_chart.csv");
    assert_no_warnings(&report);
    assert_eq!(parent(&report, "4").as_deref(), Some("2"));
    assert_eq!(unit(&report, "4").role, "Logistics Manager");
    assert_eq!(unit(&report, "4").department, "Operations");
    assert!(summary(&report).contains("manager <- parentId"));
}

#[test]
fn drawio_csv_with_its_settings_lines_above_the_table() {
    let report = import("drawio_org_chart.csv");
    assert_no_warnings(&report);
    assert_eq!(report.units_created, 3);
    assert_eq!(parent(&report, "3").as_deref(), Some("2"));
    assert_eq!(unit(&report, "2").name, "Rae Soto");
    assert_eq!(unit(&report, "2").role, "Chief Technology Officer");
}

#[test]
fn managers_by_email_ignore_letter_case() {
    let report = import("manager_by_email.csv");
    assert_no_warnings(&report);
    assert_eq!(
        parent(&report, "fin@example.org").as_deref(),
        Some("chief@example.org")
    );
    assert_eq!(
        parent(&report, "acc@example.org").as_deref(),
        Some("fin@example.org")
    );
    assert!(
        summary(&report).contains("id <- Email")
            && summary(&report).contains("manager <- Manager Email (by e-mail)"),
        "{}",
        summary(&report)
    );
}

#[test]
fn managers_by_name_match_one_person_and_warn_where_a_name_is_ambiguous() {
    let report = import("manager_by_name.csv");
    assert_eq!(parent(&report, "P2").as_deref(), Some("P1"));
    assert_eq!(
        parent(&report, "P4").as_deref(),
        Some("P1"),
        "\"Zane, Yara\" is Yara Zane"
    );
    assert_eq!(
        parent(&report, "P5"),
        None,
        "two people are called Alex Kim"
    );
    assert_eq!(report.warnings.len(), 1, "{:#?}", report.warnings);
    let warning = &report.warnings[0];
    assert_eq!(warning.row, 6);
    for part in ["'Alex Kim'", "'P2'", "'P3'", "row 3", "row 4"] {
        assert!(warning.message.contains(part), "{part}: {warning}");
    }
}

#[test]
fn map_overrides_a_guess() {
    let options = ImportOptions {
        mapping: "name=Title,role=Name".parse().expect("mapping"),
        ..ImportOptions::default()
    };
    let report = import_with("manager_by_email.csv", &options);
    let val = unit(&report, "fin@example.org");
    assert_eq!(val.name, "Finance Director");
    assert_eq!(val.role, "Val West");
    assert!(summary(&report).contains("name <- Title"));
}

#[test]
fn vacant_and_status_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("people.csv");
    std::fs::write(
        &path,
        "Employee Number,Name,Status,Vacant,Hours\n1,Ann,Active,no,37.5\n2,,,yes,18.75\n",
    )
    .expect("write");
    let report = import_files_with(&path, None, &ImportOptions::default()).expect("import");
    assert_no_warnings(&report);
    assert_eq!(unit(&report, "1").status, Status::InHouse);
    assert_eq!(unit(&report, "2").status, Status::Vacant);
    let hours = unit(&report, "2").headcount.expect("FTE from hours");
    assert_eq!((hours.value.max, hours.basis), (0.5, HeadcountBasis::Fte));
}
