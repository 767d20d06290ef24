//! Range and consistency rules for a row's values: components 0-25, SSI 0-100, SSI within one point of
//! the component sum, ranks in (0, 100], averages 0-100, activity counts not negative. Pure checks.

use super::schema::{self, SSI_VALUE_COLUMNS};

/// How far the total may sit from the sum of the components (LinkedIn rounds the total).
pub const SUM_TOLERANCE: f64 = 1.0;

/// A rule a value broke: the canonical column and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The canonical column the problem is in.
    pub column: &'static str,
    /// A sentence saying what is wrong.
    pub reason: String,
}

/// Checks one SSI row's values (order of `SSI_VALUE_COLUMNS`). Fills a missing total with the rounded sum
/// of the components when all four are present.
pub fn validate_ssi(values: &mut [Option<f64>; schema::SSI_VALUES]) -> Result<(), Violation> {
    for (i, name) in SSI_VALUE_COLUMNS.iter().enumerate() {
        let Some(v) = values[i] else { continue };
        let (lo, hi, lo_open) = match *name {
            schema::SSI | schema::INDUSTRY_AVG | schema::NETWORK_AVG => (0.0, 100.0, false),
            schema::BRAND | schema::PEOPLE | schema::INSIGHTS | schema::RELATIONSHIPS => {
                (0.0, 25.0, false)
            }
            // Peer component averages.
            n if schema::SSI_VALUE_COLUMNS[schema::OWN_VALUES..].contains(&n) => (0.0, 25.0, false),
            _ => (0.0, 100.0, true),
        };
        let below = if lo_open { v <= lo } else { v < lo };
        if below || v > hi {
            let range = if lo_open {
                format!("above {lo} and at most {hi}")
            } else {
                format!("between {lo} and {hi}")
            };
            return Err(Violation {
                column: name,
                reason: format!("{name} is {v}, outside the valid range ({range})"),
            });
        }
    }
    let known: Vec<f64> = values[1..5].iter().flatten().copied().collect();
    if let (Some(total), false) = (values[0], known.is_empty()) {
        let partial: f64 = known.iter().sum();
        if known.len() < 4 && partial > total + SUM_TOLERANCE {
            return Err(Violation {
                column: schema::SSI,
                reason: format!(
                    "ssi is {total} but the components given already add up to {partial:.2}"
                ),
            });
        }
    }
    let components: Option<Vec<f64>> = values[1..5].iter().copied().collect();
    if let Some(c) = components {
        let sum: f64 = c.iter().sum();
        match values[0] {
            Some(total) if (total - sum).abs() > SUM_TOLERANCE => {
                return Err(Violation {
                    column: schema::SSI,
                    reason: format!(
                        "ssi is {total} but the four components add up to {:.2} (more than {SUM_TOLERANCE} apart)",
                        sum
                    ),
                })
            }
            Some(_) => {}
            None => values[0] = Some(sum.round()),
        }
    }
    Ok(())
}

/// Peer component averages outside 0-25 are left out (set to missing), each with a warning: a bad peer
/// value must not cost the person's own snapshot.
pub fn drop_bad_peers(values: &mut [Option<f64>; schema::SSI_VALUES]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, name) in SSI_VALUE_COLUMNS
        .iter()
        .enumerate()
        .skip(schema::OWN_VALUES)
    {
        if let Some(v) = values[i] {
            if !(0.0..=25.0).contains(&v) {
                values[i] = None;
                out.push(format!(
                    "{name} is {v}, outside the valid range (between 0 and 25); left out"
                ));
            }
        }
    }
    out
}

/// Peer totals that sit more than `SUM_TOLERANCE` from the sum of the same peers' four components: a
/// warning each (the values are kept; a scraper may have read one of them from another day).
pub fn peer_total_warnings(values: &[Option<f64>; schema::SSI_VALUES]) -> Vec<String> {
    let mut out = Vec::new();
    for peers in schema::Peers::ALL {
        let column = |name: &str| {
            schema::SSI_VALUE_COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| values[i])
        };
        let parts: Option<Vec<f64>> = schema::Component::ALL
            .iter()
            .map(|c| column(peers.component(*c)))
            .collect();
        if let (Some(total), Some(parts)) = (column(peers.total()), parts) {
            let sum: f64 = parts.iter().sum();
            if (total - sum).abs() > SUM_TOLERANCE {
                out.push(format!(
                    "{} is {total} but the {} components add up to {sum:.2} (more than {SUM_TOLERANCE} apart)",
                    peers.total(),
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

    fn row(ssi: Option<f64>, c: [f64; 4]) -> [Option<f64>; schema::SSI_VALUES] {
        schema::own_values([
            ssi,
            Some(c[0]),
            Some(c[1]),
            Some(c[2]),
            Some(c[3]),
            None,
            None,
            None,
            None,
        ])
    }

    #[test]
    fn peer_components_are_checked_and_peer_totals_warned_about() {
        let mut r = row(Some(61.0), [20.97, 6.38, 15.2, 18.4]);
        // Industry: 40 against 9.5 + 10.25 + 10 + 10.25 = 40.00; network: 50 against 12 * 4 = 48.
        r[7] = Some(40.0);
        r[8] = Some(50.0);
        for (i, v) in [9.5, 10.25, 10.0, 10.25, 12.0, 12.0, 12.0, 12.0]
            .iter()
            .enumerate()
        {
            r[9 + i] = Some(*v);
        }
        assert_eq!(validate_ssi(&mut r), Ok(()));
        let warnings = peer_total_warnings(&r);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("network_avg is 50 but the network components add up to 48.00")
        );
        r[12] = Some(25.5);
        let dropped = drop_bad_peers(&mut r);
        assert_eq!(
            dropped,
            ["industry_relationships is 25.5, outside the valid range (between 0 and 25); left out"]
        );
        assert_eq!(r[12], None);
        assert_eq!(r[1], Some(20.97), "own values stay");
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
        assert_eq!(v.column, "brand");
    }

    #[test]
    fn rejects_total_far_from_component_sum() {
        let mut r = row(Some(70.0), [10.0, 10.0, 10.0, 10.0]);
        assert_eq!(validate_ssi(&mut r).unwrap_err().column, "ssi");
    }

    #[test]
    fn fills_missing_total_with_rounded_sum() {
        let mut r = row(None, [20.97, 6.38, 15.2, 18.4]);
        validate_ssi(&mut r).unwrap();
        assert_eq!(r[0], Some(61.0));
    }

    #[test]
    fn rejects_partial_components_above_the_total() {
        let mut r = schema::own_values([
            Some(30.0),
            Some(20.0),
            Some(21.0),
            None,
            None,
            None,
            None,
            None,
            None,
        ]);
        assert_eq!(validate_ssi(&mut r).unwrap_err().column, "ssi");
        let mut ok = schema::own_values([
            Some(60.0),
            Some(20.0),
            Some(21.0),
            None,
            None,
            None,
            None,
            None,
            None,
        ]);
        assert!(validate_ssi(&mut ok).is_ok());
    }

    #[test]
    fn rejects_zero_rank() {
        let mut r = schema::own_values([
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
            "industry_rank_pct"
        );
    }

    #[test]
    fn rejects_negative_activity() {
        assert!(validate_activity("posts", -1.0).is_err());
        assert!(validate_activity("posts", 0.0).is_ok());
    }
}
