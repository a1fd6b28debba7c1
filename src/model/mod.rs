//! The chart model: units, reporting lines and other links, changed only through reversible edits.

mod chart;
mod edit;
mod error;
mod forest;
mod shares;
mod unit;

#[cfg(test)]
pub(crate) use chart::MANAGER_LOOKUPS;
pub use chart::{Change, Chart};
pub use edit::Edit;
pub use error::ModelError;
pub use forest::Forest;
pub use shares::{Share, check_shares, check_unit_shares, describe_shares, parse_shares};
pub use unit::{
    Cost, CostBasis, Headcount, HeadcountBasis, Link, LinkKind, Placer, Span, Status, Unit, UnitId,
    UnitKind,
};

#[cfg(test)]
mod tests;
