//! The change list as a table: one row per change (one per field for a changed unit).

use super::super::{Change, ChangeKind};
use super::text::headline;
use super::{Report, link_kind_words};

pub const COLUMNS: [&str; 6] = ["kind", "id", "name", "before", "after", "detail"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: String,
    pub id: String,
    pub name: String,
    pub before: String,
    pub after: String,
    pub detail: String,
}

impl Row {
    fn cells(&self) -> [&str; 6] {
        [
            &self.kind,
            &self.id,
            &self.name,
            &self.before,
            &self.after,
            &self.detail,
        ]
    }
}

impl Report<'_> {
    /// In the order of `ChartDiff::changes`.
    pub fn rows(&self) -> Vec<Row> {
        self.diff
            .changes
            .iter()
            .flat_map(|change| self.rows_of(change))
            .collect()
    }

    fn rows_of(&self, change: &Change) -> Vec<Row> {
        let row = |before: String, after: String, detail: String| Row {
            kind: change.kind.label().to_owned(),
            id: change.id.to_string(),
            name: change.name.clone(),
            before,
            after,
            detail: join_detail(detail, self.guessed_note(change)),
        };
        match &change.kind {
            ChangeKind::Added => {
                let manager = self.after.parent(&change.id).cloned();
                vec![row(
                    String::new(),
                    format!("under {}", self.manager_after(&manager)),
                    self.own_figures(change),
                )]
            }
            ChangeKind::Removed => {
                let manager = self.before.parent(&change.id).cloned();
                vec![row(
                    format!("under {}", self.manager_before(&manager)),
                    String::new(),
                    self.own_figures(change),
                )]
            }
            ChangeKind::Moved { from, to } => vec![row(
                self.manager_before(from),
                self.manager_after(to),
                "new line manager".to_owned(),
            )],
            ChangeKind::Renamed { from, to } => {
                vec![row(from.clone(), to.clone(), String::new())]
            }
            ChangeKind::Changed { fields } => fields
                .iter()
                .map(|f| {
                    row(
                        f.before.clone(),
                        f.after.clone(),
                        f.field.label().to_owned(),
                    )
                })
                .collect(),
            ChangeKind::LinkAdded(link) => vec![row(
                String::new(),
                self.link_text(link, false),
                link_kind_words(link.kind).to_owned(),
            )],
            ChangeKind::LinkRemoved(link) => vec![row(
                self.link_text(link, true),
                String::new(),
                link_kind_words(link.kind).to_owned(),
            )],
            ChangeKind::LinkChanged { before, after } => vec![row(
                before.label.clone(),
                after.label.clone(),
                self.link_text(after, false),
            )],
        }
    }

    pub fn csv(&self) -> Result<String, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(COLUMNS)?;
        for row in self.rows() {
            writer.write_record(row.cells())?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|err| csv::Error::from(err.into_error()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// A heading with the totals, then the table.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "## Changes from {} to {}\n\n{}\n\n",
            self.before_label,
            self.after_label,
            headline(&self.diff.totals)
        );
        out.push_str(&markdown_line(&COLUMNS));
        out.push_str(&markdown_line(&["---"; 6]));
        for row in self.rows() {
            out.push_str(&markdown_line(&row.cells()));
        }
        out
    }
}

fn join_detail(detail: String, note: String) -> String {
    match (detail.is_empty(), note.is_empty()) {
        (_, true) => detail,
        (true, false) => note,
        (false, false) => format!("{detail}; {note}"),
    }
}

fn markdown_line(cells: &[&str]) -> String {
    let escaped: Vec<String> = cells
        .iter()
        .map(|cell| cell.replace('|', "\\|").replace('\n', " "))
        .collect();
    format!("| {} |\n", escaped.join(" | "))
}
