//! `--stats`: one line of timings and sizes on stderr, for scripts and benchmarks.

use std::time::Duration;

#[derive(Debug, Default)]
pub struct Stats {
    pub docs: usize,
    pub load: Duration,
    pub index: Duration,
    pub filter: Option<Duration>,
    pub matches: Option<usize>,
    pub cache: crate::cache::Status,
}

impl Stats {
    /// `stats: docs=N load_ms=X index_ms=X filter_ms=X matches=N peak_rss_mb=X cache=hit|miss|off`
    /// (on a cache hit, load_ms is the cache's read time and index_ms about 0)
    pub fn line(&self) -> String {
        let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
        let mut line =
            format!("stats: docs={} load_ms={} index_ms={}", self.docs, ms(self.load), ms(self.index));
        if let Some(filter) = self.filter {
            line += &format!(" filter_ms={}", ms(filter));
        }
        if let Some(matches) = self.matches {
            line += &format!(" matches={matches}");
        }
        if let Some(rss) = peak_rss_mb() {
            line += &format!(" peak_rss_mb={rss:.1}");
        }
        line + &format!(" cache={}", self.cache)
    }
}

/// The process's peak resident set size (Linux: VmHWM in /proc/self/status).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_documented_keys_in_order() {
        let stats = Stats {
            docs: 4,
            load: Duration::from_millis(3),
            index: Duration::from_micros(1500),
            filter: Some(Duration::from_micros(250)),
            matches: Some(2),
            cache: crate::cache::Status::Hit,
        };
        let line = stats.line();
        assert!(line.starts_with("stats: docs=4 load_ms=3.0 index_ms=1.5 filter_ms=0.2 matches=2"), "{line}");
        if cfg!(target_os = "linux") {
            assert!(line.contains(" peak_rss_mb="), "{line}");
        }
        assert!(line.ends_with(" cache=hit"), "{line}");
        let off = Stats::default().line();
        assert!(off.starts_with("stats: docs=0 load_ms=0.0 index_ms=0.0"), "{off}");
        assert!(off.ends_with(" cache=off"), "{off}");
    }
}
