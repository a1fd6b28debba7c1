//! Words and lists inside single cells: status, kind, bases, yes/no, and "; "-separated lists.

use crate::model::{CostBasis, HeadcountBasis, Status, UnitKind};

/// Escapes a list item: backslash before `\`, `;` and, for link entries, `[` and `]`.
fn escape(text: &str, brackets: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\\' || c == ';' || (brackets && (c == '[' || c == ']')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn join_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|item| escape(item, false))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One link entry: the other unit's id and, if any, the link's label.
pub fn link_entry(id: &str, label: &str) -> String {
    if label.is_empty() {
        escape(id, true)
    } else {
        format!("{} [{}]", escape(id, true), escape(label, true))
    }
}

/// Splits a list cell into items (trimmed, empty ones dropped), honouring backslash escapes.
pub fn split_list(text: &str) -> Vec<String> {
    split_entries(text, false)
        .into_iter()
        .map(|(item, _)| item)
        .collect()
}

/// Splits a link cell into (id, label) entries.
pub fn split_links(text: &str) -> Vec<(String, String)> {
    split_entries(text, true)
}

fn split_entries(text: &str, brackets: bool) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    let (mut main, mut label) = (String::new(), String::new());
    let mut in_label = false;
    let mut chars = text.chars();
    let mut finish = |main: &mut String, label: &mut String| {
        let item = main.trim().to_owned();
        if !item.is_empty() {
            entries.push((item, label.trim().to_owned()));
        }
        main.clear();
        label.clear();
    };
    while let Some(c) = chars.next() {
        let target = if in_label { &mut label } else { &mut main };
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    target.push(next);
                }
            }
            ';' => {
                in_label = false;
                finish(&mut main, &mut label);
            }
            '[' if brackets && !in_label => in_label = true,
            ']' if brackets && in_label => in_label = false,
            _ => target.push(c),
        }
    }
    finish(&mut main, &mut label);
    entries
}

fn word(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn status_word(status: &Status) -> &'static str {
    match status {
        Status::InHouse => "in-house",
        Status::Outsourced { .. } => "outsourced",
        Status::Shared { .. } => "shared",
        Status::Vacant => "vacant",
        Status::New => "new",
        Status::ToBeDeleted => "to be deleted",
    }
}

/// Reads a status cell. "outsourced: Capita" and "shared: A; B" carry their detail inline; otherwise the
/// provider / shared-with cells give it. `None` for a word that is not a status.
pub fn parse_status(text: &str, provider: &str, shared_with: &str) -> Option<Status> {
    let (head, detail) = match text.split_once(':') {
        Some((head, detail)) => (head, detail.trim()),
        None => (text, ""),
    };
    let status = match word(head).as_str() {
        // HR systems' employment statuses mean the post is filled.
        "" | "in house" | "inhouse" | "internal" | "existing" | "active" | "filled"
        | "occupied" | "employed" | "current" | "permanent" => Status::InHouse,
        "outsourced" | "contracted out" | "external" | "contracted" => Status::Outsourced {
            provider: if detail.is_empty() { provider } else { detail }.to_owned(),
        },
        "shared" | "shared service" => Status::Shared {
            with: split_list(if detail.is_empty() {
                shared_with
            } else {
                detail
            }),
        },
        "vacant" | "vacancy" | "unfilled" | "open" | "to be recruited" => Status::Vacant,
        "new" | "proposed" | "planned" => Status::New,
        "to be deleted" | "deleted" | "delete" | "to be removed" | "removed" | "eliminated"
        | "to be eliminated" | "deletion" => Status::ToBeDeleted,
        _ => return None,
    };
    Some(status)
}

pub fn kind_word(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Board => "board",
        UnitKind::Directorate => "directorate",
        UnitKind::Team => "team",
        UnitKind::Post => "post",
    }
}

pub fn parse_kind(text: &str) -> Option<UnitKind> {
    Some(match word(text).as_str() {
        "board" | "committee" | "board committee" => UnitKind::Board,
        "directorate" | "department" | "division" => UnitKind::Directorate,
        "team" | "unit" | "section" | "group" | "service" | "unit team" => UnitKind::Team,
        "post" | "role" | "position" | "person" | "job" | "posts" => UnitKind::Post,
        _ => return None,
    })
}

pub fn headcount_basis_word(basis: HeadcountBasis) -> &'static str {
    match basis {
        HeadcountBasis::Posts => "posts",
        HeadcountBasis::Fte => "fte",
    }
}

pub fn parse_headcount_basis(text: &str) -> Option<HeadcountBasis> {
    match word(text).as_str() {
        "posts" | "post" | "people" | "heads" | "headcount" => Some(HeadcountBasis::Posts),
        "fte" | "ftes" | "full time equivalent" => Some(HeadcountBasis::Fte),
        _ => None,
    }
}

pub fn cost_basis_word(basis: CostBasis) -> &'static str {
    match basis {
        CostBasis::PerPost => "per post",
        CostBasis::Total => "total",
    }
}

pub fn parse_cost_basis(text: &str) -> Option<CostBasis> {
    match word(text).as_str() {
        "per post" | "perpost" | "each" | "per fte" | "per head" | "per person" => {
            Some(CostBasis::PerPost)
        }
        "total" | "overall" | "budget" => Some(CostBasis::Total),
        _ => None,
    }
}

pub fn parse_yes(text: &str) -> Option<bool> {
    match word(text).as_str() {
        "" | "no" | "n" | "false" | "0" => Some(false),
        "yes" | "y" | "true" | "1" | "x" | "estimate" | "estimated" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_awkward_items() {
        let items = ["plain", "semi;colon", "back\\slash", "a [b]"];
        let cell = join_list(items);
        assert_eq!(split_list(&cell), items);
        let cell = [("x;1", "lab]el"), ("y", "")]
            .iter()
            .map(|(id, label)| link_entry(id, label))
            .collect::<Vec<_>>()
            .join("; ");
        assert_eq!(
            split_links(&cell),
            vec![("x;1".into(), "lab]el".into()), ("y".into(), String::new())]
        );
    }

    #[test]
    fn statuses() {
        assert_eq!(parse_status("In house", "", ""), Some(Status::InHouse));
        assert_eq!(
            parse_status("Outsourced: Capita", "", ""),
            Some(Status::Outsourced {
                provider: "Capita".into()
            })
        );
        assert_eq!(
            parse_status("shared", "", "Council A; Council B"),
            Some(Status::Shared {
                with: vec!["Council A".into(), "Council B".into()]
            })
        );
        assert_eq!(
            parse_status("To be deleted", "", ""),
            Some(Status::ToBeDeleted)
        );
        assert_eq!(parse_status("maybe", "", ""), None);
        for status in [
            Status::InHouse,
            Status::Vacant,
            Status::New,
            Status::ToBeDeleted,
        ] {
            assert_eq!(parse_status(status_word(&status), "", ""), Some(status));
        }
    }

    #[test]
    fn kinds_and_bases_round_trip() {
        for kind in UnitKind::ALL {
            assert_eq!(parse_kind(kind_word(kind)), Some(kind));
        }
        for basis in [HeadcountBasis::Posts, HeadcountBasis::Fte] {
            assert_eq!(
                parse_headcount_basis(headcount_basis_word(basis)),
                Some(basis)
            );
        }
        for basis in [CostBasis::PerPost, CostBasis::Total] {
            assert_eq!(parse_cost_basis(cost_basis_word(basis)), Some(basis));
        }
    }
}
