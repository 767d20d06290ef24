//! Whose rows a table without a person column holds: `--person`, else the member named in a LinkedIn
//! creator analytics file name, else the file name; and whether a sheet's name can be a person's (one
//! sheet per person in a team workbook).

use super::options::IngestOptions;
use std::path::Path;

/// The person name used for a file's tables that have no person column: `--person`, else the name in a
/// LinkedIn creator analytics export (`Content_<start>_<end>_<Name>`, `AggregateAnalytics_<Name>_<start>_<end>`),
/// else the file name without extension.
pub fn default_person(path: &Path, options: &IngestOptions) -> String {
    if let Some(person) = &options.person {
        return person.clone();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().trim().to_string())
        .unwrap_or_else(|| "unnamed".to_string());
    creator_analytics_owner(&stem).unwrap_or(stem)
}

/// Whether a sheet name can be a person's: it has letters and is not a period ("2024", "Q3", "Jan 2025")
/// or a word trackers use for sheets ("SSI", "Activity", "Sheet1", "Data").
pub fn looks_like_person(name: &str) -> bool {
    const GENERIC: [&str; 30] = [
        "sheet",
        "planilha",
        "folha",
        "data",
        "dados",
        "ssi",
        "activity",
        "atividade",
        "atividades",
        "history",
        "log",
        "tracker",
        "summary",
        "resumo",
        "notes",
        "notas",
        "dashboard",
        "team",
        "equipe",
        "weekly",
        "monthly",
        "week",
        "month",
        "year",
        "q",
        "h",
        "total",
        "export",
        "report",
        "chart",
    ];
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && !words
            .iter()
            .all(|w| GENERIC.contains(w) || MONTHS.iter().any(|m| w.starts_with(m) && w.len() <= 9))
}

/// The member's name in a creator analytics export's file name.
fn creator_analytics_owner(stem: &str) -> Option<String> {
    let is_date = |s: &str| s.len() >= 8 && s.chars().all(|c| c.is_ascii_digit() || c == '-');
    let parts: Vec<&str> = stem.split('_').collect();
    let name = match parts.as_slice() {
        ["Content", a, b, name @ ..] if is_date(a) && is_date(b) && !name.is_empty() => {
            name.join("_")
        }
        ["AggregateAnalytics", name @ .., a, b] if is_date(a) && is_date(b) && !name.is_empty() => {
            name.join("_")
        }
        _ => return None,
    };
    let name = name.replace('_', " ");
    // "JaneDoe" is how the export writes "Jane Doe".
    let mut spaced = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && previous_lower {
            spaced.push(' ');
        }
        previous_lower = c.is_lowercase();
        spaced.push(c);
    }
    Some(spaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creator_analytics_file_names_give_the_owner() {
        assert_eq!(
            creator_analytics_owner("Content_2024-04-01_2025-03-31_JaneDoe").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            creator_analytics_owner("AggregateAnalytics_Jane_Doe_2026-01-01_2026-03-31").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(creator_analytics_owner("Content plan"), None);
    }

    #[test]
    fn sheet_names_that_are_periods_or_generic_are_not_people() {
        for name in ["Ann", "Bob Smith", "Łukasz", "María José"] {
            assert!(looks_like_person(name), "{name}");
        }
        for name in [
            "2024",
            "Q3 2025",
            "Jan",
            "October 2025",
            "Sheet1",
            "SSI history",
            "Weekly activity",
            "H1",
        ] {
            assert!(!looks_like_person(name), "{name}");
        }
    }
}
