//! Peer comparison: a person's total and components at month end against the averages of people in
//! their industry and in their network, the gap for each (own minus peers: negative is behind), and the
//! component with the largest gap, where rank is lost.

use super::Snapshot;
use crate::model::schema::{Component, Peers, SsiColumn};
use serde::Serialize;

/// One peer group's averages and the gaps to them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerSide {
    /// The peers' average total SSI.
    pub total: Option<f64>,
    /// The peers' average of each component, in LinkedIn's order.
    pub components: [Option<f64>; 4],
    /// Own total minus the peers' (negative: behind them).
    pub gap_total: Option<f64>,
    /// Own component minus the peers', in LinkedIn's order.
    pub gaps: [Option<f64>; 4],
    /// The component furthest behind the peers (or least ahead of them), where rank is lost; `None`
    /// without any component gap.
    pub largest_gap: Option<Component>,
}

/// The component furthest behind (or least ahead of) one of the peer groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    /// Which peers.
    pub peers: Peers,
    /// Which component.
    pub component: Component,
    /// Own minus the peers' average.
    pub gap: f64,
}

impl Gap {
    /// True when behind the peers (a gap), false when ahead everywhere (the smallest lead).
    pub fn is_behind(&self) -> bool {
        self.gap < 0.0
    }
}

/// The person (or a team's medians) against both peer groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerComparison {
    /// People it covers: 1 for a person; for a team, the people with peer components (each value is
    /// then the median over them, gaps included: the median of each person's gap).
    pub people: usize,
    /// Own total and components, in LinkedIn's order.
    pub own_total: Option<f64>,
    /// Own components.
    pub own: [Option<f64>; 4],
    /// People in the same industry.
    pub industry: PeerSide,
    /// People in the member's network.
    pub network: PeerSide,
    /// The lowest component gap over both groups (on a tie the industry, then LinkedIn's order): where
    /// rank is lost first.
    pub largest_gap: Option<Gap>,
}

impl PeerComparison {
    /// A peer group's side.
    pub fn side(&self, peers: Peers) -> &PeerSide {
        match peers {
            Peers::Industry => &self.industry,
            Peers::Network => &self.network,
        }
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn side(snapshot: &Snapshot, peers: Peers) -> PeerSide {
    let own = |c: Component| snapshot.component(c);
    let components = Component::ALL.map(|c| snapshot.get(peers.component(c)));
    let gaps: [Option<f64>; 4] =
        std::array::from_fn(|i| Some(round2(own(Component::ALL[i])? - components[i]?)));
    let total = snapshot.get(peers.total());
    PeerSide {
        total,
        components,
        gap_total: snapshot
            .get(SsiColumn::Ssi)
            .zip(total)
            .map(|(a, b)| round2(a - b)),
        gaps,
        largest_gap: lowest(gaps),
    }
}

/// The component with the lowest gap; on a tie the first in LinkedIn's order.
fn lowest(gaps: [Option<f64>; 4]) -> Option<Component> {
    Component::ALL
        .iter()
        .zip(gaps)
        .filter_map(|(c, g)| Some((*c, g?)))
        .fold(None, |best: Option<(Component, f64)>, (c, g)| match best {
            Some((_, b)) if b <= g => best,
            _ => Some((c, g)),
        })
        .map(|(c, _)| c)
}

/// The lowest component gap over both groups (on a tie the industry).
fn overall(industry: &PeerSide, network: &PeerSide) -> Option<Gap> {
    [(Peers::Industry, industry), (Peers::Network, network)]
        .iter()
        .filter_map(|(peers, s)| {
            let component = s.largest_gap?;
            let i = Component::ALL.iter().position(|c| *c == component)?;
            Some(Gap {
                peers: *peers,
                component,
                gap: s.gaps[i]?,
            })
        })
        .fold(None, |best: Option<Gap>, next| match best {
            Some(b) if b.gap <= next.gap => Some(b),
            _ => Some(next),
        })
}

/// A team's comparison: over the people with peer components, the median of each own value, of each
/// peer average and of each person's gap (not the difference of the medians, which would compare
/// different people). `None` when nobody has peer components.
pub fn team(people: &[&PeerComparison]) -> Option<PeerComparison> {
    if people.is_empty() {
        return None;
    }
    let med = |f: &dyn Fn(&PeerComparison) -> Option<f64>| {
        let values: Vec<Option<f64>> = people.iter().map(|p| f(p)).collect();
        super::stats::median(&values)
    };
    let side = |peers: Peers| {
        let gaps: [Option<f64>; 4] = std::array::from_fn(|i| med(&|p| p.side(peers).gaps[i]));
        PeerSide {
            total: med(&|p| p.side(peers).total),
            components: std::array::from_fn(|i| med(&|p| p.side(peers).components[i])),
            gap_total: med(&|p| p.side(peers).gap_total),
            gaps,
            largest_gap: lowest(gaps),
        }
    };
    let industry = side(Peers::Industry);
    let network = side(Peers::Network);
    Some(PeerComparison {
        people: people.len(),
        own_total: med(&|p| p.own_total),
        own: std::array::from_fn(|i| med(&|p| p.own[i])),
        largest_gap: overall(&industry, &network),
        industry,
        network,
    })
}

/// The comparison at a snapshot; `None` when it holds no peer component at all (the peer totals alone
/// are in the snapshot itself).
pub fn compare(snapshot: &Snapshot) -> Option<PeerComparison> {
    let any = Peers::ALL.iter().any(|p| {
        Component::ALL
            .iter()
            .any(|c| snapshot.get(p.component(*c)).is_some())
    });
    if !any {
        return None;
    }
    let industry = side(snapshot, Peers::Industry);
    let network = side(snapshot, Peers::Network);
    let largest_gap = overall(&industry, &network);
    Some(PeerComparison {
        people: 1,
        own_total: snapshot.get(SsiColumn::Ssi),
        own: Component::ALL.map(|c| snapshot.component(c)),
        industry,
        network,
        largest_gap,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::SsiValues;

    #[test]
    fn gaps_are_own_minus_peers_and_the_largest_is_furthest_behind() {
        // Own 61: brand 20.97, people 6.38, insights 15.2, relationships 18.4.
        let mut values = SsiValues::from_own([
            Some(61.0),
            Some(20.97),
            Some(6.38),
            Some(15.2),
            Some(18.4),
            None,
            None,
            Some(40.0),
            Some(50.0),
        ]);
        // Industry 12, 11, 9, 8; network brand 13 and people 12 only.
        for (c, v) in [
            (SsiColumn::IndustryBrand, 12.0),
            (SsiColumn::IndustryPeople, 11.0),
            (SsiColumn::IndustryInsights, 9.0),
            (SsiColumn::IndustryRelationships, 8.0),
            (SsiColumn::NetworkBrand, 13.0),
            (SsiColumn::NetworkPeople, 12.0),
        ] {
            values.set(c, Some(v));
        }
        let s = Snapshot {
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, 27).unwrap(),
            values,
        };
        let c = compare(&s).unwrap();
        // 20.97 - 12 = 8.97; 6.38 - 11 = -4.62; 15.2 - 9 = 6.2; 18.4 - 8 = 10.4; 61 - 40 = 21.
        assert_eq!(
            c.industry.gaps,
            [Some(8.97), Some(-4.62), Some(6.2), Some(10.4)]
        );
        assert_eq!(c.industry.gap_total, Some(21.0));
        assert_eq!(c.industry.largest_gap, Some(Component::People));
        // 20.97 - 13 = 7.97; 6.38 - 12 = -5.62; the other two unknown; 61 - 50 = 11.
        assert_eq!(c.network.gaps, [Some(7.97), Some(-5.62), None, None]);
        assert_eq!(c.network.gap_total, Some(11.0));
        assert_eq!(c.network.largest_gap, Some(Component::People));
        // Over both: people, -5.62 to the network.
        assert_eq!(
            c.largest_gap,
            Some(Gap {
                peers: Peers::Network,
                component: Component::People,
                gap: -5.62
            })
        );
        // A team of this person and one with brand 10 against an industry brand of 15 (gap -5): the
        // median gap is the middle of each person's gaps, (8.97 + -5) / 2 = 1.985 -> 1.99 (two decimals).
        let mut other = s.clone();
        other.values.set(SsiColumn::Brand, Some(10.0));
        other.values.set(SsiColumn::IndustryBrand, Some(15.0));
        let b = compare(&other).unwrap();
        let t = team(&[&c, &b]).unwrap();
        assert_eq!(t.people, 2);
        assert_eq!(t.industry.gaps[0], Some(1.99));
        assert_eq!(t.industry.components[0], Some(13.5));
        assert_eq!(t.own[0], Some(15.49));
        assert_eq!(team(&[]), None);
        let mut none = s.clone();
        for c in SsiColumn::ALL.into_iter().filter(|c| c.is_peer_component()) {
            none.values.set(c, None);
        }
        assert_eq!(compare(&none), None);
    }
}
