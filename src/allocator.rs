//! The binary's allocator: jemalloc, which keeps freed pages for about a second while
//! articles are read (the next articles reuse them) and, afterwards, when the claims of
//! the whole corpus are held and memory is at its largest, returns them every few
//! milliseconds, all arenas at once.

use claimcheck::check::Progress;

/// jemalloc rather than the system allocator: a check of an archive holds millions of
/// small records while it reads and drops articles, and glibc's allocator keeps much of
/// what was given back (about 50 MB of a 1 GB check's peak), where jemalloc returns it.
#[cfg(all(unix, not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts. While articles are read, pages freed are
/// kept for a second: each article's text and working memory are freed as the next is
/// read, and returning every freed page at once cost a 1 GB check about 10 s of system
/// time (BENCHMARKS.md). Unused pages are not purged into a second, lazily reclaimed
/// state, which would still count as resident.
#[cfg(all(unix, not(target_env = "msvc")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static ALLOCATOR_OPTIONS: Options = Options(c"dirty_decay_ms:1000,muzzy_decay_ms:0".as_ptr());

/// A C string jemalloc reads, which nothing writes.
#[cfg(all(unix, not(target_env = "msvc")))]
#[repr(transparent)]
struct Options(*const std::ffi::c_char);

// SAFETY: the pointer is to a static C string literal, never written.
#[cfg(all(unix, not(target_env = "msvc")))]
unsafe impl Sync for Options {}

/// For a check's progress callback: once every article has been read, freed pages are
/// returned within milliseconds, so that the peak of the stages that follow is the memory
/// they use.
pub fn on_progress(progress: Progress) {
    if progress.done == progress.total {
        return_freed_pages_soon();
    }
}

/// How often freed pages are returned once every article has been read. Returning each
/// as it is freed (jemalloc's decay time of 0) made each free a system call, and each such
/// call interrupts the other core to flush its address cache: 12% of the CPU time after
/// checking. jemalloc's own decay at 5–20 ms raised the peak of a 1 GB check by 20–30 MB:
/// an arena returns its pages as it allocates, and the arena of a thread gone quiet keeps
/// them.
const RETURN_EVERY: std::time::Duration = std::time::Duration::from_millis(20);

/// From now on, pages freed are given back to the system every [`RETURN_EVERY`], those of
/// every arena together, and those already free are given back now. Does nothing where
/// the system allocator is used.
pub fn return_freed_pages_soon() {
    #[cfg(all(unix, not(target_env = "msvc")))]
    jemalloc::return_freed_pages_every(RETURN_EVERY);
}

#[cfg(all(unix, not(target_env = "msvc")))]
mod jemalloc {
    use std::ffi::{CString, c_void};
    use std::ptr;
    use std::sync::Once;
    use std::time::Duration;

    use tikv_jemalloc_sys::mallctl;

    /// jemalloc's index for "every arena" in `arena.<i>.*` names.
    const ALL_ARENAS: u32 = 4096;

    pub(super) fn return_freed_pages_every(period: Duration) {
        // Freed pages are no longer returned as they age, only when purged.
        decay_everywhere(NEVER);
        purge_all();
        static PURGER: Once = Once::new();
        PURGER.call_once(|| {
            let spawned = std::thread::Builder::new()
                .name("purge freed pages".to_string())
                .spawn(move || {
                    loop {
                        std::thread::sleep(period);
                        purge_all();
                    }
                });
            if spawned.is_err() {
                // Without the thread, each page is returned as it is freed.
                decay_everywhere(0);
            }
        });
    }

    /// jemalloc's decay time for "never".
    const NEVER: isize = -1;

    /// Gives back the freed pages of every arena.
    fn purge_all() {
        let purge =
            CString::new(format!("arena.{ALL_ARENAS}.purge")).expect("the name has no NUL byte");
        // SAFETY: `purge` is a NUL-terminated name; it takes and returns no value.
        unsafe {
            mallctl(
                purge.as_ptr(),
                ptr::null_mut(),
                ptr::null_mut(),
                ptr::null_mut(),
                0,
            );
        }
    }

    /// Sets the decay time of the arenas made from now on (one per thread at most, and few
    /// threads are made) and of those in use.
    fn decay_everywhere(milliseconds: isize) {
        write_decay("arenas.dirty_decay_ms", milliseconds);
        for arena in 0..read::<u32>("arenas.narenas").unwrap_or(0) {
            // Arenas not yet in use refuse the setting; they start with the default above.
            write_decay(&format!("arena.{arena}.dirty_decay_ms"), milliseconds);
        }
    }

    fn write_decay(name: &str, mut milliseconds: isize) {
        let name = CString::new(name).expect("the name has no NUL byte");
        // SAFETY: the value written is an `ssize_t`, as jemalloc expects for decay times,
        // and lives for the call.
        unsafe {
            mallctl(
                name.as_ptr(),
                ptr::null_mut(),
                ptr::null_mut(),
                (&raw mut milliseconds).cast::<c_void>(),
                size_of::<isize>(),
            );
        }
    }

    /// The value of a jemalloc setting of type `T` (`unsigned` as `u32`, `ssize_t` as
    /// `isize`).
    pub(super) fn read<T: Copy + Default>(name: &str) -> Option<T> {
        let name = CString::new(name).ok()?;
        let mut value = T::default();
        let mut length = size_of::<T>();
        // SAFETY: `value` has room for the `T` jemalloc writes, and `length` says so.
        let status = unsafe {
            mallctl(
                name.as_ptr(),
                (&raw mut value).cast::<c_void>(),
                &raw mut length,
                ptr::null_mut(),
                0,
            )
        };
        (status == 0 && length == size_of::<T>()).then_some(value)
    }
}

#[cfg(all(test, unix, not(target_env = "msvc")))]
mod tests {
    use super::*;

    #[test]
    fn freed_pages_are_kept_while_reading_and_returned_soon_after() {
        // Allocate on this thread so that it has an arena of its own to check.
        let held = vec![0u8; 1 << 20];
        assert_eq!(jemalloc::read::<isize>("arenas.dirty_decay_ms"), Some(1000));
        on_progress(Progress { done: 3, total: 4 });
        assert_eq!(jemalloc::read::<isize>("arenas.dirty_decay_ms"), Some(1000));
        on_progress(Progress { done: 4, total: 4 });
        // Pages are no longer returned as they age, but by the purging thread.
        assert_eq!(jemalloc::read::<isize>("arenas.dirty_decay_ms"), Some(-1));
        // This thread's arena was in use before: it is changed too. (Other threads of the
        // tests may be starting an arena of their own meanwhile, which may keep the old
        // setting: nothing to check there.)
        let arena = jemalloc::read::<u32>("thread.arena").expect("this thread has an arena");
        assert_eq!(
            jemalloc::read::<isize>(&format!("arena.{arena}.dirty_decay_ms")),
            Some(-1)
        );
        assert_eq!(jemalloc::read::<isize>("opt.muzzy_decay_ms"), Some(0));
        drop(held);
        #[cfg(target_os = "linux")]
        {
            // 64 MB in small blocks, freed: their pages stay with this thread's arena,
            // which jemalloc would never purge by itself now. They leave within a second.
            let blocks: Vec<Box<[u8; 128]>> = (0..1 << 19).map(|_| Box::new([1; 128])).collect();
            let high = resident_kib();
            drop(blocks);
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
            while high.saturating_sub(resident_kib()) < 32 * 1024 {
                assert!(
                    std::time::Instant::now() < deadline,
                    "resident {} KiB, {high} KiB before the blocks were freed",
                    resident_kib()
                );
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    }

    /// This process's resident size.
    #[cfg(target_os = "linux")]
    fn resident_kib() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").expect("Linux has /proc");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("the status gives the resident size")
    }
}
