//! Paths a person names: where the program may write (reports, letters, exported facts, a
//! build's output root, a new project) and which folders it may import from.
//!
//! One rule for every output: never the store (`project.sqlite*`), the blob store, the builds
//! or a temp file of any project — only directly in a project folder, beside its store, or
//! outside it — and never over an existing file unless the command says it replaces one. The
//! folder is resolved (symbolic links, `..`) before deciding, so `P/x/../blobs/ab` or a link
//! to the project is caught. Files are written by [`write_file`]: a temp file in the same
//! folder, renamed into place when complete.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use dossier_store::{BLOBS_DIR, BUILDS_DIR, DATABASE_FILE};

use crate::{ApiError, ErrorCode, Project, Result};

/// Folders directly in a project that only the program writes.
const PROJECT_FOLDERS: &[&str] = &[BLOBS_DIR, BUILDS_DIR, "util"];

impl From<dossier_files::ReadError> for ApiError {
    fn from(e: dossier_files::ReadError) -> Self {
        use dossier_files::ReadError as E;
        let code = match &e {
            E::NotFound { .. } => ErrorCode::NotFound,
            E::NotRegular { .. } | E::TooLarge { .. } | E::NotUtf8 { .. } => ErrorCode::Invalid,
            E::Io { .. } => ErrorCode::Io,
        };
        ApiError::new(code, e.to_string())
    }
}

fn refuse(out: &Path, why: impl std::fmt::Display, what_to_do: &str) -> ApiError {
    ApiError::invalid(format!("{} cannot be written: {why}; {what_to_do}", out.display()))
}

const ELSEWHERE: &str = "choose a path outside the project folder (or directly in it, beside project.sqlite)";

/// Checks `out` as the target of a file the program writes: its folder exists, it is not a
/// folder, not inside any project's store, blobs, builds or temp files, and it does not exist
/// yet unless `replace`.
pub fn check_output_file(out: &Path, replace: bool) -> Result<()> {
    let name = match out.components().next_back() {
        Some(Component::Normal(name)) => name,
        _ => return Err(refuse(out, "it names no file", "give a file name such as gaps.pdf")),
    };
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let folder = parent.canonicalize().map_err(|_| {
        refuse(out, format_args!("its folder {} does not exist", parent.display()), "create the folder first or choose another path")
    })?;
    if !folder.is_dir() {
        return Err(refuse(out, format_args!("{} is not a folder", parent.display()), "choose a path in a folder"));
    }
    let target = folder.join(name);
    if let Some(why) = protected(&target) {
        return Err(refuse(out, why, ELSEWHERE));
    }
    let Ok(meta) = std::fs::symlink_metadata(&target) else { return Ok(()) };
    if meta.file_type().is_symlink() {
        // A rename replaces the link, not what it points at; refused all the same when it points
        // into a project's own files, so nobody believes a blob was "updated".
        if let Some(why) = target.canonicalize().ok().as_deref().and_then(protected) {
            return Err(refuse(out, format_args!("it is a symbolic link to a file where {why}"), ELSEWHERE));
        }
    }
    if target.is_dir() {
        return Err(refuse(out, "it is a folder", "give the name of a file inside it"));
    }
    if !replace {
        return Err(ApiError::invalid(format!(
            "{} already exists; add --force to replace it, or choose another name",
            out.display()
        )));
    }
    Ok(())
}

/// Checks `out` as the root a build writes `OUT/APP/NNNN` under: outside every project, or the
/// project's own `builds/` (the default). Missing folders are created by the build.
pub fn check_output_folder(project_root: &Path, out: &Path) -> Result<()> {
    let resolved = resolve_folder(out)?;
    if resolved.exists() && !resolved.is_dir() {
        return Err(refuse(out, "it is a file, not a folder", "give the folder the sequences go under"));
    }
    let root = project_root.canonicalize().unwrap_or_else(|_| project_root.to_path_buf());
    match enclosing_project(&resolved) {
        Some(p) if p == root && resolved == root.join(BUILDS_DIR) => Ok(()),
        Some(p) if p == root => Err(refuse(
            out,
            format_args!("it is inside the project {}", root.display()),
            "leave --out out to build into the project's builds/ folder, or choose a folder outside the project",
        )),
        Some(p) => Err(refuse(
            out,
            format_args!("it is inside another project, {}", p.display()),
            "choose a folder outside every project",
        )),
        None => Ok(()),
    }
}

/// Before a build writes anything: the project can be changed, and `--out` is a folder a
/// sequence may go under.
pub(crate) fn check_build(project: &Project, opts: &crate::BuildOptions) -> Result<()> {
    if opts.dry_run {
        return Ok(());
    }
    project.store.ensure_writable()?;
    match &opts.out {
        Some(out) => check_output_folder(project.root(), out),
        None => Ok(()),
    }
}

/// Refuses a folder for a new project inside another project (its blobs or builds would hold
/// a store, and the outer project's checks would trip over it).
pub fn check_new_project_folder(dir: &Path) -> Result<()> {
    let resolved = resolve_folder(dir)?;
    match resolved.parent().and_then(enclosing_project) {
        Some(p) => Err(refuse(
            dir,
            format_args!("it is inside the project {}", p.display()),
            "create the new project outside every other project",
        )),
        None => Ok(()),
    }
}

/// Refuses `init DIR --from FROM` with FROM inside DIR: the new project would import its own
/// store and blobs as documents. (FROM holding DIR is fine: import leaves the project out.)
pub(crate) fn check_init_source(root: &Path, from: &Path) -> Result<()> {
    let (root, from_resolved) = (resolve_folder(root)?, resolve_folder(from)?);
    if from_resolved.starts_with(&root) {
        return Err(ApiError::invalid(format!(
            "{} is inside the new project {}; start from a folder outside it",
            from.display(),
            root.display()
        )));
    }
    Ok(())
}

/// Checks, then writes `bytes` to `out` (see [`check_output_file`]).
pub fn write_output(out: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    check_output_file(out, replace)?;
    write_file(out, bytes, replace)
}

/// The one writer of whole files: a temp file created fresh (`O_EXCL`) in the same folder,
/// renamed over `out` when complete (or linked, failing if `out` appeared meanwhile, when not
/// replacing). A reader never sees half a file under the final name; a failed write leaves
/// nothing behind.
pub(crate) fn write_file(out: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    let io = |e: std::io::Error| {
        ApiError::new(ErrorCode::Io, format!("{} cannot be written: {}", out.display(), dossier_files::write_reason(&e)))
    };
    let name = out.file_name().ok_or_else(|| refuse(out, "it names no file", "give a file name"))?;
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As `fs::write` would create it (the umask applies), not tempfile's private 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(folder).map_err(io)?;
    tmp.write_all(bytes).and_then(|()| tmp.flush()).map_err(io)?;
    let placed = if replace { tmp.persist(out) } else { tmp.persist_noclobber(out) };
    placed.map(drop).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => {
            ApiError::invalid(format!("{} already exists; add --force to replace it, or choose another name", out.display()))
        }
        _ => io(e.error),
    })
}

/// What import must leave out of `inputs`: an input inside the project is refused (the store,
/// blobs and builds are not documents); for an input that holds the project, the project's
/// folder as spelled under that input is returned, for the walk's results to be filtered.
pub(crate) fn project_within_inputs(project: &Project, inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let root = project.root().canonicalize().unwrap_or_else(|_| project.root().to_path_buf());
    let mut inside = Vec::new();
    for input in inputs {
        let Ok(resolved) = input.canonicalize() else { continue };
        if resolved.starts_with(&root) {
            return Err(ApiError::invalid(format!(
                "{} is inside the project {}: its store, blobs and builds are not documents; import files from outside the project",
                input.display(),
                root.display()
            )));
        }
        if let Ok(rest) = root.strip_prefix(&resolved) {
            inside.push(input.join(rest));
        }
    }
    Ok(inside)
}

/// The project folder `path` is in (or is): the nearest of itself and its ancestors holding
/// a `project.sqlite`.
fn enclosing_project(path: &Path) -> Option<PathBuf> {
    path.ancestors().find(|a| std::fs::symlink_metadata(a.join(DATABASE_FILE)).is_ok()).map(Path::to_path_buf)
}

/// Why writing the file `target` (its folder resolved) would damage a project, if it would.
fn protected(target: &Path) -> Option<String> {
    if target.join(DATABASE_FILE).exists() {
        return Some("it is a project folder".into());
    }
    let project = enclosing_project(target.parent()?)?;
    let rel = target.strip_prefix(&project).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next()?;
    let deeper = parts.next().is_some();
    let lower = first.to_lowercase();
    if !deeper && lower.starts_with(DATABASE_FILE) {
        Some(format!("it is the store of the project {}", project.display()))
    } else if first.starts_with('.') {
        Some(format!("it is a temporary file or folder of the project {}", project.display()))
    } else if deeper || PROJECT_FOLDERS.contains(&lower.as_str()) {
        Some(format!("it is inside {first}/ of the project {}, which only Dossier Bridge writes", project.display()))
    } else {
        None
    }
}

/// `dir` with symbolic links and `..` resolved, for a folder that may not exist yet: its
/// nearest existing ancestor resolved, plus the rest (which must hold no `..`, since the
/// folders it would climb out of do not exist).
fn resolve_folder(dir: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(dir).map_err(|e| refuse(dir, e, "check the path"))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(parent) = existing.parent() else { break };
        rest.push(existing.file_name());
        existing = parent;
    }
    let mut resolved = existing.canonicalize().map_err(|e| refuse(dir, e, "check the path"))?;
    for part in rest.into_iter().rev() {
        // `file_name` is `None` for a `..` (or `.`) component.
        let Some(part) = part else {
            return Err(refuse(dir, "it climbs with `..` out of a folder that does not exist", "give the folder without `..`"));
        };
        resolved.push(part);
    }
    Ok(resolved)
}
