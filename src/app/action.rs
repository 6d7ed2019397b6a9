//! Everything the user can do, as values. Keys map to these in `keymap`; `update` applies them.

/// One user intent. The keymap turns key events into actions; `update` is the only place that
/// changes the model in response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Select the next row of the focused list (documents or actors).
    SelectNext,
    /// Select the previous row of the focused list.
    SelectPrevious,
    /// Move the selection one page down.
    SelectPageDown,
    /// Move the selection one page up.
    SelectPageUp,
    /// Select the first row.
    SelectFirst,
    /// Select the last row.
    SelectLast,
    /// Select row `n` of the list (a mouse click).
    SelectRow(usize),
    /// Focus the article (a double click).
    FocusArticle,
    /// Give the list this share of the screen, in percent (dragging the divider).
    SetSplit(u16),
    /// Give the list more (+) or less (-) of the screen, in percent.
    ResizeSplit(i16),
    /// Show the article alone, full width, or go back to the panes.
    ToggleZoom,
    /// Open the actor panel (and focus it), or close it.
    ToggleActorPanel,
    /// Start editing the actor panel's filter.
    EditActorFilter,
    /// Add the actor selected in the panel to the query as `@Name`.
    AddSelectedActor,
    /// Scroll the article one line down.
    ScrollDown,
    /// Scroll the article one line up.
    ScrollUp,
    /// Scroll the article one page down.
    ScrollPageDown,
    /// Scroll the article one page up.
    ScrollPageUp,
    /// Scroll to the top of the article.
    ScrollTop,
    /// Scroll to the end of the article.
    ScrollBottom,
    /// Jump to the next actor mention in the article.
    NextMention,
    /// Jump to the previous actor mention in the article.
    PreviousMention,
    /// Show the next saved query (a view from the config).
    NextView,
    /// Show or hide the timeline (documents per month).
    ToggleTimeline,
    /// Narrow the query to the selected document's month (true) or year (false).
    NarrowToDate(bool),
    /// Order the list by the next key: relevance, date, title, source.
    CycleSort,
    /// Start typing a search inside the article.
    SearchArticle,
    /// Go to the next match of the article search.
    NextMatch,
    /// Go to the previous match of the article search.
    PreviousMatch,
    /// Move keyboard focus between the list and the article.
    ToggleFocus,
    /// Start editing the filter line.
    EditFilter,
    /// Type a character into the filter being edited (the query, or the actor panel's).
    FilterInsert(char),
    /// Paste text into the filter (newlines become spaces).
    FilterPaste(String),
    /// Delete the character before the cursor.
    FilterBackspace,
    /// Delete the character under the cursor.
    FilterDelete,
    /// Delete the word before the cursor.
    FilterDeleteWord,
    /// Delete everything before the cursor.
    FilterDeleteToStart,
    /// Move the filter cursor one character left.
    FilterCursorLeft,
    /// Move the filter cursor one character right.
    FilterCursorRight,
    /// Move the filter cursor to the start.
    FilterCursorHome,
    /// Move the filter cursor to the end.
    FilterCursorEnd,
    /// Replace the filter with the previous (-1) or next (+1) query of the history.
    HistoryStep(i32),
    /// Stop editing and keep the filter.
    FilterAccept,
    /// Clear the filter (and stop editing).
    ClearFilter,
    /// Toggle the selected document's reviewed mark.
    ToggleReviewed,
    /// Toggle the selected document's flag.
    ToggleFlagged,
    /// Toggle the n-th configured label (0-based) on the selected document.
    ToggleLabelNumber(usize),
    /// Mark the selected document reviewed and move to the next unreviewed one (the review loop).
    MarkReviewedAndNext,
    /// Move to the next unreviewed document without marking.
    NextUnreviewed,
    /// Undo the last review change (repeatable).
    UndoReview,
    /// Open the note editor on the selected document.
    EditNote,
    /// Open the label prompt on the selected document.
    PromptLabel,
    /// In the label prompt: complete the typed label from the known ones (cycling).
    CompleteLabel,
    /// Start a new line in the note editor.
    NoteNewline,
    /// Move the note editor's cursor one line up (-1) or down (+1).
    NoteVertical(i32),
    /// Save the note, or apply the typed label, and close the editor.
    EditorConfirm,
    /// Close the label prompt without applying it.
    EditorCancel,
    /// Re-read the review file to pick up another dossier's changes.
    ReloadReview,
    /// Copy the selected document's id, title or text to the clipboard (OSC 52).
    Copy(super::CopyWhat),
    /// Open the selected document in `$PAGER` (false) or `$EDITOR` (true).
    OpenExternally(bool),
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Scroll the help overlay by a number of lines (negative: up).
    ScrollHelp(i32),
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// Leave dossier.
    Quit,
}
