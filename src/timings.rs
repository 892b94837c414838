//! Timings: how long each stage of a build took, for `briefing build --timings`.
//!
//! The pipeline hands one [`Timings`] through its stages; each stage records
//! its wall time (and, where it is worth knowing, how many items it handled).
//! The table it prints is the first thing to look at when a build is slow.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// One measured stage.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub wall: Duration,
    /// What the stage worked on, e.g. "10000 articles".
    pub detail: Option<String>,
    /// The memory the process held at the end of the stage (resident set
    /// size, in bytes), where the system tells.
    pub memory: Option<u64>,
    /// Ran at the same time as other stages: not part of the total.
    pub alongside: bool,
}

/// The stages of one run, in the order they ran.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub stages: Vec<Stage>,
}

impl Timings {
    /// Runs `f` and records its wall time as stage `name`.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = f();
        self.record(name, started.elapsed());
        value
    }

    /// Records a stage measured elsewhere.
    pub fn record(&mut self, name: &'static str, wall: Duration) {
        self.stages.push(Stage {
            name,
            wall,
            detail: None,
            memory: resident_memory(),
            alongside: false,
        });
    }

    /// Records a stage that ran at the same time as the stages before it
    /// (on another thread); it is listed but not added to the total.
    pub fn record_alongside(&mut self, name: &'static str, wall: Duration) {
        self.record(name, wall);
        if let Some(last) = self.stages.last_mut() {
            last.alongside = true;
        }
    }

    /// Says what the last recorded stage worked on.
    pub fn detail(&mut self, detail: impl Into<String>) {
        if let Some(last) = self.stages.last_mut() {
            last.detail = Some(detail.into());
        }
    }

    /// The sum of the stages that ran one after the other.
    pub fn total(&self) -> Duration {
        self.stages
            .iter()
            .filter(|s| !s.alongside)
            .map(|s| s.wall)
            .sum()
    }

    /// A table of the stages with their share of the total, for a terminal.
    pub fn table(&self) -> String {
        let total = self.total();
        let width = self
            .stages
            .iter()
            .map(|s| s.name.len())
            .max()
            .unwrap_or(0)
            .max("total".len());
        let mut out = String::new();
        for s in &self.stages {
            let share = if s.alongside || total.is_zero() {
                0.0
            } else {
                100.0 * s.wall.as_secs_f64() / total.as_secs_f64()
            };
            let memory = s
                .memory
                .map(|m| format!("{} MiB", m / (1024 * 1024)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "{:<width$}  {:>9}  {:>5.1}%  {:>9}",
                s.name,
                millis(s.wall),
                share,
                memory
            );
            if let Some(d) = &s.detail {
                let _ = write!(out, "  {d}");
            }
            if s.alongside {
                out.push_str("  (alongside the stages above, not in the total)");
            }
            out.push('\n');
        }
        let _ = writeln!(out, "{:<width$}  {:>9}", "total", millis(total));
        out
    }
}

/// The resident set size of this process (Linux; `None` elsewhere).
fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_stage_with_its_share_and_the_total() {
        let mut t = Timings::default();
        t.record("content", Duration::from_millis(30));
        t.record("render", Duration::from_millis(10));
        t.detail("3 pages");
        let table = t.table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("content") && lines[0].contains("30.0 ms"));
        assert!(lines[0].contains("75.0%"), "{table}");
        if cfg!(target_os = "linux") {
            assert!(lines[0].contains(" MiB"), "{table}");
        }
        assert!(lines[1].contains("25.0%") && lines[1].ends_with("3 pages"));
        assert!(lines[2].starts_with("total") && lines[2].contains("40.0 ms"));
    }

    #[test]
    fn a_stage_run_alongside_others_is_listed_but_not_added_to_the_total() {
        let mut t = Timings::default();
        t.record("content", Duration::from_millis(30));
        t.record_alongside("survey", Duration::from_millis(20));
        assert_eq!(t.total(), Duration::from_millis(30));
        assert!(t.table().contains("not in the total"));
    }

    #[test]
    fn time_returns_the_value_and_records_the_stage() {
        let mut t = Timings::default();
        assert_eq!(t.time("sum", || 2 + 2), 4);
        assert_eq!(t.stages.len(), 1);
        assert_eq!(t.stages[0].name, "sum");
    }
}
