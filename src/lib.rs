//! dossier: a terminal document browser for news corpora.
//!
//! The domain (`corpus`, `actors`, `search`, `review`, `text`) knows nothing of the terminal;
//! `library` bundles a loaded corpus with its derived indexes; `app` holds the state machine,
//! `ui` draws it, `tui` runs it, `headless` answers `--filter`.

pub mod actors;
pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod external;
pub mod headless;
pub mod history;
pub mod library;
pub mod loading;
pub mod order;
pub mod review;
pub mod search;
pub mod stats;
pub mod text;
pub mod timeline;
pub mod tui;
pub mod ui;

/// The allocator: loading and indexing make millions of small allocations from rayon's
/// threads, where glibc's malloc spends a third of the time (measured in docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
