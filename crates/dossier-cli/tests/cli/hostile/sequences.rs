//! Hostile cases: zips, backbones and sequence folders under import-ectd and validate (issue 14: 3, 4, 6, 7, 8; names and titles inside zips and backbones).
//!
//! Table cases go in [`cases`] (run by the test below on one project with a built sequence, each
//! followed by the whole-project checks of [`super::run`]); a case that needs a test of its own
//! is a `#[test]` here whose name is listed in [`STANDALONE`]: those that could hang, fill the
//! disk or eat memory on a faulty program run the CLI under [`watched`], which measures its peak
//! RSS and stops it past 60 s, 1 GiB of memory or 1 GiB of extracted files.

use crate::crash::peak_rss_kib;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::super::whole::assert_whole;
use super::{Case, Expect, ectd, edit, first_pdf_leaf, retitle, s, sequence_copy, unique_pdf, write_zip};

/// The names of this module's standalone `#[test]` functions, counted by the suite's size test.
pub(super) const STANDALONE: &[&str] = &[
    "a_zip_whose_index_xml_inflates_to_gibibytes_is_refused_in_bounded_memory",
    "a_10_gib_entry_declared_small_stops_one_byte_past_its_declared_size",
    "an_index_xml_of_a_million_leaves_is_refused_unread",
    "a_backbone_past_the_leaf_limit_is_refused_in_bounded_memory",
    "a_gigabyte_attribute_is_refused_in_bounded_memory",
    "validate_reads_a_backbone_up_to_its_leaf_limit_in_bounded_memory",
    "validate_never_writes_util_files_into_a_shared_temp_folder",
    "validate_reports_a_util_dtd_linked_to_dev_zero_without_reading_it",
    "validate_reports_a_fifo_leaf_without_blocking",
    "validate_reports_a_util_folder_that_is_a_symbolic_link",
    "import_ectd_reports_an_index_xml_that_is_a_fifo_without_blocking",
    "import_ectd_reports_a_regional_backbone_linked_to_dev_zero",
    "import_ectd_reports_a_fifo_leaf_without_blocking",
    "a_stale_extraction_folder_is_reported_by_verify_and_removed_by_the_next_import",
];

const MIB: u64 = 1 << 20;

/// One entry of a zip written byte by byte, so that a case can make its central directory and
/// local header disagree, or two entries share data.
struct Raw {
    name: String,
    /// The local header's name, when it differs from the central directory's.
    local_name: Option<String>,
    /// 0 stored, 8 deflate.
    method: u16,
    data: Vec<u8>,
    crc: u32,
    /// The inflated size the central directory declares.
    size: u32,
    /// The inflated size the local header declares, when it differs.
    local_size: Option<u32>,
    /// Where the central directory says the local header is, when not where it was written.
    at: Option<u32>,
    /// Write no local header for it (it lives inside another entry's data).
    no_local: bool,
    /// The compressed size both headers claim, when not the data's length.
    compressed: Option<u32>,
}

fn stored(name: &str, data: &[u8]) -> Raw {
    Raw {
        name: name.to_owned(),
        local_name: None,
        method: 0,
        data: data.to_vec(),
        crc: crc32fast::hash(data),
        size: data.len() as u32,
        local_size: None,
        at: None,
        no_local: false,
        compressed: None,
    }
}

/// A raw deflate stream of `mib` MiB of zeros, a few KB long: one MiB compressed with a full
/// flush (which ends byte-aligned and refers to nothing before it) repeated, then an empty final
/// block. Returns the stream and the CRC-32 of what it inflates to.
fn zeros_deflate(mib: u64) -> (Vec<u8>, u32) {
    let zeros = vec![0u8; MIB as usize];
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    let mut chunk = Vec::with_capacity(64 << 10);
    c.compress_vec(&zeros, &mut chunk, flate2::FlushCompress::Full).unwrap();
    assert_eq!(c.total_in(), MIB, "the whole MiB went into one flushed chunk");
    let mut out = Vec::with_capacity(chunk.len() * mib as usize + 2);
    for _ in 0..mib {
        out.extend_from_slice(&chunk);
    }
    out.extend_from_slice(&[0x03, 0x00]);
    let mut one = crc32fast::Hasher::new();
    one.update(&zeros);
    let mut all = crc32fast::Hasher::new();
    for _ in 0..mib {
        all.combine(&one);
    }
    (out, all.finalize())
}

fn deflated_zeros(name: &str, mib: u64, declared: u32) -> Raw {
    let (data, crc) = zeros_deflate(mib);
    Raw { method: 8, data, crc, size: declared, ..stored(name, b"") }
}

/// An entry's local header and data.
fn local_bytes(e: &Raw) -> Vec<u8> {
    let mut out = Vec::new();
    let name = e.local_name.as_deref().unwrap_or(&e.name).as_bytes();
    out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    out.extend_from_slice(&20u16.to_le_bytes());
    out.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
    out.extend_from_slice(&e.method.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0x21, 0]); // 1980-01-01 00:00
    out.extend_from_slice(&e.crc.to_le_bytes());
    out.extend_from_slice(&e.compressed.unwrap_or(e.data.len() as u32).to_le_bytes());
    out.extend_from_slice(&e.local_size.unwrap_or(e.size).to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(name);
    out.extend_from_slice(&e.data);
    out
}

fn raw_zip(path: &Path, entries: &[Raw]) {
    let mut out: Vec<u8> = Vec::new();
    let mut offsets = Vec::new();
    for e in entries {
        offsets.push(e.at.unwrap_or(out.len() as u32));
        if !e.no_local {
            out.extend_from_slice(&local_bytes(e));
        }
    }
    let cd_start = out.len() as u32;
    for (i, e) in entries.iter().enumerate() {
        let offset = offsets[i];
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 3, 20, 0]);
        out.extend_from_slice(&0x0800u16.to_le_bytes());
        out.extend_from_slice(&e.method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0x21, 0]);
        out.extend_from_slice(&e.crc.to_le_bytes());
        out.extend_from_slice(&e.compressed.unwrap_or(e.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&e.size.to_le_bytes());
        out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
        out.extend_from_slice(&0o100644u32.wrapping_shl(16).to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(e.name.as_bytes());
    }
    let cd_size = out.len() as u32 - cd_start;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    fs::write(path, out).unwrap();
}

/// The sample's built NMPA sequence 0000 as a zip of `0000/…` entries, for cases that add one
/// bad entry to an otherwise real sequence.
fn sequence_entries(d: &Path) -> Vec<(String, Vec<u8>)> {
    let seq = sequence_copy(d);
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&seq).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(seq.parent().unwrap()).unwrap().to_string_lossy().into_owned();
            out.push((rel, fs::read(entry.path()).unwrap()));
        }
    }
    fs::remove_dir_all(seq.parent().unwrap()).unwrap();
    out
}

fn zip_case(d: &Path, name: &str, extra: Vec<Raw>) -> Vec<String> {
    let mut entries: Vec<Raw> = sequence_entries(d).iter().map(|(n, b)| stored(n, b)).collect();
    entries.extend(extra);
    let zip = d.join(name);
    raw_zip(&zip, &entries);
    vec!["import-ectd".into(), s(&zip)]
}

/// A backbone of `leaves` minimal leaves (each well under 200 bytes), written as a stream.
fn index_with_leaves(path: &Path, leaves: usize, title: &str) {
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    write!(
        f,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ectd:ectd xmlns:ectd=\"http://www.ich.org/ectd\" xmlns:xlink=\"http://www.w3c.org/1999/xlink\">\n<m2-common-technical-document-summaries>\n"
    )
    .unwrap();
    for i in 0..leaves {
        writeln!(f, "<leaf ID=\"l{i}\" operation=\"new\" xlink:href=\"m2/x{i}.pdf\" checksum-type=\"md5\"><title>{title}</title></leaf>").unwrap();
    }
    write!(f, "</m2-common-technical-document-summaries>\n</ectd:ectd>\n").unwrap();
}

pub(super) fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "zip holding 0000/index.xml twice",
            setup: |d| {
                let zip = d.join("twice.zip");
                let index = fs::read(d.parent().unwrap().join("project/builds/app_cn/0000/index.xml")).unwrap();
                raw_zip(&zip, &[stored("0000/index.xml", &index), stored("0000/index.xml", b"<ectd/>")]);
                vec!["import-ectd".into(), s(&zip)]
            },
            expect: Expect::Finding(&["zip-refused-duplicate", "`0000/index.xml` and `0000/index.xml`", "nothing was imported", "\"imported\": 0"]),
        },
        Case {
            name: "zip holding two different copies of one PDF",
            setup: |d| {
                let entries = sequence_entries(d);
                let pdf = entries.iter().find(|(n, _)| n.ends_with(".pdf")).unwrap().0.clone();
                let copy = stored(&pdf, &unique_pdf("second copy"));
                zip_case(d, "two-copies.zip", vec![copy])
            },
            expect: Expect::Finding(&["zip-refused-duplicate", ".pdf` twice", "\"imported\": 0"]),
        },
        Case {
            // macOS zips decomposed names (NFD); Windows and macOS file them as one name.
            name: "zip holding two names equal after NFC normalisation",
            setup: |d| zip_case(d, "nfc.zip", vec![stored("0000/m1/cn/r\u{e9}sum\u{e9}.pdf", &unique_pdf("nfc")), stored("0000/m1/cn/re\u{301}sume\u{301}.pdf", &unique_pdf("nfd"))]),
            expect: Expect::Finding(&["zip-refused-duplicate", "cannot tell apart", "\"imported\": 0"]),
        },
        Case {
            name: "zip holding two names that differ only in case",
            setup: |d| zip_case(d, "case.zip", vec![stored("0000/m2/Annex.pdf", &unique_pdf("upper")), stored("0000/m2/annex.pdf", &unique_pdf("lower"))]),
            expect: Expect::Finding(&["zip-refused-duplicate", "0000/m2/Annex.pdf", "0000/m2/annex.pdf", "\"imported\": 0"]),
        },
        Case {
            // A name Windows cannot hold is a warning naming the entry and a name to rename it
            // to; the zip is still read (it is not refused).
            name: "zip holding a Windows device name and a reserved character",
            setup: |d| zip_case(d, "windows.zip", vec![stored("0000/m2/CON.pdf", &unique_pdf("con")), stored("0000/m2/a:b.pdf", &unique_pdf("colon"))]),
            expect: Expect::Finding(&["name-device", "windows.zip: 0000/m2/CON.pdf", "name-reserved-character", "0000/m2/a:b.pdf", "rename it to a_b.pdf", "\"already_known\": 70"]),
        },
        Case {
            name: "zip holding a folder whose name ends in a dot",
            setup: |d| zip_case(d, "dot.zip", vec![stored("0000/m2/annex./x.pdf", &unique_pdf("dot folder"))]),
            expect: Expect::Finding(&["name-trailing", "0000/m2/annex./x.pdf", "rename it to \\\"annex\\\"", "\"already_known\": 70"]),
        },
        Case {
            name: "zip whose central directory names another file than the local header",
            setup: |d| {
                let bad = Raw { local_name: Some("0000/m2/other.pdf".into()), ..stored("0000/m2/named.pdf", &unique_pdf("renamed")) };
                zip_case(d, "renamed.zip", vec![bad])
            },
            expect: Expect::Finding(&["zip-refused-header", "0000/m2/named.pdf", "names another file", "\"imported\": 0"]),
        },
        Case {
            name: "zip whose central directory and local header give other sizes",
            setup: |d| {
                let pdf = unique_pdf("resized");
                let bad = Raw { local_size: Some(pdf.len() as u32 + 7), ..stored("0000/m2/resized.pdf", &pdf) };
                zip_case(d, "resized.zip", vec![bad])
            },
            expect: Expect::Finding(&["zip-refused-header", "0000/m2/resized.pdf", "sizes or CRC differ", "\"imported\": 0"]),
        },
        Case {
            // The "overlapping zip bomb": one entry's data holds another's local header and
            // data, so the same bytes inflate twice (or, nested, thousands of times).
            name: "zip whose entries share compressed data",
            setup: |d| {
                let inner = stored("0000/m2/inner.pdf", &unique_pdf("inner"));
                let name = "0000/m2/outer.pdf";
                let outer = stored(name, &local_bytes(&inner));
                let inner = Raw { at: Some(30 + name.len() as u32), no_local: true, ..inner };
                let zip = d.join("overlap.zip");
                raw_zip(&zip, &[outer, inner]);
                vec!["import-ectd".into(), s(&zip)]
            },
            expect: Expect::Finding(&["zip-refused-overlap", "0000/m2/outer.pdf", "0000/m2/inner.pdf", "\"imported\": 0"]),
        },
        Case {
            name: "zip entry that inflates past the size it declares",
            setup: |d| {
                let pdf = unique_pdf("liar");
                let mut liar = stored("0000/m2/liar.pdf", &pdf);
                liar.size = 10;
                zip_case(d, "liar.zip", vec![liar])
            },
            expect: Expect::Finding(&["zip-refused-declared", "0000/m2/liar.pdf", "10 bytes its header declares", "\"imported\": 0"]),
        },
        Case {
            name: "zip entry that inflates to less than it declares",
            setup: |d| {
                let mut short = stored("0000/m2/short.pdf", &unique_pdf("short"));
                short.size += 1000;
                zip_case(d, "short.zip", vec![short])
            },
            expect: Expect::Finding(&["zip-refused-declared", "0000/m2/short.pdf", "\"imported\": 0"]),
        },
        Case {
            name: "zip entry of 64 MiB of zeros (ratio past 100:1)",
            setup: |d| zip_case(d, "ratio.zip", vec![deflated_zeros("0000/m3/padding.pdf", 64, (64 * MIB) as u32)]),
            expect: Expect::Finding(&["zip-refused-ratio", "0000/m3/padding.pdf", "100:1", "\"imported\": 0"]),
        },
        Case {
            name: "zip of 100,001 entries",
            setup: |d| {
                let zip = d.join("many.zip");
                let mut w = zip::ZipWriter::new(fs::File::create(&zip).unwrap());
                let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
                w.start_file("0000/index.xml", opts).unwrap();
                for i in 0..100_000 {
                    w.start_file(format!("0000/m2/{i}"), opts).unwrap();
                }
                w.finish().unwrap();
                vec!["import-ectd".into(), s(&zip)]
            },
            expect: Expect::Finding(&["zip-refused-entries", "100001 entries", "100000", "\"imported\": 0"]),
        },
        Case {
            // A truncated or doctored archive: both headers claim more data than the file holds.
            name: "zip whose entry's data runs past the end of the archive",
            setup: |d| {
                let cut = Raw { compressed: Some(MIB as u32), ..stored("0000/m2/cut.pdf", &unique_pdf("cut")) };
                zip_case(d, "cut.zip", vec![cut])
            },
            expect: Expect::Finding(&["zip-refused-header", "0000/m2/cut.pdf", "runs past the end of the archive", "\"imported\": 0"]),
        },
        Case {
            name: "zip whose central directory points where there is no local header",
            setup: |d| {
                let lost = Raw { at: Some(7), ..stored("0000/m2/lost.pdf", &unique_pdf("lost")) };
                zip_case(d, "lost.zip", vec![lost])
            },
            expect: Expect::Finding(&["zip-refused-header", "0000/m2/lost.pdf", "no local header", "\"imported\": 0"]),
        },
        Case {
            name: "zip holding a symbolic link entry",
            setup: |d| {
                let zip = d.join("link.zip");
                let mut w = zip::ZipWriter::new(fs::File::create(&zip).unwrap());
                let opts = zip::write::SimpleFileOptions::default();
                for (name, bytes) in sequence_entries(d) {
                    w.start_file(name, opts).unwrap();
                    w.write_all(&bytes).unwrap();
                }
                w.add_symlink("0000/m2/passwd.pdf", "/etc/passwd", opts).unwrap();
                w.finish().unwrap();
                vec!["import-ectd".into(), s(&zip)]
            },
            expect: Expect::Finding(&["DB-ECTD-ZIP-LINK", "0000/m2/passwd.pdf", "links are not extracted"]),
        },
        Case {
            name: "validate: index.xml over the 32 MiB backbone limit",
            setup: |d| {
                let seq = sequence_copy(d);
                let pad = format!("<!--{}-->", " ".repeat(33 << 20));
                edit(&seq.join("index.xml"), |t| t.replacen("<ectd:ectd", &format!("{pad}<ectd:ectd"), 1));
                vec!["validate".into(), s(&seq)]
            },
            expect: Expect::Finding(&["DB-FILE-LIMIT", "\"file\": \"index.xml\"", "more than the 33554432 bytes a backbone may have"]),
        },
        Case {
            name: "validate: a leaf that is a symbolic link to a file outside the sequence",
            setup: |d| {
                let seq = sequence_copy(d);
                let (href, _) = first_pdf_leaf(&fs::read_to_string(seq.join("index.xml")).unwrap());
                fs::rename(seq.join(&href), d.join("outside.pdf")).unwrap();
                std::os::unix::fs::symlink(d.join("outside.pdf"), seq.join(&href)).unwrap();
                vec!["validate".into(), s(&seq)]
            },
            expect: Expect::Finding(&["DB-FILE-SPECIAL", "a symbolic link", "this is not a regular file"]),
        },
        Case {
            name: "backbone titles with control characters and a bidirectional override",
            setup: |d| {
                let seq = sequence_copy(d);
                retitle(&seq.join("index.xml"), "Bell\u{7} escape\u{1b}[31m report\u{202E}fdp.exe");
                ectd(&seq)
            },
            expect: Expect::Finding(&["leaf-title-control", "U+0007 U+001B U+202E", "they were removed"]),
        },
        Case {
            name: "index.xml over the 32 MiB backbone limit",
            setup: |d| {
                let seq = sequence_copy(d);
                let pad = format!("<!--{}-->", " ".repeat(33 << 20));
                edit(&seq.join("index.xml"), |t| t.replacen("<ectd:ectd", &format!("{pad}<ectd:ectd"), 1));
                ectd(&seq)
            },
            expect: Expect::Finding(&["backbone-limit-bytes", "0000/index.xml", "33554432 bytes a backbone may have"]),
        },
        Case {
            name: "a 100 KiB leaf title",
            setup: |d| {
                let seq = sequence_copy(d);
                retitle(&seq.join("index.xml"), &"T".repeat(100 << 10));
                ectd(&seq)
            },
            expect: Expect::Finding(&["backbone-limit-value", "0000/index.xml", "8192 bytes", "none of its leaves was imported"]),
        },
        Case {
            name: "index.xml that is a symbolic link out of the sequence",
            setup: |d| {
                let seq = sequence_copy(d);
                fs::rename(seq.join("index.xml"), d.join("elsewhere.xml")).unwrap();
                std::os::unix::fs::symlink(d.join("elsewhere.xml"), seq.join("index.xml")).unwrap();
                ectd(&seq)
            },
            expect: Expect::Finding(&["backbone-not-regular", "0000/index.xml is reached through a symbolic link"]),
        },
        Case {
            name: "a leaf whose folder is a symbolic link out of the sequence",
            setup: |d| {
                let seq = sequence_copy(d);
                let (href, _) = first_pdf_leaf(&fs::read_to_string(seq.join("index.xml")).unwrap());
                let folder = seq.join(&href).parent().unwrap().to_path_buf();
                fs::rename(&folder, d.join("moved")).unwrap();
                std::os::unix::fs::symlink(d.join("moved"), &folder).unwrap();
                ectd(&seq)
            },
            expect: Expect::Finding(&["DB-ECTD-HREF", "symbolic link out of the sequence folder"]),
        },
    ]
}

#[test]
fn hostile_zips_and_backbones_are_refused_and_cost_nothing() {
    super::run(cases());
}

// ---------------------------------------------------------------------------------------------
// Standalone cases, run under a watchdog.

fn bytes_under(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir).into_iter().flatten().filter_map(|e| e.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum()
}

/// The project's extraction folders (`.import-ectd-PID`).
fn extraction_folders(project: &Path) -> Vec<PathBuf> {
    fs::read_dir(project).unwrap().flatten().map(|e| e.path()).filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".import-ectd-")).collect()
}

struct Ran {
    code: Option<i32>,
    stdout: String,
    /// stdout then stderr.
    text: String,
    peak_kib: u64,
    /// Why the watchdog stopped it, if it did.
    stopped: Option<String>,
}

const MEMORY_CAP_KIB: u64 = 300 * 1024;

/// Runs `dossier --project P --json ARGS` (with `env`), measuring its peak RSS, and stops it past
/// 60 s, 1 GiB of RSS or 1 GiB written into the project's extraction folders: a faulty program
/// fails the test instead of hanging it or filling the machine.
fn watched(project: &Path, args: &[String], env: &[(&str, &Path)]) -> Ran {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("dossier"));
    cmd.arg("--project").arg(project).arg("--json").args(args).env("USER", "e2e").stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let read_all = |mut p: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = p.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().unwrap()));
    let stderr = read_all(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let (mut peak, mut stopped) = (0, None);
    let mut polls = 0u64;
    let code = loop {
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        polls += 1;
        let why = if started.elapsed() > Duration::from_secs(60) {
            Some("still running after 60 s (blocked?)".to_owned())
        } else if peak > 1 << 20 {
            Some(format!("RSS past 1 GiB ({peak} KiB)"))
        } else if polls % 20 == 0 && extraction_folders(project).iter().map(|d| bytes_under(d)).sum::<u64>() > 1 << 30 {
            Some("wrote more than 1 GiB into the project's extraction folder".to_owned())
        } else {
            None
        };
        if let Some(why) = why {
            let _ = child.kill();
            let _ = child.wait();
            stopped = Some(why);
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = stdout.join().unwrap();
    let text = format!("{stdout}{}", stderr.join().unwrap());
    Ran { code, stdout, text, peak_kib: peak, stopped }
}

/// The run ended by itself with one of `codes`, within the memory cap, saying every one of `words`.
fn assert_ran(ran: &Ran, codes: &[i32], words: &[&str], context: &str) {
    assert!(ran.stopped.is_none(), "{context}: stopped by the watchdog: {}\n{}", ran.stopped.as_deref().unwrap_or(""), tail(&ran.text));
    assert!(ran.code.is_some_and(|c| codes.contains(&c)), "{context}: exit {:?}, expected one of {codes:?}\n{}", ran.code, tail(&ran.text));
    for w in words {
        assert!(ran.text.contains(w), "{context}: output lacks `{w}`\n{}", tail(&ran.text));
    }
    // The figures docs/reliability.md gives (`-- --nocapture` shows them).
    eprintln!("{context}: peak RSS {} KiB, exit {:?}", ran.peak_kib, ran.code);
    if Path::new("/proc/self/status").exists() {
        assert!(ran.peak_kib > 0, "{context}: the peak RSS was read");
        assert!(ran.peak_kib < MEMORY_CAP_KIB, "{context}: peak RSS {} KiB, over the 300 MB cap", ran.peak_kib);
    }
}

fn tail(text: &str) -> &str {
    let at = text.len().saturating_sub(4000);
    let at = (at..text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    &text[at..]
}

/// An empty project under `dir`.
fn empty_project(dir: &Path) -> PathBuf {
    let project = dir.join("p.dossier");
    assert_cmd::Command::cargo_bin("dossier").unwrap().arg("init").arg(&project).assert().success();
    project
}

/// The sample's built NMPA sequence 0000, built once for this module's standalone tests.
fn built_sequence() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-sequences-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let project = super::sample_project(&dir);
        super::dossier(&project).args(["build", "--app", "app_cn"]).assert().success();
        project.join("builds/app_cn/0000")
    })
}

/// A fresh copy of the built sequence under `dir` (`dir/app/0000`).
fn sequence_in(dir: &Path) -> PathBuf {
    let from = built_sequence();
    let to = dir.join("app/0000");
    crate::copy_dir(from, &to);
    to
}

fn fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

fn docs_count(project: &Path) -> usize {
    super::json(&super::dossier(project).args(["docs", "list", "--json"]).output().unwrap()).as_array().unwrap().len()
}

#[test]
fn a_zip_whose_index_xml_inflates_to_gibibytes_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let zip = dir.path().join("bomb.zip");
    // 3 GiB of zeros in ~3 MB, declared honestly (4 GiB would need zip64 for the size field).
    raw_zip(&zip, &[deflated_zeros("0000/index.xml", 3 << 10, (3u64 << 30) as u32), stored("0000/m2/a.pdf", &unique_pdf("bomb"))]);
    assert!(fs::metadata(&zip).unwrap().len() < 8 * MIB, "the test file stays small");
    let ran = watched(&project, &["import-ectd".into(), s(&zip)], &[]);
    assert_ran(&ran, &[1], &["0000/index.xml", "zip-refused-backbone", "33554432 bytes a backbone may have", "\"imported\": 0"], "index.xml bomb");
    assert!(extraction_folders(&project).is_empty(), "no extraction folder is left");
    assert_eq!(docs_count(&project), 0, "nothing imported from a refused zip");
    assert_whole(&project, "index.xml bomb");
}

#[test]
fn a_10_gib_entry_declared_small_stops_one_byte_past_its_declared_size() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let zip = dir.path().join("liar.zip");
    let index = fs::read(built_sequence().join("index.xml")).unwrap();
    // Central directory and local header agree on 1,000 bytes; the data inflates to 10 GiB.
    raw_zip(&zip, &[stored("0000/index.xml", &index), deflated_zeros("0000/m3/huge.pdf", 10 << 10, 1000)]);
    assert!(fs::metadata(&zip).unwrap().len() < 16 * MIB, "the test file stays small");
    let ran = watched(&project, &["import-ectd".into(), s(&zip)], &[]);
    assert_ran(&ran, &[1], &["zip-refused-declared", "0000/m3/huge.pdf", "1000 bytes its header declares", "\"imported\": 0"], "10 GiB entry");
    assert!(extraction_folders(&project).is_empty(), "no extraction folder is left");
    assert_eq!(docs_count(&project), 0, "nothing imported from a refused zip");
    assert_whole(&project, "10 GiB entry");
}

#[test]
fn an_index_xml_of_a_million_leaves_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = dir.path().join("0000");
    fs::create_dir_all(&seq).unwrap();
    index_with_leaves(&seq.join("index.xml"), 1_000_000, "Leaf");
    assert!(fs::metadata(seq.join("index.xml")).unwrap().len() > 100 * MIB, "about 100 bytes a leaf");
    let ran = watched(&project, &ectd(&seq), &[]);
    assert_ran(&ran, &[1], &["backbone-limit-bytes", "0000/index.xml", "33554432 bytes a backbone may have"], "a million leaves");
    assert_eq!(docs_count(&project), 0);
    assert_whole(&project, "a million leaves");
}

#[test]
fn a_backbone_past_the_leaf_limit_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = dir.path().join("0000");
    fs::create_dir_all(&seq).unwrap();
    index_with_leaves(&seq.join("index.xml"), 100_001, "L");
    assert!(fs::metadata(seq.join("index.xml")).unwrap().len() < 32 * MIB, "under the byte limit: the leaf limit is what stops it");
    let ran = watched(&project, &ectd(&seq), &[]);
    assert_ran(&ran, &[1], &["backbone-limit-leaves", "0000/index.xml", "100000 leaves", "none of its leaves was imported"], "100,001 leaves");
    let report: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap_or_default();
    assert_eq!(report["leaves"].as_array().map(Vec::len), Some(0), "no leaf of a refused backbone is listed");
    assert_whole(&project, "100,001 leaves");
}

#[test]
fn a_gigabyte_attribute_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = dir.path().join("0000");
    fs::create_dir_all(&seq).unwrap();
    let mut f = std::io::BufWriter::new(fs::File::create(seq.join("index.xml")).unwrap());
    write!(f, "<?xml version=\"1.0\"?><ectd:ectd xmlns:ectd=\"http://www.ich.org/ectd\"><m2-common-technical-document-summaries><leaf ID=\"a\" operation=\"").unwrap();
    let chunk = vec![b'a'; MIB as usize];
    for _ in 0..1024 {
        f.write_all(&chunk).unwrap();
    }
    write!(f, "\"/></m2-common-technical-document-summaries></ectd:ectd>").unwrap();
    drop(f);
    let ran = watched(&project, &ectd(&seq), &[]);
    assert_ran(&ran, &[1], &["0000/index.xml", "backbone-limit-bytes"], "1 GiB attribute");
    assert_whole(&project, "1 GiB attribute");
}

#[test]
fn validate_reads_a_backbone_up_to_its_leaf_limit_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = dir.path().join("0000");
    fs::create_dir_all(seq.join("m1/eu")).unwrap();
    let limit = dossier_package::validate::MAX_VALIDATED_LEAVES;
    // At the limit: read, every rule run (the missing leaf files are problems), under the cap.
    index_with_leaves(&seq.join("index.xml"), limit, "Leaf");
    let ran = watched(&project, &["validate".into(), "--region".into(), "eu".into(), s(&seq)], &[]);
    assert_ran(&ran, &[1], &["\"sequence\": \"0000\""], "validate 50,000 leaves");
    let report: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let problems = report["sequences"][0]["problems"].as_array().unwrap();
    assert!(!problems.iter().any(|p| p["rule"] == "DB-FILE-LIMIT"), "read, not refused");
    assert!(problems.len() <= 20 * dossier_package::validate::MAX_PROBLEMS_PER_RULE, "problems listed per rule are capped: {}", problems.len());
    // One past it: refused unread, naming the file and the limit.
    index_with_leaves(&seq.join("index.xml"), limit + 1, "Leaf");
    let ran = watched(&project, &["validate".into(), "--region".into(), "eu".into(), s(&seq)], &[]);
    assert_ran(&ran, &[1], &["DB-FILE-LIMIT", "\"file\": \"index.xml\"", "more than 50000 leaves"], "validate 50,001 leaves");
}

/// The folder the validator of before issue 14 wrote its DTD copies to.
fn old_util_folder(tmp: &Path) -> PathBuf {
    let mut all = Vec::new();
    for f in dossier_package::util::all_util_files() {
        all.extend_from_slice(f.path.as_bytes());
        all.extend_from_slice(f.bytes);
    }
    tmp.join(format!("dossier-util-{}", &super::super::whole::md5_hex(&all)[..12]))
}

#[test]
fn validate_never_writes_util_files_into_a_shared_temp_folder() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = sequence_in(dir.path());
    // Another local user's trap: the predictable folder, its util/dtd a link to a folder of
    // ours holding a file the validator would overwrite.
    let tmp = dir.path().join("tmp");
    let victim = dir.path().join("victim");
    fs::create_dir_all(&victim).unwrap();
    fs::write(victim.join("ich-ectd-3-2.dtd"), b"precious").unwrap();
    let planted = old_util_folder(&tmp).join("util");
    fs::create_dir_all(&planted).unwrap();
    std::os::unix::fs::symlink(&victim, planted.join("dtd")).unwrap();
    let ran = watched(&project, &["validate".into(), s(&seq)], &[("TMPDIR", &tmp)]);
    assert_ran(&ran, &[0, 1], &["\"sequence\": \"0000\""], "validate with a planted link");
    assert_eq!(fs::read(victim.join("ich-ectd-3-2.dtd")).unwrap(), b"precious", "the linked file is untouched");
    assert_eq!(fs::read_dir(&victim).unwrap().count(), 1, "nothing written into the linked folder");
    // And with a clean TMPDIR nothing is written there at all.
    let clean = dir.path().join("clean-tmp");
    fs::create_dir_all(&clean).unwrap();
    let ran = watched(&project, &["validate".into(), s(&seq)], &[("TMPDIR", &clean)]);
    assert_ran(&ran, &[0, 1], &["\"sequence\": \"0000\""], "validate with a clean TMPDIR");
    let report: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let failed: Vec<&str> = report["sequences"][0]["problems"].as_array().unwrap().iter().filter_map(|p| p["rule"].as_str()).collect();
    for rule in ["DB-CN-INDEX-DTD", "DB-CN-REGIONAL-XSD", "DB-CN-UTIL"] {
        assert!(!failed.contains(&rule), "{rule}: the copy still validates against the embedded DTD/XSD:\n{}", tail(&ran.text));
    }
    let left: Vec<_> = fs::read_dir(&clean).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "validate wrote into TMPDIR: {left:?}");
}

#[test]
fn validate_reports_a_util_dtd_linked_to_dev_zero_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = sequence_in(dir.path());
    let dtd = seq.join("util/dtd/ich-ectd-3-2.dtd");
    fs::remove_file(&dtd).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &dtd).unwrap();
    let ran = watched(&project, &["validate".into(), s(&seq)], &[]);
    assert_ran(&ran, &[1], &["DB-FILE-SPECIAL", "util/dtd/ich-ectd-3-2.dtd", "symbolic link"], "util DTD linked to /dev/zero");
}

#[test]
fn validate_reports_a_fifo_leaf_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = sequence_in(dir.path());
    let (href, _) = first_pdf_leaf(&fs::read_to_string(seq.join("index.xml")).unwrap());
    fs::remove_file(seq.join(&href)).unwrap();
    fifo(&seq.join(&href));
    let ran = watched(&project, &["validate".into(), s(&seq)], &[]);
    assert_ran(&ran, &[1], &["DB-FILE-SPECIAL", &href, "FIFO"], "FIFO leaf under validate");
    // The regional backbone a FIFO too: still no block.
    let regional = seq.join("m1/cn/cn-regional.xml");
    fs::remove_file(&regional).unwrap();
    fifo(&regional);
    let ran = watched(&project, &["validate".into(), s(&seq)], &[]);
    assert_ran(&ran, &[1], &["DB-FILE-SPECIAL", "m1/cn/cn-regional.xml"], "FIFO regional backbone under validate");
}

#[test]
fn validate_reports_a_util_folder_that_is_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = sequence_in(dir.path());
    // The genuine util files, but elsewhere: a regulator's gateway would not carry the link.
    fs::rename(seq.join("util"), dir.path().join("util-elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("util-elsewhere"), seq.join("util")).unwrap();
    let ran = watched(&project, &["validate".into(), s(&seq)], &[]);
    assert_ran(&ran, &[1], &["DB-FILE-SPECIAL", "\"file\": \"util\"", "reached through a symbolic link (util)"], "util folder linked");
}

#[test]
fn import_ectd_reports_an_index_xml_that_is_a_fifo_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = sequence_in(dir.path());
    fs::remove_file(seq.join("index.xml")).unwrap();
    fifo(&seq.join("index.xml"));
    let ran = watched(&project, &ectd(&seq), &[]);
    assert_ran(&ran, &[1], &["backbone-not-regular", "0000/index.xml is a FIFO"], "index.xml a FIFO");
    assert_whole(&project, "index.xml a FIFO");
}

#[test]
fn import_ectd_reports_a_regional_backbone_linked_to_dev_zero() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = sequence_in(dir.path());
    let regional = seq.join("m1/cn/cn-regional.xml");
    fs::remove_file(&regional).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &regional).unwrap();
    let ran = watched(&project, &ectd(&seq), &[]);
    assert_ran(&ran, &[1], &["backbone-not-regular", "0000/m1/cn/cn-regional.xml is reached through a symbolic link"], "regional linked to /dev/zero");
    assert!(docs_count(&project) > 0, "index.xml's documents are still imported");
    assert_whole(&project, "regional linked to /dev/zero");
}

#[test]
fn import_ectd_reports_a_fifo_leaf_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    let seq = sequence_in(dir.path());
    let (href, _) = first_pdf_leaf(&fs::read_to_string(seq.join("index.xml")).unwrap());
    fs::remove_file(seq.join(&href)).unwrap();
    fifo(&seq.join(&href));
    let ran = watched(&project, &ectd(&seq), &[]);
    assert_ran(&ran, &[1], &["href-not-file", &href], "FIFO leaf under import-ectd");
    assert_whole(&project, "FIFO leaf under import-ectd");
}

#[test]
fn a_stale_extraction_folder_is_reported_by_verify_and_removed_by_the_next_import() {
    let dir = tempfile::tempdir().unwrap();
    let project = empty_project(dir.path());
    // A process that has ended: its id names the folder a killed import would leave.
    let mut gone = Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    let stale = project.join(format!(".import-ectd-{pid}"));
    fs::create_dir_all(stale.join("0000/m2")).unwrap();
    fs::write(stale.join("0000/m2/half.pdf"), vec![0u8; 1 << 16]).unwrap();
    let out = super::dossier(&project).arg("verify").output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "verify reports the leftover as a problem:\n{text}");
    assert!(text.contains(&format!(".import-ectd-{pid}")) && text.contains("interrupted"), "verify names the folder:\n{text}");
    // A folder of a process that still runs (this test's) is not touched.
    let live = project.join(format!(".import-ectd-{}", std::process::id()));
    fs::create_dir_all(&live).unwrap();
    let zip = dir.path().join("seq.zip");
    let index = fs::read(built_sequence().join("index.xml")).unwrap();
    write_zip(&zip, &[("0000/index.xml", &index)]);
    super::dossier(&project).args(["import-ectd", &s(&zip)]).assert().code(1);
    assert!(!stale.exists(), "the next import-ectd removes the leftover");
    assert!(live.exists(), "a running import's folder is kept");
    fs::remove_dir(&live).unwrap();
    assert_whole(&project, "stale extraction folder");
}
