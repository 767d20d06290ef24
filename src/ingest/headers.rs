//! The header alias table: every spelling of a column that ingestion recognises, mapped to its canonical
//! name. The table is data (one line per spelling), matched case-, space- and punctuation-insensitively.

use crate::model::schema::{self, SsiColumn};

/// What a header maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Canonical {
    /// The person column.
    Person,
    /// The date column.
    Date,
    /// One of the SSI value columns.
    Ssi(SsiColumn),
    /// A known activity metric (`schema::KNOWN_METRICS`).
    Metric(&'static str),
    /// An activity metric the user named in a column mapping.
    Custom(String),
    /// In a long layout, the column that names the metric of each row.
    MetricName,
    /// In a long layout, the column that holds each row's value.
    Value,
    /// In a long layout, the column saying whose values a row holds (the person's own, or the
    /// industry's or network's averages), as the sections of LinkedIn's SSI page do.
    Section,
    /// A column known to carry no data for the analysis (row numbers, notes).
    Ignore,
}

impl Canonical {
    /// The canonical column name, `None` for ignored columns.
    pub fn name(&self) -> Option<&str> {
        match self {
            Canonical::Person => Some(schema::PERSON),
            Canonical::Date => Some(schema::DATE),
            Canonical::Ssi(c) => Some(c.key()),
            Canonical::Metric(n) => Some(n),
            Canonical::Custom(n) => Some(n),
            Canonical::MetricName => Some("metric_name"),
            Canonical::Value => Some("value"),
            Canonical::Section => Some("section"),
            Canonical::Ignore => None,
        }
    }

    /// True for SSI values and activity metrics (known or user-named).
    pub fn is_value(&self) -> bool {
        matches!(
            self,
            Canonical::Ssi(_) | Canonical::Metric(_) | Canonical::Custom(_)
        )
    }
}

/// Header mappings given by the user (`--column "Header=canonical"`, the config file's `[columns]`), checked
/// before the alias table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeaderMap {
    overrides: Vec<(String, Canonical)>,
}

impl HeaderMap {
    /// Builds the map from (header, target) pairs; a later pair for the same header wins.
    pub fn new(pairs: &[(String, String)]) -> Result<HeaderMap, String> {
        let mut overrides: Vec<(String, Canonical)> = Vec::new();
        for (header, target) in pairs {
            let key = normalize(header);
            if key.is_empty() {
                return Err(format!(
                    "cannot map the header '{header}': it has no letters or digits"
                ));
            }
            let canonical = parse_target(target)?;
            overrides.retain(|(k, _)| *k != key);
            overrides.push((key, canonical));
        }
        Ok(HeaderMap { overrides })
    }

    /// What a header means: the user's mapping first, then the alias table.
    pub fn lookup(&self, header: &str) -> Option<Canonical> {
        let key = normalize(header);
        self.overrides
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c.clone())
            .or_else(|| lookup(header))
    }
}

/// Reads the target of a mapping: `ignore` (or `-`), a canonical column name, or the name of an activity
/// metric of the user's own (made snake_case).
pub fn parse_target(target: &str) -> Result<Canonical, String> {
    let t = target.trim();
    if t.eq_ignore_ascii_case("ignore") || t == "-" {
        return Ok(Canonical::Ignore);
    }
    if let Some(c) = to_canonical(&t.to_ascii_lowercase()) {
        return Ok(c);
    }
    let name = schema::metric_name(t);
    if name.is_empty() {
        return Err(format!(
            "cannot map a column to '{target}'; use a canonical name (date, person, ssi, brand, people, insights, relationships, industry_rank_pct, network_rank_pct, industry_avg, network_avg, or an activity metric such as posts) or ignore"
        ));
    }
    Ok(match schema::KNOWN_METRICS.iter().find(|m| **m == name) {
        Some(m) => Canonical::Metric(m),
        None => Canonical::Custom(name),
    })
}

/// The alias table as shipped: `canonical<TAB>spelling` lines (see the file's header).
pub const ALIAS_TABLE: &str = include_str!("aliases.tsv");

/// One spelling from the alias table.
#[derive(Debug, Clone)]
pub struct Alias {
    /// The spelling as written in the table.
    pub spelling: &'static str,
    /// The canonical name as written (`-` for ignored columns).
    pub canonical: &'static str,
    /// The spelling normalised for matching.
    key: String,
}

/// Parses the alias table; lines that are blank, comments (`#`) or malformed are passed over (the tests
/// check that there are no malformed ones).
pub fn aliases() -> &'static [Alias] {
    static TABLE: std::sync::OnceLock<Vec<Alias>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        ALIAS_TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (canonical, spelling) = l.split_once('\t')?;
                let key = normalize(spelling);
                (!key.is_empty()).then_some(Alias {
                    spelling: spelling.trim(),
                    canonical: canonical.trim(),
                    key,
                })
            })
            .collect()
    })
}

/// Folds the accented Latin letters used in the supported languages to their base letter.
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        other => other,
    }
}

/// Normalises a header for matching: drops bracketed parts ("SSI (0-100)"), lowercases, folds accents,
/// keeps letters and digits only.
pub fn normalize(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in header.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '#' => out.push('#'),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase().map(fold_accent)),
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
    aliases()
        .iter()
        .find(|a| a.key == key)
        .and_then(|a| to_canonical(a.canonical))
}

fn to_canonical(name: &str) -> Option<Canonical> {
    Some(match name {
        "person" => Canonical::Person,
        "date" => Canonical::Date,
        "metric_name" => Canonical::MetricName,
        "value" => Canonical::Value,
        "section" => Canonical::Section,
        "-" => Canonical::Ignore,
        n => {
            if let Some(c) = SsiColumn::from_key(n) {
                Canonical::Ssi(c)
            } else {
                Canonical::Metric(schema::KNOWN_METRICS.iter().find(|m| **m == n)?)
            }
        }
    })
}

/// Whose values a long layout's section label announces: the industry's averages, the network's, or
/// (any other label, such as "The four components of your score") the person's own.
pub fn section_peers(label: &str, headers: &HeaderMap) -> Option<schema::Peers> {
    match headers.lookup(label) {
        Some(Canonical::Ssi(SsiColumn::IndustryAvg)) => Some(schema::Peers::Industry),
        Some(Canonical::Ssi(SsiColumn::NetworkAvg)) => Some(schema::Peers::Network),
        _ => {
            let key = normalize(label);
            if SECTION_INDUSTRY.iter().any(|s| normalize(s) == key) {
                Some(schema::Peers::Industry)
            } else if SECTION_NETWORK.iter().any(|s| normalize(s) == key) {
                Some(schema::Peers::Network)
            } else {
                None
            }
        }
    }
}

/// Section labels for industry peers beyond the `industry_avg` spellings of the alias table.
const SECTION_INDUSTRY: [&str; 5] = [
    "industry",
    "your industry",
    "industry peers",
    "setor",
    "seu setor",
];
/// Section labels for network peers beyond the `network_avg` spellings of the alias table.
const SECTION_NETWORK: [&str; 5] = [
    "network",
    "your network",
    "network peers",
    "rede",
    "sua rede",
];

/// The column a value read under a peer section goes to: a component becomes that peer group's
/// component, the total its average; anything else keeps its own column.
pub fn under_section(target: Canonical, peers: Option<schema::Peers>) -> Canonical {
    let (Some(peers), Canonical::Ssi(column)) = (peers, &target) else {
        return target;
    };
    if *column == SsiColumn::Ssi {
        return Canonical::Ssi(peers.total());
    }
    match column.component() {
        Some(c) if column.peers().is_none() => Canonical::Ssi(peers.component(c)),
        _ => target,
    }
}

/// The accepted spellings of one canonical column, for messages and documentation.
pub fn spellings(canonical: &str) -> Vec<&'static str> {
    aliases()
        .iter()
        .filter(|a| a.canonical == canonical)
        .map(|a| a.spelling)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_linkedin_labels_ignoring_case_space_and_punctuation() {
        assert_eq!(
            lookup("Establish your professional brand"),
            Some(Canonical::Ssi(SsiColumn::Brand))
        );
        assert_eq!(
            lookup("FIND THE RIGHT PEOPLE"),
            Some(Canonical::Ssi(SsiColumn::People))
        );
        assert_eq!(
            lookup("Engage-with-Insights"),
            Some(Canonical::Ssi(SsiColumn::Insights))
        );
        assert_eq!(
            lookup("Total SSI (0-100)"),
            Some(Canonical::Ssi(SsiColumn::Ssi))
        );
        assert_eq!(
            lookup("Industry SSI rank"),
            Some(Canonical::Ssi(SsiColumn::IndustryRankPct))
        );
        assert_eq!(lookup("Week starting"), Some(Canonical::Date));
        assert_eq!(
            lookup("Connection requests sent"),
            Some(Canonical::Metric("connection_requests_sent"))
        );
        assert_eq!(lookup("Notes"), Some(Canonical::Ignore));
    }

    #[test]
    fn user_mappings_come_before_the_alias_table() {
        let map = HeaderMap::new(&[
            ("Datum".into(), "date".into()),
            ("Total".into(), "ignore".into()),
            ("Coffee chats".into(), "Coffee chats".into()),
        ])
        .unwrap();
        assert_eq!(map.lookup("DATUM"), Some(Canonical::Date));
        assert_eq!(map.lookup("Total"), Some(Canonical::Ignore));
        assert_eq!(
            map.lookup("coffee chats"),
            Some(Canonical::Custom("coffee_chats".into()))
        );
        assert_eq!(map.lookup("Brand"), Some(Canonical::Ssi(SsiColumn::Brand)));
        assert!(HeaderMap::new(&[("!!".into(), "date".into())]).is_err());
        assert!(parse_target("  ").is_err());
    }

    #[test]
    fn unknown_headers_do_not_match() {
        assert_eq!(lookup("Coffee chats"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("  "), None);
    }

    #[test]
    fn every_line_of_the_alias_table_is_well_formed() {
        let lines = ALIAS_TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(aliases().len(), lines, "a line lacks a tab or a spelling");
        for a in aliases() {
            assert!(
                to_canonical(a.canonical).is_some(),
                "{} -> {}",
                a.spelling,
                a.canonical
            );
        }
    }

    #[test]
    fn no_spelling_maps_to_two_columns() {
        let table = aliases();
        for (i, a) in table.iter().enumerate() {
            for b in &table[i + 1..] {
                assert!(
                    a.key != b.key || a.canonical == b.canonical,
                    "'{}' and '{}' collide",
                    a.spelling,
                    b.spelling
                );
            }
        }
    }

    #[test]
    fn matches_linkedin_portuguese_labels_with_or_without_accents() {
        assert_eq!(
            lookup("Estabelecer sua marca profissional"),
            Some(Canonical::Ssi(SsiColumn::Brand))
        );
        assert_eq!(
            lookup("Localizar as pessoas certas"),
            Some(Canonical::Ssi(SsiColumn::People))
        );
        assert_eq!(
            lookup("Interagir oferecendo insights"),
            Some(Canonical::Ssi(SsiColumn::Insights))
        );
        assert_eq!(
            lookup("Criar relacionamentos"),
            Some(Canonical::Ssi(SsiColumn::Relationships))
        );
        assert_eq!(
            lookup("Classificação SSI do setor"),
            Some(Canonical::Ssi(SsiColumn::IndustryRankPct))
        );
        assert_eq!(
            lookup("Classificacao SSI da rede"),
            Some(Canonical::Ssi(SsiColumn::NetworkRankPct))
        );
        assert_eq!(lookup("Data"), Some(Canonical::Date));
        assert_eq!(lookup("Comentários"), Some(Canonical::Metric("comments")));
    }

    #[test]
    fn readme_lists_every_header_spelling() {
        let readme = include_str!("../../README.md");
        for a in aliases() {
            let (alias, canonical) = (&a.spelling, a.canonical);
            let key = if canonical == "-" {
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
