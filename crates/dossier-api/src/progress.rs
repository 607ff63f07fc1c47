use serde::Serialize;

/// One report from long work. The CLI draws a bar from it, the app forwards it over a channel,
/// tests collect it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// `scan`, `import`, …
    pub phase: &'static str,
    pub done: u64,
    pub total: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// The item being worked on, for display.
    pub item: String,
}

/// Where progress goes.
pub type ProgressSink<'a> = &'a mut dyn FnMut(&Progress);
