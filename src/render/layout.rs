//! Which sections a report shows and in what order: the presets for its three readers (a manager's
//! monthly review, a rep's one-to-one, a coach's client update) and a list chosen by name.

use std::fmt;
use std::str::FromStr;

/// One section of report.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The three at-a-glance lines.
    Glance,
    /// The headline figures, the strongest finding and the alert count.
    Summary,
    /// One link per person page (a team report).
    Pages,
    /// The leaderboard and the movers (a team report).
    Leaderboard,
    /// The groups inside the team (a team report whose inputs name groups).
    Groups,
    /// Alerts and wins.
    Alerts,
    /// Each person's recommendation and forecast.
    People,
    /// The components table.
    Components,
    /// The activity table.
    Activity,
    /// The targets.
    Targets,
    /// The charts.
    Charts,
    /// Findings, expected links and the fixed-effects models.
    Needle,
    /// Rows read, used and rejected, and how headers were read.
    Quality,
    /// How to read the report.
    Guide,
}

impl Section {
    /// Every section, with its name in `--sections`.
    pub const ALL: [(Section, &'static str); 14] = [
        (Section::Glance, "glance"),
        (Section::Summary, "summary"),
        (Section::Pages, "pages"),
        (Section::Leaderboard, "leaderboard"),
        (Section::Groups, "groups"),
        (Section::Alerts, "alerts"),
        (Section::People, "people"),
        (Section::Components, "components"),
        (Section::Activity, "activity"),
        (Section::Targets, "targets"),
        (Section::Charts, "charts"),
        (Section::Needle, "needle"),
        (Section::Quality, "quality"),
        (Section::Guide, "guide"),
    ];

    /// The name used in `--sections` and the settings file.
    pub fn name(self) -> &'static str {
        Section::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("", |(_, n)| n)
    }

    /// True for the statistics that go in the appendix of a manager's report.
    pub fn is_appendix(self) -> bool {
        matches!(self, Section::Needle | Section::Quality | Section::Guide)
    }
}

/// Who reads the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// A manager's monthly review: people first, statistics in an appendix.
    #[default]
    Manager,
    /// A rep: their own page; a team report is a list of person pages, without team statistics.
    Rep,
    /// A coach's client update: the person, their progress and their advice, no statistics tables.
    Client,
}

impl FromStr for Audience {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "manager" => Ok(Audience::Manager),
            "rep" => Ok(Audience::Rep),
            "client" => Ok(Audience::Client),
            other => Err(format!(
                "unknown audience '{other}': use manager, rep or client"
            )),
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Audience::Manager => "manager",
            Audience::Rep => "rep",
            Audience::Client => "client",
        })
    }
}

/// The sections of a report, in order: a preset for an audience, or a list chosen by name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// The reader.
    pub audience: Audience,
    /// Sections chosen by name, in order (`None`: the audience's preset).
    pub sections: Option<Vec<Section>>,
    /// True when a team's person pages are not written (`--person-pages none`), so nothing links them.
    pub without_pages: bool,
}

impl Layout {
    /// Parses a comma-separated list of section names ("glance,leaderboard,alerts").
    pub fn parse_sections(list: &str) -> Result<Vec<Section>, String> {
        let names: Vec<&str> = Section::ALL.iter().map(|(_, n)| *n).collect();
        let mut out = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let Some((section, _)) = Section::ALL
                .iter()
                .find(|(_, n)| n.eq_ignore_ascii_case(name))
            else {
                return Err(format!(
                    "unknown section '{name}': use {}",
                    names.join(", ")
                ));
            };
            if !out.contains(section) {
                out.push(*section);
            }
        }
        if out.is_empty() {
            return Err(format!("no section named: use {}", names.join(", ")));
        }
        Ok(out)
    }

    /// The sections of a report (`team`: more than one person), in order.
    pub fn resolve(&self, team: bool) -> Vec<Section> {
        use Section::*;
        if let Some(chosen) = &self.sections {
            return chosen.clone();
        }
        match (self.audience, team) {
            (Audience::Manager, true) => vec![
                Glance,
                Summary,
                Leaderboard,
                Groups,
                Alerts,
                People,
                Components,
                Activity,
                Targets,
                Charts,
                Needle,
                Quality,
                Guide,
            ],
            (Audience::Manager, false) => vec![
                Glance, Summary, Alerts, People, Components, Activity, Targets, Charts, Needle,
                Quality, Guide,
            ],
            (Audience::Rep, true) => vec![Pages],
            (Audience::Rep, false) | (Audience::Client, false) => vec![
                Glance, Summary, Components, Activity, Targets, Alerts, People, Charts,
            ],
            (Audience::Client, true) => vec![Glance, Summary, Pages, Alerts, People, Charts],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_put_people_first_and_statistics_last_or_nowhere() {
        let manager = Layout::default().resolve(true);
        let at = |s: Section| manager.iter().position(|x| *x == s).unwrap();
        assert_eq!(manager[0], Section::Glance);
        assert!(at(Section::Leaderboard) < at(Section::Alerts));
        assert!(at(Section::Alerts) < at(Section::People));
        assert!(at(Section::People) < at(Section::Components));
        assert!(manager[manager.len() - 3..].iter().all(|s| s.is_appendix()));
        let rep = Layout {
            audience: Audience::Rep,
            sections: None,
            without_pages: false,
        };
        assert_eq!(rep.resolve(true), [Section::Pages]);
        let client = Layout {
            audience: Audience::Client,
            sections: None,
            without_pages: false,
        };
        assert!(client
            .resolve(false)
            .iter()
            .all(|s| !s.is_appendix() && *s != Section::Leaderboard));
    }

    #[test]
    fn sections_are_chosen_by_name_in_the_order_given() {
        assert_eq!(
            Layout::parse_sections("alerts, Glance,alerts").unwrap(),
            [Section::Alerts, Section::Glance]
        );
        let err = Layout::parse_sections("alerts,models").unwrap_err();
        assert!(err.starts_with("unknown section 'models': use glance, summary, pages"));
        assert!("Client".parse::<Audience>().is_ok());
        assert!("boss".parse::<Audience>().is_err());
    }
}
