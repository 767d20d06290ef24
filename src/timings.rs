//! Stage timings for `--timings`: wall time and resident memory per stage of a run and the process's peak
//! memory, printed to stderr so they never mix with the outputs.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One stage: its name, wall time and the most resident memory seen during it (KB).
type Stage = (&'static str, Duration, u64);

/// Wall time and memory per named stage, in the order the stages ran.
#[derive(Debug)]
pub struct Timings {
    enabled: bool,
    start: Instant,
    state: Mutex<(Instant, Vec<Stage>)>,
    /// The most resident memory seen since the last lap, updated by a sampling thread.
    stage_peak: Arc<AtomicU64>,
    /// Tells the sampling thread to stop.
    done: Arc<AtomicBool>,
}

/// How often the sampling thread reads the resident memory.
const SAMPLE_EVERY: Duration = Duration::from_millis(10);

impl Timings {
    /// Starts the clock (and, when enabled, a thread sampling resident memory); a disabled instance
    /// records nothing.
    pub fn new(enabled: bool) -> Timings {
        let now = Instant::now();
        let stage_peak = Arc::new(AtomicU64::new(0));
        let done = Arc::new(AtomicBool::new(false));
        if enabled && resident_kb().is_some() {
            let (peak, done) = (Arc::clone(&stage_peak), Arc::clone(&done));
            // A sampler that cannot start leaves the memory column empty, nothing else.
            let _ = std::thread::Builder::new()
                .name("timings".into())
                .spawn(move || {
                    while !done.load(Ordering::Relaxed) {
                        if let Some(kb) = resident_kb() {
                            peak.fetch_max(kb, Ordering::Relaxed);
                        }
                        std::thread::sleep(SAMPLE_EVERY);
                    }
                });
        }
        Timings {
            enabled,
            start: now,
            state: Mutex::new((now, Vec::new())),
            stage_peak,
            done,
        }
    }

    /// Ends the current stage under `name` and starts the next one.
    pub fn lap(&self, name: &'static str) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let current = resident_kb().unwrap_or(0);
        let peak = self
            .stage_peak
            .swap(current, Ordering::Relaxed)
            .max(current);
        if let Ok(mut state) = self.state.lock() {
            let took = now - state.0;
            state.0 = now;
            match state.1.iter_mut().find(|(n, _, _)| *n == name) {
                Some((_, d, kb)) => {
                    *d += took;
                    *kb = (*kb).max(peak);
                }
                None => state.1.push((name, took, peak)),
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
        let mut out = String::from("stage             wall s   share   memory\n");
        for (name, d, kb) in &stages {
            let memory = if *kb > 0 {
                format!("  {:>4.0} MB", *kb as f64 / 1024.0)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{name:<16} {:>7.4}  {:>5.1}%{memory}\n",
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

impl Drop for Timings {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
    }
}

/// The process's resident memory now, in KB (Linux; None elsewhere).
fn resident_kb() -> Option<u64> {
    status_kb("VmRSS:")
}

/// A "kB" line of /proc/self/status.
fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The process's peak resident memory in KB (Linux; None elsewhere).
pub fn peak_memory_kb() -> Option<u64> {
    status_kb("VmHWM:")
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
