//! The binary's allocator: jemalloc, which keeps freed pages for about a second while
//! articles are read (the next articles reuse them) and returns them at once afterwards,
//! when the claims of the whole corpus are held and memory is at its largest.

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
/// returned at once, so that the peak of the stages that follow is the memory they use.
pub fn on_progress(progress: Progress) {
    if progress.done == progress.total {
        return_freed_pages_at_once();
    }
}

/// From now on, pages freed are given back to the system at once, and those already
/// free are given back now. Does nothing where the system allocator is used.
pub fn return_freed_pages_at_once() {
    #[cfg(all(unix, not(target_env = "msvc")))]
    jemalloc::return_freed_pages_at_once();
}

#[cfg(all(unix, not(target_env = "msvc")))]
mod jemalloc {
    use std::ffi::{CString, c_void};
    use std::ptr;

    use tikv_jemalloc_sys::mallctl;

    /// jemalloc's index for "every arena" in `arena.<i>.*` names.
    const ALL_ARENAS: u32 = 4096;

    pub(super) fn return_freed_pages_at_once() {
        // Arenas made from now on (one per thread at most, and few threads are made).
        write_decay("arenas.dirty_decay_ms");
        for arena in 0..read::<u32>("arenas.narenas").unwrap_or(0) {
            // Arenas not yet in use refuse the setting; they start with the default above.
            write_decay(&format!("arena.{arena}.dirty_decay_ms"));
        }
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

    fn write_decay(name: &str) {
        let name = CString::new(name).expect("the name has no NUL byte");
        let mut milliseconds: isize = 0;
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
    fn freed_pages_are_kept_while_reading_and_returned_at_once_after() {
        // Allocate on this thread so that it has an arena of its own to check.
        let held = vec![0u8; 1 << 20];
        assert_eq!(jemalloc::read::<isize>("arenas.dirty_decay_ms"), Some(1000));
        on_progress(Progress { done: 3, total: 4 });
        assert_eq!(jemalloc::read::<isize>("arenas.dirty_decay_ms"), Some(1000));
        on_progress(Progress { done: 4, total: 4 });
        assert_eq!(jemalloc::read::<isize>("arenas.dirty_decay_ms"), Some(0));
        let arenas = jemalloc::read::<u32>("arenas.narenas").unwrap_or(0);
        let in_use: Vec<isize> = (0..arenas)
            .filter_map(|arena| jemalloc::read::<isize>(&format!("arena.{arena}.dirty_decay_ms")))
            .collect();
        assert!(!in_use.is_empty());
        assert!(in_use.iter().all(|&ms| ms == 0), "{in_use:?}");
        assert_eq!(jemalloc::read::<isize>("opt.muzzy_decay_ms"), Some(0));
        drop(held);
    }
}
