//! `groups`: every person's month-end SSI as a dot in their group's row, with the group's median as a bar
//! across the dots, groups from the highest median down; drawn in pixels so that 15 groups with long
//! names stay readable. `group_trend`: each group's median SSI over time, the eight largest groups named
//! in colour and the rest in grey.

use super::legend::Mark;
use super::theme::{self, Palette};
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::groups::NO_GROUP;
use crate::analysis::Analysis;
use crate::model::schema::SsiColumn;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One group's row.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDots {
    /// "Enterprise (7)".
    pub label: String,
    /// Each person's month-end SSI, lowest first.
    pub values: Vec<f64>,
    /// The group's median SSI.
    pub median: f64,
    /// True for the row of people without a group (told by the group's name, not the label, which a
    /// team may share).
    pub no_group: bool,
}

/// What the groups chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupsSpec {
    /// Title and legend.
    pub heading: Heading,
    /// The rows, highest median first: every group, or with more than `MAX_ROWS` the highest and the
    /// lowest `MAX_ROWS / 2`.
    pub rows: Vec<GroupDots>,
    /// Groups left out between the highest and the lowest, when there are more than `MAX_ROWS`.
    pub between: usize,
    /// The row the line about the groups left out is drawn before (`None` when none are left out).
    pub gap_at: Option<usize>,
    /// What a group is called in the gap's line ("team", "region").
    pub singular: String,
    /// The same, for more than one ("teams", "regions").
    pub plural: String,
    /// The SSI range along x.
    pub range: (f64, f64),
    /// Decimals of the median labels (the report's SSI rule).
    pub decimals: usize,
}

/// Most groups drawn as rows: above it a row is too thin to read or to hold its dots, so the chart keeps
/// the highest and the lowest medians and says how many lie between.
pub const MAX_ROWS: usize = 30;

/// The chart's data, or a note without groups.
pub fn spec(a: &Analysis, pal: &Palette) -> Figure<GroupsSpec> {
    let title = format!("SSI by group, {}", a.window.end());
    let Some(g) = &a.groups else {
        return Figure::Note {
            title,
            note: "No input names a group (a Team, Region or Manager column, or a roster).",
        };
    };
    let title = titled(a, g.kind, "each dot a person");
    let mut values_of: std::collections::HashMap<&str, Vec<f64>> = std::collections::HashMap::new();
    for (p, group) in a.people.iter().zip(&g.of_person) {
        let values = values_of.entry(group.as_str()).or_default();
        values.extend(p.month_end.get(SsiColumn::Ssi));
    }
    let mut rows: Vec<GroupDots> = g
        .rows
        .iter()
        .filter_map(|r| {
            let mut values = values_of.get(r.name.as_str()).cloned().unwrap_or_default();
            values.sort_by(f64::total_cmp);
            Some(GroupDots {
                label: if r.name == NO_GROUP {
                    format!("No group ({})", values.len())
                } else {
                    format!("{} ({})", r.name, values.len())
                },
                median: r.median_ssi?,
                values,
                no_group: r.name == NO_GROUP,
            })
        })
        .collect();
    // Highest median first; "(no group)" last among equals.
    rows.sort_by(|x, y| {
        y.median
            .total_cmp(&x.median)
            .then_with(|| x.no_group.cmp(&y.no_group))
    });
    let all = rows.iter().flat_map(|r| r.values.iter().copied());
    let (low, high) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    if rows.is_empty() || !low.is_finite() {
        return Figure::Note {
            title,
            note: "No group has a month-end SSI.",
        };
    }
    let range = (
        ((low - 3.0) / 5.0).floor().max(0.0) * 5.0,
        ((high + 3.0) / 5.0).ceil().min(20.0) * 5.0,
    );
    let (rows, between, gap_at) = keep_ends(rows, |r| r.no_group);
    Figure::Plot(GroupsSpec {
        heading: Heading {
            title,
            legend: vec![
                ("A person".to_string(), Mark::Swatch(pal.ssi_line)),
                ("Group median".to_string(), Mark::Line(pal.ink)),
            ],
        },
        rows,
        between,
        gap_at,
        singular: crate::model::schema::group_label(g.kind),
        plural: plural_label(g.kind),
        range,
        decimals: a.ssi_decimals,
    })
}

/// The rows drawn, how many groups are left out between them and the row the gap's line stands before:
/// every row, or with more than `MAX_ROWS` groups the `MAX_ROWS / 2` highest and lowest medians. People
/// without a group stay in view and are not a group left out: their row keeps its place among the
/// highest or the lowest, or, when it falls among the groups left out, is drawn just after the gap's
/// line (its median lies between the two ends).
/// `is_no_group` tells the row of people without a group (report.xlsx's groups chart keeps its rows by
/// the same rule).
pub fn keep_ends<T>(
    mut rows: Vec<T>,
    is_no_group: impl Fn(&T) -> bool,
) -> (Vec<T>, usize, Option<usize>) {
    let half = MAX_ROWS / 2;
    let no_group = rows.iter().position(is_no_group);
    let groups = rows.len() - usize::from(no_group.is_some());
    let between = groups.saturating_sub(MAX_ROWS);
    if between == 0 {
        return (rows, 0, None);
    }
    // `at` is also the number of groups above the row without a group.
    let aside = no_group.map(|at| (at, rows.remove(at)));
    rows.drain(half..half + between);
    let gap_at = match aside {
        Some((at, row)) => {
            let place = if at <= half {
                at
            } else if at >= groups - half {
                at - between
            } else {
                half
            };
            rows.insert(place, row);
            if at <= half {
                half + 1
            } else {
                half
            }
        }
        None => half,
    };
    (rows, between, Some(gap_at))
}

/// "170 more teams between these, each in `table`".
pub fn between_line(between: usize, singular: &str, plural: &str, table: &str) -> String {
    format!(
        "{} between these, each in {table}",
        crate::render::text::plural(
            between,
            &format!("more {singular}"),
            &format!("more {plural}")
        )
    )
}

/// A group's kind in the plural ("teams", "regions", "territories").
pub fn plural_label(kind: &str) -> String {
    let label = crate::model::schema::group_label(kind);
    match label.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{label}s"),
    }
}

impl GroupsSpec {
    /// The line in place of the groups left out: "170 more teams between these, ...".
    fn between_line(&self) -> String {
        between_line(
            self.between,
            &self.singular,
            &self.plural,
            "the report's group table",
        )
    }
}

impl ChartSpec for GroupsSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let (scale, pal) = (c.scale, &c.pal);
        let (w, h) = plot.dim_in_pixel();
        let margin = scale.margin as i32;
        let caption_h = (scale.label * 2.2) as i32;
        // The groups left out take one row of their own, between the highest and the lowest.
        let gap = self.gap_at;
        let rows = (self.rows.len() + usize::from(gap.is_some())).max(1) as i32;
        let row_h =
            ((h as i32 - caption_h - margin * 2) / rows).clamp(6, (scale.label * 7.0) as i32);
        let top = margin + ((h as i32 - caption_h - margin * 2) - row_h * rows).max(0) / 2;
        let font_px = scale.tick.min(f64::from(row_h) * 0.7).max(7.0);
        let name_w = (w / 3).min(
            self.rows
                .iter()
                .map(|r| theme::text_width(&plot, &r.label, font_px, FontStyle::Normal))
                .max()
                .unwrap_or(0),
        ) as i32;
        let note_w = (font_px * 4.0) as i32;
        let x0 = margin + name_w + margin;
        let x1 = (w as i32 - margin - note_w).max(x0 + 20);
        let (low, high) = self.range;
        let px =
            |v: f64| x0 + ((v - low) / (high - low).max(1e-9) * f64::from(x1 - x0)).round() as i32;
        let bottom = top + row_h * rows;
        // Grid lines at the ticks, behind the dots.
        let tick_values = super::ticks::ticks(low..high, 6);
        for t in &tick_values {
            plot.draw(&PathElement::new(
                vec![(px(*t), top), (px(*t), bottom)],
                pal.grid.stroke_width(1),
            ))?;
        }
        let radius = (f64::from(row_h) * 0.12).clamp(2.0, scale.tick * 0.5) as i32;
        let dot = pal.ssi_line.mix(0.8).filled();
        let label_font = FontDesc::new(FontFamily::Name(theme::FONT), font_px, FontStyle::Normal);
        if let Some(at) = gap {
            let y = top + row_h * at as i32 + row_h / 2;
            theme::draw_runs(
                &plot,
                &self.between_line(),
                font_px,
                FontStyle::Normal,
                &pal.muted,
                HPos::Center,
                VPos::Center,
                ((x0 + x1) / 2, y),
            )?;
        }
        for (i, r) in self.rows.iter().enumerate() {
            let row = i + usize::from(gap.is_some_and(|at| i >= at));
            let y = top + row_h * row as i32 + row_h / 2;
            theme::draw_runs(
                &plot,
                &r.label,
                font_px,
                FontStyle::Normal,
                &pal.ink,
                HPos::Right,
                VPos::Center,
                (x0 - margin, y),
            )?;
            // People with the same SSI stack up and down the row, so each one shows.
            let mut previous: Option<(f64, i32)> = None;
            for v in &r.values {
                let k = match previous {
                    Some((pv, k)) if (pv - v).abs() < 1e-9 => k + 1,
                    _ => 0,
                };
                previous = Some((*v, k));
                let step = radius * 2 + 1;
                let offset = if k % 2 == 0 {
                    k / 2 * step
                } else {
                    -(k / 2 + 1) * step
                };
                let dy = offset.clamp(-row_h / 2 + radius, row_h / 2 - radius);
                plot.draw(&Circle::new((px(*v), y + dy), radius, dot))?;
            }
            let m = px(r.median);
            plot.draw(&PathElement::new(
                vec![(m, y - row_h * 2 / 5), (m, y + row_h * 2 / 5)],
                pal.ink.stroke_width(scale.line * 3),
            ))?;
            plot.draw_text(
                &crate::analysis::words::ssi(r.median, self.decimals),
                &label_font
                    .clone()
                    .color(&pal.ink)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
                (x1 + margin / 2, y),
            )?;
        }
        let format = super::ticks::formatter(low..high, 6, false);
        let ticks: Vec<(i32, String)> = tick_values.iter().map(|t| (px(*t), format(t))).collect();
        draw_axis(&plot, c, &ticks, (x0, x1), bottom)
    }
}

/// The SSI axis under the rows: its line from `x0` to `x1` at `bottom`, the tick labels (x, text) and
/// its caption.
fn draw_axis<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    c: &Canvas,
    ticks: &[(i32, String)],
    (x0, x1): (i32, i32),
    bottom: i32,
) -> DrawResult {
    let (scale, pal) = (c.scale, &c.pal);
    plot.draw(&PathElement::new(
        vec![(x0, bottom), (x1, bottom)],
        pal.muted.stroke_width(1),
    ))?;
    let tick_font = theme::font(scale.tick, &pal.ink);
    for (x, label) in ticks {
        plot.draw_text(
            label,
            &tick_font.clone().pos(Pos::new(HPos::Center, VPos::Top)),
            (*x, bottom + 4),
        )?;
    }
    plot.draw_text(
        "SSI at month end (out of 100); the bar is the group's median",
        &theme::font(scale.label, &pal.ink).pos(Pos::new(HPos::Center, VPos::Top)),
        ((x0 + x1) / 2, bottom + (scale.tick * 1.6) as i32),
    )?;
    Ok(())
}

/// The median of the values, computed here: chart drawing runs on the render pool's threads, where a
/// polars call could start another chart on the same thread and its reused pixel buffer.
fn plain_median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// A group's median SSI per week (per month for a team logging monthly): in each, every member's
/// latest SSI up to its end, if no older than `CARRY_DAYS`, so people who log every other week still
/// count in the weeks between.
fn median_points(a: &Analysis, members: &[&crate::analysis::PersonSeries]) -> Vec<(f64, f64)> {
    let monthly = a.team_cadence == crate::analysis::Cadence::Monthly;
    let bucket = |d: chrono::NaiveDate| -> chrono::NaiveDate {
        use chrono::Datelike;
        if monthly {
            d.with_day(1).unwrap_or(d)
        } else {
            d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
        }
    };
    let bucket_end = |b: chrono::NaiveDate| -> chrono::NaiveDate {
        if monthly {
            crate::model::Month::of(b).last_day()
        } else {
            b + chrono::Duration::days(6)
        }
    };
    let buckets: std::collections::BTreeSet<chrono::NaiveDate> = members
        .iter()
        .flat_map(|s| s.points.iter().map(|p| bucket(p.date)))
        .collect();
    // Per week (or month), each member's latest SSI up to its end, if no older than five weeks:
    // people who log every other week still count in the weeks between.
    let points: Vec<(f64, f64)> = buckets
        .into_iter()
        .filter_map(|b| {
            let end = bucket_end(b);
            let values: Vec<Option<f64>> = members
                .iter()
                .map(|s| {
                    s.points
                        .iter()
                        .rev()
                        .find(|p| p.date <= end)
                        .filter(|p| (end - p.date).num_days() <= CARRY_DAYS)
                        .and_then(|p| p.get(SsiColumn::Ssi))
                })
                .collect();
            Some((
                super::axis::x(b),
                plain_median(values.into_iter().flatten().collect())?,
            ))
        })
        .collect();
    points
}

/// Each group's people's series (in the series' order), gathered in one pass: at 10,000 groups a pass
/// per group over every person would not finish.
fn series_by_group<'a>(
    a: &'a Analysis,
    of_person: &'a [String],
) -> std::collections::HashMap<&'a str, Vec<&'a crate::analysis::PersonSeries>> {
    // A name's first place among the people, as a search from the front finds it.
    let index: std::collections::HashMap<&str, usize> = a
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .rev()
        .collect();
    let mut members_of: std::collections::HashMap<&str, Vec<&crate::analysis::PersonSeries>> =
        std::collections::HashMap::new();
    for s in &a.series {
        if let Some(i) = index.get(s.name.as_str()) {
            members_of
                .entry(of_person[*i].as_str())
                .or_default()
                .push(s);
        }
    }
    members_of
}

/// How long a person's latest SSI still counts in the group's median of a later week.
const CARRY_DAYS: i64 = 35;

/// The groups chart's title: "SSI by team, end of October 2026: each dot a person" (`shows` what each
/// row shows).
pub fn titled(a: &Analysis, kind: &str, shows: &str) -> String {
    format!(
        "SSI by {}, {}: {shows}",
        crate::model::schema::group_label(kind),
        a.window.end()
    )
}

/// How many groups the trend chart names in colour.
pub const NAMED_LINES: usize = 8;

/// Colours of the named group lines.
const LINE_COLOURS: [RGBColor; NAMED_LINES] = theme::SERIES;

/// One group's median SSI over time.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupLine {
    /// The group.
    pub name: String,
    /// (day, median SSI) per week or month.
    pub points: Vec<(f64, f64)>,
    /// Its colour (grey beyond the named ones).
    pub colour: RGBColor,
    /// True for the lines named in the legend.
    pub named: bool,
}

/// What the group trend chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTrendSpec {
    /// Title and legend.
    pub heading: Heading,
    /// Grey lines first, named ones on top.
    pub lines: Vec<GroupLine>,
    /// The dates along x.
    pub x: super::axis::DateAxis,
    /// The SSI range along y.
    pub y: std::ops::Range<f64>,
}

/// The median SSI of each group per week (or per month for a team logging monthly), each person counted
/// in the group they are in at the month's end; the largest groups named, by people then name.
pub fn trend_spec(a: &Analysis, pal: &Palette) -> Figure<GroupTrendSpec> {
    let to = if a.window.in_progress() {
        a.window.last_day_phrase()
    } else {
        format!("the {}", a.window.end())
    };
    let title = format!("Median SSI by group over time, to {to}");
    let Some(g) = &a.groups else {
        return Figure::Note {
            title,
            note: "No input names a group (a Team, Region or Manager column, or a roster).",
        };
    };
    let title = format!(
        "Median SSI by {} over time, to {to}",
        crate::model::schema::group_label(g.kind)
    );
    let mut order: Vec<&crate::analysis::groups::GroupRow> = g.rows.iter().collect();
    order.sort_by(|x, y| {
        y.people
            .cmp(&x.people)
            .then_with(|| crate::model::collate::names(&x.name, &y.name))
    });
    let mut lines: Vec<GroupLine> = Vec::new();
    let mut first: Option<f64> = None;
    let mut last: Option<f64> = None;
    // "(no group)" is no group: people outside every group are not drawn as one.
    order.retain(|r| r.name != NO_GROUP);
    let members_of = series_by_group(a, &g.of_person);
    for (rank, r) in order.iter().enumerate() {
        let points = members_of
            .get(r.name.as_str())
            .map_or_else(Vec::new, |members| median_points(a, members));
        if points.is_empty() {
            continue;
        }
        let (from, to) = (points[0].0, points[points.len() - 1].0);
        first = Some(first.map_or(from, |f: f64| f.min(from)));
        last = Some(last.map_or(to, |l: f64| l.max(to)));
        let named = rank < NAMED_LINES;
        lines.push(GroupLine {
            name: r.name.clone(),
            points,
            colour: if named {
                LINE_COLOURS[rank]
            } else {
                pal.person_line
            },
            named,
        });
    }
    let (Some(first), Some(last)) = (first, last) else {
        return Figure::Note {
            title,
            note: "No group has SSI snapshots.",
        };
    };
    let day =
        |v: f64| crate::model::dataset::from_epoch_days(v as i32).unwrap_or(a.month.last_day());
    let values = lines.iter().flat_map(|l| l.points.iter().map(|p| p.1));
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    let y = (((low - 3.0) / 5.0).floor() * 5.0).max(0.0)
        ..(((high + 3.0) / 5.0).ceil() * 5.0).min(100.0);
    let mut legend: Vec<(String, Mark)> = lines
        .iter()
        .filter(|l| l.named)
        .map(|l| (l.name.clone(), Mark::Line(l.colour)))
        .collect();
    let grey = lines.iter().filter(|l| !l.named).count();
    if grey > 0 {
        legend.push((format!("{grey} more (grey)"), Mark::Line(pal.person_line)));
    }
    // Grey lines underneath.
    lines.sort_by_key(|l| l.named);
    Figure::Plot(GroupTrendSpec {
        heading: Heading { title, legend },
        lines,
        x: super::axis::DateAxis::new(day(first), day(last).max(a.month.last_day())),
        y,
    })
}

impl ChartSpec for GroupTrendSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let (scale, pal) = (&c.scale, &c.pal);
        let mut chart = super::house_chart(&plot, scale, 4.0, self.x.clone(), self.y.clone())?;
        let y_format = super::ticks::formatter(self.y.clone(), 8, false);
        theme::house_mesh(chart.configure_mesh().disable_x_mesh(), pal)
            .y_labels(8)
            .y_label_formatter(&y_format)
            .label_style(theme::font(scale.tick, &pal.ink))
            .y_desc("Median SSI (out of 100)")
            .axis_desc_style(theme::font(scale.label, &pal.ink))
            .draw()?;
        for line in &self.lines {
            let width = if line.named {
                scale.line * 2
            } else {
                scale.line
            };
            chart.draw_series(LineSeries::new(
                line.points.iter().copied(),
                line.colour.stroke_width(width),
            ))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{day, light, team};

    /// The fixture team of six (month-end SSI 43, 53, ..., 93, a point a week from 40 + 10i on 6
    /// October) in three teams: A = Ava and Dee, B = Ben and Eli, C = Cy and Fay.
    fn grouped() -> Analysis {
        let mut a = team(6);
        let memberships: Vec<crate::model::records::Membership> = a
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| crate::model::records::Membership {
                person: p.name.clone(),
                date: Some(day("2025-10-27")),
                kind: "team",
                group: ["A", "B", "C"][i % 3].to_string(),
                origin: crate::model::records::RowOrigin { source: 0, row: 1 },
            })
            .collect();
        let checks: Vec<&[crate::analysis::alerts::TargetCheck]> =
            a.outlook.iter().map(|o| o.targets.as_slice()).collect();
        let alerts: Vec<&[crate::analysis::alerts::Alert]> =
            a.outlook.iter().map(|o| o.alerts.as_slice()).collect();
        let groups = crate::analysis::groups::groups(
            &a.people,
            &checks,
            &alerts,
            &memberships,
            None,
            a.month.last_day(),
            None,
        )
        .unwrap();
        a.groups = groups;
        a
    }

    #[test]
    fn groups_run_from_the_highest_median_with_every_persons_dot() {
        let pal = light();
        let s = spec(&grouped(), &pal).plot().expect("a chart");
        // Medians: A (43 + 73) / 2 = 58, B (53 + 83) / 2 = 68, C (63 + 93) / 2 = 78.
        let rows: Vec<(&str, f64, &[f64])> = s
            .rows
            .iter()
            .map(|r| (r.label.as_str(), r.median, r.values.as_slice()))
            .collect();
        assert_eq!(
            rows,
            [
                ("C (2)", 78.0, &[63.0, 93.0][..]),
                ("B (2)", 68.0, &[53.0, 83.0][..]),
                ("A (2)", 58.0, &[43.0, 73.0][..]),
            ]
        );
        assert_eq!(s.range, (40.0, 100.0));
        assert_eq!(
            s.heading.title,
            "SSI by team, end of October 2025: each dot a person"
        );
    }

    /// Forty groups: the chart draws the 15 highest and the 15 lowest medians and says how many lie
    /// between, in the SVG's text.
    #[test]
    fn many_groups_keep_the_highest_and_lowest_and_count_the_rest() {
        let mut a = grouped();
        let template = a.groups.as_ref().unwrap().rows[0].clone();
        let g = a.groups.as_mut().unwrap();
        g.rows = (0..40)
            .map(|i| crate::analysis::groups::GroupRow {
                name: format!("G{i:02}"),
                median_ssi: Some(40.0 + f64::from(i)),
                median_change: Some(f64::from(i)),
                ..template.clone()
            })
            .collect();
        // The six people in the lowest six groups, so those rows have dots.
        g.of_person = (0..6).map(|i| format!("G{i:02}")).collect();
        let s = spec(&a, &light()).plot().expect("a chart");
        let medians: Vec<f64> = s.rows.iter().map(|r| r.median).collect();
        let expected: Vec<f64> = (25..40)
            .rev()
            .chain((0..15).rev())
            .map(|i| 40.0 + f64::from(i))
            .collect();
        assert_eq!(medians, expected);
        assert_eq!((s.between, s.plural.as_str()), (10, "teams"));
        let svg_of = |a: &Analysis| {
            let bytes = crate::render::charts::render_chart(
                crate::render::charts::ChartId::Groups,
                a,
                crate::render::ImageFormat::Svg,
                &crate::render::ChartOptions::default(),
            )
            .unwrap();
            String::from_utf8(bytes).unwrap()
        };
        let svg = svg_of(&a);
        assert!(svg.contains("10 more teams between these"), "{svg}");
        // One group over the limit: one left out, and said in the singular.
        a.groups.as_mut().unwrap().rows.truncate(31);
        assert!(svg_of(&a).contains("1 more team between these"));
        // Three groups: all drawn, nothing between.
        assert_eq!(spec(&grouped(), &light()).plot().unwrap().between, 0);
        // A team named like the row without a group is a team: left out with the middle groups, while
        // the people without a group (a median among the middle ones too) stay in view after the line.
        let g = a.groups.as_mut().unwrap();
        g.rows = (0..40)
            .map(|i| crate::analysis::groups::GroupRow {
                name: format!("G{i:02}"),
                median_ssi: Some(40.0 + f64::from(i)),
                ..template.clone()
            })
            .collect();
        g.rows[20].name = "No group (legacy)".to_string();
        g.rows.push(crate::analysis::groups::GroupRow {
            name: NO_GROUP.to_string(),
            median_ssi: Some(59.5),
            ..g.rows[0].clone()
        });
        let s = spec(&a, &light()).plot().expect("a chart");
        let labels: Vec<&str> = s.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!((s.between, s.gap_at, labels.len()), (10, Some(15), 31));
        assert_eq!(labels[15], "No group (0)");
        assert!(!labels.iter().any(|l| l.starts_with("No group (legacy)")));
    }

    /// People without a group stay on the chart when their median falls among the groups left out,
    /// just after the gap's line, and are not counted among those groups; at either end they keep
    /// their place.
    #[test]
    fn the_row_without_a_group_is_never_left_out() {
        let dots = |label: &str, median: f64| GroupDots {
            label: label.to_string(),
            median,
            values: vec![median],
            no_group: label.starts_with("No group ("),
        };
        let no_group = |r: &GroupDots| r.no_group;
        let with_no_group_at = |median: f64| {
            let mut rows: Vec<GroupDots> = (0..40)
                .map(|i| dots(&format!("G{i:02} (1)"), 80.0 - f64::from(i)))
                .collect();
            let at = rows.iter().position(|r| r.median < median).unwrap_or(40);
            rows.insert(at, dots("No group (3)", median));
            keep_ends(rows, no_group)
        };
        let labels =
            |rows: &[GroupDots]| -> Vec<String> { rows.iter().map(|r| r.label.clone()).collect() };
        // In the middle (G20 and below are lower): after the 15 highest and the gap, before the 15
        // lowest; 10 groups left out.
        let (rows, between, gap_at) = with_no_group_at(60.5);
        let l = labels(&rows);
        assert_eq!((between, rows.len(), gap_at), (10, 31, Some(15)));
        assert_eq!(
            [&l[14], &l[15], &l[16], &l[30]],
            ["G14 (1)", "No group (3)", "G25 (1)", "G39 (1)"]
        );
        // Among the highest: in its place, the gap after the 15 highest groups.
        let (rows, between, gap_at) = with_no_group_at(78.5);
        let l = labels(&rows);
        assert_eq!((between, rows.len(), gap_at), (10, 31, Some(16)));
        assert_eq!(
            [&l[2], &l[15], &l[16]],
            ["No group (3)", "G14 (1)", "G25 (1)"]
        );
        // Among the lowest: in its place, 10 groups left out still.
        let (rows, between, gap_at) = with_no_group_at(42.5);
        let l = labels(&rows);
        assert_eq!((between, rows.len(), gap_at), (10, 31, Some(15)));
        assert_eq!(
            [&l[15], &l[27], &l[28]],
            ["G25 (1)", "G37 (1)", "No group (3)"]
        );
        // Thirty groups and no group: nothing left out.
        let mut thirty: Vec<GroupDots> = (0..30).map(|i| dots("G (1)", f64::from(i))).collect();
        thirty.push(dots("No group (3)", 10.0));
        assert_eq!(keep_ends(thirty, no_group).1, 0);
        // Forty groups and none without: the gap after the 15 highest.
        let forty: Vec<GroupDots> = (0..40).map(|i| dots("G (1)", f64::from(40 - i))).collect();
        assert_eq!(keep_ends(forty, no_group).2, Some(15));
    }

    #[test]
    fn the_trend_has_a_median_per_week_and_names_each_group() {
        let pal = light();
        let s = trend_spec(&grouped(), &pal).plot().expect("a chart");
        let named: Vec<&str> = s.lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(named, ["A", "B", "C"]);
        assert!(s.lines.iter().all(|l| l.named));
        // A on its four Mondays: (40 + 70) / 2 = 55, then 56, 57, 58.
        let a: Vec<f64> = s.lines[0].points.iter().map(|p| p.1).collect();
        assert_eq!(a, [55.0, 56.0, 57.0, 58.0]);
        assert_eq!(s.heading.legend.len(), 3);
        let no_groups = team(3);
        assert!(trend_spec(&no_groups, &pal).plot().is_none());
    }
}
