//! dossier: a terminal document browser for news corpora.
//!
//! The domain (`corpus`, `actors`, `search`, `review`, `text`) knows nothing of the terminal;
//! `library` bundles a loaded corpus with its derived indexes; `app` holds the state machine,
//! `ui` draws it, `tui` runs it, `headless` answers `--filter`.

pub mod actors;
pub mod app;
pub mod cache;
pub mod chunked;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod external;
pub mod file_bytes;
pub mod headless;
pub mod history;
pub mod library;
pub mod loading;
pub mod order;
pub mod review;
pub mod search;
pub mod shelf;
pub mod stats;
pub mod text;
pub mod timeline;
pub mod tui;
pub mod ui;

/// The allocator: loading and indexing make millions of small allocations from rayon's
/// threads, where glibc's malloc spends a third of the time (measured in docs/performance.md).
#[cfg(not(feature = "count-allocations"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The same allocator, counting: `cargo run --release --features count-allocations --example
/// memory -- PATH` prints the bytes live and their peak, which the process's resident size
/// hides behind what the allocator holds freed.
#[cfg(feature = "count-allocations")]
#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

#[cfg(feature = "count-allocations")]
pub mod counting {
    use std::alloc::{GlobalAlloc, Layout};
    use std::sync::atomic::{AtomicUsize, Ordering};

    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    pub struct Counting;

    /// Bytes allocated and not yet freed, and the most there have been (since the last
    /// [`reset_peak`]).
    pub fn live_and_peak() -> (usize, usize) {
        (LIVE.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed))
    }

    pub fn reset_peak() {
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    }

    fn grew(by: usize) {
        let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }

    // SAFETY: every call is forwarded to mimalloc as it came; only counters are added.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

/// Hands the memory freed so far by this thread and every thread of rayon's global pool back to
/// the system, now. The browser calls it between the phases of a load (`main`): each phase frees
/// most of what the one before allocated on the pool's threads, which mimalloc holds per thread
/// until it gets round to purging it, so the next phase (the word index, on a pool of its own)
/// grew the process instead of reusing it. 100k JSON Lines, first open: peak 264-286 ->
/// 245-248 MB, no slower (docs/performance.md).
pub fn release_freed_memory() {
    // SAFETY: `mi_collect` may be called from any thread at any time; it only frees what the
    // calling thread's heap no longer uses.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; the crate's bindings name 14 and 16 only).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells the allocator to keep freed memory instead of returning it to the system. By default
/// mimalloc purges freed pages after 10 ms; building an index frees and allocates so much that
/// the kernel then spent seconds faulting in and zeroing transparent huge pages again (a cold
/// `--filter` over the 1M CSV: 4.2 s of system time, 1.0 s without purging; docs/performance.md).
/// A headless run's memory peaks while it loads and stays about there until it exits, so nothing
/// is lost by keeping it. The browser purges (see `main`).
pub fn tune_allocator() {
    // SAFETY: sets one option of the allocator in use; any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}
