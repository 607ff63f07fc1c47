//! Deliberate defects applied to finished PDFs (see the README's "Planted problems").

use std::path::Path;
use std::process::Command;

/// Rewrite a krilla PDF 1.4 file as PDF 1.3. krilla writes no /Version entry in the catalogue
/// and (with XMP off) nothing else that names the version, so patching the header suffices;
/// the byte length is unchanged, so the cross-reference table stays valid.
pub fn downgrade_to_pdf13(bytes: &mut [u8]) -> Result<(), String> {
    if !bytes.starts_with(b"%PDF-1.4") {
        return Err("expected a %PDF-1.4 header".to_string());
    }
    if bytes.windows(8).any(|w| w == b"/Version") {
        return Err("unexpected /Version entry".to_string());
    }
    bytes[7] = b'3';
    Ok(())
}

/// Encrypt `path` in place with an open password (AES-128). `--static-id` and
/// `--static-aes-iv` keep the output byte-identical across runs.
pub fn encrypt(path: &Path, user: &str, owner: &str) -> Result<(), String> {
    let tmp = path.with_extension("plain.tmp");
    std::fs::rename(path, &tmp).map_err(|e| format!("{}: {e}", path.display()))?;
    let status = Command::new("qpdf")
        .args(["--static-id", "--static-aes-iv", "--encrypt", user, owner, "128", "--use-aes=y", "--"])
        .arg(&tmp)
        .arg(path)
        .status()
        .map_err(|e| format!("cannot run qpdf (install the Debian package qpdf): {e}"))?;
    std::fs::remove_file(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    if !status.success() {
        return Err(format!("qpdf --encrypt failed for {}", path.display()));
    }
    Ok(())
}
