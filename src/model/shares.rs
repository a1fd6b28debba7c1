//! Shared posts: which organisations carry a unit's posts and cost, and in what proportion.
//!
//! A unit's shares must name different organisations and add up to 100%; when the unit is also marked
//! `Status::Shared { with }`, both must name the same organisations. Files, the editor and the figures all
//! go through `check_shares`, so a split that does not add up never reaches a total.

use serde::{Deserialize, Serialize};

use super::{Status, Unit};

/// One organisation's part of a shared unit, in percent (50.0 is half).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Share {
    pub organisation: String,
    pub percent: f64,
}

impl Share {
    pub fn new(organisation: impl Into<String>, percent: f64) -> Self {
        Self {
            organisation: organisation.into(),
            percent,
        }
    }
}

/// Each organisation's share: "Council A 60%, Council B 40%" (commas or semicolons between, the % sign
/// optional, "Council A: 60" also read); empty means no shares. Whether they add up is the model's check.
pub fn parse_shares(text: &str) -> Result<Vec<Share>, String> {
    let example = "write each organisation and its share, e.g. Council A 60%, Council B 40%";
    text.split([',', ';'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            let without_sign = item.trim_end_matches('%').trim_end();
            let (name, amount) = without_sign
                .rsplit_once(|c: char| c.is_whitespace() || c == ':' || c == '=')
                .ok_or_else(|| format!("'{item}' needs a name and a share: {example}"))?;
            let name = name.trim().trim_end_matches([':', '=']).trim();
            if name.is_empty() {
                return Err(format!("'{item}' needs the organisation's name: {example}"));
            }
            let percent = amount
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("'{item}' does not end in a share: {example}"))?;
            Ok(Share::new(name, percent))
        })
        .collect()
}

/// How far from 100% a sum of shares may be: three thirds written as 33.33% each still add up.
const TOLERANCE: f64 = 0.02;

/// "Council A 60%, Council B 40%".
pub fn describe_shares(shares: &[Share]) -> String {
    shares
        .iter()
        .map(|share| format!("{} {}%", share.organisation.trim(), percent(share.percent)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A percentage as people write it: "50", "33.33", "12.5".
pub fn percent(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Why a list of shares cannot be used, or `Ok` when it is empty or sound. The message completes the
/// sentence "'<unit>' cannot be saved: ...".
pub fn check_shares(shares: &[Share]) -> Result<(), String> {
    if shares.is_empty() {
        return Ok(());
    }
    for (i, share) in shares.iter().enumerate() {
        if share.organisation.trim().is_empty() {
            return Err("every share needs the name of an organisation".to_owned());
        }
        if !(share.percent.is_finite() && share.percent > 0.0 && share.percent <= 100.0) {
            return Err(format!(
                "{}'s share is {}%, but a share must be more than 0% and at most 100%",
                share.organisation.trim(),
                share.percent
            ));
        }
        if shares[..i]
            .iter()
            .any(|earlier| same_name(&earlier.organisation, &share.organisation))
        {
            return Err(format!(
                "{} has two shares; give each organisation one share",
                share.organisation.trim()
            ));
        }
    }
    let sum: f64 = shares.iter().map(|share| share.percent).sum();
    if (sum - 100.0).abs() > TOLERANCE {
        return Err(format!(
            "the shares ({}) add up to {}%, not 100%",
            describe_shares(shares),
            percent(sum)
        ));
    }
    Ok(())
}

/// Checks the unit's shares, and that a unit marked shared with some organisations splits among the same
/// ones.
pub fn check_unit_shares(unit: &Unit) -> Result<(), String> {
    check_shares(&unit.shares)?;
    if let Status::Shared { with } = &unit.status
        && !with.is_empty()
        && !unit.shares.is_empty()
    {
        let named = |name: &String| {
            unit.shares
                .iter()
                .any(|share| same_name(&share.organisation, name))
        };
        let listed = |share: &Share| with.iter().any(|name| same_name(name, &share.organisation));
        if !with.iter().all(named) || !unit.shares.iter().all(listed) {
            return Err(format!(
                "it is shared with {}, but its shares name {}; list the same organisations in both",
                with.join(", "),
                unit.shares
                    .iter()
                    .map(|share| share.organisation.trim())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(with: &[&str], shares: Vec<Share>) -> Unit {
        let mut unit = Unit::new("ceo", "Chief Executive").with_status(Status::Shared {
            with: with.iter().map(|s| (*s).to_owned()).collect(),
        });
        unit.shares = shares;
        unit
    }

    #[test]
    fn shares_that_add_up_are_accepted() {
        let halves = vec![Share::new("Council A", 50.0), Share::new("Council B", 50.0)];
        assert_eq!(check_shares(&halves), Ok(()));
        let thirds = vec![
            Share::new("A", 33.33),
            Share::new("B", 33.33),
            Share::new("C", 33.34),
        ];
        assert_eq!(check_shares(&thirds), Ok(()));
        let rounded_thirds = vec![
            Share::new("A", 33.33),
            Share::new("B", 33.33),
            Share::new("C", 33.33),
        ];
        assert_eq!(check_shares(&rounded_thirds), Ok(()));
        assert_eq!(check_shares(&[]), Ok(()));
        assert_eq!(
            check_unit_shares(&shared(&["council a", "Council B"], halves)),
            Ok(())
        );
    }

    #[test]
    fn shares_that_do_not_add_up_are_refused_with_the_sum() {
        let message = check_shares(&[Share::new("Council A", 60.0), Share::new("Council B", 30.0)])
            .unwrap_err();
        assert_eq!(
            message,
            "the shares (Council A 60%, Council B 30%) add up to 90%, not 100%"
        );
        let over = check_shares(&[Share::new("A", 70.0), Share::new("B", 40.0)]).unwrap_err();
        assert!(over.contains("110%"), "{over}");
    }

    #[test]
    fn bad_single_shares_are_refused() {
        for (shares, expect) in [
            (
                vec![Share::new("A", 0.0), Share::new("B", 100.0)],
                "more than 0%",
            ),
            (
                vec![Share::new("A", -10.0), Share::new("B", 110.0)],
                "more than 0%",
            ),
            (
                vec![Share::new("A", f64::NAN), Share::new("B", 50.0)],
                "more than 0%",
            ),
            (
                vec![Share::new(" ", 50.0), Share::new("B", 50.0)],
                "name of an organisation",
            ),
            (
                vec![Share::new("A", 50.0), Share::new(" a ", 50.0)],
                "two shares",
            ),
        ] {
            let message = check_shares(&shares).unwrap_err();
            assert!(message.contains(expect), "{shares:?}: {message}");
        }
    }

    #[test]
    fn shares_must_name_the_organisations_it_is_shared_with() {
        let unit = shared(
            &["Council A", "Council B"],
            vec![Share::new("Council A", 50.0), Share::new("Council C", 50.0)],
        );
        let message = check_unit_shares(&unit).unwrap_err();
        assert!(
            message.contains("shared with Council A, Council B")
                && message.contains("shares name Council A, Council C"),
            "{message}"
        );
        // Shares alone (any status) or a bare "shared" mark are fine.
        let mut vacant = unit.clone();
        vacant.status = Status::Vacant;
        assert_eq!(check_unit_shares(&vacant), Ok(()));
        let mut bare = unit;
        bare.status = Status::Shared { with: Vec::new() };
        assert_eq!(check_unit_shares(&bare), Ok(()));
    }
}
