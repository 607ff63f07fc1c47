use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How bad a finding is. Ordered: `Error` is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One result of import inspection, gap analysis or validation.
///
/// `rule` is a published rule id where one exists (EU `15.3`, FDA `1085`) or one of our own,
/// prefixed `DB-` so it can never be mistaken for a regulator's.
///
/// `message` is English. `code` names the kind of message and `params` the values it was written
/// from, so an interface in another language can word it (the UI's `finding.<code>` messages);
/// a finding without a code is shown as its message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// What failed, on which file or item, and what to do next.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl Finding {
    pub fn new(rule: &str, severity: Severity, message: impl Into<String>) -> Self {
        Self { rule: rule.to_owned(), severity, message: message.into(), code: None, params: BTreeMap::new() }
    }

    /// The same finding with the kind of message it is and the values it was written from.
    pub fn coded<const N: usize>(mut self, code: &str, params: [(&str, &str); N]) -> Self {
        self.code = Some(code.to_owned());
        self.params = params.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        self
    }
}
