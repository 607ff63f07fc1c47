//! The output rule and the project as its own source (`paths.rs`).

use std::fs;
use std::path::Path;

use dossier_api::{ImportOptions, check_output_file, check_output_folder, write_output};

use crate::{fixture, new_project};

#[test]
fn outputs_into_any_projects_own_files_are_refused_and_beside_the_store_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let project = new_project(dir.path());
    let root = project.root().canonicalize().unwrap();
    // Another project beside it: its files are as protected as the open one's.
    let other = new_project(&dir.path().join("other"));
    let other = other.root().to_path_buf();
    for made in [root.join("builds/app_cn/0000"), root.join("blobs/.tmp"), other.join("blobs/.tmp")] {
        fs::create_dir_all(made).unwrap();
    }
    std::os::unix::fs::symlink(&root, dir.path().join("link")).unwrap();
    for (out, why) in [
        (root.join("project.sqlite"), "store of the project"),
        (root.join("project.sqlite-shm"), "store of the project"),
        (root.join("Project.SQLITE-journal"), "store of the project"),
        (root.join("blobs/ab/new.pdf"), "does not exist"),
        (root.join("blobs/.tmp/x"), "inside blobs/"),
        (root.join(".import-ectd-1/x.pdf"), "does not exist"),
        (root.join(".half-written.pdf"), "temporary file"),
        (root.join("builds/app_cn/0000/gaps.pdf"), "inside builds/"),
        (root.join("builds/../blobs/.tmp/gaps.pdf"), "inside blobs/"),
        (dir.path().join("link/project.sqlite-wal"), "store of the project"),
        (other.join("blobs/.tmp/gaps.pdf"), "inside blobs/"),
        (other.clone(), "is a project folder"),
        (root.clone(), "is a project folder"),
    ] {
        let e = check_output_file(&out, true).unwrap_err().message;
        assert!(e.contains(why) && e.contains(&out.display().to_string()), "{}: {e}", out.display());
    }
    check_output_file(&root.join("gaps.pdf"), false).expect("beside the store is fine");
    check_output_file(&dir.path().join("gaps.pdf"), false).expect("outside every project is fine");
}

#[test]
fn an_existing_output_is_replaced_only_when_asked_and_never_through_a_link_into_blobs() {
    let dir = tempfile::tempdir().unwrap();
    let project = new_project(dir.path());
    let out = dir.path().join("facts.toml");
    write_output(&out, b"first", false).unwrap();
    let e = write_output(&out, b"second", false).unwrap_err().message;
    assert!(e.contains("already exists") && e.contains("--force"), "{e}");
    assert_eq!(fs::read(&out).unwrap(), b"first");
    write_output(&out, b"second", true).unwrap();
    assert_eq!(fs::read(&out).unwrap(), b"second");
    fs::create_dir_all(project.root().join("blobs/ab")).unwrap();
    fs::write(project.root().join("blobs/ab/abcd"), b"stored").unwrap();
    let link = dir.path().join("letter.pdf");
    std::os::unix::fs::symlink(project.root().join("blobs/ab/abcd"), &link).unwrap();
    let e = write_output(&link, b"letter", true).unwrap_err().message;
    assert!(e.contains("symbolic link") && e.contains("blobs/"), "{e}");
    assert_eq!(fs::read(project.root().join("blobs/ab/abcd")).unwrap(), b"stored", "the blob is untouched");
    let names: Vec<String> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "no temp file left: {names:?}");
}

#[test]
fn a_build_root_is_outside_every_project_or_the_projects_own_builds() {
    let dir = tempfile::tempdir().unwrap();
    let project = new_project(dir.path());
    let root = project.root();
    check_output_folder(root, &root.join("builds")).expect("the default");
    check_output_folder(root, &dir.path().join("out/new")).expect("a folder to be made outside");
    for (out, why) in [
        (root.join("blobs"), "inside the project"),
        (root.to_path_buf(), "inside the project"),
        (root.join("builds/app_cn"), "inside the project"),
        (dir.path().join("missing/../t.dossier/blobs"), "climbs with `..`"),
    ] {
        let e = check_output_folder(root, &out).unwrap_err().message;
        assert!(e.contains(why), "{}: {e}", out.display());
    }
    fs::write(dir.path().join("a-file"), b"x").unwrap();
    assert!(check_output_folder(root, &dir.path().join("a-file")).unwrap_err().message.contains("not a folder"));
}

#[test]
fn import_refuses_the_project_and_leaves_it_out_of_a_folder_that_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = new_project(dir.path());
    let root = project.root().to_path_buf();
    for inside in [root.clone(), root.join("blobs"), root.join("builds")] {
        let e = dossier_api::import_paths(&mut project, &[inside.clone()], &ImportOptions::default(), &mut |_| {}).unwrap_err();
        assert!(e.message.contains("is inside the project"), "{}: {}", inside.display(), e.message);
    }
    fs::copy(fixture("good.pdf"), dir.path().join("beside.pdf")).unwrap();
    let report = crate::import(&mut project, &[dir.path().to_path_buf()]);
    assert_eq!(report.imported, 1, "only the file beside the project: {report:?}");
    assert!(report.skipped.iter().any(|s| Path::new(&s.path).ends_with("t.dossier") && s.reason.contains("a project folder")), "{report:?}");
}

#[test]
fn init_from_a_folder_inside_the_new_project_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("n.dossier");
    fs::create_dir_all(root.join("docs")).unwrap();
    let e = dossier_api::init_project(&root, Some(&root.join("docs")), crate::actor(), &mut |_| {}).unwrap_err();
    assert!(e.message.contains("inside the new project"), "{}", e.message);
    assert!(!root.join("project.sqlite").exists(), "no project was created");
}
