//! What a unit is: the fields a user edits and the files store.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::geom::Point;

use super::shares::{Share, describe_shares};

/// Stable identity of a unit: survives save/load, renames and moves; diff matches on it.
/// Kept as text because real data uses ids such as `007` or `CO-12`. Shared rather than owned: every stage
/// (forests, drawings, diffs) copies ids of a whole chart, and a copy is then a count, not a new string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnitId(Arc<str>);

impl UnitId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(Arc::from(id.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether both are copies of one id (not merely equal text): a pointer compare, for finding a unit
    /// again where it was without hashing its id.
    pub fn is_same(&self, other: &UnitId) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// Asks the processor for the memory a copy of this id changes (its reference count), without waiting:
    /// a loop copying the ids of a big chart calls it a few ids ahead, so that their misses overlap.
    pub(crate) fn prefetch_for_copy(&self) {
        super::chart::prefetch::id_counts(self);
    }
}

impl std::fmt::Display for UnitId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for UnitId {
    fn from(s: &str) -> Self {
        Self(Arc::from(s))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    /// A board or committee.
    Board,
    Directorate,
    /// A unit, section or team.
    #[default]
    Team,
    /// A single post or a group of identical posts.
    Post,
}

impl UnitKind {
    pub const ALL: [UnitKind; 4] = [Self::Board, Self::Directorate, Self::Team, Self::Post];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Board => "Board / committee",
            Self::Directorate => "Directorate",
            Self::Team => "Unit / team",
            Self::Post => "Post",
        }
    }
}

/// A number that may be a range ("11 to 15"); an exact figure has `min == max`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub min: f64,
    pub max: f64,
}

impl Span {
    pub const ZERO: Span = Span { min: 0.0, max: 0.0 };

    pub const fn exact(value: f64) -> Self {
        Self {
            min: value,
            max: value,
        }
    }

    /// A range with its ends in order, whichever way round they were given.
    pub fn range(a: f64, b: f64) -> Self {
        Self {
            min: a.min(b),
            max: a.max(b),
        }
    }

    pub fn is_range(&self) -> bool {
        self.min != self.max
    }

    pub fn scale(self, factor: f64) -> Span {
        Span {
            min: self.min * factor,
            max: self.max * factor,
        }
    }
}

impl std::ops::Add for Span {
    type Output = Span;

    fn add(self, other: Span) -> Span {
        Span {
            min: self.min + other.min,
            max: self.max + other.max,
        }
    }
}

/// Product of two non-negative spans (e.g. posts x cost per post).
impl std::ops::Mul for Span {
    type Output = Span;

    fn mul(self, other: Span) -> Span {
        Span {
            min: self.min * other.min,
            max: self.max * other.max,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HeadcountBasis {
    /// Counted in posts.
    #[default]
    Posts,
    /// Counted in full-time equivalents.
    Fte,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Headcount {
    pub value: Span,
    #[serde(default)]
    pub basis: HeadcountBasis,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CostBasis {
    /// The amount is for each post (or FTE) in the unit's own headcount.
    #[default]
    PerPost,
    /// The amount is the unit's own total.
    Total,
}

/// Yearly pay cost of a unit's own posts (not of the units below it).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub amount: Span,
    #[serde(default)]
    pub basis: CostBasis,
    /// Employer on-costs (pension, national insurance) as a fraction: 0.2 adds 20%.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_cost_rate: Option<f64>,
    /// The figure is an assumption or estimate rather than a published number.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimate: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    #[default]
    InHouse,
    Outsourced {
        provider: String,
    },
    Shared {
        with: Vec<String>,
    },
    Vacant,
    /// Proposed: does not exist yet.
    New,
    ToBeDeleted,
}

impl Status {
    /// One of each kind of status (with no provider or organisations), in the order menus and keys list them.
    pub fn kinds() -> [Status; 6] {
        [
            Status::InHouse,
            Status::Outsourced {
                provider: String::new(),
            },
            Status::Shared { with: Vec::new() },
            Status::Vacant,
            Status::New,
            Status::ToBeDeleted,
        ]
    }

    /// The word shown on a card's badge; a status is never shown by colour alone.
    pub fn badge(&self) -> Option<String> {
        match self {
            Status::InHouse => None,
            Status::Outsourced { provider } if provider.trim().is_empty() => {
                Some("Outsourced".to_owned())
            }
            Status::Outsourced { provider } => Some(format!("Outsourced: {provider}")),
            Status::Shared { with } if with.is_empty() => Some("Shared".to_owned()),
            Status::Shared { with } => Some(format!("Shared: {}", with.join(", "))),
            Status::Vacant => Some("Vacant".to_owned()),
            Status::New => Some("New".to_owned()),
            Status::ToBeDeleted => Some("To be deleted".to_owned()),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Status::InHouse => "In-house",
            Status::Outsourced { .. } => "Outsourced",
            Status::Shared { .. } => "Shared",
            Status::Vacant => "Vacant",
            Status::New => "New",
            Status::ToBeDeleted => "To be deleted",
        }
    }
}

/// How a manager's reports are arranged in the layout: a view hint saved with the unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Placer {
    /// Chosen by the layout: the view's settings, or auto-fit to a target shape.
    #[default]
    Auto,
    /// Side by side in one row (top down) or column (left to right).
    Row,
    /// Stacked in a column hanging below the manager.
    Column,
    /// In a near-square grid of several columns.
    Grid,
}

impl Placer {
    pub const ALL: [Placer; 4] = [Self::Auto, Self::Row, Self::Column, Self::Grid];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Auto => "Auto",
            Self::Row => "Row",
            Self::Column => "Column",
            Self::Grid => "Grid",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default)]
    pub kind: UnitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<Headcount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: Status,
    /// Each organisation's share of a shared unit's posts and cost (adding up to 100%); empty when one
    /// organisation carries it all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<Share>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    /// Department, division, team or cost centre within the organisation (from HR data).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub grade: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// A staff post (assistant, adviser) drawn beside the line from its manager, not among the reports.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub staff: bool,
    /// How this unit's own reports are arranged.
    #[serde(default, skip_serializing_if = "is_default")]
    pub placer: Placer,
    /// Subtree hidden in the editor; saved with the file.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collapsed: bool,
    /// Position pinned by hand (top-left of the card); `None` lets the layout place it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<Point>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Unit {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: UnitId::new(id),
            name: name.into(),
            role: String::new(),
            kind: UnitKind::default(),
            headcount: None,
            cost: None,
            status: Status::default(),
            shares: Vec::new(),
            organisation: String::new(),
            department: String::new(),
            grade: String::new(),
            notes: String::new(),
            tags: Vec::new(),
            staff: false,
            placer: Placer::Auto,
            collapsed: false,
            pinned: None,
        }
    }

    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = role.into();
        self
    }

    pub fn with_kind(mut self, kind: UnitKind) -> Self {
        self.kind = kind;
        self
    }

    pub fn with_headcount(mut self, value: Span) -> Self {
        self.headcount = Some(Headcount {
            value,
            basis: HeadcountBasis::Posts,
        });
        self
    }

    pub fn with_cost(mut self, cost: Cost) -> Self {
        self.cost = Some(cost);
        self
    }

    pub fn with_status(mut self, status: Status) -> Self {
        self.status = status;
        self
    }

    pub fn with_organisation(mut self, organisation: impl Into<String>) -> Self {
        self.organisation = organisation.into();
        self
    }

    pub fn with_shares(mut self, shares: Vec<Share>) -> Self {
        self.shares = shares;
        self
    }

    /// The word on the card's badge: the status, with each organisation's share when they are known
    /// ("Shared: Council A 60%, Council B 40%").
    pub fn badge(&self) -> Option<String> {
        match &self.status {
            Status::Shared { .. } if !self.shares.is_empty() => {
                Some(format!("Shared: {}", describe_shares(&self.shares)))
            }
            status => status.badge(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LinkKind {
    /// Dotted-line or matrix reporting, beside the line manager.
    Dotted,
    /// A commissioning client and its contracted provider (from client to provider).
    Contract,
    /// A service shared between two units or organisations.
    SharedService,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [Self::Dotted, Self::Contract, Self::SharedService];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Dotted => "Dotted / matrix reporting",
            Self::Contract => "Commissioning / contract",
            Self::SharedService => "Shared service",
        }
    }
}

/// A relationship that is not plain line management; may join two organisations' trees.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    pub from: UnitId,
    pub to: UnitId,
    pub kind: LinkKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl Link {
    pub fn new(from: impl Into<String>, to: impl Into<String>, kind: LinkKind) -> Self {
        Self {
            from: UnitId::new(from),
            to: UnitId::new(to),
            kind,
            label: String::new(),
        }
    }
}
