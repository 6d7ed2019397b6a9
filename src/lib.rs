//! dossier: a terminal document browser for news corpora.
//!
//! The domain (`corpus`, `actors`, `search`, `review`, `text`) knows nothing of the terminal;
//! `app` holds the state machine, `ui` draws it, `tui` runs it, `headless` answers `--filter`.

pub mod actors;
pub mod corpus;
pub mod review;
pub mod search;
pub mod text;
