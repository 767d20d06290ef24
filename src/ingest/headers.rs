//! The header alias table: every spelling of a column that ingestion recognises, mapped to its canonical
//! name. The table is data (one line per spelling), matched case-, space- and punctuation-insensitively.

use crate::model::schema;

/// What a header maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Canonical {
    /// The person column.
    Person,
    /// The date column.
    Date,
    /// One of the SSI value columns (`schema::SSI_VALUE_COLUMNS`).
    Ssi(&'static str),
    /// A known activity metric (`schema::KNOWN_METRICS`).
    Metric(&'static str),
    /// A column known to carry no data for the analysis (row numbers, notes).
    Ignore,
}

impl Canonical {
    /// The canonical column name, `None` for ignored columns.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Canonical::Person => Some(schema::PERSON),
            Canonical::Date => Some(schema::DATE),
            Canonical::Ssi(n) | Canonical::Metric(n) => Some(n),
            Canonical::Ignore => None,
        }
    }
}

/// Every accepted spelling (before normalisation) and the canonical column it means.
const ALIASES: &[(&str, &str)] = &[
    // person
    ("person", "person"),
    ("name", "person"),
    ("full name", "person"),
    ("person name", "person"),
    ("rep", "person"),
    ("sales rep", "person"),
    ("member", "person"),
    ("employee", "person"),
    ("seat holder", "person"),
    ("user", "person"),
    ("client", "person"),
    ("owner", "person"),
    // date
    ("date", "date"),
    ("day", "date"),
    ("week", "date"),
    ("week of", "date"),
    ("week starting", "date"),
    ("week start", "date"),
    ("week beginning", "date"),
    ("week ending", "date"),
    ("as of", "date"),
    ("snapshot date", "date"),
    ("date recorded", "date"),
    ("recorded on", "date"),
    ("checked on", "date"),
    ("timestamp", "date"),
    ("period", "date"),
    // ssi
    ("ssi", "ssi"),
    ("total ssi", "ssi"),
    ("ssi total", "ssi"),
    ("ssi score", "ssi"),
    ("total ssi score", "ssi"),
    ("your ssi", "ssi"),
    ("current ssi", "ssi"),
    ("social selling index", "ssi"),
    ("total", "ssi"),
    ("score", "ssi"),
    // components
    ("brand", "brand"),
    ("professional brand", "brand"),
    ("establish your professional brand", "brand"),
    ("establish professional brand", "brand"),
    ("establish brand", "brand"),
    ("people", "people"),
    ("find the right people", "people"),
    ("find right people", "people"),
    ("find people", "people"),
    ("right people", "people"),
    ("insights", "insights"),
    ("engage with insights", "insights"),
    ("engage insights", "insights"),
    ("engage", "insights"),
    ("relationships", "relationships"),
    ("relationship", "relationships"),
    ("build relationships", "relationships"),
    ("build relationship", "relationships"),
    // ranks
    ("industry rank", "industry_rank_pct"),
    ("industry ssi rank", "industry_rank_pct"),
    ("industry ranking", "industry_rank_pct"),
    ("rank in industry", "industry_rank_pct"),
    ("industry rank pct", "industry_rank_pct"),
    ("industry top", "industry_rank_pct"),
    ("network rank", "network_rank_pct"),
    ("network ssi rank", "network_rank_pct"),
    ("network ranking", "network_rank_pct"),
    ("rank in network", "network_rank_pct"),
    ("network rank pct", "network_rank_pct"),
    ("network top", "network_rank_pct"),
    // peer averages
    ("industry avg", "industry_avg"),
    ("industry average", "industry_avg"),
    ("industry ssi", "industry_avg"),
    ("industry average ssi", "industry_avg"),
    ("avg industry ssi", "industry_avg"),
    ("people in your industry", "industry_avg"),
    ("network avg", "network_avg"),
    ("network average", "network_avg"),
    ("network ssi", "network_avg"),
    ("network average ssi", "network_avg"),
    ("avg network ssi", "network_avg"),
    ("people in your network", "network_avg"),
    // activity
    ("posts", "posts"),
    ("post", "posts"),
    ("posts published", "posts"),
    ("articles", "articles"),
    ("articles published", "articles"),
    ("comments", "comments"),
    ("comments made", "comments"),
    ("comments posted", "comments"),
    ("reactions", "reactions"),
    ("reactions given", "reactions"),
    ("likes", "reactions"),
    ("shares", "shares"),
    ("reposts", "shares"),
    ("mentions", "mentions"),
    ("connection requests", "connection_requests_sent"),
    ("connection requests sent", "connection_requests_sent"),
    ("invitations sent", "connection_requests_sent"),
    ("invites sent", "connection_requests_sent"),
    ("requests sent", "connection_requests_sent"),
    ("connections accepted", "connections_accepted"),
    ("accepted connections", "connections_accepted"),
    ("new connections", "connections_accepted"),
    ("connections made", "connections_accepted"),
    ("messages", "messages_sent"),
    ("messages sent", "messages_sent"),
    ("replies", "replies_received"),
    ("replies received", "replies_received"),
    ("responses", "replies_received"),
    ("inmails", "inmails"),
    ("inmails sent", "inmails"),
    ("profile views", "profile_views"),
    ("who viewed your profile", "profile_views"),
    ("searches", "searches"),
    ("people searches", "searches"),
    ("searches made", "searches"),
    // columns with nothing to analyse
    ("#", "-"),
    ("no", "-"),
    ("id", "-"),
    ("row", "-"),
    ("index", "-"),
    ("week number", "-"),
    ("week no", "-"),
    ("notes", "-"),
    ("note", "-"),
    ("remarks", "-"),
];

/// Normalises a header for matching: drops bracketed parts ("SSI (0-100)"), lowercases, keeps letters
/// and digits only.
pub fn normalize(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in header.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '#' => out.push('#'),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Looks a header up in the alias table.
pub fn lookup(header: &str) -> Option<Canonical> {
    let key = normalize(header);
    if key.is_empty() {
        return None;
    }
    ALIASES
        .iter()
        .find(|(alias, _)| normalize(alias) == key)
        .map(|(_, canonical)| to_canonical(canonical))
}

fn to_canonical(name: &'static str) -> Canonical {
    match name {
        "person" => Canonical::Person,
        "date" => Canonical::Date,
        "-" => Canonical::Ignore,
        n if schema::SSI_VALUE_COLUMNS.contains(&n) => Canonical::Ssi(n),
        n => Canonical::Metric(n),
    }
}

/// The accepted spellings of one canonical column, for messages and documentation.
pub fn spellings(canonical: &str) -> Vec<&'static str> {
    ALIASES
        .iter()
        .filter(|(_, c)| *c == canonical)
        .map(|(a, _)| *a)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_linkedin_labels_ignoring_case_space_and_punctuation() {
        assert_eq!(
            lookup("Establish your professional brand"),
            Some(Canonical::Ssi("brand"))
        );
        assert_eq!(
            lookup("FIND THE RIGHT PEOPLE"),
            Some(Canonical::Ssi("people"))
        );
        assert_eq!(
            lookup("Engage-with-Insights"),
            Some(Canonical::Ssi("insights"))
        );
        assert_eq!(lookup("Total SSI (0-100)"), Some(Canonical::Ssi("ssi")));
        assert_eq!(
            lookup("Industry SSI rank"),
            Some(Canonical::Ssi("industry_rank_pct"))
        );
        assert_eq!(lookup("Week starting"), Some(Canonical::Date));
        assert_eq!(
            lookup("Connection requests sent"),
            Some(Canonical::Metric("connection_requests_sent"))
        );
        assert_eq!(lookup("Notes"), Some(Canonical::Ignore));
    }

    #[test]
    fn unknown_headers_do_not_match() {
        assert_eq!(lookup("New followers"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("  "), None);
    }

    #[test]
    fn every_alias_maps_to_a_known_canonical_name() {
        for (alias, canonical) in ALIASES {
            let known = ["person", "date", "-"].contains(canonical)
                || schema::SSI_VALUE_COLUMNS.contains(canonical)
                || schema::KNOWN_METRICS.contains(canonical);
            assert!(known, "{alias} -> {canonical}");
            assert!(!normalize(alias).is_empty(), "{alias}");
        }
    }

    #[test]
    fn no_spelling_maps_to_two_columns() {
        for (i, (a, ca)) in ALIASES.iter().enumerate() {
            for (b, cb) in &ALIASES[i + 1..] {
                assert!(
                    normalize(a) != normalize(b) || ca == cb,
                    "'{a}' and '{b}' collide"
                );
            }
        }
    }

    #[test]
    fn readme_lists_every_header_spelling() {
        let readme = include_str!("../../README.md");
        for (alias, canonical) in ALIASES {
            let key = if *canonical == "-" {
                "| (not used) |".to_string()
            } else {
                format!("| `{canonical}` |")
            };
            let line = readme
                .lines()
                .find(|l| l.starts_with(&key))
                .unwrap_or_else(|| panic!("README has no row for {canonical}"));
            let listed: Vec<&str> = line
                .trim_end_matches('|')
                .rsplit('|')
                .next()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .collect();
            assert!(
                listed.contains(alias),
                "README row for {canonical} lacks '{alias}'"
            );
        }
    }
}
