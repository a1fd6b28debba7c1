//! Paper sizes for pictures that go onto a page: the named ISO and US sizes, either way round, or any
//! `WIDTHxHEIGHT` in points.

use std::fmt;

/// Points per inch, the unit of PDF pages.
pub const POINTS_PER_INCH: f32 = 72.0;
/// The smallest page side accepted, in points (about 2.5 cm): anything smaller cannot hold a card.
pub const MIN_SIDE: f32 = 72.0;
/// The largest page side accepted, in points: PDF viewers refuse pages beyond 14,400 units.
pub const MAX_SIDE: f32 = 14_400.0;

/// The named sizes, portrait, in points.
const NAMED: [(&str, f32, f32); 5] = [
    ("a4", 595.0, 842.0),
    ("a3", 842.0, 1191.0),
    ("a5", 420.0, 595.0),
    ("letter", 612.0, 792.0),
    ("legal", 612.0, 1008.0),
];

/// A page size in points, with the name it was asked for by.
#[derive(Clone, Debug, PartialEq)]
pub struct Paper {
    pub name: String,
    pub width: f32,
    pub height: f32,
}

impl Paper {
    /// Every name `from_str` accepts besides `WIDTHxHEIGHT`, for menus and messages.
    pub fn names() -> Vec<String> {
        NAMED
            .iter()
            .flat_map(|(name, _, _)| [name.to_string(), format!("{name}-landscape")])
            .collect()
    }

    /// A named size, portrait or landscape.
    pub fn named(name: &str, landscape: bool) -> Option<Self> {
        let (name, w, h) = NAMED.iter().find(|(n, _, _)| *n == name)?;
        let (width, height) = if landscape { (*h, *w) } else { (*w, *h) };
        let name = if landscape {
            format!("{name}-landscape")
        } else {
            (*name).to_owned()
        };
        Some(Self {
            name,
            width,
            height,
        })
    }

    /// The same paper turned a quarter.
    pub fn turned(&self) -> Self {
        let name = match self.name.strip_suffix("-landscape") {
            Some(portrait) => portrait.to_owned(),
            None if NAMED.iter().any(|(n, _, _)| *n == self.name) => {
                format!("{}-landscape", self.name)
            }
            None => format!("{}x{}", number(self.height), number(self.width)),
        };
        Self {
            name,
            width: self.height,
            height: self.width,
        }
    }

    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({} x {} pt)",
            self.name,
            number(self.width),
            number(self.height)
        )
    }
}

fn number(value: f32) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    format!("{rounded}")
}

impl std::str::FromStr for Paper {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        let (base, landscape) = match wanted.strip_suffix("-landscape") {
            Some(base) => (base, true),
            None => match wanted.strip_suffix("-portrait") {
                Some(base) => (base, false),
                None => (wanted.as_str(), false),
            },
        };
        if let Some(paper) = Paper::named(base, landscape) {
            return Ok(paper);
        }
        if let Some((w, h)) = wanted.split_once('x')
            && let (Ok(width), Ok(height)) = (w.trim().parse::<f32>(), h.trim().parse::<f32>())
        {
            let fits = |side: f32| side.is_finite() && (MIN_SIDE..=MAX_SIDE).contains(&side);
            if !(fits(width) && fits(height)) {
                return Err(format!(
                    "paper '{s}': each side must be between {} and {} points",
                    number(MIN_SIDE),
                    number(MAX_SIDE)
                ));
            }
            return Ok(Self {
                name: format!("{}x{}", number(width), number(height)),
                width,
                height,
            });
        }
        Err(format!(
            "unknown paper '{s}': use one of {}, or WIDTHxHEIGHT in points (e.g. 842x595)",
            Paper::names().join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_sizes_either_way_round() {
        let a4: Paper = "a4".parse().unwrap();
        assert_eq!((a4.width, a4.height), (595.0, 842.0));
        let landscape: Paper = "A4-Landscape".parse().unwrap();
        assert_eq!((landscape.width, landscape.height), (842.0, 595.0));
        assert_eq!(landscape.name, "a4-landscape");
        let a3: Paper = "a3_landscape".parse().unwrap();
        assert_eq!((a3.width, a3.height), (1191.0, 842.0));
        let letter: Paper = "letter".parse().unwrap();
        assert_eq!((letter.width, letter.height), (612.0, 792.0));
        let letter_landscape: Paper = "letter-landscape".parse().unwrap();
        assert!(letter_landscape.is_landscape());
        assert_eq!(letter_landscape.turned(), letter);
        assert_eq!(a4.turned(), landscape);
    }

    #[test]
    fn width_by_height_in_points() {
        let custom: Paper = "1000x500".parse().unwrap();
        assert_eq!((custom.width, custom.height), (1000.0, 500.0));
        assert_eq!(custom.name, "1000x500");
        let fractional: Paper = "600.5 x 400".parse().unwrap();
        assert_eq!(fractional.width, 600.5);
    }

    #[test]
    fn anything_else_is_refused_with_the_choices() {
        for bad in ["a9", "", "legalish", "x", "12xabc"] {
            let message = bad.parse::<Paper>().unwrap_err();
            assert!(
                message.contains("a4-landscape") && message.contains("WIDTHxHEIGHT"),
                "{bad}: {message}"
            );
        }
        for too_small_or_big in ["10x10", "100000x500", "0x0", "-5x300", "infxinf", "nanxnan"] {
            let message = too_small_or_big.parse::<Paper>().unwrap_err();
            assert!(message.contains("between"), "{too_small_or_big}: {message}");
        }
    }
}
