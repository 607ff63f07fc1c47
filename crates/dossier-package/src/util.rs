//! The `util/` files every sequence carries, embedded byte-exact from `templates/util/`.
//!
//! Regulators check these by MD5 (EU VC 8.2 rules 1.3, 2.3, 3.3–6.3), so they are never
//! regenerated: `include_bytes!` of files git keeps as binary, and a test pins each MD5.

use md5::{Digest, Md5};

use crate::Region;

/// One util file: where it goes in the sequence and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtilFile {
    /// Path from the sequence folder, `/`-separated.
    pub path: &'static str,
    pub bytes: &'static [u8],
    /// The published (or, for NMPA, transcribed) MD5.
    pub md5: &'static str,
}

macro_rules! util {
    ($path:literal, $src:literal, $md5:literal) => {
        UtilFile { path: $path, bytes: include_bytes!(concat!("../../../templates/util/", $src)), md5: $md5 }
    };
}

pub const ICH_DTD: UtilFile =
    util!("util/dtd/ich-ectd-3-2.dtd", "ich-ectd-v3.2.2/util/dtd/ich-ectd-3-2.dtd", "1d6f631cc6b6357f0f4fe378e5f79a27");
pub const ICH_XSL: UtilFile =
    util!("util/style/ectd-2-0.xsl", "ich-ectd-v3.2.2/util/style/ectd-2-0.xsl", "3a07a202455e954a2eb203c5bb443f77");

const EU: [UtilFile; 4] = [
    util!("util/dtd/eu-regional.dtd", "eu-m1-v3.1.1/util/dtd/eu-regional.dtd", "f8e473246d58499f9ffff8e51a32380d"),
    util!("util/dtd/eu-envelope.mod", "eu-m1-v3.1.1/util/dtd/eu-envelope.mod", "cf059a8f48c68fe4ce9ad2947ab854ca"),
    util!("util/dtd/eu-leaf.mod", "eu-m1-v3.1.1/util/dtd/eu-leaf.mod", "23b854174e61c68044b9f53c0009af95"),
    util!("util/style/eu-regional.xsl", "eu-m1-v3.1.1/util/style/eu-regional.xsl", "474f3fe1fdadb31c74477793e060383d"),
];

const CN: [UtilFile; 3] = [
    util!("util/dtd/cn-regional-1-0.xsd", "cn-nmpa-v1.1/util/dtd/cn-regional-1-0.xsd", "2ec24c065397df60d8822becbda3dfde"),
    util!("util/dtd/xlink.xsd", "cn-nmpa-v1.1/util/dtd/xlink.xsd", "52d1a3b8596e4fb61d3ec1cde24be16a"),
    util!("util/dtd/xml.xsd", "cn-nmpa-v1.1/util/dtd/xml.xsd", "382b0a4f7529d2c5f7b0af0aa713b0a5"),
];

/// FDA's `us-regional-v3-3.dtd` is not redistributable from here (not obtainable offline); the
/// user supplies it once. These are the reference values of the official file.
pub const US_DTD_PATH: &str = "util/dtd/us-regional-v3-3.dtd";
pub const US_DTD_MD5: &str = "bea39be6d3a1716262a30a87657bce2d";
pub const US_DTD_SIZE: usize = 35_113;

/// The util files a sequence of `region` ships, in a fixed order. For the US the user-supplied
/// DTD is added by the writer when it is present.
pub fn util_files(region: Region) -> Vec<UtilFile> {
    let mut files = vec![ICH_DTD, ICH_XSL];
    match region {
        Region::Eu => files.extend(EU),
        Region::Cn => files.extend(CN),
        Region::Us => {}
    }
    files.sort_by_key(|f| f.path);
    files
}

/// Every embedded util file (for import: recognising util files of other tools' sequences).
pub fn all_util_files() -> Vec<UtilFile> {
    let mut files = vec![ICH_DTD, ICH_XSL];
    files.extend(EU);
    files.extend(CN);
    files
}

pub fn md5_hex(bytes: &[u8]) -> String {
    hex::encode(Md5::digest(bytes))
}

/// Why a file offered as the FDA DTD was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongUsDtd {
    pub md5: String,
    pub size: usize,
}

/// Accepts `bytes` as the official FDA M1 DTD v3.3 only when its MD5 is the published one.
pub fn check_us_dtd(bytes: &[u8]) -> Result<(), WrongUsDtd> {
    let md5 = md5_hex(bytes);
    if md5 == US_DTD_MD5 { Ok(()) } else { Err(WrongUsDtd { md5, size: bytes.len() }) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_util_file_has_its_pinned_md5() {
        for f in all_util_files() {
            assert_eq!(md5_hex(f.bytes), f.md5, "{} is not byte-exact (line ends normalised?)", f.path);
        }
    }

    #[test]
    fn the_ich_dtd_keeps_its_crlf_line_ends() {
        assert!(ICH_DTD.bytes.windows(2).any(|w| w == b"\r\n"), "EU VC 1.3 fails on an LF copy");
    }

    #[test]
    fn a_us_dtd_with_another_md5_is_refused() {
        let err = check_us_dtd(b"<!ELEMENT x ANY>").unwrap_err();
        assert_eq!(err.size, 16);
        assert_ne!(err.md5, US_DTD_MD5);
    }
}
