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

/// How many numeric columns the SSI table has.
pub const SSI_VALUES: usize = 17;

/// The numeric columns of the SSI table, in output order: the person's own values (the first
/// `OWN_VALUES`), then the peer components (industry, then network, in LinkedIn's component order).
pub const SSI_VALUE_COLUMNS: [&str; SSI_VALUES] = [
    SSI,
    BRAND,
    PEOPLE,
    INSIGHTS,
    RELATIONSHIPS,
    INDUSTRY_RANK_PCT,
    NETWORK_RANK_PCT,
    INDUSTRY_AVG,
    NETWORK_AVG,
    INDUSTRY_BRAND,
    INDUSTRY_PEOPLE,
    INDUSTRY_INSIGHTS,
    INDUSTRY_RELATIONSHIPS,
    NETWORK_BRAND,
    NETWORK_PEOPLE,
    NETWORK_INSIGHTS,
    NETWORK_RELATIONSHIPS,
];

/// The columns of the person's own snapshot and the two peer totals (before the peer components).
pub const OWN_VALUES: usize = 9;

/// Where the peer values start: the two peer totals (`industry_avg`, `network_avg`), then the
/// components; the columns before are the person's own score and ranks.
pub const PEER_START: usize = 7;

/// A full row of SSI values from the person's own (and the peer totals), with no peer components.
pub fn own_values(own: [Option<f64>; OWN_VALUES]) -> [Option<f64>; SSI_VALUES] {
    let mut values = [None; SSI_VALUES];
    values[..OWN_VALUES].copy_from_slice(&own);
    values
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

    /// The canonical column of these peers' average total SSI.
    pub fn total(self) -> &'static str {
        match self {
            Peers::Industry => INDUSTRY_AVG,
            Peers::Network => NETWORK_AVG,
        }
    }

    /// The canonical column of these peers' average of a component.
    pub fn component(self, c: Component) -> &'static str {
        let i = Component::ALL.iter().position(|x| *x == c).unwrap_or(0);
        match self {
            Peers::Industry => SSI_VALUE_COLUMNS[OWN_VALUES + i],
            Peers::Network => SSI_VALUE_COLUMNS[OWN_VALUES + 4 + i],
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
    fn metric_label_reads_like_a_heading() {
        assert_eq!(
            metric_label("connection_requests_sent"),
            "Connection requests sent"
        );
    }
}
