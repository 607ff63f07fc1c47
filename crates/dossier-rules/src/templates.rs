use std::sync::OnceLock;

use include_dir::{Dir, include_dir};

use crate::{CtdTree, DocTypes};

static TEMPLATES_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates");

/// One problem found in a template file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// All regulatory data the program knows.
#[derive(Debug)]
pub struct Templates {
    pub ctd: CtdTree,
    pub doc_types: DocTypes,
}

impl Templates {
    /// The templates built into this binary. Their diagnostics are a test failure, so here
    /// they are only kept for `dossier templates check`.
    pub fn embedded() -> &'static Templates {
        static EMBEDDED: OnceLock<(Templates, Vec<Diagnostic>)> = OnceLock::new();
        &EMBEDDED.get_or_init(|| Templates::load(&|path| embedded_text(path))).0
    }

    /// Diagnostics of the embedded templates (empty when they are sound).
    pub fn embedded_diagnostics() -> Vec<Diagnostic> {
        Templates::load(&|path| embedded_text(path)).1
    }

    /// Loads the templates through `read` (a path relative to `templates/` to its text).
    pub fn load(read: &dyn Fn(&str) -> Option<String>) -> (Templates, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let ctd = CtdTree::load(read, &mut diags);
        let doc_types = DocTypes::load(read, &ctd, &mut diags);
        (Templates { ctd, doc_types }, diags)
    }
}

fn embedded_text(path: &str) -> Option<String> {
    TEMPLATES_DIR.get_file(path).and_then(|f| f.contents_utf8()).map(str::to_owned)
}

/// Parses one TOML template, recording a diagnostic (and returning `None`) when it is missing
/// or malformed.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    read: &dyn Fn(&str) -> Option<String>,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let Some(text) = read(file) else {
        diags.push(Diagnostic { file: file.into(), message: "the file is missing".into() });
        return None;
    };
    match toml::from_str(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(Diagnostic { file: file.into(), message: e.to_string() });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_templates_load_without_diagnostics() {
        let diags = Templates::embedded_diagnostics();
        assert!(diags.is_empty(), "template problems:\n{}", diags.iter().map(|d| format!("  {d}\n")).collect::<String>());
        assert!(Templates::embedded().doc_types.all().len() >= 60, "the vocabulary has at least 60 types");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let read = |path: &str| match path {
            "ctd/ctd-tree.toml" => Some("[[node]]\ncode = \"2\"\ntitle = \"S\"\nelement = \"m2\"\n[[node]]\ncode = \"2.5\"\ntitle = \"C\"\nelement = \"m2-5\"\nparent = \"9\"\n".into()),
            "doc-types.toml" => Some("[[type]]\nid = \"a\"\ntitle = \"A\"\nsections = [\"7.7\"]\nhints = []\n[[type]]\nid = \"a\"\ntitle = \"B\"\nsections = []\nhints = [\"x\"]\n".into()),
            _ => None,
        };
        let (_, diags) = Templates::load(&read);
        let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(diags.len(), 3, "{text:#?}");
        assert!(text[0].contains("parent `9`"), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("`7.7`")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("twice")), "{text:#?}");
    }
}
