//! The catalogue of charts: one `ChartId` per chart, its file stem, the section title and alt text the
//! report gives it, and which charts a report or a person's page embeds. It draws nothing.

use super::super::text::escape_md;
use super::super::{ChartOptions, ImageFormat};
use crate::analysis::Analysis;

/// One chart of the report. The file stem of each (`name`) is also its section anchor and its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartId {
    /// Total SSI over time.
    SsiTrend,
    /// The four components stacked to the total over time.
    Components,
    /// This month's change of each component.
    ComponentChange,
    /// Each component against the industry and network averages.
    PeerComparison,
    /// Industry and network rank over time.
    Ranks,
    /// Weekly activity against the weekly targets.
    Activity,
    /// Activity x component correlations.
    LinkageHeatmap,
    /// Each component's expected activity against its weekly change.
    Drivers,
    /// A team's SSI per person, highest first.
    Leaderboard,
    /// A team's largest rises and falls of the month.
    Movers,
    /// The spread of each component across a team.
    Distribution,
    /// Each person's SSI as a dot per group, with the group's median.
    Groups,
    /// Each group's median SSI over time.
    GroupTrend,
}

impl ChartId {
    /// Every chart, in report order.
    pub const ALL: [ChartId; 13] = [
        ChartId::SsiTrend,
        ChartId::Components,
        ChartId::ComponentChange,
        ChartId::PeerComparison,
        ChartId::Ranks,
        ChartId::Activity,
        ChartId::LinkageHeatmap,
        ChartId::Drivers,
        ChartId::Leaderboard,
        ChartId::Movers,
        ChartId::Distribution,
        ChartId::Groups,
        ChartId::GroupTrend,
    ];

    /// The charts drawn for each person of a team, on their own page.
    pub const PERSON_PAGE: [ChartId; 4] = [
        ChartId::SsiTrend,
        ChartId::Components,
        ChartId::PeerComparison,
        ChartId::Activity,
    ];

    /// The file stem, e.g. `ssi_trend`.
    pub fn name(self) -> &'static str {
        match self {
            ChartId::SsiTrend => "ssi_trend",
            ChartId::Components => "components",
            ChartId::ComponentChange => "component_change",
            ChartId::PeerComparison => "peer_comparison",
            ChartId::Ranks => "ranks",
            ChartId::Activity => "activity",
            ChartId::LinkageHeatmap => "linkage_heatmap",
            ChartId::Drivers => "drivers",
            ChartId::Leaderboard => "leaderboard",
            ChartId::Movers => "movers",
            ChartId::Distribution => "distribution",
            ChartId::Groups => "groups",
            ChartId::GroupTrend => "group_trend",
        }
    }

    /// Whether a report of this analysis embeds the chart: peers only when the data holds peer
    /// components (most trackers do not record them), the team charts only for a team.
    pub fn shown_for(self, analysis: &Analysis) -> bool {
        match self {
            ChartId::PeerComparison => {
                if analysis.is_team() {
                    analysis.team.peers.is_some()
                } else {
                    analysis.people.iter().any(|p| p.peers.is_some())
                }
            }
            ChartId::Leaderboard | ChartId::Movers | ChartId::Distribution => analysis.is_team(),
            // One group (a `--each group` report) has nothing to compare.
            ChartId::Groups | ChartId::GroupTrend => analysis
                .groups
                .as_ref()
                .is_some_and(|g| g.only_one().is_none()),
            _ => true,
        }
    }

    /// The report section's title.
    pub fn title(self, analysis: &Analysis) -> String {
        match self {
            ChartId::SsiTrend => "SSI over time",
            ChartId::Components => "Components over time",
            ChartId::ComponentChange => "Change per component this month",
            ChartId::PeerComparison if analysis.is_team() => {
                "The team against industry and network"
            }
            ChartId::PeerComparison => "You against your industry and network",
            ChartId::Ranks => "Industry and network rank",
            ChartId::Activity => "Activity against targets",
            ChartId::LinkageHeatmap => "Which activity went with which component",
            ChartId::Drivers => "Expected drivers",
            ChartId::Leaderboard => "Leaderboard",
            ChartId::Movers => "Movers",
            ChartId::Distribution => "Spread of the components",
            ChartId::Groups => "SSI by group",
            ChartId::GroupTrend => "Groups over time",
        }
        .to_string()
    }

    /// The alt text, for the person or team described by `who`.
    pub fn alt(self, who: &str) -> String {
        match self {
            ChartId::SsiTrend => format!("SSI over time for {who}"),
            ChartId::Components => format!("The four SSI components over time for {who}"),
            ChartId::ComponentChange => {
                format!("This month's change of each SSI component for {who}")
            }
            ChartId::PeerComparison => {
                format!("Each component against the industry and network averages for {who}")
            }
            ChartId::Ranks => format!("Industry and network rank over time for {who}"),
            ChartId::Activity => {
                format!("Weekly activity against the weekly targets for {who}")
            }
            ChartId::LinkageHeatmap => format!(
                "Within-person correlation of each activity with each component's change for {who}"
            ),
            ChartId::Drivers => {
                format!("Each component's expected activity against its weekly change for {who}")
            }
            ChartId::Leaderboard => format!("SSI of each person in the {who}, highest first"),
            ChartId::Movers => format!("Largest SSI rises and falls this month in the {who}"),
            ChartId::Distribution => format!("Spread of each component across the {who}"),
            ChartId::Groups => {
                format!("Each person's SSI by group, with each group's median, in the {who}")
            }
            ChartId::GroupTrend => format!("Each group's median SSI over time in the {who}"),
        }
    }
}

/// A chart as the report embeds it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRef {
    /// Which chart.
    pub id: ChartId,
    /// Section title.
    pub title: String,
    /// Alt text, escaped for markdown.
    pub alt: String,
    /// Relative path of the embedded image.
    pub path: String,
}

/// Who a report is about, as alt texts name it: "team of 3" or the person's name.
fn who(analysis: &Analysis) -> String {
    if analysis.is_team() {
        crate::render::text::team_of(analysis)
    } else {
        analysis
            .people
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }
}

/// The charts a report of this analysis embeds, in report order.
pub fn report_charts(analysis: &Analysis) -> Vec<ChartId> {
    ChartId::ALL
        .into_iter()
        .filter(|id| id.shown_for(analysis))
        .collect()
}

/// The format embedded in pages: PNG, or SVG when only SVG is written.
pub fn embedded_format(options: &ChartOptions) -> ImageFormat {
    if options.formats.contains(&ImageFormat::Png) {
        ImageFormat::Png
    } else {
        ImageFormat::Svg
    }
}

/// The references to `charts`, each at the path `path` gives it.
pub fn chart_refs(
    analysis: &Analysis,
    charts: impl IntoIterator<Item = ChartId>,
    path: impl Fn(ChartId) -> String,
) -> Vec<ChartRef> {
    let who = who(analysis);
    charts
        .into_iter()
        .map(|id| ChartRef {
            id,
            title: id.title(analysis),
            alt: escape_md(&id.alt(&who)),
            path: path(id),
        })
        .collect()
}

/// The chart references for report.md (PNG preferred, SVG when only SVG is written).
pub fn references(analysis: &Analysis, options: &ChartOptions) -> Vec<ChartRef> {
    let ext = embedded_format(options).extension();
    chart_refs(analysis, report_charts(analysis), |id| {
        format!("charts/{}.{ext}", id.name())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_names_are_the_file_stems_in_report_order() {
        let names: Vec<&str> = ChartId::ALL.iter().map(|id| id.name()).collect();
        assert_eq!(
            names,
            [
                "ssi_trend",
                "components",
                "component_change",
                "peer_comparison",
                "ranks",
                "activity",
                "linkage_heatmap",
                "drivers",
                "leaderboard",
                "movers",
                "distribution",
                "groups",
                "group_trend"
            ]
        );
        assert_eq!(
            ChartId::PERSON_PAGE.map(ChartId::name),
            ["ssi_trend", "components", "peer_comparison", "activity"]
        );
    }
}
