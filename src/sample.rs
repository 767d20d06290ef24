//! Deterministic sample data: simulates people whose activity drifts week to week and whose SSI components
//! respond to their driver activity (posts -> brand, connection requests -> people, comments -> insights,
//! messages -> relationships) with noise, and writes the workbooks and CSV people keep. Returns files as
//! bytes; writing them is `output`'s job.

use crate::render::Artifact;
use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook, XlsxError,
};

/// The default seed for `ssi-pulse sample`.
pub const DEFAULT_SEED: u64 = 7;

/// The Monday the committed samples end on (fixed, so the samples never depend on today's date).
pub fn sample_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 26).unwrap_or(NaiveDate::MIN)
}

/// The team in the team export (names exercise non-ASCII rendering).
const TEAM: [&str; 12] = [
    "Priya Raman",
    "Łukasz Wiśniewski",
    "Zoë Adams",
    "Marcus O'Neil",
    "María José García",
    "Chen Wei",
    "Fatima Al-Sayed",
    "Jonas Berg",
    "Aisha Okafor",
    "Tomás Ferreira",
    "Hannah Schmidt",
    "Kenji Tanaka",
];

/// The sample team's two sales teams; Marcus O'Neil (index 3) moves from Mid-Market to Enterprise at
/// his 41st weekly snapshot, so the report has a move to note.
fn sample_team_of(i: usize, week: usize) -> &'static str {
    match (i, week) {
        (3, 40..) => "Enterprise",
        _ if i.is_multiple_of(2) => "Enterprise",
        _ => "Mid-Market",
    }
}

/// Team names of a generated team.
const TEAM_NAMES: [&str; 8] = [
    "Enterprise",
    "Mid-Market",
    "SMB",
    "Strategic",
    "Public Sector",
    "Partners",
    "Healthcare",
    "Financial Services",
];

/// The team of person `i` in a generated team of `people`: about ten people a team.
pub fn team_of(i: usize, people: usize) -> String {
    let teams = people.div_ceil(10).max(1);
    let j = i % teams;
    TEAM_NAMES
        .get(j)
        .map_or_else(|| format!("Team {}", j + 1), |t| t.to_string())
}

/// One simulated week: activity during the week before `date` and the snapshot taken on `date`.
#[derive(Debug, Clone)]
pub struct Week {
    /// The snapshot date (a Monday); activity covers the seven days before it.
    pub date: NaiveDate,
    /// posts, comments, reactions, connection requests sent, connections accepted, messages sent,
    /// replies received, profile views, searches.
    pub activity: [u32; 9],
    /// brand, people, insights, relationships (two decimals).
    pub components: [f64; 4],
    /// Rounded sum of the components.
    pub ssi: f64,
    /// Industry rank, top percent.
    pub industry_rank: f64,
    /// Network rank, top percent.
    pub network_rank: f64,
    /// Industry average SSI.
    pub industry_avg: f64,
    /// Network average SSI.
    pub network_avg: f64,
}

pub(crate) fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

pub(crate) fn poisson(rng: &mut ChaCha8Rng, lambda: f64) -> u32 {
    if lambda > 30.0 {
        return (lambda + lambda.sqrt() * normal(rng)).round().max(0.0) as u32;
    }
    let limit = (-lambda).exp();
    let mut k = 0u32;
    let mut p = 1.0;
    loop {
        p *= rng.random::<f64>();
        if p <= limit {
            return k;
        }
        k += 1;
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Simulates one person's weekly snapshots ending on `end`.
pub fn simulate_person(seed: u64, weeks: usize, end: NaiveDate) -> Vec<Week> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Typical weekly rates: posts, comments, reactions, requests, (accepted), messages, (replies), views, searches.
    let base = [
        0.4 + 2.6 * rng.random::<f64>(),
        1.0 + 10.0 * rng.random::<f64>(),
        5.0 + 35.0 * rng.random::<f64>(),
        4.0 + 30.0 * rng.random::<f64>(),
        0.0,
        2.0 + 20.0 * rng.random::<f64>(),
        0.0,
        20.0 + 100.0 * rng.random::<f64>(),
        4.0 + 30.0 * rng.random::<f64>(),
    ];
    let talent: [f64; 4] = [0, 1, 2, 3].map(|_| -0.4 + 1.0 * rng.random::<f64>());
    let mut log_drift = [0.0f64; 9];
    let mut ema = [base[0], base[3], base[1], base[5]];
    let start_offset = 0.25 * normal(&mut rng);
    let mut components = [
        12.0 + 3.0 * start_offset,
        11.0 + 3.0 * normal(&mut rng).abs(),
        9.0 + 3.0 * normal(&mut rng).abs(),
        12.0 + 3.0 * normal(&mut rng).abs(),
    ];
    let mut industry_avg = 24.0 + 4.0 * rng.random::<f64>();
    let mut network_avg = 29.0 + 6.0 * rng.random::<f64>();
    let first = end - Duration::weeks(weeks as i64 - 1);
    let mut out = Vec::with_capacity(weeks);
    for w in 0..weeks {
        let date = first + Duration::weeks(w as i64);
        for d in log_drift.iter_mut() {
            *d = 0.9 * *d + 0.12 * normal(&mut rng);
        }
        // A quieter stretch around the summer holidays.
        let season = if matches!(date.month(), 7 | 8) {
            0.75
        } else {
            1.0
        };
        let rate = |i: usize| base[i] * log_drift[i].exp() * season;
        let mut activity = [0u32; 9];
        for i in [0, 1, 2, 3, 5, 7, 8] {
            activity[i] = poisson(&mut rng, rate(i));
        }
        activity[4] = poisson(&mut rng, 0.45 * activity[3] as f64);
        activity[6] = poisson(&mut rng, 0.5 * activity[5] as f64);
        let drivers = [activity[0], activity[3], activity[1], activity[5]];
        for k in 0..4 {
            ema[k] = 0.7 * ema[k] + 0.3 * drivers[k] as f64;
        }
        let targets = [
            25.0 * sigmoid(-0.9 + talent[0] + 1.3 * (1.0 + ema[0]).ln()),
            25.0 * sigmoid(-1.6 + talent[1] + 0.75 * (1.0 + ema[1]).ln()),
            25.0 * sigmoid(-1.1 + talent[2] + 0.95 * (1.0 + ema[2]).ln()),
            25.0 * sigmoid(-1.3 + talent[3] + 0.8 * (1.0 + ema[3]).ln()),
        ];
        for k in 0..4 {
            let step = 0.18 * (targets[k] - components[k]) + 0.3 * normal(&mut rng);
            components[k] = (components[k] + step).clamp(0.0, 25.0);
        }
        let rounded = components.map(round2);
        let ssi = rounded.iter().sum::<f64>().round();
        industry_avg = (industry_avg + 0.05 * normal(&mut rng)).clamp(15.0, 40.0);
        network_avg = (network_avg + 0.08 * normal(&mut rng)).clamp(15.0, 50.0);
        let industry_rank = (100.0 / (1.0 + ((ssi - 38.0) / 7.0).exp()))
            .round()
            .max(1.0);
        let network_rank = (100.0 / (1.0 + ((ssi - 44.0) / 8.0).exp()))
            .round()
            .max(1.0);
        out.push(Week {
            date,
            activity,
            components: rounded,
            ssi,
            industry_rank,
            network_rank,
            industry_avg: round2(industry_avg),
            network_avg: round2(network_avg),
        });
    }
    out
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_author("ssi-pulse sample")
        .set_creation_datetime(&excel_date(sample_end())?);
    wb.set_properties(&props);
    Ok(wb)
}

/// The one-person tracker: a title row above the header, ranks as "Top N%" text, an "Average" row under
/// the data, a weekly activity sheet and a notes sheet.
fn tracker_workbook(weeks: &[Week], name: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook()?;
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Left);
    let bold = Format::new().set_bold();
    let ssi = wb.add_worksheet().set_name("SSI history")?;
    ssi.merge_range(
        0,
        0,
        0,
        9,
        &format!("LinkedIn SSI tracker - {name}"),
        &title,
    )?;
    let headers = [
        "Date",
        "Total SSI",
        "Establish your professional brand",
        "Find the right people",
        "Engage with insights",
        "Build relationships",
        "Industry SSI rank",
        "Network SSI rank",
        "Industry average",
        "Network average",
    ];
    for (c, h) in headers.iter().enumerate() {
        ssi.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    ssi.set_column_width(0, 12)?;
    for c in 1..10u16 {
        ssi.set_column_width(c, 16)?;
    }
    for (i, w) in weeks.iter().enumerate() {
        let r = 3 + i as u32;
        ssi.write_datetime_with_format(r, 0, excel_date(w.date)?, &date_fmt)?;
        ssi.write_number(r, 1, w.ssi)?;
        for k in 0..4 {
            ssi.write_number(r, 2 + k as u16, w.components[k])?;
        }
        ssi.write_string(r, 6, format!("Top {}%", w.industry_rank))?;
        ssi.write_string(r, 7, format!("Top {}%", w.network_rank))?;
        ssi.write_number(r, 8, w.industry_avg)?;
        ssi.write_number(r, 9, w.network_avg)?;
    }
    let avg_row = 3 + weeks.len() as u32;
    let last = avg_row; // 1-based row of the last data row equals the 0-based average row
    ssi.write_string_with_format(avg_row, 0, "Average", &bold)?;
    let mean = weeks.iter().map(|w| w.ssi).sum::<f64>() / weeks.len().max(1) as f64;
    ssi.write_formula(
        avg_row,
        1,
        Formula::new(format!("=AVERAGE(B4:B{last})")).set_result(format!("{mean:.2}")),
    )?;

    let act = wb.add_worksheet().set_name("Weekly activity")?;
    let headers: Vec<&str> = [&["Week starting"][..], &ACTIVITY_HEADERS, &["Notes"]].concat();
    for (c, h) in headers.iter().enumerate() {
        act.write_string_with_format(0, c as u16, *h, &bold)?;
        act.set_column_width(c as u16, 14)?;
    }
    for (i, w) in weeks.iter().enumerate() {
        let r = 1 + i as u32;
        act.write_datetime_with_format(r, 0, excel_date(w.date - Duration::weeks(1))?, &date_fmt)?;
        for (k, v) in w.activity.iter().enumerate() {
            act.write_number(r, 1 + k as u16, *v as f64)?;
        }
        if w.activity[0] >= 4 {
            act.write_string(r, 10, "big posting week")?;
        }
    }
    let notes = wb.add_worksheet().set_name("Notes")?;
    notes.write_string(
        0,
        0,
        "Copy the SSI from linkedin.com/sales/ssi every Monday.",
    )?;
    notes.write_string(
        1,
        0,
        "Activity is counted for the week before each snapshot.",
    )?;
    wb.save_to_buffer()
}

/// The team export: a title row, one row per person per week, ranks as fractions shown as percentages,
/// activity in the same rows.
fn team_workbook(team: &[(&str, Vec<Week>)]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook()?;
    let date_fmt = Format::new().set_num_format("dd mmm yyyy");
    let pct = Format::new().set_num_format("0%");
    let bold = Format::new().set_bold();
    let sheet = wb.add_worksheet().set_name("Team SSI")?;
    sheet.write_string_with_format(0, 0, "Sales team - weekly SSI export", &bold)?;
    let headers = [
        "Name",
        "Team",
        "Date",
        "SSI",
        "Brand",
        "People",
        "Insights",
        "Relationships",
        "Industry rank",
        "Network rank",
        "Posts",
        "Comments",
        "Connection requests",
        "Messages",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &bold)?;
        sheet.set_column_width(c as u16, if c == 0 { 22 } else { 12 })?;
    }
    let mut r = 2u32;
    for (i, (name, weeks)) in team.iter().enumerate() {
        for (week, w) in weeks.iter().enumerate() {
            sheet.write_string(r, 0, *name)?;
            sheet.write_string(r, 1, sample_team_of(i, week))?;
            sheet.write_datetime_with_format(r, 2, excel_date(w.date)?, &date_fmt)?;
            sheet.write_number(r, 3, w.ssi)?;
            for k in 0..4 {
                sheet.write_number(r, 4 + k as u16, w.components[k])?;
            }
            sheet.write_number_with_format(r, 8, w.industry_rank / 100.0, &pct)?;
            sheet.write_number_with_format(r, 9, w.network_rank / 100.0, &pct)?;
            for (c, k) in [(10u16, 0usize), (11, 1), (12, 3), (13, 5)] {
                sheet.write_number(r, c, w.activity[k] as f64)?;
            }
            r += 1;
        }
    }
    wb.save_to_buffer()
}

/// A CSV kept by hand: snapshots every two weeks, activity summed over the two weeks before each, and one
/// mistyped value (a letter O for a zero) that the report must list as rejected.
fn tracker_csv(weeks: &[Week]) -> Vec<u8> {
    let mut out = String::from(
        "date,ssi,brand,people,insights,relationships,industry_rank,network_rank,posts,comments,connection_requests_sent,messages_sent\n",
    );
    let picked: Vec<usize> = (1..weeks.len()).rev().step_by(2).collect();
    for (n, &i) in picked.iter().rev().enumerate() {
        let w = &weeks[i];
        let prev = &weeks[i - 1];
        let sum = |k: usize| w.activity[k] + prev.activity[k];
        let brand = if n == 7 {
            format!("{}", w.components[0]).replacen(|c: char| c.is_ascii_digit(), "O", 1)
        } else {
            format!("{}", w.components[0])
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},Top {}%,Top {}%,{},{},{},{}\n",
            w.date,
            w.ssi,
            brand,
            w.components[1],
            w.components[2],
            w.components[3],
            w.industry_rank,
            w.network_rank,
            sum(0),
            sum(1),
            sum(3),
            sum(5)
        ));
    }
    out.into_bytes()
}

/// First names for generated teams (some non-ASCII, as real teams have).
const FIRST: [&str; 40] = [
    "Ada", "Bruno", "Camille", "Dmitri", "Elif", "Farah", "Gustavo", "Hana", "Ines", "Jakub",
    "Kofi", "Leila", "Mateo", "Nora", "Oskar", "Paula", "Quentin", "Rosa", "Søren", "Tariq", "Uma",
    "Viktor", "Wen", "Ximena", "Yusuf", "Zofia", "André", "Björn", "Chloé", "Dário", "Emeka",
    "Freya", "Goran", "Hiroshi", "Ivana", "Joaquín", "Kaja", "Luca", "Mei", "Noémie",
];

/// Last names for generated teams.
const LAST: [&str; 50] = [
    "Abbott",
    "Bianchi",
    "Castro",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ibrahim",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okoye",
    "Petrov",
    "Quinn",
    "Rossi",
    "Santos",
    "Tanaka",
    "Underwood",
    "Varga",
    "Walsh",
    "Xu",
    "Yilmaz",
    "Zieliński",
    "Almeida",
    "Brennan",
    "Costa",
    "Delgado",
    "Esposito",
    "Fernández",
    "Gallagher",
    "Horvat",
    "Iversen",
    "Jovanović",
    "Kim",
    "Larsen",
    "Müller",
    "Novak",
    "O'Brien",
    "Papadopoulos",
    "Quiroga",
    "Richter",
    "Schäfer",
    "Takahashi",
    "Usman",
    "Vogel",
    "Weber",
    "Young",
];

/// The name of person `i` in a generated team: unique for any team size.
pub fn team_member_name(i: usize) -> String {
    let combos = FIRST.len() * LAST.len();
    // Step through the last names so neighbours differ in both names.
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i / FIRST.len() + i) % LAST.len()];
    if i < combos {
        format!("{first} {last}")
    } else {
        format!("{first} {last} {}", i / combos + 1)
    }
}

/// A generated team of `people` people with `weeks` weekly snapshots each, all ending on the sample end.
pub fn simulate_team(seed: u64, people: usize, weeks: usize) -> Vec<(String, Vec<Week>)> {
    let end = sample_end();
    (0..people)
        .map(|i| {
            let person_seed = seed.wrapping_mul(1_000_003).wrapping_add(10_000 + i as u64);
            (
                team_member_name(i),
                simulate_person(person_seed, weeks, end),
            )
        })
        .collect()
}

const SCALED_SSI_HEADERS: [&str; 12] = [
    "Name",
    "Team",
    "Date",
    "SSI",
    "Establish your professional brand",
    "Find the right people",
    "Engage with insights",
    "Build relationships",
    "Industry rank",
    "Network rank",
    "Industry average",
    "Network average",
];

/// The activity columns of the generated trackers, in the order of `Week::activity`.
const ACTIVITY_HEADERS: [&str; 9] = [
    "Posts",
    "Comments",
    "Reactions",
    "Connection requests sent",
    "Connections accepted",
    "Messages sent",
    "Replies received",
    "Profile views",
    "Searches",
];

/// The scaled team's activity header: who, the week and the activity.
fn scaled_activity_headers() -> Vec<&'static str> {
    [&["Name", "Week starting"][..], &ACTIVITY_HEADERS].concat()
}

/// A team workbook at any scale: an "SSI" sheet (one row per person per weekly snapshot, ranks as
/// percentages) and an "Activity" sheet (one row per person per week, activity for the week before each
/// snapshot), as an organisation's export would have them.
fn scaled_workbook(team: &[(String, Vec<Week>)]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook()?;
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let pct = Format::new().set_num_format("0%");
    let bold = Format::new().set_bold();
    let ssi = wb.add_worksheet().set_name("SSI")?;
    for (c, h) in SCALED_SSI_HEADERS.iter().enumerate() {
        ssi.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut r = 1u32;
    for (i, (name, weeks)) in team.iter().enumerate() {
        let team_name = team_of(i, team.len());
        for w in weeks {
            ssi.write_string(r, 0, name)?;
            ssi.write_string(r, 1, &team_name)?;
            ssi.write_datetime_with_format(r, 2, excel_date(w.date)?, &date_fmt)?;
            ssi.write_number(r, 3, w.ssi)?;
            for k in 0..4 {
                ssi.write_number(r, 4 + k as u16, w.components[k])?;
            }
            ssi.write_number_with_format(r, 8, w.industry_rank / 100.0, &pct)?;
            ssi.write_number_with_format(r, 9, w.network_rank / 100.0, &pct)?;
            ssi.write_number(r, 10, w.industry_avg)?;
            ssi.write_number(r, 11, w.network_avg)?;
            r += 1;
        }
    }
    let act = wb.add_worksheet().set_name("Activity")?;
    for (c, h) in scaled_activity_headers().iter().enumerate() {
        act.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut r = 1u32;
    for (name, weeks) in team {
        for w in weeks {
            act.write_string(r, 0, name)?;
            act.write_datetime_with_format(
                r,
                1,
                excel_date(w.date - Duration::weeks(1))?,
                &date_fmt,
            )?;
            for (k, v) in w.activity.iter().enumerate() {
                act.write_number(r, 2 + k as u16, f64::from(*v))?;
            }
            r += 1;
        }
    }
    wb.save_to_buffer()
}

/// The same two tables as CSV files (SSI, activity).
fn scaled_csvs(team: &[(String, Vec<Week>)]) -> (Vec<u8>, Vec<u8>) {
    use std::fmt::Write as _;
    let quote = |s: &str| {
        if s.contains([',', '"']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut ssi = SCALED_SSI_HEADERS.join(",");
    ssi.push('\n');
    let mut act = scaled_activity_headers().join(",");
    act.push('\n');
    for (i, (name, weeks)) in team.iter().enumerate() {
        let name = quote(name);
        let team_name = quote(&team_of(i, team.len()));
        for w in weeks {
            let c = w.components;
            let _ = writeln!(
                ssi,
                "{name},{team_name},{},{},{},{},{},{},{}%,{}%,{},{}",
                w.date,
                w.ssi,
                c[0],
                c[1],
                c[2],
                c[3],
                w.industry_rank,
                w.network_rank,
                w.industry_avg,
                w.network_avg
            );
            let a = w.activity;
            let _ = writeln!(
                act,
                "{name},{},{},{},{},{},{},{},{},{},{}",
                w.date - Duration::weeks(1),
                a[0],
                a[1],
                a[2],
                a[3],
                a[4],
                a[5],
                a[6],
                a[7],
                a[8]
            );
        }
    }
    (ssi.into_bytes(), act.into_bytes())
}

/// The file stem of a generated team: `team_<people>x<weeks>`.
pub fn scaled_stem(people: usize, weeks: usize) -> String {
    format!("team_{people}x{weeks}")
}

/// A generated team of any size: `team_<N>x<W>.xlsx` (sheets "SSI" and "Activity") and the same tables as
/// `team_<N>x<W>_ssi.csv` and `team_<N>x<W>_activity.csv`. Used for benchmarks and to try ssi-pulse at scale.
pub fn scaled_samples(seed: u64, people: usize, weeks: usize) -> Result<Vec<Artifact>, XlsxError> {
    let team = simulate_team(seed, people, weeks);
    let stem = scaled_stem(people, weeks);
    let (ssi, act) = scaled_csvs(&team);
    let mut files = Vec::new();
    // A sheet holds 1,048,576 rows (the header is one): larger teams come as CSV only.
    if people * weeks < 1_048_576 {
        files.push(Artifact::new(
            format!("{stem}.xlsx"),
            scaled_workbook(&team)?,
        ));
    }
    files.push(Artifact::new(format!("{stem}_ssi.csv"), ssi));
    files.push(Artifact::new(format!("{stem}_activity.csv"), act));
    Ok(files)
}

/// File names of the samples, in the order `samples` returns them.
pub const SAMPLE_FILES: [&str; 3] = ["Alex Morgan.xlsx", "team_export.xlsx", "Sam Rivera.csv"];

/// Builds the three sample files for a seed.
pub fn samples(seed: u64) -> Result<Vec<Artifact>, XlsxError> {
    let end = sample_end();
    let alex = simulate_person(seed.wrapping_mul(1_000_003).wrapping_add(1), 90, end);
    let team: Vec<(&str, Vec<Week>)> = TEAM
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let person_seed = seed.wrapping_mul(1_000_003).wrapping_add(100 + i as u64);
            // Two people joined later; one stopped logging three weeks before the end.
            let weeks = match i {
                4 => 40,
                9 => 30,
                _ => 60,
            };
            let person_end = if i == 7 {
                end - Duration::weeks(3)
            } else {
                end
            };
            (*name, simulate_person(person_seed, weeks, person_end))
        })
        .collect();
    let sam = simulate_person(seed.wrapping_mul(1_000_003).wrapping_add(2), 81, end);
    Ok(vec![
        Artifact::new(SAMPLE_FILES[0], tracker_workbook(&alex, "Alex Morgan")?),
        Artifact::new(SAMPLE_FILES[1], team_workbook(&team)?),
        Artifact::new(SAMPLE_FILES[2], tracker_csv(&sam)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simulation_keeps_components_in_range_and_total_as_rounded_sum() {
        for seed in 0..20 {
            for w in simulate_person(seed, 100, sample_end()) {
                for c in w.components {
                    assert!((0.0..=25.0).contains(&c), "{c}");
                }
                let sum: f64 = w.components.iter().sum();
                assert_eq!(w.ssi, sum.round());
                assert!(w.industry_rank >= 1.0 && w.industry_rank <= 100.0);
            }
        }
    }

    #[test]
    fn same_seed_gives_same_weeks() {
        let a = simulate_person(3, 10, sample_end());
        let b = simulate_person(3, 10, sample_end());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }
}
