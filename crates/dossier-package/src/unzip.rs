//! Unzipping a zip of an eCTD sequence for `import-ectd`, hostile until proven otherwise.
//!
//! The `zip` crate keeps one entry per name (a second `0000/index.xml` silently replaces the
//! first) and trusts the central directory, so the archive is first read here: the central
//! directory record by record, and each entry's local header at the offset the directory gives.
//! The zip is refused — nothing is extracted, nothing imported — when:
//!
//! - it has more entries than [`LIMITS`] allow, or its entries declare more bytes in all than
//!   the limit or than the disk has free;
//! - an entry declares a compression ratio past the limit (a zip bomb), or a backbone
//!   (`index.xml`, `*-regional.xml`) larger than the reader reads;
//! - two entries share a name, or names that one Windows or macOS folder cannot tell apart
//!   (equal after Unicode NFC normalisation and case folding);
//! - the central directory and a local header disagree (name, method, sizes, CRC), an entry's
//!   data lies outside the archive, or two entries' data overlap (the "overlapping zip bomb");
//! - while extracting, an entry inflates to other than the size it declared (checked on the
//!   bytes, so a lying header cannot fill the disk: extraction stops one byte past it).
//!
//! Each refusal is a finding naming the zip, the entry and the limit. Zip-slip names and
//! symbolic links are skipped with a finding, as before.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Component, Path};

use dossier_model::{Finding, Severity};
use serde::Serialize;

use crate::{Error, Result};

/// What a zip may ask of the machine. Each is far above what a real eCTD zip needs.
#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    /// Entries (files and folders). The largest sequence built here has 14,048 files; a large
    /// real application about 30,000. A zip with more is unzipped by hand and imported as a
    /// folder.
    pub entries: u64,
    /// Bytes all entries declare together (a large real application is a few tens of GB).
    pub total_bytes: u64,
    /// Inflated size : compressed size of one entry, past `ratio_from` bytes. PDFs barely
    /// compress (≤ 3:1), backbones about 10–20:1; deflate's own maximum is about 1,032:1, which
    /// only runs of one byte reach — that is, bombs.
    pub ratio: u64,
    pub ratio_from: u64,
    /// A backbone entry's size: the reader's own cap ([`crate::reader::MAX_BACKBONE_BYTES`]).
    pub backbone_bytes: u64,
    /// Free space the extraction must leave on the disk it writes to.
    pub keep_free: u64,
}

pub const LIMITS: ZipLimits = ZipLimits {
    entries: 100_000,
    total_bytes: 64 << 30,
    ratio: 100,
    ratio_from: 1 << 20,
    backbone_bytes: crate::reader::MAX_BACKBONE_BYTES,
    keep_free: 1 << 30,
};

/// The central directory is read whole; with at most `entries` records its size is bounded too.
const MAX_DIRECTORY: u64 = 64 << 20;

/// One record of the central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentralEntry {
    pub name: Vec<u8>,
    pub flags: u16,
    pub method: u16,
    pub crc: u32,
    pub compressed: u64,
    pub size: u64,
    pub offset: u64,
}

impl CentralEntry {
    pub fn name(&self) -> String {
        String::from_utf8_lossy(&self.name).into_owned()
    }
}

/// A local file header, as it stands before an entry's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalHeader {
    pub flags: u16,
    pub method: u16,
    pub crc: u32,
    pub compressed: u64,
    pub size: u64,
    pub name: Vec<u8>,
    /// Length of the header (fixed part, name and extra field): the data starts after it.
    pub len: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}
fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// The zip64 extended-information extra field replaces, in this order, each 32-bit field that
/// holds 0xFFFFFFFF.
fn zip64(extra: &[u8], fields: &mut [&mut u64]) -> Option<()> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let (id, len) = (u16_at(extra, at)?, usize::from(u16_at(extra, at + 2)?));
        let data = extra.get(at + 4..at + 4 + len)?;
        if id == 1 {
            let mut pos = 0;
            for f in fields.iter_mut().filter(|f| ***f == u64::from(u32::MAX)) {
                **f = u64_at(data, pos)?;
                pos += 8;
            }
            return Some(());
        }
        at += 4 + len;
    }
    Some(())
}

/// Parses a local header from the bytes at its offset (`None` when it is not one).
pub fn local_header(b: &[u8]) -> Option<LocalHeader> {
    if u32_at(b, 0)? != 0x0403_4b50 {
        return None;
    }
    let (n, e) = (usize::from(u16_at(b, 26)?), usize::from(u16_at(b, 28)?));
    let name = b.get(30..30 + n)?.to_vec();
    let extra = b.get(30 + n..30 + n + e)?;
    let (mut compressed, mut size) = (u64::from(u32_at(b, 18)?), u64::from(u32_at(b, 22)?));
    zip64(extra, &mut [&mut size, &mut compressed])?;
    Some(LocalHeader { flags: u16_at(b, 6)?, method: u16_at(b, 8)?, crc: u32_at(b, 14)?, compressed, size, name, len: (30 + n + e) as u64 })
}

/// Parses the central directory's records (`None` when it is not one).
pub fn central_records(cd: &[u8], max: u64) -> Option<Vec<CentralEntry>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < cd.len() {
        if u32_at(cd, at)? != 0x0201_4b50 || out.len() as u64 >= max {
            return None;
        }
        let (n, e, c) = (usize::from(u16_at(cd, at + 28)?), usize::from(u16_at(cd, at + 30)?), usize::from(u16_at(cd, at + 32)?));
        let name = cd.get(at + 46..at + 46 + n)?.to_vec();
        let extra = cd.get(at + 46 + n..at + 46 + n + e)?;
        let (mut size, mut compressed, mut offset) = (u64::from(u32_at(cd, at + 24)?), u64::from(u32_at(cd, at + 20)?), u64::from(u32_at(cd, at + 42)?));
        zip64(extra, &mut [&mut size, &mut compressed, &mut offset])?;
        out.push(CentralEntry { name, flags: u16_at(cd, at + 8)?, method: u16_at(cd, at + 10)?, crc: u32_at(cd, at + 16)?, compressed, size, offset });
        at += 46 + n + e + c;
        cd.get(..at)?;
    }
    Some(out)
}

/// The archive's central directory, read from its end records (zip64 too). `Err` when the file
/// is no zip; `Ok(Err(count))` when it declares more than `max_entries` entries.
pub fn central_directory(file: &mut File, max_entries: u64) -> io::Result<std::result::Result<(Vec<CentralEntry>, u64), u64>> {
    let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("not a zip archive ({what})"));
    let len = file.metadata()?.len();
    let tail_len = len.min(22 + 0xFFFF + 20);
    let mut tail = vec![0; tail_len as usize];
    file.seek(SeekFrom::Start(len - tail_len))?;
    file.read_exact(&mut tail)?;
    let end = (0..tail.len().saturating_sub(21)).rev().find(|&i| tail[i..i + 4] == [0x50, 0x4b, 0x05, 0x06]).ok_or_else(|| bad("no end of central directory"))?;
    let mut count = u64::from(u16_at(&tail, end + 10).ok_or_else(|| bad("short end record"))?);
    let mut size = u64::from(u32_at(&tail, end + 12).ok_or_else(|| bad("short end record"))?);
    let mut start = u64::from(u32_at(&tail, end + 16).ok_or_else(|| bad("short end record"))?);
    if end >= 20 && tail[end - 20..end - 16] == [0x50, 0x4b, 0x06, 0x07] {
        let at = u64_at(&tail, end - 12).ok_or_else(|| bad("short zip64 locator"))?;
        let mut rec = [0u8; 56];
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(&mut rec)?;
        if u32_at(&rec, 0) != Some(0x0606_4b50) {
            return Err(bad("no zip64 end record"));
        }
        count = u64_at(&rec, 32).unwrap_or(u64::MAX);
        size = u64_at(&rec, 40).unwrap_or(u64::MAX);
        start = u64_at(&rec, 48).unwrap_or(u64::MAX);
    }
    if count > max_entries {
        return Ok(Err(count));
    }
    if size > MAX_DIRECTORY || start.checked_add(size).is_none_or(|e| e > len) {
        return Err(bad("the central directory lies outside the file"));
    }
    let mut cd = vec![0; size as usize];
    file.seek(SeekFrom::Start(start))?;
    file.read_exact(&mut cd)?;
    let records = central_records(&cd, max_entries).ok_or_else(|| bad("a damaged central directory"))?;
    if records.len() as u64 != count {
        return Err(bad("the central directory holds another number of entries than its end record says"));
    }
    Ok(Ok((records, start)))
}

fn is_backbone(name: &str) -> bool {
    let last = name.rsplit('/').next().unwrap_or(name);
    last == "index.xml" || last.ends_with("-regional.xml")
}

/// Everything that makes the zip unsafe to extract, before a byte is inflated.
fn inspect(zip: &Path, file: &mut File, dest: &Path, limits: &ZipLimits) -> Result<Vec<Finding>> {
    let shown = zip.display().to_string();
    let refuse = |message: String| Finding::new("DB-ECTD-ZIP-REFUSED", Severity::Error, format!("{shown}: {message}; nothing was imported from it"));
    let (entries, cd_start) = match central_directory(file, limits.entries).map_err(|e| Error::io(zip, e))? {
        Ok(d) => d,
        Err(count) => {
            let (count, limit) = (count.to_string(), limits.entries.to_string());
            return Ok(vec![refuse(format!("it holds {count} entries, more than the {limit} this program extracts (unzip it yourself and import the folder)")).coded("zip-refused-entries", [("zip", &shown), ("entries", &count), ("limit", &limit)])]);
        }
    };
    let mut found = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut total: u64 = 0;
    let mut ranges: Vec<(u64, u64, String)> = Vec::new();
    for e in &entries {
        let name = e.name();
        if let Some(first) = seen.insert(crate::portable::fold(&name), name.clone()) {
            let how = if first == name { "twice" } else { "under names one Windows or macOS folder cannot tell apart" };
            found.push(
                refuse(format!("it holds `{first}` and `{name}` {how}; which copy is meant cannot be known"))
                    .coded("zip-refused-duplicate", [("zip", &shown), ("first", &first), ("second", &name)]),
            );
        }
        // A name Windows cannot hold, or that a gateway strips, is worth a warning but not a
        // refusal: the entry is still the sequence's file, and the validator's eCTD name rules
        // say what a leaf may be called.
        for part in name.split('/').filter(|p| !matches!(*p, "" | "." | "..")) {
            if let Some(problem) = crate::portable::portable_name_problem(part) {
                found.push(crate::portable::finding(&format!("{shown}: {name}"), part, &problem));
            }
        }
        total = total.saturating_add(e.size);
        if e.size > limits.ratio_from && e.size / e.compressed.max(1) > limits.ratio {
            let (ratio, limit) = ((e.size / e.compressed.max(1)).to_string(), limits.ratio.to_string());
            found.push(refuse(format!("the entry `{name}` inflates {ratio} times its compressed size, past the {limit}:1 a real document reaches (a zip bomb)")).coded("zip-refused-ratio", [("zip", &shown), ("entry", &name), ("ratio", &ratio), ("limit", &limit)]));
        }
        if is_backbone(&name) && e.size > limits.backbone_bytes {
            let (size, limit) = (e.size.to_string(), limits.backbone_bytes.to_string());
            found.push(refuse(format!("the backbone `{name}` declares {size} bytes, more than the {limit} bytes a backbone may have")).coded("zip-refused-backbone", [("zip", &shown), ("entry", &name), ("size", &size), ("limit", &limit)]));
        }
        let mut head = vec![0u8; 30];
        let local = file
            .seek(SeekFrom::Start(e.offset))
            .and_then(|_| file.read_exact(&mut head))
            .ok()
            .and_then(|()| {
                let rest = usize::from(u16_at(&head, 26)?) + usize::from(u16_at(&head, 28)?);
                head.resize(30 + rest, 0);
                file.read_exact(&mut head[30..]).ok()?;
                local_header(&head)
            });
        let disagreement = match &local {
            None => Some("there is no local header where the central directory points"),
            Some(l) if l.name != e.name => Some("the local header names another file"),
            Some(l) if l.method != e.method => Some("the compression methods differ"),
            // With bit 3 the sizes and CRC follow the data; the local header holds zeros.
            Some(l) if l.flags & 8 == 0 && (l.crc, l.compressed, l.size) != (e.crc, e.compressed, e.size) => {
                Some("the sizes or CRC differ between the central directory and the local header")
            }
            Some(_) => None,
        };
        if let Some(detail) = disagreement {
            found.push(refuse(format!("for the entry `{name}` {detail}; the archive was altered or damaged")).coded("zip-refused-header", [("zip", &shown), ("entry", &name), ("detail", detail)]));
            continue;
        }
        let end = local.map(|l| e.offset.saturating_add(l.len).saturating_add(e.compressed)).unwrap_or(u64::MAX);
        ranges.push((e.offset, end, name));
    }
    ranges.sort();
    for w in ranges.windows(2) {
        if w[0].1 > w[1].0 {
            found.push(refuse(format!("the entries `{}` and `{}` share compressed data (an overlapping zip bomb)", w[0].2, w[1].2)).coded("zip-refused-overlap", [("zip", &shown), ("first", &w[0].2), ("second", &w[1].2)]));
        }
    }
    if let Some((_, _, name)) = ranges.last().filter(|r| r.1 > cd_start) {
        found.push(refuse(format!("the data of `{name}` runs past the end of the archive")).coded("zip-refused-header", [("zip", &shown), ("entry", name), ("detail", "data past the end")]));
    }
    if total > limits.total_bytes {
        let (size, limit) = (total.to_string(), limits.total_bytes.to_string());
        found.push(refuse(format!("its entries declare {size} bytes in all, more than the {limit} this program extracts")).coded("zip-refused-total", [("zip", &shown), ("size", &size), ("limit", &limit)]));
    } else if let Some(free) = free_space(dest) {
        if total.saturating_add(limits.keep_free) > free {
            let (size, free) = (total.to_string(), free.to_string());
            found.push(refuse(format!("its entries declare {size} bytes but the disk holding the project has {free} bytes free; free some space")).coded("zip-refused-disk", [("zip", &shown), ("size", &size), ("free", &free)]));
        }
    }
    Ok(found)
}

#[cfg(unix)]
fn free_space(dest: &Path) -> Option<u64> {
    let dir = dest.ancestors().find(|a| a.is_dir())?;
    let st = rustix::fs::statvfs(dir).ok()?;
    Some(st.f_bavail.saturating_mul(st.f_frsize))
}

#[cfg(not(unix))]
fn free_space(_dest: &Path) -> Option<u64> {
    None
}

/// What unzipping found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Unzipped {
    pub files: u64,
    pub bytes: u64,
    pub findings: Vec<Finding>,
    /// The zip was refused (the findings say why): nothing may be imported from it.
    pub refused: bool,
}

/// Extracts `zip` into `dest` (which must not exist yet) under `limits`. Entries whose names
/// would land outside `dest` (zip slip) and symbolic links are skipped and reported; anything
/// that makes the whole zip unsafe stops it (`refused`), leaving `dest` for the caller to
/// remove.
pub fn unzip(zip: &Path, dest: &Path, limits: &ZipLimits) -> Result<Unzipped> {
    let mut file = File::open(zip).map_err(|e| Error::io(zip, e))?;
    let mut out = Unzipped::default();
    out.findings = inspect(zip, &mut file, dest, limits)?;
    // Refusals are errors; a name that does not travel is a warning and extraction goes on.
    if out.findings.iter().any(|f| f.severity == Severity::Error) {
        out.refused = true;
        return Ok(out);
    }
    let shown = zip.display().to_string();
    let mut archive = ::zip::ZipArchive::new(io::BufReader::new(file)).map_err(|e| Error::zip(zip, e))?;
    fs::create_dir_all(dest).map_err(|e| Error::io(dest, e))?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| Error::zip(zip, e))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("entry {i}"));
        // The zip crate would quietly turn `/abs` into `abs`; a name that tries to leave is
        // refused outright, whatever the library makes of it.
        let hostile = name.starts_with('/') || name.contains(['\\', ':']) || name.split('/').any(|s| s == "..");
        let safe = entry.enclosed_name().filter(|p| !hostile && p.components().all(|c| matches!(c, Component::Normal(_))));
        let Some(rel) = safe else {
            out.findings.push(
                Finding::new(
                    "DB-ECTD-ZIP-SLIP",
                    Severity::Error,
                    format!("{shown}: the entry `{name}` would be written outside the extraction folder; it was skipped"),
                )
                .coded("zip-slip", [("zip", &shown), ("entry", &name)]),
            );
            continue;
        };
        if entry.is_symlink() {
            out.findings.push(
                Finding::new("DB-ECTD-ZIP-LINK", Severity::Warning, format!("{shown}: the entry `{name}` is a symbolic link; links are not extracted"))
                    .coded("zip-link", [("zip", &shown), ("entry", &name)]),
            );
            continue;
        }
        let path = dest.join(rel);
        if entry.is_dir() {
            fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let declared = entry.size();
        let mut target = File::create_new(&path).map_err(|e| Error::io(&path, e))?;
        // One byte past the declared size is enough to know the header lies.
        let copied = io::copy(&mut (&mut entry).take(declared + 1), &mut target);
        let copied = match copied {
            Ok(n) => n,
            // A damaged deflate stream or a CRC that does not match: the bytes are not the
            // sender's.
            Err(e) if e.kind() == io::ErrorKind::InvalidData || e.kind() == io::ErrorKind::UnexpectedEof => u64::MAX,
            Err(e) => return Err(Error::io(&path, e)),
        };
        if copied != declared {
            let d = declared.to_string();
            out.findings.push(
                Finding::new(
                    "DB-ECTD-ZIP-REFUSED",
                    Severity::Error,
                    format!("{shown}: the entry `{name}` does not inflate to the {d} bytes its header declares (a lying header or damaged data); nothing was imported from it"),
                )
                .coded("zip-refused-declared", [("zip", &shown), ("entry", &name), ("declared", &d)]),
            );
            out.refused = true;
            return Ok(out);
        }
        out.files += 1;
        out.bytes += copied;
    }
    Ok(out)
}
