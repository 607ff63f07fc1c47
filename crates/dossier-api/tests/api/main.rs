//! Integration tests of the api handlers, over real project folders in temp dirs.

mod applications;
mod build;
mod bundle;
mod docs;
mod facts;
mod import;
mod import_ectd;
mod m1_types;
mod paths;
mod report;
mod validate;

use std::path::{Path, PathBuf};

use dossier_api::{Actor, ImportOptions, ImportReport, Project};
use time::OffsetDateTime;
use time::macros::datetime;

pub fn actor() -> Actor {
    fn fixed() -> OffsetDateTime {
        datetime!(2026-11-22 09:00 UTC)
    }
    Actor { name: "tester".into(), now: fixed }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn new_project(dir: &Path) -> Project {
    dossier_api::init_project(&dir.join("t.dossier"), None, actor(), &mut |_| {}).unwrap().0
}

pub fn import(project: &mut Project, paths: &[PathBuf]) -> ImportReport {
    dossier_api::import_paths(project, paths, &ImportOptions::default(), &mut |_| {}).unwrap()
}
