//! Canonical column names and the fixed vocabulary (components, rank and average columns, known activity
//! metrics) that every stage speaks. Nothing here parses or computes; it only names things.

use serde::Serialize;

/// Canonical column: the person a row belongs to.
pub const PERSON: &str = "person";
/// Canonical column: the snapshot or activity date.
pub const DATE: &str = "date";
/// Canonical column: the total SSI (0-100).
pub const SSI: &str = "ssi";
/// Canonical column: "Establish your professional brand" (0-25).
pub const BRAND: &str = "brand";
/// Canonical column: "Find the right people" (0-25).
pub const PEOPLE: &str = "people";
/// Canonical column: "Engage with insights" (0-25).
pub const INSIGHTS: &str = "insights";
/// Canonical column: "Build relationships" (0-25).
pub const RELATIONSHIPS: &str = "relationships";
/// Canonical column: industry SSI rank as "top X percent" (lower is better).
pub const INDUSTRY_RANK_PCT: &str = "industry_rank_pct";
/// Canonical column: network SSI rank as "top X percent" (lower is better).
pub const NETWORK_RANK_PCT: &str = "network_rank_pct";
/// Canonical column: average SSI of people in the same industry.
pub const INDUSTRY_AVG: &str = "industry_avg";
/// Canonical column: average SSI of people in the member's network.
pub const NETWORK_AVG: &str = "network_avg";

/// Canonical column: average "Establish your professional brand" of people in the same industry.
pub const INDUSTRY_BRAND: &str = "industry_brand";
/// Canonical column: average "Find the right people" of people in the same industry.
pub const INDUSTRY_PEOPLE: &str = "industry_people";
/// Canonical column: average "Engage with insights" of people in the same industry.
pub const INDUSTRY_INSIGHTS: &str = "industry_insights";
/// Canonical column: average "Build relationships" of people in the same industry.
pub const INDUSTRY_RELATIONSHIPS: &str = "industry_relationships";
/// Canonical column: average "Establish your professional brand" of people in the member's network.
pub const NETWORK_BRAND: &str = "network_brand";
/// Canonical column: average "Find the right people" of people in the member's network.
pub const NETWORK_PEOPLE: &str = "network_people";
/// Canonical column: average "Engage with insights" of people in the member's network.
pub const NETWORK_INSIGHTS: &str = "network_insights";
/// Canonical column: average "Build relationships" of people in the member's network.
pub const NETWORK_RELATIONSHIPS: &str = "network_relationships";

/// One numeric column of the SSI table: the person's own score, components and ranks, the peers' average
/// totals, then the peers' average components (industry, then network, in LinkedIn's component order).
/// The declaration order is the output order of every table and JSON object that lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SsiColumn {
    /// `ssi`: the total (0-100).
    Ssi,
    /// `brand`.
    Brand,
    /// `people`.
    People,
    /// `insights`.
    Insights,
    /// `relationships`.
    Relationships,
    /// `industry_rank_pct`.
    IndustryRankPct,
    /// `network_rank_pct`.
    NetworkRankPct,
    /// `industry_avg`.
    IndustryAvg,
    /// `network_avg`.
    NetworkAvg,
    /// `industry_brand`.
    IndustryBrand,
    /// `industry_people`.
    IndustryPeople,
    /// `industry_insights`.
    IndustryInsights,
    /// `industry_relationships`.
    IndustryRelationships,
    /// `network_brand`.
    NetworkBrand,
    /// `network_people`.
    NetworkPeople,
    /// `network_insights`.
    NetworkInsights,
    /// `network_relationships`.
    NetworkRelationships,
}

/// How many numeric columns the SSI table has.
pub const SSI_VALUES: usize = 17;

/// The first `N` columns of `SsiColumn::ALL` (the groups are prefixes of the output order).
const fn first_columns<const N: usize>() -> [SsiColumn; N] {
    let mut out = [SsiColumn::Ssi; N];
    let mut i = 0;
    while i < N {
        out[i] = SsiColumn::ALL[i];
        i += 1;
    }
    out
}

impl SsiColumn {
    /// Every column, in output order.
    pub const ALL: [SsiColumn; SSI_VALUES] = [
        SsiColumn::Ssi,
        SsiColumn::Brand,
        SsiColumn::People,
        SsiColumn::Insights,
        SsiColumn::Relationships,
        SsiColumn::IndustryRankPct,
        SsiColumn::NetworkRankPct,
        SsiColumn::IndustryAvg,
        SsiColumn::NetworkAvg,
        SsiColumn::IndustryBrand,
        SsiColumn::IndustryPeople,
        SsiColumn::IndustryInsights,
        SsiColumn::IndustryRelationships,
        SsiColumn::NetworkBrand,
        SsiColumn::NetworkPeople,
        SsiColumn::NetworkInsights,
        SsiColumn::NetworkRelationships,
    ];

    /// The person's own values and the two peer totals: every column but the peer components.
    pub const OWN: [SsiColumn; 9] = first_columns::<9>();

    /// The total and the four components, whose changes the linkage explains.
    pub const SCORE: [SsiColumn; 5] = first_columns::<5>();

    /// The columns month-over-month changes are reported for: the score and both ranks.
    pub const CHANGES: [SsiColumn; 7] = first_columns::<7>();

    /// The canonical column name.
    pub fn key(self) -> &'static str {
        match self {
            SsiColumn::Ssi => SSI,
            SsiColumn::Brand => BRAND,
            SsiColumn::People => PEOPLE,
            SsiColumn::Insights => INSIGHTS,
            SsiColumn::Relationships => RELATIONSHIPS,
            SsiColumn::IndustryRankPct => INDUSTRY_RANK_PCT,
            SsiColumn::NetworkRankPct => NETWORK_RANK_PCT,
            SsiColumn::IndustryAvg => INDUSTRY_AVG,
            SsiColumn::NetworkAvg => NETWORK_AVG,
            SsiColumn::IndustryBrand => INDUSTRY_BRAND,
            SsiColumn::IndustryPeople => INDUSTRY_PEOPLE,
            SsiColumn::IndustryInsights => INDUSTRY_INSIGHTS,
            SsiColumn::IndustryRelationships => INDUSTRY_RELATIONSHIPS,
            SsiColumn::NetworkBrand => NETWORK_BRAND,
            SsiColumn::NetworkPeople => NETWORK_PEOPLE,
            SsiColumn::NetworkInsights => NETWORK_INSIGHTS,
            SsiColumn::NetworkRelationships => NETWORK_RELATIONSHIPS,
        }
    }

    /// The column with this canonical name.
    pub fn from_key(key: &str) -> Option<SsiColumn> {
        SsiColumn::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Whose values these are: `None` for the person's own, else the peers'.
    pub fn peers(self) -> Option<Peers> {
        match self {
            SsiColumn::IndustryAvg
            | SsiColumn::IndustryBrand
            | SsiColumn::IndustryPeople
            | SsiColumn::IndustryInsights
            | SsiColumn::IndustryRelationships => Some(Peers::Industry),
            SsiColumn::NetworkAvg
            | SsiColumn::NetworkBrand
            | SsiColumn::NetworkPeople
            | SsiColumn::NetworkInsights
            | SsiColumn::NetworkRelationships => Some(Peers::Network),
            _ => None,
        }
    }

    /// The component this column measures (the person's own or the peers' average of it).
    pub fn component(self) -> Option<Component> {
        match self {
            SsiColumn::Brand | SsiColumn::IndustryBrand | SsiColumn::NetworkBrand => {
                Some(Component::Brand)
            }
            SsiColumn::People | SsiColumn::IndustryPeople | SsiColumn::NetworkPeople => {
                Some(Component::People)
            }
            SsiColumn::Insights | SsiColumn::IndustryInsights | SsiColumn::NetworkInsights => {
                Some(Component::Insights)
            }
            SsiColumn::Relationships
            | SsiColumn::IndustryRelationships
            | SsiColumn::NetworkRelationships => Some(Component::Relationships),
            _ => None,
        }
    }

    /// A peer average of one component (0-25), as opposed to the peers' total.
    pub fn is_peer_component(self) -> bool {
        self.peers().is_some() && self.component().is_some()
    }

    /// An industry or network rank (top percent).
    pub fn is_rank(self) -> bool {
        matches!(self, SsiColumn::IndustryRankPct | SsiColumn::NetworkRankPct)
    }
}

impl From<Component> for SsiColumn {
    fn from(c: Component) -> SsiColumn {
        match c {
            Component::Brand => SsiColumn::Brand,
            Component::People => SsiColumn::People,
            Component::Insights => SsiColumn::Insights,
            Component::Relationships => SsiColumn::Relationships,
        }
    }
}

/// One value (or none) per SSI column, indexed by `SsiColumn`: the values and a bit per column that has
/// one (144 bytes rather than the 272 of seventeen `Option<f64>`; a large team holds one per snapshot).
/// A column without a value holds 0.0, so equal values compare equal.
#[derive(Clone, Copy, PartialEq, Default)]
pub struct SsiValues {
    known: u32,
    values: [f64; SSI_VALUES],
}

impl std::fmt::Debug for SsiValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let values: Vec<Option<f64>> = SsiColumn::ALL.iter().map(|c| self.get(*c)).collect();
        f.debug_tuple("SsiValues").field(&values).finish()
    }
}

impl SsiValues {
    /// Values from a function of the column.
    pub fn from_fn(mut f: impl FnMut(SsiColumn) -> Option<f64>) -> SsiValues {
        let mut values = SsiValues::default();
        for c in SsiColumn::ALL {
            values.set(c, f(c));
        }
        values
    }

    /// The person's own values and the peer totals, in the order of `SsiColumn::OWN`; no peer components.
    pub fn from_own(own: [Option<f64>; 9]) -> SsiValues {
        let mut values = SsiValues::default();
        for (c, v) in SsiColumn::OWN.into_iter().zip(own) {
            values.set(c, v);
        }
        values
    }

    /// The total and the four components, in the order of `SsiColumn::SCORE`; nothing else.
    pub fn scored(ssi: Option<f64>, components: [Option<f64>; 4]) -> SsiValues {
        let mut values = SsiValues::default();
        values.set(SsiColumn::Ssi, ssi);
        for (c, v) in SsiColumn::SCORE[1..].iter().zip(components) {
            values.set(*c, v);
        }
        values
    }

    /// The value of a column.
    pub fn get(&self, column: SsiColumn) -> Option<f64> {
        let i = column as usize;
        (self.known & (1 << i) != 0).then_some(self.values[i])
    }

    /// Sets the value of a column.
    pub fn set(&mut self, column: SsiColumn, value: Option<f64>) {
        let i = column as usize;
        match value {
            Some(v) => {
                self.known |= 1 << i;
                self.values[i] = v;
            }
            None => {
                self.known &= !(1 << i);
                self.values[i] = 0.0;
            }
        }
    }

    /// Every column with its value, in output order.
    pub fn iter(&self) -> impl Iterator<Item = (SsiColumn, Option<f64>)> + '_ {
        SsiColumn::ALL.into_iter().map(|c| (c, self.get(c)))
    }

    /// The four components' values, in LinkedIn's order.
    pub fn components(&self) -> [Option<f64>; 4] {
        Component::ALL.map(|c| self.get(c.into()))
    }

    /// True when every column both have a value for holds the same value in both.
    pub fn agrees_with(&self, other: &SsiValues) -> bool {
        SsiColumn::ALL.into_iter().all(|c| {
            let (v, w) = (self.get(c), other.get(c));
            v.is_none() || w.is_none() || v == w
        })
    }

    /// True when `other` has a value in a column where this has none.
    pub fn lacks_any_of(&self, other: &SsiValues) -> bool {
        other.known & !self.known != 0
    }

    /// Fills the columns this lacks with `other`'s values.
    pub fn fill_from(&mut self, other: &SsiValues) {
        for c in SsiColumn::ALL {
            if self.get(c).is_none() {
                self.set(c, other.get(c));
            }
        }
    }

    /// True when no column has a value.
    pub fn is_empty(&self) -> bool {
        self.known == 0
    }

    /// Only the given columns' values; the rest empty.
    pub fn only(&self, columns: &[SsiColumn]) -> SsiValues {
        SsiValues::from_fn(|c| {
            if columns.contains(&c) {
                self.get(c)
            } else {
                None
            }
        })
    }
}

/// Whose averages a peer column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Peers {
    /// People in the same industry.
    Industry,
    /// People in the member's network.
    Network,
}

impl Peers {
    /// Both, in LinkedIn's order.
    pub const ALL: [Peers; 2] = [Peers::Industry, Peers::Network];

    /// The column of these peers' average total SSI.
    pub fn total(self) -> SsiColumn {
        match self {
            Peers::Industry => SsiColumn::IndustryAvg,
            Peers::Network => SsiColumn::NetworkAvg,
        }
    }

    /// The column of these peers' average of a component.
    pub fn component(self, c: Component) -> SsiColumn {
        use SsiColumn as S;
        match (self, c) {
            (Peers::Industry, Component::Brand) => S::IndustryBrand,
            (Peers::Industry, Component::People) => S::IndustryPeople,
            (Peers::Industry, Component::Insights) => S::IndustryInsights,
            (Peers::Industry, Component::Relationships) => S::IndustryRelationships,
            (Peers::Network, Component::Brand) => S::NetworkBrand,
            (Peers::Network, Component::People) => S::NetworkPeople,
            (Peers::Network, Component::Insights) => S::NetworkInsights,
            (Peers::Network, Component::Relationships) => S::NetworkRelationships,
        }
    }

    /// "industry" or "network".
    pub fn name(self) -> &'static str {
        match self {
            Peers::Industry => "industry",
            Peers::Network => "network",
        }
    }
}

/// Columns that name a group a person belongs to (a team, a region, a manager's people...). When several
/// are found, `--group-by` picks one; by default the first found in this order.
pub const GROUP_KINDS: [&str; 11] = [
    "team",
    "region",
    "manager",
    "office",
    "department",
    "squad",
    "pod",
    "territory",
    "segment",
    "business_unit",
    "cohort",
];

/// A group column's name in plain words: "team", "business unit".
pub fn group_label(kind: &str) -> String {
    kind.replace('_', " ")
}

/// Known activity metrics, in report order. Unknown numeric activity columns are kept after these.
pub const KNOWN_METRICS: [&str; 16] = [
    "posts",
    "articles",
    "comments",
    "reactions",
    "shares",
    "mentions",
    "connection_requests_sent",
    "connections_accepted",
    "messages_sent",
    "replies_received",
    "inmails",
    "profile_views",
    "searches",
    "impressions",
    "engagements",
    "new_followers",
];

/// One of the four SSI components.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Component {
    /// Establish your professional brand.
    Brand,
    /// Find the right people.
    People,
    /// Engage with insights.
    Insights,
    /// Build relationships.
    Relationships,
}

impl Component {
    /// The four components in LinkedIn's order.
    pub const ALL: [Component; 4] = [
        Component::Brand,
        Component::People,
        Component::Insights,
        Component::Relationships,
    ];

    /// The canonical column name.
    pub fn key(self) -> &'static str {
        match self {
            Component::Brand => BRAND,
            Component::People => PEOPLE,
            Component::Insights => INSIGHTS,
            Component::Relationships => RELATIONSHIPS,
        }
    }

    /// LinkedIn's English label.
    pub fn label(self) -> &'static str {
        match self {
            Component::Brand => "Establish your professional brand",
            Component::People => "Find the right people",
            Component::Insights => "Engage with insights",
            Component::Relationships => "Build relationships",
        }
    }

    /// A short label for chart legends.
    pub fn short_label(self) -> &'static str {
        match self {
            Component::Brand => "Brand",
            Component::People => "People",
            Component::Insights => "Insights",
            Component::Relationships => "Relationships",
        }
    }
}

/// Turns a free-form metric header into a canonical snake_case metric name
/// ("New followers" -> "new_followers").
pub fn metric_name(header: &str) -> String {
    let mut out = String::new();
    let mut pending_sep = false;
    for ch in header.chars() {
        if ch.is_alphanumeric() {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_sep = true;
        }
    }
    out
}

/// A human label for a canonical metric name ("connection_requests_sent" -> "Connection requests sent").
pub fn metric_label(metric: &str) -> String {
    let spaced = metric.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The component LinkedIn's own description ties a metric to: publishing builds the brand, searching and
/// connecting finds people, reacting and commenting engages with insights, conversations build
/// relationships. `None` for metrics with no stated link (impressions, followers, custom columns).
pub fn expected_component(metric: &str) -> Option<Component> {
    match metric {
        "posts" | "shares" | "articles" => Some(Component::Brand),
        "searches" | "connection_requests_sent" | "connections_accepted" | "profile_views" => {
            Some(Component::People)
        }
        "comments" | "reactions" | "mentions" => Some(Component::Insights),
        "messages_sent" | "replies_received" | "inmails" => Some(Component::Relationships),
        _ => None,
    }
}

/// True for a metric that counts what others do (replies received, connections accepted, profile
/// views, new followers, impressions, engagements on the person's posts): a sign of the work that the
/// report shows, never an activity it recommends. A custom metric counts as one when its name says so.
pub fn is_outcome(metric: &str) -> bool {
    matches!(
        metric,
        "connections_accepted"
            | "replies_received"
            | "profile_views"
            | "new_followers"
            | "impressions"
            | "engagements"
    ) || metric.split('_').any(|w| {
        matches!(
            w,
            "received"
                | "accepted"
                | "views"
                | "viewers"
                | "visits"
                | "visitors"
                | "followers"
                | "impressions"
                | "appearances"
                | "replies"
        )
    })
}

/// A metric in running text, plural: "connection requests sent", "InMails".
pub fn metric_plural(metric: &str) -> String {
    match metric {
        "inmails" => "InMails".to_string(),
        _ => metric.replace('_', " "),
    }
}

/// One unit of a metric, for "each extra post": the singular of known metrics, the label otherwise.
pub fn metric_unit(metric: &str) -> String {
    let known = match metric {
        "posts" => "post",
        "articles" => "article",
        "comments" => "comment",
        "reactions" => "reaction",
        "shares" => "share",
        "mentions" => "mention",
        "connection_requests_sent" => "connection request sent",
        "connections_accepted" => "connection accepted",
        "messages_sent" => "message sent",
        "replies_received" => "reply received",
        "inmails" => "InMail",
        "profile_views" => "profile view",
        "searches" => "search",
        "impressions" => "impression",
        "engagements" => "engagement",
        "new_followers" => "new follower",
        _ => return metric.replace('_', " "),
    };
    known.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_name_snake_cases_free_headers() {
        assert_eq!(metric_name("New followers"), "new_followers");
        assert_eq!(metric_name("  Posts / week (#) "), "posts_week");
        assert_eq!(metric_name("Vídeos"), "vídeos");
    }

    #[test]
    fn ssi_columns_name_themselves_and_form_the_output_groups() {
        use SsiColumn as S;
        for c in SsiColumn::ALL {
            assert_eq!(SsiColumn::from_key(c.key()), Some(c));
        }
        assert_eq!(SsiColumn::from_key("brnad"), None);
        assert_eq!(
            SsiColumn::CHANGES,
            [
                S::Ssi,
                S::Brand,
                S::People,
                S::Insights,
                S::Relationships,
                S::IndustryRankPct,
                S::NetworkRankPct
            ]
        );
        assert_eq!(SsiColumn::OWN[8], S::NetworkAvg);
        assert_eq!(
            Peers::Network.component(Component::Insights).key(),
            "network_insights"
        );
        assert_eq!(
            S::IndustryRelationships.component(),
            Some(Component::Relationships)
        );
        assert_eq!(S::IndustryAvg.peers(), Some(Peers::Industry));
        assert!(!S::IndustryAvg.is_peer_component() && S::NetworkBrand.is_peer_component());
        let peer_components = SsiColumn::ALL.iter().filter(|c| c.is_peer_component());
        assert_eq!(peer_components.count(), 8);
    }

    #[test]
    fn ssi_values_merge_only_where_they_agree() {
        let mut a = SsiValues::default();
        a.set(SsiColumn::Ssi, Some(60.0));
        let mut b = SsiValues::default();
        b.set(SsiColumn::Ssi, Some(60.0));
        b.set(SsiColumn::Brand, Some(15.0));
        assert!(a.agrees_with(&b) && a.lacks_any_of(&b) && !b.lacks_any_of(&a));
        a.fill_from(&b);
        assert_eq!(a, b);
        b.set(SsiColumn::Ssi, Some(61.0));
        assert!(!a.agrees_with(&b));
        assert_eq!(a.components(), [Some(15.0), None, None, None]);
        assert!(SsiValues::default().is_empty() && !a.is_empty());
    }

    #[test]
    fn ssi_values_keep_zero_and_none_apart_and_forget_a_cleared_value() {
        let mut v = SsiValues::default();
        v.set(SsiColumn::NetworkRelationships, Some(0.0));
        assert_eq!(v.get(SsiColumn::NetworkRelationships), Some(0.0));
        assert_eq!(v.get(SsiColumn::Ssi), None);
        assert!(!v.is_empty());
        v.set(SsiColumn::NetworkRelationships, Some(7.5));
        v.set(SsiColumn::NetworkRelationships, None);
        // Cleared, it equals values that never held one.
        assert_eq!(v, SsiValues::default());
        let all = SsiValues::from_fn(|c| Some(c as usize as f64));
        assert!(SsiColumn::ALL
            .iter()
            .all(|c| all.get(*c) == Some(*c as usize as f64)));
        assert_eq!(
            format!("{:?}", SsiValues::scored(Some(1.0), [None; 4])),
            format!("SsiValues({:?})", {
                let mut o = [None; SSI_VALUES];
                o[0] = Some(1.0);
                o
            })
        );
        assert_eq!(std::mem::size_of::<SsiValues>(), 144);
    }

    #[test]
    fn metric_label_reads_like_a_heading() {
        assert_eq!(
            metric_label("connection_requests_sent"),
            "Connection requests sent"
        );
    }
}
