//! No stored name or title holds a control character or a bidirectional override
//! (`dossier_model::text`): every change of user-written text is refused here, whichever way it
//! came (facts file, application name, envelope, a "not applicable" reason, the app's
//! commands), with the field named as the person wrote it.
//!
//! Document file names and paths are not checked here: they come from the disk, and import
//! reports a strange name as a finding on the document rather than refusing the file.

use serde::Serialize;
use serde_json::Value;

use crate::{Error, Result};

/// One sentence per string in `value` (serialised as it is stored) that holds unsafe
/// characters, each naming its field under `root` (`product.applicant`, `study[EPX-102].title`, `product.site[2].address`).
pub fn unsafe_text_in<T: Serialize + ?Sized>(root: &str, value: &T) -> Vec<String> {
    let mut problems = Vec::new();
    if let Ok(v) = serde_json::to_value(value) {
        walk(root, &v, &mut problems);
    }
    problems
}

/// [`unsafe_text_in`] as an error: the change is refused and nothing is written.
pub(crate) fn refuse_unsafe<T: Serialize + ?Sized>(root: &str, value: &T) -> Result<()> {
    let problems = unsafe_text_in(root, value);
    if problems.is_empty() { Ok(()) } else { Err(Error::Invalid(problems.join("; "))) }
}

fn walk(path: &str, v: &Value, out: &mut Vec<String>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match v {
        Value::String(s) => out.extend(dossier_model::text::unsafe_text_problem(path, s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                // An entry with an id (a study) or a path (a [[document]]) is named by it, escaped:
                // it may be the culprit itself.
                let label = match item.get("id").or_else(|| item.get("path")).and_then(Value::as_str) {
                    Some(id) => id.escape_debug().to_string(),
                    None => (i + 1).to_string(),
                };
                walk(&format!("{path}[{label}]"), item, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                walk(&join(key), item, out);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}
