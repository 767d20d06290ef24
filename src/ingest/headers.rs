//! The header alias table: every spelling of a column that ingestion recognises, mapped to its canonical
//! name. The table is data (one line per spelling), matched case-, space- and punctuation-insensitively,
//! then word by word (snake_case, camelCase and filler words such as "your" or "score" set aside).

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
    /// A column naming the person's group: one of `schema::GROUP_KINDS`.
    Group(&'static str),
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
            Canonical::Group(n) => Some(n),
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

/// How a header was recognised, as `inspect` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// By a mapping the user gave.
    Mapped,
    /// By a spelling of the alias table.
    Exact,
    /// By its words: the same words as a spelling, in any order, filler words set aside.
    Words,
    /// By the values below it (a column of dates).
    Content,
}

impl How {
    /// The note `inspect` shows beside the column; none for an exact spelling.
    pub fn note(self) -> Option<&'static str> {
        match self {
            How::Mapped => Some("mapped by you"),
            How::Exact => None,
            How::Words => Some("recognised by its words"),
            How::Content => Some("recognised by its values: every one is a date"),
        }
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
        self.recognise(header).map(|(c, _)| c)
    }

    /// What a header means and how that was found: the user's mapping, then a spelling of the alias
    /// table, then the words of a spelling.
    pub fn recognise(&self, header: &str) -> Option<(Canonical, How)> {
        let key = normalize(header);
        if let Some((_, c)) = self.overrides.iter().find(|(k, _)| *k == key) {
            return Some((c.clone(), How::Mapped));
        }
        lookup(header)
            .map(|c| (c, How::Exact))
            .or_else(|| by_words(header).map(|c| (c, How::Words)))
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
            "cannot map a column to '{target}'; use a canonical name (date, person, ssi, brand, people, insights, relationships, industry_rank_pct, network_rank_pct, industry_avg, network_avg, a group such as team, region or manager, or an activity metric such as posts) or ignore"
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
    /// The spelling's content words, sorted (`content_words`).
    words: Vec<String>,
}

/// The canonical name of filler lines in the alias table: words that never decide what a header means.
const FILLER: &str = "~";

/// The table's `canonical<TAB>spelling` lines, filler words included; blank, comment (`#`) and malformed
/// lines are passed over (the tests check that there are no malformed ones).
fn table_lines() -> impl Iterator<Item = (&'static str, &'static str)> {
    ALIAS_TABLE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (canonical, spelling) = l.split_once('\t')?;
            Some((canonical.trim(), spelling.trim()))
        })
}

/// The filler words of the alias table, folded as `words` folds them.
fn fillers() -> &'static [String] {
    static FILLERS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FILLERS.get_or_init(|| {
        table_lines()
            .filter(|(c, _)| *c == FILLER)
            .flat_map(|(_, w)| words(w))
            .collect()
    })
}

/// Parses the alias table's spellings (its filler lines aside).
pub fn aliases() -> &'static [Alias] {
    static TABLE: std::sync::OnceLock<Vec<Alias>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        table_lines()
            .filter(|(c, _)| *c != FILLER)
            .filter_map(|(canonical, spelling)| {
                let key = normalize(spelling);
                (!key.is_empty()).then(|| Alias {
                    spelling,
                    canonical,
                    words: content_words(spelling),
                    key,
                })
            })
            .collect()
    })
}

/// One language section of the alias table (`## <code> <name>`) and its spellings in table order.
#[derive(Debug, Clone)]
pub struct Language {
    /// The section's language code (`en`, `pt`).
    pub code: &'static str,
    /// The language's name as the section writes it.
    pub name: &'static str,
    /// `(canonical, spelling)` pairs.
    pub spellings: Vec<(&'static str, &'static str)>,
}

/// The language sections of the alias table, in its order.
pub fn languages() -> Vec<Language> {
    let mut out: Vec<Language> = Vec::new();
    let mut in_language = false;
    for line in ALIAS_TABLE.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            let (code, name) = heading.split_once(' ').unwrap_or((heading, ""));
            in_language = code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase());
            if in_language {
                out.push(Language {
                    code,
                    name: name.trim(),
                    spellings: Vec::new(),
                });
            }
            continue;
        }
        let entry = line
            .split_once('\t')
            .filter(|_| in_language && !line.starts_with('#'));
        if let (Some((canonical, spelling)), Some(language)) = (entry, out.last_mut()) {
            language.spellings.push((canonical.trim(), spelling.trim()));
        }
    }
    out
}

/// The header table of README.md: one row per column (in the order the table first names them), one
/// cell per language with its spellings, and the filler words below.
pub fn markdown_table() -> String {
    let languages = languages();
    let mut columns: Vec<&str> = Vec::new();
    for (canonical, _) in languages.iter().flat_map(|l| &l.spellings) {
        if !columns.contains(canonical) {
            columns.push(canonical);
        }
    }
    let mut out = String::from("| column |");
    for l in &languages {
        out.push_str(&format!(" {} |", l.name));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(languages.len()));
    out.push('\n');
    for column in columns {
        let name = match column {
            "-" => "(not used)".to_string(),
            c => format!("`{c}`"),
        };
        out.push_str(&format!("| {name} |"));
        for l in &languages {
            let cell: Vec<&str> = l
                .spellings
                .iter()
                .filter(|(c, _)| *c == column)
                .map(|(_, s)| *s)
                .collect();
            out.push_str(&format!(" {} |", cell.join(", ")));
        }
        out.push('\n');
    }
    let fillers: Vec<&str> = table_lines()
        .filter(|(c, _)| *c == FILLER)
        .map(|(_, w)| w)
        .collect();
    out.push_str(&format!(
        "\nFiller words, set aside when a header is matched word by word: {}.\n",
        fillers.join(", ")
    ));
    out
}

/// The words of a header: bracketed parts dropped, split at spaces, punctuation, `_`, `-` and camelCase
/// humps ("ssiOverallScore", "date_created"), lowercased, accents folded.
pub fn words(header: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut depth = 0usize;
    let mut after_lower = false;
    for ch in header.chars() {
        let ends_word = match ch {
            '(' | '[' => {
                depth += 1;
                true
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                true
            }
            _ if depth > 0 => false,
            c if c.is_alphanumeric() => c.is_uppercase() && after_lower,
            _ => true,
        };
        if ends_word && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if depth == 0 && ch.is_alphanumeric() {
            word.extend(ch.to_lowercase().map(fold_accent));
            after_lower = ch.is_lowercase() || ch.is_numeric();
        } else {
            after_lower = false;
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The words of a header that carry its meaning, sorted: `words` without the filler words.
fn content_words(header: &str) -> Vec<String> {
    let fillers = fillers();
    let mut w: Vec<String> = words(header)
        .into_iter()
        .filter(|w| !fillers.contains(w))
        .collect();
    w.sort_unstable();
    w
}

/// A header recognised by its words: the spellings with the same content words, in any order, when they
/// all name one column. A database prefixing every column with `ssi_` (`ssi_establish_brand`) is read
/// without the prefix when the words with it name nothing.
fn by_words(header: &str) -> Option<Canonical> {
    let w = content_words(header);
    same_words(&w).or_else(|| {
        let rest: Vec<String> = w.iter().filter(|x| *x != "ssi").cloned().collect();
        (rest.len() < w.len()).then(|| same_words(&rest)).flatten()
    })
}

/// The one column the spellings with exactly these content words name.
fn same_words(w: &[String]) -> Option<Canonical> {
    if w.is_empty() {
        return None;
    }
    let mut named = aliases()
        .iter()
        .filter(|a| a.words == w)
        .map(|a| a.canonical);
    let first = named.next()?;
    named.all(|c| c == first).then(|| to_canonical(first))?
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
            } else if let Some(kind) = schema::GROUP_KINDS.iter().find(|k| **k == n) {
                Canonical::Group(kind)
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
        let filler_lines = table_lines().filter(|(c, _)| *c == FILLER).count();
        assert_eq!(
            aliases().len() + filler_lines,
            lines,
            "a line lacks a tab or a spelling"
        );
        assert_eq!(
            fillers().len(),
            filler_lines,
            "a filler line is not one word"
        );
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
    fn no_two_columns_share_the_words_of_a_spelling() {
        let table = aliases();
        for (i, a) in table.iter().enumerate() {
            for b in &table[i + 1..] {
                assert!(
                    a.words.is_empty() || a.words != b.words || a.canonical == b.canonical,
                    "'{}' and '{}' have the same words",
                    a.spelling,
                    b.spelling
                );
            }
        }
    }

    #[test]
    fn headers_split_into_words_at_underscores_humps_and_punctuation() {
        assert_eq!(words("ssi_overall_score"), ["ssi", "overall", "score"]);
        assert_eq!(words("industryRankPct"), ["industry", "rank", "pct"]);
        assert_eq!(words("SSI Score (0-100)"), ["ssi", "score"]);
        assert_eq!(words("Data de Referência"), ["data", "de", "referencia"]);
        assert_eq!(words("Total_SSI"), ["total", "ssi"]);
        assert_eq!(words("CapturedAt"), ["captured", "at"]);
    }

    #[test]
    fn headers_are_recognised_by_their_words() {
        let map = HeaderMap::default();
        let words = |h: &str| {
            map.recognise(h)
                .filter(|(_, how)| *how == How::Words)
                .map(|(c, _)| c)
        };
        // Database and scraper columns (Ffinnis/ssi-tracker, SrMarinho/jobpilot, Trevisssss/ssi-monitoring).
        assert_eq!(
            words("ssi_overall_score"),
            Some(Canonical::Ssi(SsiColumn::Ssi))
        );
        assert_eq!(map.lookup("date_created"), Some(Canonical::Date));
        assert_eq!(
            words("rank_industry_pct"),
            Some(Canonical::Ssi(SsiColumn::IndustryRankPct))
        );
        assert_eq!(
            words("pontuacao_marca"),
            Some(Canonical::Ssi(SsiColumn::Brand))
        );
        assert_eq!(
            words("pontuacao_pessoas"),
            Some(Canonical::Ssi(SsiColumn::People))
        );
        assert_eq!(words("valor_numerico"), Some(Canonical::Value));
        assert_eq!(words("valor_original"), Some(Canonical::Value));
        assert_eq!(words("data_referencia"), Some(Canonical::Date));
        assert_eq!(
            words("ssiIndustryAvg"),
            Some(Canonical::Ssi(SsiColumn::IndustryAvg))
        );
        // A table whose columns all start with ssi_ (pauldobinson-design/social-selling-gym).
        assert_eq!(
            words("ssi_establish_brand"),
            Some(Canonical::Ssi(SsiColumn::Brand))
        );
        assert_eq!(
            words("ssi_build_relationships"),
            Some(Canonical::Ssi(SsiColumn::Relationships))
        );
        assert_eq!(
            words("ssi_total_score"),
            Some(Canonical::Ssi(SsiColumn::Ssi))
        );
        assert_eq!(map.recognise("ssi_last_updated"), None);
        // Exact spellings stay exact; filler words alone, or unknown words, name nothing.
        assert_eq!(map.recognise("Total SSI").map(|(_, h)| h), Some(How::Exact));
        assert_eq!(map.recognise("your_score_value"), None);
        assert_eq!(map.recognise("ssi_increase"), None);
        assert_eq!(map.recognise("Total_Connections"), None);
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
    fn readme_header_table_is_the_one_generated_from_the_alias_table() {
        const BEGIN: &str = "<!-- header table: generated from src/ingest/aliases.tsv -->\n";
        const END: &str = "<!-- end of header table -->";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let start = readme.find(BEGIN).expect("README marks its header table") + BEGIN.len();
        let end = start
            + readme[start..]
                .find(END)
                .expect("README ends its header table");
        let table = markdown_table();
        if std::env::var_os("SSI_PULSE_BLESS").is_some_and(|v| !v.is_empty()) {
            std::fs::write(
                &path,
                format!("{}{table}{}", &readme[..start], &readme[end..]),
            )
            .unwrap();
            return;
        }
        assert!(
            readme[start..end] == table,
            "README's header table is out of date: run SSI_PULSE_BLESS=1 cargo test readme"
        );
        // Every spelling is in the table, under its language.
        for l in languages() {
            assert!(!l.spellings.is_empty(), "{} lists no spellings", l.code);
        }
        let listed: usize = languages().iter().map(|l| l.spellings.len()).sum();
        assert_eq!(listed, aliases().len());
    }
}
