//! Stage timings for `--timings`: wall time per stage of a run and the process's peak memory, printed to
//! stderr so they never mix with the outputs.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Wall time per named stage, in the order the stages ran.
#[derive(Debug)]
pub struct Timings {
    enabled: bool,
    start: Instant,
    state: Mutex<(Instant, Vec<(&'static str, Duration)>)>,
}

impl Timings {
    /// Starts the clock; a disabled instance records nothing.
    pub fn new(enabled: bool) -> Timings {
        let now = Instant::now();
        Timings {
            enabled,
            start: now,
            state: Mutex::new((now, Vec::new())),
        }
    }

    /// Ends the current stage under `name` and starts the next one.
    pub fn lap(&self, name: &'static str) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if let Ok(mut state) = self.state.lock() {
            let took = now - state.0;
            state.0 = now;
            match state.1.iter_mut().find(|(n, _)| *n == name) {
                Some((_, d)) => *d += took,
                None => state.1.push((name, took)),
            }
        }
    }

    /// The table `--timings` prints, or None when disabled.
    pub fn table(&self) -> Option<String> {
        if !self.enabled {
            return None;
        }
        let total = self.start.elapsed();
        let stages = self.state.lock().map(|s| s.1.clone()).unwrap_or_default();
        let mut out = String::from("stage             wall s   share\n");
        for (name, d) in &stages {
            out.push_str(&format!(
                "{name:<16} {:>7.4}  {:>5.1}%\n",
                d.as_secs_f64(),
                100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9)
            ));
        }
        out.push_str(&format!("{:<16} {:>7.4}\n", "total", total.as_secs_f64()));
        if let Some(kb) = peak_memory_kb() {
            out.push_str(&format!("peak memory      {:.0} MB\n", kb as f64 / 1024.0));
        }
        Some(out)
    }
}

/// The process's peak resident memory in KB (Linux; None elsewhere).
pub fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_add_up_under_their_names() {
        let t = Timings::new(true);
        t.lap("one");
        std::thread::sleep(Duration::from_millis(5));
        t.lap("two");
        t.lap("one");
        let table = t.table().unwrap_or_default();
        let names: Vec<&str> = table
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(names[1..4], ["one", "two", "total"]);
        let two: f64 = table
            .lines()
            .nth(2)
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0);
        assert!(two >= 0.005, "{table}");
    }

    #[test]
    fn disabled_records_nothing() {
        let t = Timings::new(false);
        t.lap("one");
        assert!(t.table().is_none());
    }
}
