//! Review state: what the analyst decided about each document, kept safely on disk.
