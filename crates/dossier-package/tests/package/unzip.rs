use std::io::Write;

use dossier_package::unzip::{LIMITS, ZipLimits, central_directory, local_header, unzip};

fn zip_of(path: &std::path::Path, entries: &[(&str, &[u8])], opts: ::zip::write::SimpleFileOptions) {
    let mut zip = ::zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn the_central_directory_and_local_headers_read_back_what_the_zip_crate_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.zip");
    let opts = ::zip::write::SimpleFileOptions::default().large_file(true);
    zip_of(&path, &[("0000/index.xml", b"<ectd/>"), ("0000/m2/a.pdf", &[7u8; 5000])], opts);
    let mut file = std::fs::File::open(&path).unwrap();
    let (entries, cd_start) = central_directory(&mut file, 10).unwrap().unwrap();
    assert_eq!(entries.iter().map(|e| e.name()).collect::<Vec<_>>(), ["0000/index.xml", "0000/m2/a.pdf"]);
    assert_eq!(entries[1].size, 5000, "zip64 sizes are read from the extra field");
    assert!(cd_start > entries[1].offset);
    let bytes = std::fs::read(&path).unwrap();
    let local = local_header(&bytes[entries[1].offset as usize..]).unwrap();
    assert_eq!((local.name.as_slice(), local.method, local.crc), (entries[1].name.as_slice(), entries[1].method, entries[1].crc));
    assert_eq!(local_header(b"PK\x03\x04 short"), None, "a truncated header is none");
    assert_eq!(central_directory(&mut file, 1).unwrap().unwrap_err(), 2, "more entries than allowed is told before reading them");
}

#[test]
fn a_refused_zip_extracts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.zip");
    let opts = ::zip::write::SimpleFileOptions::default();
    zip_of(&path, &[("0000/index.xml", b"<ectd/>"), ("0000/m3/zeros.pdf", &vec![0u8; 8 << 20])], opts);
    let limits = ZipLimits { ratio_from: 1 << 20, ..LIMITS };
    let out = unzip(&path, &dir.path().join("out"), &limits).unwrap();
    assert!(out.refused);
    assert_eq!(out.findings[0].code.as_deref(), Some("zip-refused-ratio"), "{:#?}", out.findings);
    assert_eq!(out.findings[0].params["entry"], "0000/m3/zeros.pdf");
    assert!(!dir.path().join("out").exists(), "nothing extracted, not even the folder");
    let out = unzip(&path, &dir.path().join("out"), &ZipLimits { ratio: 10_000, ..limits }).unwrap();
    assert!(!out.refused && out.files == 2, "{:#?}", out.findings);
}
