//! The progress bar of a long check: on standard error, only when it is a terminal and
//! not in CI, and only once the check has run for a couple of seconds.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use claimcheck::check::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A check that ends sooner shows no bar at all.
const DELAY: Duration = Duration::from_secs(2);

/// [`DELAY`], unless `CLAIMCHECK_PROGRESS_DELAY_MS` sets another (the tests use it to
/// see the bar on a short check).
fn delay() -> Duration {
    std::env::var("CLAIMCHECK_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

/// Whether to show a progress bar: asked for (no `--no-progress`), standard error is a
/// terminal, and the `CI` variable is unset or empty (CI logs are not terminals, but some
/// CI systems pretend to be one).
pub fn wanted(no_progress: bool, stderr_is_terminal: bool, ci: Option<&std::ffi::OsStr>) -> bool {
    !no_progress && stderr_is_terminal && ci.is_none_or(|v| v.is_empty())
}

/// A progress bar that stays hidden for the first [`DELAY`], or for good when not wanted.
pub struct Bar {
    bar: Option<ProgressBar>,
    started: Instant,
    delay: Duration,
}

impl Bar {
    pub fn new(no_progress: bool) -> Bar {
        let show = wanted(
            no_progress,
            std::io::stderr().is_terminal(),
            std::env::var_os("CI").as_deref(),
        );
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {human_pos}/{human_len} articles, {per_sec}, {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message("checking");
            bar
        });
        Bar {
            bar,
            started: Instant::now(),
            delay: delay(),
        }
    }

    pub fn update(&self, progress: Progress) {
        let Some(bar) = &self.bar else {
            return;
        };
        bar.set_length(progress.total as u64);
        bar.set_position(progress.done as u64);
        if bar.is_hidden() && self.started.elapsed() >= self.delay {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        if progress.done == progress.total {
            bar.set_message("reconciling");
        }
    }

    /// Removes the bar before the report is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_shown_only_on_a_terminal_outside_ci_unless_turned_off() {
        assert!(wanted(false, true, None));
        assert!(wanted(false, true, Some("".as_ref())));
        assert!(!wanted(false, false, None), "piped or redirected");
        assert!(!wanted(false, true, Some("true".as_ref())), "in CI");
        assert!(!wanted(true, true, None), "--no-progress");
    }
}
