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
