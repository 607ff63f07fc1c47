use dossier_package::zip::zip_folder;
use dossier_package::{Region, plan};

use super::write::build;
use super::*;

#[test]
fn zipping_the_same_sequence_twice_gives_identical_bytes_with_pdfs_stored() {
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let p = plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]));
    let w = build(&p, &out.path().join("a"));
    let w2 = build(&p, &out.path().join("b"));
    let za = out.path().join("a.zip");
    let zb = out.path().join("b.zip");
    zip_folder(&w.folder, "0000", &za).unwrap();
    zip_folder(&w2.folder, "0000", &zb).unwrap();
    assert!(std::fs::read(&za).unwrap() == std::fs::read(&zb).unwrap(), "zips of equal folders are byte-identical");
    let mut archive = ::zip::ZipArchive::new(std::fs::File::open(&za).unwrap()).unwrap();
    let names: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are in path order");
    assert!(names.iter().all(|n| n.starts_with("0000/")));
    for i in 0..archive.len() {
        let f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let expected = if name.ends_with(".pdf") { ::zip::CompressionMethod::Stored } else { ::zip::CompressionMethod::Deflated };
        assert_eq!(f.compression(), expected, "{name}");
    }
    assert!(!out.path().read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("partial")));
}

#[test]
fn the_zip_written_beside_the_folder_holds_exactly_its_files_and_equals_zipping_the_folder() {
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let p = plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]));
    let rendered = dossier_package::backbone::render(&p, ctd());
    let opts = dossier_package::WriteOptions { dir: out.path(), us_dtd: None, cancel: None, zip: true };
    let w = dossier_package::write_sequence(&p, &rendered, opts, &mut |_| {}).unwrap();
    let zip = w.zip.clone().expect("a zip was asked for");
    assert_eq!(zip, out.path().join("0000.zip"));
    // Written from the blobs on a second thread, it must be the very zip of the finished folder.
    let again = out.path().join("again.zip");
    zip_folder(&w.folder, "0000", &again).unwrap();
    let names = |z: &std::path::Path| -> Vec<(String, u64)> {
        let mut a = ::zip::ZipArchive::new(std::fs::File::open(z).unwrap()).unwrap();
        (0..a.len()).map(|i| { let f = a.by_index(i).unwrap(); (f.name().unwrap().into_owned(), f.size()) }).collect()
    };
    assert_eq!(names(&zip), names(&again), "same entries");
    assert!(std::fs::read(&zip).unwrap() == std::fs::read(&again).unwrap(), "same entries, same bytes");
    let mut archive = ::zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let rel = f.name().unwrap().strip_prefix("0000/").unwrap().to_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        assert_eq!(bytes, std::fs::read(w.folder.join(&rel)).unwrap(), "{rel}");
    }
    assert!(!out.path().read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("partial")), "no temp file is left");
}

#[test]
fn a_cancelled_build_leaves_neither_folder_nor_zip() {
    let out = tempfile::tempdir().unwrap();
    let m1 = eu_m1();
    let p = plan(&input(Region::Eu, 0, &m1, sample_leaves(Region::Eu, &m1), vec![]));
    let rendered = dossier_package::backbone::render(&p, ctd());
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let opts = dossier_package::WriteOptions { dir: out.path(), us_dtd: None, cancel: Some(&cancel), zip: true };
    assert!(dossier_package::write_sequence(&p, &rendered, opts, &mut |_| {}).is_err());
    let left: Vec<_> = out.path().read_dir().unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "{left:?}");
}
