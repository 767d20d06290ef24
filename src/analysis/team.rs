//! Team figures across people: medians of month-end values and of month-over-month changes, the
//! leaderboard, the movers and the share of people meeting each target.

use super::alerts::TargetCheck;
use super::stats::{five_numbers, median};
use super::{PersonMonth, Snapshot, TeamSummary};
use crate::model::schema::{SsiColumn, SsiValues};

/// Sum of the values present, `None` when there are none.
fn total(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .fold(None, |acc: Option<f64>, v| Some(acc.unwrap_or(0.0) + v))
        .map(super::frame::round2)
}

/// Summarises the people of one report; `metrics` is the number of activity metrics.
pub fn summarise(people: &[PersonMonth], metrics: usize) -> TeamSummary {
    let mut med = SsiValues::default();
    let mut med_change = SsiValues::default();
    for column in SsiColumn::CHANGES {
        let now: Vec<Option<f64>> = people.iter().map(|p| p.month_end.get(column)).collect();
        let change: Vec<Option<f64>> = people.iter().map(|p| p.change(column)).collect();
        med.set(column, median(&now));
        med_change.set(column, median(&change));
    }
    let medians_as_snapshot = Snapshot {
        date: chrono::NaiveDate::MIN,
        values: med.only(&SsiColumn::SCORE),
    };
    let changes: Vec<f64> = people
        .iter()
        .filter_map(|p| p.change(SsiColumn::Ssi))
        .collect();
    let activity_month: Vec<Option<f64>> = (0..metrics)
        .map(|m| total(people.iter().map(|p| p.activity_month[m])))
        .collect();
    let activity_previous_month: Vec<Option<f64>> = (0..metrics)
        .map(|m| total(people.iter().map(|p| p.activity_previous_month[m])))
        .collect();
    let activity_change = activity_month
        .iter()
        .zip(&activity_previous_month)
        .map(|(now, before)| Some(super::frame::round2((*now)? - (*before)?)))
        .collect();
    let component_spread = super::Component::ALL.map(|c| {
        let values: Vec<Option<f64>> = people.iter().map(|p| p.month_end.component(c)).collect();
        five_numbers(&values)
    });
    TeamSummary {
        component_spread,
        people: people.len(),
        median: med,
        median_change: med_change,
        weakest_component: medians_as_snapshot.weakest_component(),
        ssi_up: changes.iter().filter(|c| **c > 0.0).count(),
        ssi_down: changes.iter().filter(|c| **c < 0.0).count(),
        ssi_held: changes.iter().filter(|c| **c == 0.0).count(),
        activity_month,
        activity_previous_month,
        activity_change,
        peers: team_peers(people),
        people_logging: (0..metrics)
            .map(|m| {
                people
                    .iter()
                    .filter(|p| p.activity_month[m].is_some())
                    .count()
            })
            .collect(),
    }
}

/// The team's peer comparison over the people who have peer components.
fn team_peers(people: &[PersonMonth]) -> Option<super::peers::PeerComparison> {
    let with: Vec<&super::peers::PeerComparison> =
        people.iter().filter_map(|p| p.peers.as_ref()).collect();
    super::peers::team(&with)
}

/// Movers listed on each side.
pub const MOVERS: usize = 3;

/// One line of the leaderboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The person.
    pub name: String,
    /// SSI at month end.
    pub ssi: Option<f64>,
    /// Place within the team by SSI (1 is highest; equal scores share a place); `None` without an SSI.
    pub rank: Option<usize>,
    /// Month-over-month change of SSI.
    pub change: Option<f64>,
}

/// How many people meet one target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetShare {
    /// The target's key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// People meeting it.
    pub met: usize,
    /// People whose value is known and judged.
    pub known: usize,
    /// People with too few weeks logged to judge (activity targets).
    pub too_early: usize,
}

/// Team standings for the month.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// Everyone, highest SSI first (people without an SSI last, by name).
    pub leaderboard: Vec<Standing>,
    /// The largest rises of SSI over the month, largest first.
    pub rises: Vec<Standing>,
    /// The largest falls, largest first.
    pub falls: Vec<Standing>,
    /// Share of people meeting each target.
    pub targets: Vec<TargetShare>,
}

/// The share of people meeting each target, from each person's checks (targets in first-seen order).
pub fn target_shares<'a>(people: impl IntoIterator<Item = &'a [TargetCheck]>) -> Vec<TargetShare> {
    let mut shares: Vec<TargetShare> = Vec::new();
    for checks in people {
        for c in checks {
            let i = match shares.iter().position(|s| s.key == c.key) {
                Some(i) => i,
                None => {
                    shares.push(TargetShare {
                        key: c.key.clone(),
                        label: c.label.clone(),
                        met: 0,
                        known: 0,
                        too_early: 0,
                    });
                    shares.len() - 1
                }
            };
            if let Some(met) = c.met {
                shares[i].known += 1;
                shares[i].met += usize::from(met);
            }
            if c.unjudged() {
                shares[i].too_early += 1;
            }
        }
    }
    shares
}

/// The 1-based place of each score of a leaderboard sorted best first (no score last): tied scores share
/// the place of the first of them, and a missing or not-a-number score has none. Sorted, ties stand
/// together, so each run of equal scores takes its first member's place in one pass (a scan per person
/// is quadratic at 100,000 people).
fn places(sorted: &[Option<f64>]) -> Vec<Option<usize>> {
    let mut run: Option<(f64, usize)> = None;
    sorted
        .iter()
        .enumerate()
        .map(|(i, score)| match (score, run) {
            (Some(ssi), _) if ssi.is_nan() => None,
            (Some(ssi), Some((value, place))) if *ssi == value => Some(place),
            (Some(ssi), _) => {
                run = Some((*ssi, i + 1));
                Some(i + 1)
            }
            (None, _) => None,
        })
        .collect()
}

/// Builds the board; `targets[i]` are the target checks of `people[i]`.
pub fn board(people: &[PersonMonth], targets: &[Vec<TargetCheck>]) -> Board {
    let mut leaderboard: Vec<Standing> = people
        .iter()
        .map(|p| Standing {
            name: p.name.clone(),
            ssi: p.month_end.get(SsiColumn::Ssi),
            rank: None,
            change: p.change(SsiColumn::Ssi),
        })
        .collect();
    leaderboard.sort_by(|a, b| {
        let key = |s: &Standing| s.ssi.unwrap_or(f64::NEG_INFINITY);
        key(b)
            .total_cmp(&key(a))
            .then_with(|| crate::model::collate::names(&a.name, &b.name))
    });
    let ssi: Vec<Option<f64>> = leaderboard.iter().map(|s| s.ssi).collect();
    for (standing, place) in leaderboard.iter_mut().zip(places(&ssi)) {
        standing.rank = place;
    }
    let mut rises: Vec<Standing> = leaderboard
        .iter()
        .filter(|s| s.change.is_some_and(|c| c > 0.0))
        .cloned()
        .collect();
    rises.sort_by(|a, b| {
        b.change
            .unwrap_or(0.0)
            .total_cmp(&a.change.unwrap_or(0.0))
            .then_with(|| crate::model::collate::names(&a.name, &b.name))
    });
    rises.truncate(MOVERS);
    let mut falls: Vec<Standing> = leaderboard
        .iter()
        .filter(|s| s.change.is_some_and(|c| c < 0.0))
        .cloned()
        .collect();
    falls.sort_by(|a, b| {
        a.change
            .unwrap_or(0.0)
            .total_cmp(&b.change.unwrap_or(0.0))
            .then_with(|| crate::model::collate::names(&a.name, &b.name))
    });
    falls.truncate(MOVERS);
    let shares = target_shares(targets.iter().map(Vec::as_slice));
    Board {
        leaderboard,
        rises,
        falls,
        targets: shares,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Each place is where the first equal score stands, found by scanning from the top.
        #[test]
        fn places_are_the_first_equal_scores(
            mut scores in proptest::collection::vec(proptest::option::of(0u8..8), 0..60),
        ) {
            scores.sort_by(|a, b| b.cmp(a));
            let sorted: Vec<Option<f64>> = scores.iter().map(|s| s.map(f64::from)).collect();
            let scanned: Vec<Option<usize>> = sorted
                .iter()
                .map(|s| s.and_then(|v| sorted.iter().position(|t| *t == Some(v)).map(|p| p + 1)))
                .collect();
            prop_assert_eq!(super::places(&sorted), scanned);
        }
    }

    #[test]
    fn a_score_that_is_not_a_number_has_no_place() {
        assert_eq!(
            super::places(&[Some(60.0), Some(60.0), Some(f64::NAN), Some(50.0), None]),
            [Some(1), Some(1), None, Some(4), None]
        );
    }

    #[test]
    fn leaderboard_shares_places_on_ties_and_lists_movers() {
        use crate::analysis::testing::{dataset, snap};
        let c = [15.0, 15.0, 15.0, 15.0];
        let ds = dataset(
            vec![
                snap("Ann", "2025-09-29", 60.0, c),
                snap("Ann", "2025-10-27", 64.0, c),
                snap("Bob", "2025-09-29", 66.0, c),
                snap("Bob", "2025-10-27", 64.0, c),
                snap("Cy", "2025-09-29", 50.0, c),
                snap("Cy", "2025-10-27", 51.0, c),
            ],
            vec![],
        );
        let a = crate::analysis::analyse(&ds, &Default::default()).unwrap();
        let b = a.board.unwrap();
        let places: Vec<(&str, Option<usize>)> = b
            .leaderboard
            .iter()
            .map(|s| (s.name.as_str(), s.rank))
            .collect();
        assert_eq!(
            places,
            [("Ann", Some(1)), ("Bob", Some(1)), ("Cy", Some(3))]
        );
        let rises: Vec<&str> = b.rises.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(rises, ["Ann", "Cy"]);
        assert_eq!(b.falls[0].name, "Bob");
        let ssi = b.targets.iter().find(|t| t.key == "ssi").unwrap();
        assert_eq!((ssi.met, ssi.known), (0, 3));
    }

    #[test]
    fn ties_are_listed_in_the_readers_order_of_names() {
        // Equal SSI and equal rises: by bytes "Zoë" < "Łukasz" (0xC5) and "李娜" last; readers expect
        // Łukasz among the L's, before Zoë, and the Chinese name after the Latin ones.
        use crate::analysis::testing::{dataset, snap};
        let c = [15.0, 15.0, 15.0, 15.0];
        let mut rows = Vec::new();
        for name in ["Zoë Adams", "Łukasz Wiśniewski", "李娜", "Marcus O'Neil"] {
            rows.push(snap(name, "2025-09-29", 58.0, c));
            rows.push(snap(name, "2025-10-27", 60.0, c));
        }
        let a = crate::analysis::analyse(&dataset(rows, vec![]), &Default::default()).unwrap();
        let b = a.board.unwrap();
        let order = |list: &[super::Standing]| -> Vec<String> {
            list.iter().map(|s| s.name.clone()).collect()
        };
        let expected = ["Łukasz Wiśniewski", "Marcus O'Neil", "Zoë Adams", "李娜"];
        assert_eq!(order(&b.leaderboard), expected);
        assert_eq!(order(&b.rises), expected[..3]);
    }
}
