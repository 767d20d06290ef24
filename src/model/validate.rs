//! Range and consistency rules for a row's values: components 0-25, SSI 0-100, SSI within one point of
//! the component sum, ranks in (0, 100], averages 0-100, activity counts not negative. Pure checks.

use super::schema::{self, SsiColumn, SsiValues};

/// How far the total may sit from the sum of the components (LinkedIn rounds the total).
pub const SUM_TOLERANCE: f64 = 1.0;

/// A rule a value broke: the canonical column and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The column the problem is in.
    pub column: SsiColumn,
    /// A sentence saying what is wrong.
    pub reason: String,
}

/// The valid range of a column: (low, high, whether the low end is excluded).
fn valid_range(column: SsiColumn) -> (f64, f64, bool) {
    if column.is_rank() {
        (0.0, 100.0, true)
    } else if column.component().is_some() {
        (0.0, 25.0, false)
    } else {
        (0.0, 100.0, false)
    }
}

/// Checks one SSI row's values. Fills a missing total with the rounded sum of the components when all
/// four are present.
pub fn validate_ssi(values: &mut SsiValues) -> Result<(), Violation> {
    for (column, value) in values.iter() {
        let Some(v) = value else { continue };
        let name = column.key();
        let (lo, hi, lo_open) = valid_range(column);
        let below = if lo_open { v <= lo } else { v < lo };
        if below || v > hi {
            let range = if lo_open {
                format!("above {lo} and at most {hi}")
            } else {
                format!("between {lo} and {hi}")
            };
            return Err(Violation {
                column,
                reason: format!("{name} is {v}, outside the valid range ({range})"),
            });
        }
    }
    let known: Vec<f64> = values.components().iter().flatten().copied().collect();
    if let (Some(total), false) = (values.get(SsiColumn::Ssi), known.is_empty()) {
        let partial: f64 = known.iter().sum();
        if known.len() < 4 && partial > total + SUM_TOLERANCE {
            return Err(Violation {
                column: SsiColumn::Ssi,
                reason: format!(
                    "ssi is {total} but the components given already add up to {partial:.2}"
                ),
            });
        }
    }
    let components: Option<Vec<f64>> = values.components().into_iter().collect();
    if let Some(c) = components {
        let sum: f64 = c.iter().sum();
        match values.get(SsiColumn::Ssi) {
            Some(total) if (total - sum).abs() > SUM_TOLERANCE => {
                return Err(Violation {
                    column: SsiColumn::Ssi,
                    reason: format!(
                        "ssi is {total} but the four components add up to {:.2} (more than {SUM_TOLERANCE} apart)",
                        sum
                    ),
                })
            }
            Some(_) => {}
            None => values.set(SsiColumn::Ssi, Some(sum.round())),
        }
    }
    Ok(())
}

/// Peer component averages outside 0-25 are left out (set to missing), each with a warning: a bad peer
/// value must not cost the person's own snapshot.
pub fn drop_bad_peers(values: &mut SsiValues) -> Vec<String> {
    let mut out = Vec::new();
    for column in SsiColumn::ALL.into_iter().filter(|c| c.is_peer_component()) {
        if let Some(v) = values.get(column) {
            if !(0.0..=25.0).contains(&v) {
                values.set(column, None);
                out.push(format!(
                    "{} is {v}, outside the valid range (between 0 and 25); left out",
                    column.key()
                ));
            }
        }
    }
    out
}

/// Peer totals that sit more than `SUM_TOLERANCE` from the sum of the same peers' four components: a
/// warning each (the values are kept; a scraper may have read one of them from another day).
pub fn peer_total_warnings(values: &SsiValues) -> Vec<String> {
    let mut out = Vec::new();
    for peers in schema::Peers::ALL {
        let parts: Option<Vec<f64>> = schema::Component::ALL
            .iter()
            .map(|c| values.get(peers.component(*c)))
            .collect();
        if let (Some(total), Some(parts)) = (values.get(peers.total()), parts) {
            let sum: f64 = parts.iter().sum();
            if (total - sum).abs() > SUM_TOLERANCE {
                out.push(format!(
                    "{} is {total} but the {} components add up to {sum:.2} (more than {SUM_TOLERANCE} apart)",
                    peers.total().key(),
                    peers.name()
                ));
            }
        }
    }
    out
}

/// Checks one activity value: a count or a rate cannot be negative.
pub fn validate_activity(metric: &str, value: f64) -> Result<(), String> {
    if value < 0.0 {
        Err(format!("{metric} is {value}; activity cannot be negative"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ssi: Option<f64>, c: [f64; 4]) -> SsiValues {
        schema::SsiValues::scored(ssi, c.map(Some))
    }

    #[test]
    fn peer_components_are_checked_and_peer_totals_warned_about() {
        let mut r = row(Some(61.0), [20.97, 6.38, 15.2, 18.4]);
        // Industry: 40 against 9.5 + 10.25 + 10 + 10.25 = 40.00; network: 50 against 12 * 4 = 48.
        r.set(SsiColumn::IndustryAvg, Some(40.0));
        r.set(SsiColumn::NetworkAvg, Some(50.0));
        let peer_components = SsiColumn::ALL.into_iter().filter(|c| c.is_peer_component());
        for (c, v) in peer_components.zip([9.5, 10.25, 10.0, 10.25, 12.0, 12.0, 12.0, 12.0]) {
            r.set(c, Some(v));
        }
        assert_eq!(validate_ssi(&mut r), Ok(()));
        let warnings = peer_total_warnings(&r);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("network_avg is 50 but the network components add up to 48.00")
        );
        r.set(SsiColumn::IndustryRelationships, Some(25.5));
        let dropped = drop_bad_peers(&mut r);
        assert_eq!(
            dropped,
            ["industry_relationships is 25.5, outside the valid range (between 0 and 25); left out"]
        );
        assert_eq!(r.get(SsiColumn::IndustryRelationships), None);
        assert_eq!(r.get(SsiColumn::Brand), Some(20.97), "own values stay");
        assert_eq!(validate_ssi(&mut r), Ok(()));
    }

    #[test]
    fn accepts_a_consistent_row() {
        let mut r = row(Some(61.0), [20.97, 6.38, 15.2, 18.4]);
        assert_eq!(validate_ssi(&mut r), Ok(()));
    }

    #[test]
    fn rejects_component_above_25() {
        let mut r = row(Some(70.0), [25.5, 14.5, 15.0, 15.0]);
        let v = validate_ssi(&mut r).unwrap_err();
        assert_eq!(v.column, SsiColumn::Brand);
    }

    #[test]
    fn rejects_total_far_from_component_sum() {
        let mut r = row(Some(70.0), [10.0, 10.0, 10.0, 10.0]);
        assert_eq!(validate_ssi(&mut r).unwrap_err().column, SsiColumn::Ssi);
    }

    #[test]
    fn fills_missing_total_with_rounded_sum() {
        let mut r = row(None, [20.97, 6.38, 15.2, 18.4]);
        validate_ssi(&mut r).unwrap();
        assert_eq!(r.get(SsiColumn::Ssi), Some(61.0));
    }

    #[test]
    fn rejects_partial_components_above_the_total() {
        let mut r = schema::SsiValues::scored(Some(30.0), [Some(20.0), Some(21.0), None, None]);
        assert_eq!(validate_ssi(&mut r).unwrap_err().column, SsiColumn::Ssi);
        let mut ok = schema::SsiValues::scored(Some(60.0), [Some(20.0), Some(21.0), None, None]);
        assert!(validate_ssi(&mut ok).is_ok());
    }

    #[test]
    fn rejects_zero_rank() {
        let mut r = schema::SsiValues::from_own([
            Some(50.0),
            None,
            None,
            None,
            None,
            Some(0.0),
            None,
            None,
            None,
        ]);
        assert_eq!(
            validate_ssi(&mut r).unwrap_err().column,
            SsiColumn::IndustryRankPct
        );
    }

    #[test]
    fn rejects_negative_activity() {
        assert!(validate_activity("posts", -1.0).is_err());
        assert!(validate_activity("posts", 0.0).is_ok());
    }
}
