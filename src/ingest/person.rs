//! Whose rows a table without a person column holds: `--person`, else the member named in a LinkedIn
//! creator analytics file name, else the file name (its date stamp set aside; a name of generic words
//! such as `ssi_scores` stands for the run's one person, "You"); and whether a sheet's name can be a
//! person's (one sheet per person in a team workbook).

use chrono::NaiveDate;
use std::path::Path;

/// The person of files whose names name nobody (`ssi_2026-05-13.csv`, `ssi_scores.csv`): the one person
/// a run of such files is about.
pub const UNNAMED_PERSON: &str = "You";

/// The person name used for a file's tables that have no person column: `--person`, else the name in a
/// LinkedIn creator analytics export (`Content_<start>_<end>_<Name>`, `AggregateAnalytics_<Name>_<start>_<end>`),
/// else the file name without extension and without its date stamp (`Dana Whitfield 2026-05-13`), else,
/// when that is only generic words, `UNNAMED_PERSON`.
pub fn default_person(path: &Path, person: Option<&str>) -> String {
    if let Some(person) = person {
        return person.to_string();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().trim().to_string())
        .unwrap_or_default();
    if let Some(owner) = creator_analytics_owner(&stem) {
        return owner;
    }
    let stem = without_export_id(&stem);
    let name = match date_stamp(stem) {
        Some((rest, _)) => rest,
        None => stem.to_string(),
    };
    // "SSI Verlauf Lena Fischer": the tracker's own words around a name are set aside.
    let named: Vec<&str> = name
        .split([' ', '_', '-'])
        .filter(|w| !w.is_empty() && looks_like_person(w))
        .collect();
    let named = named.join(" ");
    if named != name && is_title_name(&named) {
        named
    } else if looks_like_person(&name) {
        name
    } else {
        UNNAMED_PERSON.to_string()
    }
}

/// The person a title row names: "Dana Whitfield – LinkedIn Social Selling Index", "SSI tracker: Dana
/// Whitfield", "LinkedIn SSI tracker - Alex Morgan". The title is split at dashes, colons, bars and commas;
/// the one part that is two to four capitalised words of letters, none of them a word trackers use for
/// themselves, is the name.
pub fn title_name(title: &str) -> Option<String> {
    let parts = title.split([
        '\u{2013}', '\u{2014}', ':', '|', ',', '(', ')', '/', '\u{00b7}',
    ]);
    let mut names = parts
        .flat_map(|p| p.split(" - "))
        .map(str::trim)
        .filter(|p| is_title_name(p));
    let name = names.next()?;
    names.next().is_none().then(|| name.to_string())
}

/// Two to four words, each capitalised letters (with `'`, `-`, `.`) or a lowercase particle (da, de, van),
/// none a generic tracker word.
fn is_title_name(part: &str) -> bool {
    const PARTICLES: [&str; 8] = ["da", "de", "do", "dos", "van", "von", "der", "del"];
    let words: Vec<&str> = part.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && looks_like_person(part)
        && words.iter().all(|w| {
            let letters = w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.'));
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            letters
                && (capital || PARTICLES.contains(w))
                && !w.chars().skip(1).any(char::is_uppercase)
                && looks_like_person(w)
        })
}

/// A file name without the id a note-taking database's CSV export appends to it (`SSI log
/// 1f2e3d4c5b6a79808f7e6d5c4b3a2910`, `SSI log 1f2e…2910_all`).
fn without_export_id(stem: &str) -> &str {
    let stem = stem.strip_suffix("_all").unwrap_or(stem);
    match stem.rsplit_once(' ') {
        Some((name, id)) if id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()) => name,
        _ => stem,
    }
}

/// The person a file's name stands for when nothing inside names one (`None` for a creator analytics
/// export, whose name names its member): a placeholder that a real name may replace (`join`).
pub fn file_name_person(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().trim().to_string();
    if creator_analytics_owner(&stem).is_some() {
        return None;
    }
    Some(default_person(path, None))
}

/// The date a file name is stamped with (`ssi_2026-05-13`, `SSI 13.05.2026`, `linkedin-ssi-20260513`,
/// `ssi-scores-2026-05-04-0126`, a month `ssi_team_2026-10` as its first day) and the name without it,
/// separators around it trimmed. `None` when the name holds no such stamp.
pub fn date_stamp(stem: &str) -> Option<(String, NaiveDate)> {
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, '-' | '_' | '.' | ' ');
    let chars: Vec<(usize, char)> = stem.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i;
        while j < chars.len() && is_part(chars[j].1) {
            j += 1;
        }
        let end = chars.get(j).map_or(stem.len(), |(at, _)| *at);
        if let Some(date) = stamp_date(&stem[start..end]) {
            let rest = format!("{} {}", &stem[..start], &stem[end..]);
            let rest = rest
                .trim_matches(|c: char| is_part(c) && !c.is_ascii_digit())
                .split(['_', '-', ' '])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            return Some((rest, date));
        }
        i = j;
    }
    None
}

/// A run of digits and separators read as a date stamp: year-month-day (with a time after it), day.month.year,
/// eight digits `yyyymmdd`, or a year and month.
fn stamp_date(run: &str) -> Option<NaiveDate> {
    let groups: Vec<&str> = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let n = |s: &str| s.parse::<u32>().ok();
    let ymd = |y: &str, m: &str, d: &str| NaiveDate::from_ymd_opt(n(y)? as i32, n(m)?, n(d)?);
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    match (lens.as_slice(), groups.as_slice()) {
        ([4, 2, 2, ..], [y, m, d, ..]) => ymd(y, m, d),
        ([2, 2, 4, ..], [d, m, y, ..]) => ymd(y, m, d),
        ([8, ..], [g, ..]) => ymd(&g[..4], &g[4..6], &g[6..]),
        ([4, 2], [y, m]) => ymd(y, m, "01"),
        _ => None,
    }
    .filter(|d| (2003..=2100).contains(&chrono::Datelike::year(d)))
}

/// Whether a sheet name can be a person's: it has letters and is not a period ("2024", "Q3", "Jan 2025")
/// or a word trackers use for sheets ("SSI", "Activity", "Sheet1", "Data").
pub fn looks_like_person(name: &str) -> bool {
    const GENERIC: [&str; 51] = [
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
        "linkedin",
        "social",
        "selling",
        "index",
        "score",
        "scores",
        "snapshot",
        "snapshots",
        "raw",
        "metrics",
        "scraper",
        "sales",
        "navigator",
        "tracking",
        "verlauf",
        "suivi",
        "historique",
        "registro",
        "seguimiento",
        "记录",
        "記録",
    ];
    // Month names and their abbreviations ("Sept", "Oct."), not every word that starts like one
    // ("Martin", "Junior").
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let is_month = |w: &str| {
        MONTHS
            .iter()
            .any(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
            || w == "sept"
    };
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && !words.iter().all(|w| GENERIC.contains(w) || is_month(w))
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
    fn file_names_lose_their_date_stamp_and_generic_names_stand_for_you() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            date_stamp("ssi_2026-05-13"),
            Some(("ssi".into(), d(2026, 5, 13)))
        );
        assert_eq!(
            date_stamp("SSI 13.05.2026"),
            Some(("SSI".into(), d(2026, 5, 13)))
        );
        assert_eq!(
            date_stamp("linkedin-ssi-20260513"),
            Some(("linkedin ssi".into(), d(2026, 5, 13)))
        );
        assert_eq!(
            date_stamp("ssi-scores-2026-05-04-0126"),
            Some(("ssi scores".into(), d(2026, 5, 4)))
        );
        assert_eq!(
            date_stamp("ssi_team_2026-10"),
            Some(("ssi team".into(), d(2026, 10, 1)))
        );
        assert_eq!(
            date_stamp("Dana Whitfield 2026-05-13"),
            Some(("Dana Whitfield".into(), d(2026, 5, 13)))
        );
        assert_eq!(date_stamp("mac_1904"), None);
        assert_eq!(date_stamp("Sam Rivera"), None);
        assert_eq!(date_stamp("report 2026-13-40"), None);
        let person = |name: &str| default_person(Path::new(name), None);
        assert_eq!(person("data/ssi_2026-05-13.csv"), UNNAMED_PERSON);
        assert_eq!(person("ssi_scores.csv"), UNNAMED_PERSON);
        assert_eq!(person("dados_ssi_raw.csv"), UNNAMED_PERSON);
        assert_eq!(person("Dana Whitfield 2026-05-13.csv"), "Dana Whitfield");
        assert_eq!(person("Sam Rivera.csv"), "Sam Rivera");
        assert_eq!(person("SSI Verlauf Lena Fischer.csv"), "Lena Fischer");
        assert_eq!(person("Suivi SSI Camille Martin.csv"), "Camille Martin");
        assert_eq!(person("dana_tracker.xlsx"), "dana_tracker");
        assert_eq!(
            person("SSI log 1f2e3d4c5b6a79808f7e6d5c4b3a2910_all.csv"),
            UNNAMED_PERSON
        );
        assert_eq!(
            person("Dana Whitfield 1f2e3d4c5b6a79808f7e6d5c4b3a2910.csv"),
            "Dana Whitfield"
        );
    }

    #[test]
    fn title_rows_name_their_person() {
        for (title, name) in [
            (
                "Dana Whitfield \u{2013} LinkedIn Social Selling Index",
                Some("Dana Whitfield"),
            ),
            ("SSI tracker: Dana Whitfield", Some("Dana Whitfield")),
            ("LinkedIn SSI tracker - Alex Morgan", Some("Alex Morgan")),
            ("João da Silva | SSI semanal", Some("João da Silva")),
            ("Dana's SSI log", None),
            ("Sales team - weekly SSI export", None),
            ("LinkedIn Social Selling Index", None),
            (
                "Copy the SSI from linkedin.com/sales/ssi every Monday.",
                None,
            ),
            ("Alex Morgan vs Dana Whitfield", None),
            ("Alex Morgan - Dana Whitfield", None),
            ("Q3 2026", None),
        ] {
            assert_eq!(title_name(title).as_deref(), name, "{title}");
        }
    }

    #[test]
    fn sheet_names_that_are_periods_or_generic_are_not_people() {
        for name in [
            "Ann",
            "Bob Smith",
            "Łukasz",
            "María José",
            "Martin",
            "Junior",
            "Decker",
        ] {
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
