//! Reading a sequence folder for validation: its files and folders (symlinks are never
//! followed). Its backbones are read by the one sequence reader, [`crate::reader`] (the same
//! streaming pass, limits and `href` rule as `import-ectd`); this module only names its types
//! for the checks.

use std::fs;
use std::path::{Path, PathBuf};

/// One file or folder, `/`-separated from the sequence folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub rel: String,
    pub size: u64,
    /// Folders only: nothing inside.
    pub empty: bool,
    /// Files only: what it is when it is not a regular file ("a symbolic link", "a FIFO (named
    /// pipe)", "a device"…). Such a file is listed, reported, and never opened.
    pub special: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub files: Vec<Entry>,
    pub dirs: Vec<Entry>,
}

/// Lists `root` recursively; symlinks are listed as files and never followed.
pub fn tree(root: &Path) -> std::io::Result<Tree> {
    let mut out = Tree::default();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let mut count = 0;
        for e in fs::read_dir(root.join(&rel))? {
            let e = e?;
            count += 1;
            let child = rel.join(e.file_name());
            let meta = fs::symlink_metadata(e.path())?;
            let text = child.to_string_lossy().replace('\\', "/");
            if meta.is_dir() {
                stack.push(child);
                out.dirs.push(Entry { rel: text, size: 0, empty: false, special: None });
            } else {
                let special = crate::regular::special_kind(meta.file_type());
                out.files.push(Entry { rel: text, size: meta.len(), empty: false, special });
            }
        }
        if count == 0 && !rel.as_os_str().is_empty() {
            let text = rel.to_string_lossy().replace('\\', "/");
            if let Some(d) = out.dirs.iter_mut().find(|d| d.rel == text) {
                d.empty = true;
            }
        }
    }
    out.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.dirs.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

pub use crate::reader::{Backbone, Href, Leaf};

/// [`crate::reader::resolve`] in the checks' spelling: `Some("m3/x.pdf")` inside this
/// sequence, `Some("@0000/m3/x.pdf")` in a sibling sequence folder, `None` when it points
/// outside (absolute, a URL, climbing out of the application).
pub fn resolve(base: &str, href: &str) -> Option<String> {
    match crate::reader::resolve(base, href) {
        Href::Inside { path } => Some(path),
        Href::Sibling { sequence, path } => Some(format!("@{sequence}/{path}")),
        Href::Outside => None,
    }
}
