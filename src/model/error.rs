use super::UnitId;

/// Why an edit was refused. Refused edits leave the chart exactly as it was.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error("there is no unit with id '{0}'")]
    UnknownUnit(UnitId),
    #[error("a unit with id '{0}' already exists; ids must be unique")]
    DuplicateId(UnitId),
    #[error("a unit's id cannot be empty")]
    EmptyId,
    #[error(
        "'{unit}' cannot report to '{manager}': '{manager}' is already below '{unit}' ({path}), so this would make a reporting cycle"
    )]
    Cycle {
        unit: UnitId,
        manager: UnitId,
        path: String,
    },
    #[error("'{0}' cannot report to itself")]
    SelfReport(UnitId),
    #[error("a link needs two different units, but both ends are '{0}'")]
    SelfLink(UnitId),
    #[error("that link from '{from}' to '{to}' already exists")]
    DuplicateLink { from: UnitId, to: UnitId },
    #[error("there is no such link from '{from}' to '{to}'")]
    UnknownLink { from: UnitId, to: UnitId },
    #[error("'{0}' still has units reporting to it; delete or move them first")]
    HasReports(UnitId),
    #[error("'{unit}': {problem}")]
    Shares { unit: UnitId, problem: String },
}
