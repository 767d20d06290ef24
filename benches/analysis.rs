//! Times the analysis (month-end figures, interval alignment, the linkage table, the fixed-effects models,
//! alerts, targets and forecasts) on simulated teams: `cargo bench --bench analysis`. Prints the median of
//! several runs per scale; the data are built once per scale and not timed.

use ssi_pulse::analysis::{analyse, AnalysisOptions};
use ssi_pulse::model::records::{ActivityRow, ActivityTable, RowOrigin, SsiRow};
use ssi_pulse::model::Dataset;
use ssi_pulse::sample::simulate_person;
use std::time::Instant;

const METRICS: [&str; 9] = [
    "posts",
    "comments",
    "reactions",
    "connection_requests_sent",
    "connections_accepted",
    "messages_sent",
    "replies_received",
    "profile_views",
    "searches",
];

fn team(people: usize, weeks: usize) -> Dataset {
    let end = ssi_pulse::sample::sample_end();
    let mut ssi = Vec::with_capacity(people * weeks);
    let mut rows = Vec::with_capacity(people * weeks);
    for p in 0..people {
        let name = format!("Person {p:04}");
        for w in simulate_person(p as u64, weeks, end) {
            let c = w.components;
            ssi.push(SsiRow {
                person: name.clone(),
                date: w.date,
                values: ssi_pulse::model::schema::SsiValues::from_own([
                    Some(w.ssi),
                    Some(c[0]),
                    Some(c[1]),
                    Some(c[2]),
                    Some(c[3]),
                    Some(w.industry_rank),
                    Some(w.network_rank),
                    Some(w.industry_avg),
                    Some(w.network_avg),
                ]),
                origin: RowOrigin { source: 0, row: 1 },
                also: Vec::new(),
            });
            rows.push(ActivityRow {
                person: name.clone(),
                date: w.date,
                values: w.activity.iter().map(|v| Some(f64::from(*v))).collect(),
                origin: RowOrigin { source: 1, row: 1 },
                also: Vec::new(),
            });
        }
    }
    let table = ActivityTable {
        until: None,
        metrics: METRICS.iter().map(|m| m.to_string()).collect(),
        rows,
    };
    Dataset::from_rows(&ssi, &[table])
        .expect("simulated data are valid")
        .0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    // `cargo bench` passes --bench; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    println!("analysis benchmark (median of runs, seconds)");
    for (people, weeks, runs) in [(1, 78, 20), (200, 104, 5), (2000, 156, 3)] {
        let label = format!("{people}x{weeks}");
        if filter.as_deref().is_some_and(|f| !label.contains(f)) {
            continue;
        }
        let ds = team(people, weeks);
        let mut times = Vec::new();
        let mut findings = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let a = analyse(&ds, &AnalysisOptions::default()).expect("analysis runs");
            times.push(start.elapsed().as_secs_f64());
            findings = a.linkage.findings.len();
        }
        println!(
            "{label:>10}: {:>8.3} s  ({} snapshots, {findings} findings, {runs} runs)",
            median(times),
            people * weeks
        );
    }
}
