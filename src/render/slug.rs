//! File names for people: transliterated to ASCII ("Łukasz Wiśniewski" -> "lukasz-wisniewski"), lowercase
//! letters, digits and single hyphens only, at most 60 characters, never empty, never a name Windows
//! reserves, and unique within a report (a `-2`, `-3`... suffix). A slug can never be a path.

/// Windows device names, which cannot be file names there even with an extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Longest slug before a uniqueness suffix.
const MAX_LEN: usize = 60;

/// One name's slug, before making it unique.
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let mut out = String::new();
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(MAX_LEN).collect();
    out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        out = "person".into();
    }
    if RESERVED.contains(&out.as_str()) {
        out.push_str("-person");
    }
    out
}

/// Slugs for a list of names, unique in list order: a slug already taken gets `-2`, `-3`... (the first
/// of these not taken). The slugs taken are kept in a set, since a team of 100,000 people makes a scan
/// per name quadratic.
pub fn unique_slugs(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    let mut taken: std::collections::HashSet<String> =
        std::collections::HashSet::with_capacity(names.len());
    for name in names {
        let base = slug(name);
        let mut candidate = base.clone();
        let mut k = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base}-{k}");
            k += 1;
        }
        taken.insert(candidate.clone());
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_become_safe_ascii_file_names() {
        assert_eq!(slug("Łukasz Wiśniewski"), "lukasz-wisniewski");
        assert_eq!(slug("María José García"), "maria-jose-garcia");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("..."), "person");
        assert_eq!(slug("CON"), "con-person");
        assert_eq!(slug("  Zoë  O'Neil "), "zoe-o-neil");
        assert_eq!(slug("王伟"), "wang-wei");
        let names: Vec<String> = ["Ann Lee", "ann lee", "Ann-Lee", "Anne"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            unique_slugs(&names),
            ["ann-lee", "ann-lee-2", "ann-lee-3", "anne"]
        );
    }

    /// The plain definition: each slug checked against every slug before it.
    fn unique_by_scan(names: &[String]) -> Vec<String> {
        let mut taken: Vec<String> = Vec::new();
        for name in names {
            let base = slug(name);
            let mut candidate = base.clone();
            let mut k = 2;
            while taken.contains(&candidate) {
                candidate = format!("{base}-{k}");
                k += 1;
            }
            taken.push(candidate);
        }
        taken
    }

    proptest! {
        /// Names drawn from a few spellings, so that slugs collide, with each other and with the
        /// numbered slugs (`ann-lee-2` as a name of its own).
        #[test]
        fn unique_slugs_are_the_scans(picks in proptest::collection::vec(0usize..6, 0..40)) {
            const SPELLINGS: [&str; 6] = ["Ann Lee", "ann lee", "Ann Lee 2", "ann-lee-3", "Bo", "BO"];
            let names: Vec<String> = picks.iter().map(|i| SPELLINGS[*i].to_string()).collect();
            let got = unique_slugs(&names);
            prop_assert_eq!(&got, &unique_by_scan(&names));
            let distinct: std::collections::HashSet<&String> = got.iter().collect();
            prop_assert_eq!(distinct.len(), names.len());
        }

        #[test]
        fn any_name_gives_a_plain_file_name(name in "\\PC{0,80}") {
            let s = slug(&name);
            prop_assert!(!s.is_empty() && s.len() <= MAX_LEN + "-person".len());
            prop_assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            prop_assert!(!s.starts_with('-') && !s.ends_with('-'));
            prop_assert!(!RESERVED.contains(&s.as_str()));
        }
    }
}
