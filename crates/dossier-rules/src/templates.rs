use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use include_dir::{Dir, include_dir};

use crate::{CtdTree, DocTypes, Profiles};

static TEMPLATES_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates");

/// One problem found in a template file; `line` when it can be located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn new(file: &str, message: impl Into<String>) -> Self {
        Diagnostic { file: file.to_owned(), line: None, message: message.into() }
    }

    pub(crate) fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let line = text[..offset.min(text.len())].matches('\n').count() + 1;
        Diagnostic { file: file.to_owned(), line: Some(line), message: message.into() }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "templates/{}:{line}: {}", self.file, self.message),
            None => write!(f, "templates/{}: {}", self.file, self.message),
        }
    }
}

/// Where template files come from: the binary, a folder being edited, or a test's map.
pub trait Source {
    /// Text of a file, by path relative to `templates/`; `Err` says why there is none
    /// ("the file is missing", not a regular file, too large…).
    fn read(&self, path: &str) -> Result<String, String>;
    /// Paths (relative to `templates/`) of the `.toml` files directly in `dir`, sorted.
    fn list(&self, dir: &str) -> Vec<String>;
}

const MISSING: &str = "the file is missing";

struct Embedded;

impl Source for Embedded {
    fn read(&self, path: &str) -> Result<String, String> {
        TEMPLATES_DIR.get_file(path).and_then(|f| f.contents_utf8()).map(str::to_owned).ok_or_else(|| MISSING.to_owned())
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let mut out: Vec<String> = TEMPLATES_DIR
            .get_dir(dir)
            .map(|d| {
                d.files()
                    .map(|f| f.path().to_string_lossy().into_owned())
                    .filter(|p| p.ends_with(".toml"))
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }
}

/// A `templates/` folder on disk, for checking edits before they are built in.
#[derive(Debug)]
pub struct Folder(pub PathBuf);

impl Source for Folder {
    fn read(&self, path: &str) -> Result<String, String> {
        // A template named in a folder is read like any file a person names: a regular file
        // (never a FIFO or a device) under its cap.
        match dossier_files::read_text(&self.0.join(path), dossier_files::TEMPLATE) {
            Ok(text) => Ok(text),
            Err(e) if e.is_not_found() => Err(MISSING.to_owned()),
            Err(e) => Err(e.to_string()),
        }
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_dir(self.0.join(dir))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".toml"))
                    .map(|n| format!("{dir}/{n}"))
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }
}

impl Source for BTreeMap<String, String> {
    fn read(&self, path: &str) -> Result<String, String> {
        self.get(path).cloned().ok_or_else(|| MISSING.to_owned())
    }

    fn list(&self, dir: &str) -> Vec<String> {
        self.keys().filter(|k| Path::new(k).parent() == Some(Path::new(dir))).cloned().collect()
    }
}

/// All regulatory data the program knows.
#[derive(Debug)]
pub struct Templates {
    pub ctd: CtdTree,
    pub doc_types: DocTypes,
    pub profiles: Profiles,
}

impl Templates {
    /// The templates built into this binary. Their diagnostics fail a test, so here they are
    /// only kept for `dossier templates check`.
    pub fn embedded() -> &'static Templates {
        static EMBEDDED: OnceLock<Templates> = OnceLock::new();
        EMBEDDED.get_or_init(|| Templates::load(&Embedded).0)
    }

    /// Diagnostics of the embedded templates (empty when they are sound).
    pub fn embedded_diagnostics() -> Vec<Diagnostic> {
        Templates::load(&Embedded).1
    }

    /// Loads everything, reporting every problem at once.
    pub fn load(source: &dyn Source) -> (Templates, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let ctd = CtdTree::load(source, &mut diags);
        let doc_types = DocTypes::load(source, &ctd, &mut diags);
        let profiles = Profiles::load(source, &ctd, &doc_types, &mut diags);
        (Templates { ctd, doc_types, profiles }, diags)
    }
}

/// Parses one TOML template, recording a diagnostic (and returning `None`) when it is missing
/// or malformed.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    source: &dyn Source,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(T, String)> {
    let text = match source.read(file) {
        Ok(text) => text,
        Err(why) => {
            diags.push(Diagnostic::new(file, why));
            return None;
        }
    };
    match toml::from_str(&text) {
        Ok(v) => Some((v, text)),
        Err(e) => {
            let message = e.message().to_owned();
            diags.push(match e.span() {
                Some(span) => Diagnostic::at(file, &text, span.start, message),
                None => Diagnostic::new(file, message),
            });
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
    fn every_problem_is_reported_at_once_with_its_line() {
        let files: BTreeMap<String, String> = [
            ("ctd/ctd-tree.toml", "[[node]]\ncode = \"2\"\ntitle = \"S\"\nelement = \"m2\"\n[[node]]\ncode = \"2.5\"\ntitle = \"C\"\nelement = \"m2-5\"\nparent = \"9\"\n"),
            ("doc-types.toml", "[[type]]\nid = \"a\"\ntitle = \"A\"\nsections = [\"7.7\"]\nhints = []\n[[type]]\nid = \"a\"\ntitle = \"B\"\nsections = []\nhints = [\"x\"]\n"),
            ("authorities/bad.toml", "[profile]\nid = \"bad\"\ncolour = 1\n"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let (_, diags) = Templates::load(&files);
        let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|t| t.contains("ctd-tree.toml:6") && t.contains("parent `9`")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("`7.7`")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("twice")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("authorities/bad.toml:3") && t.contains("colour")), "{text:#?}");
    }
}
