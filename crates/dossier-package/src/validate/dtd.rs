//! DTD validation through libxml2's `xmlValidateDtd`, which the `libxml` crate does not wrap, and
//! the one place libxml2 may load an external file — which it may not: every DTD and XSD comes
//! from the bytes we hold.
//!
//! The document is parsed by the safe API with no DTD loading and no entity substitution (so a
//! hostile file cannot pull in external entities); the DTD is parsed from memory (our embedded
//! official copy, or the checked FDA one), never from the document's DOCTYPE. What a DTD or
//! schema includes (`eu-envelope.mod`, `xlink.xsd`) is served by an external entity loader from
//! the embedded util files; anything else — a path, a URL — is refused. Nothing is written to
//! disk and no file is opened: a shared temp folder (`$TMPDIR/dossier-util-…`, which another
//! local user could fill with links) is not needed.
//!
//! [`validate_with`] validates against a DTD the caller read from the sequence itself (EU VC 9.4
//! names "the EU Module 1 DTD file included in the util/dtd folder"): its includes are then
//! served from the bytes the caller read from that same folder, for this call and this thread
//! only; still nothing is opened here.

#![allow(unsafe_code)]

use std::cell::RefCell;
use std::ffi::{CStr, c_char, c_int, c_void};
use std::ptr;
use std::sync::Once;

use libxml::bindings::{
    xmlCharEncoding_XML_CHAR_ENCODING_NONE, xmlErrorPtr, xmlFreeDtd, xmlFreeValidCtxt, xmlIOParseDTD, xmlNewIOInputStream, xmlNewValidCtxt,
    xmlParserCtxtPtr, xmlParserInputBufferCreateMem, xmlParserInputPtr, xmlSetExternalEntityLoader,
    xmlSetStructuredErrorFunc, xmlValidateDtd,
};
use libxml::tree::Document;

use crate::util;

/// Validates `doc` against the DTD `dtd` (its text); `Ok(())` or every message libxml2 reported.
pub fn validate(doc: &Document, dtd: &[u8]) -> Result<(), Vec<String>> {
    embedded_entities_only();
    run(doc, dtd)
}

/// Files the entity loader serves instead of the embedded ones, for the current call on this
/// thread, and the names it was asked for and did not have.
struct Served {
    files: Vec<(String, Vec<u8>)>,
    missing: Vec<String>,
}

thread_local! {
    static SERVED: RefCell<Option<Served>> = const { RefCell::new(None) };
}

/// Validates `doc` against `dtd` with what it includes taken from `includes` (bare file name →
/// bytes, read by the caller from the folder the DTD came from). `None` when that DTD cannot be
/// loaded from them (an include it names is not among them, or it does not parse): the caller
/// decides what to validate against instead.
pub fn validate_with(doc: &Document, dtd: &[u8], includes: Vec<(String, Vec<u8>)>) -> Option<Result<(), Vec<String>>> {
    embedded_entities_only();
    /// Ends the serving when the call ends, however it ends.
    struct Serving;
    impl Drop for Serving {
        fn drop(&mut self) {
            SERVED.with(|s| s.borrow_mut().take());
        }
    }
    SERVED.with(|s| *s.borrow_mut() = Some(Served { files: includes, missing: Vec::new() }));
    let serving = Serving;
    let result = run(doc, dtd);
    let missing = SERVED.with(|s| s.borrow_mut().as_mut().map(|s| std::mem::take(&mut s.missing))).unwrap_or_default();
    drop(serving);
    match result {
        Err(messages) if messages.first().is_some_and(|m| m == CANNOT_LOAD) => None,
        _ if !missing.is_empty() => None,
        result => Some(result),
    }
}

const CANNOT_LOAD: &str = "cannot load the DTD";

fn run(doc: &Document, dtd: &[u8]) -> Result<(), Vec<String>> {
    let len = c_int::try_from(dtd.len()).map_err(|_| vec!["the DTD is too large".to_owned()])?;
    let (valid, messages) = capture(|| {
        // SAFETY: the buffer copies `dtd` (CreateMem) and is owned, then freed, by
        // xmlIOParseDTD; the returned DTD is freed below and not shared.
        let dtd_ptr = unsafe {
            let input = xmlParserInputBufferCreateMem(dtd.as_ptr().cast::<c_char>(), len, xmlCharEncoding_XML_CHAR_ENCODING_NONE);
            if input.is_null() {
                return None;
            }
            xmlIOParseDTD(ptr::null_mut(), input, xmlCharEncoding_XML_CHAR_ENCODING_NONE)
        };
        if dtd_ptr.is_null() {
            return None;
        }
        // SAFETY: `doc` and `dtd_ptr` are live for the call; the context is freed right after,
        // and the DTD once, after the validation.
        unsafe {
            let ctxt = xmlNewValidCtxt();
            let ok = if ctxt.is_null() { 0 } else { xmlValidateDtd(ctxt, doc.doc_ptr(), dtd_ptr) };
            if !ctxt.is_null() {
                xmlFreeValidCtxt(ctxt);
            }
            xmlFreeDtd(dtd_ptr);
            Some(ok)
        }
    });
    match valid {
        None => Err(std::iter::once(CANNOT_LOAD.to_owned()).chain(messages).collect()),
        Some(1) if messages.is_empty() => Ok(()),
        Some(_) => Err(messages),
    }
}

/// Installs, once per process, the external entity loader that serves only embedded util files.
/// libxml2's loader is global: from then on no parse in this process opens a file or a URL.
pub fn embedded_entities_only() {
    static INSTALLED: Once = Once::new();
    // SAFETY: `embedded` matches libxml2's loader signature and is a plain function.
    INSTALLED.call_once(|| unsafe { xmlSetExternalEntityLoader(Some(embedded)) });
}

/// An embedded util file named by the last part of `url`, when `url` is a bare relative name
/// (no scheme: `xml.xsd` imports `http://www.w3.org/…/xml.xsd`, which must not resolve to
/// itself).
fn embedded_file(url: &str) -> Option<&'static [u8]> {
    let name = bare_name(url)?;
    util::all_util_files().into_iter().find(|f| f.path.rsplit('/').next() == Some(name)).map(|f| f.bytes)
}

/// The file name a relative `url` ends in; `None` for a URL with a scheme, an absolute path or
/// one that climbs.
fn bare_name(url: &str) -> Option<&str> {
    if url.contains("://") || url.starts_with('/') || url.contains("..") {
        return None;
    }
    url.rsplit('/').next().filter(|n| !n.is_empty())
}

/// An input stream over a copy of `bytes`, owned by the parser that asked for it.
///
/// # Safety
/// `ctxt` is the parser context libxml2 passed to the loader.
unsafe fn stream(bytes: &[u8], ctxt: xmlParserCtxtPtr) -> xmlParserInputPtr {
    let Ok(len) = c_int::try_from(bytes.len()) else { return ptr::null_mut() };
    // SAFETY: the buffer copies the bytes (a static buffer cannot be switched to the encoding the
    // file declares); the input stream takes ownership of the buffer and is freed by the parser
    // that asked for it.
    unsafe {
        let buffer = xmlParserInputBufferCreateMem(bytes.as_ptr().cast::<c_char>(), len, xmlCharEncoding_XML_CHAR_ENCODING_NONE);
        if buffer.is_null() {
            return ptr::null_mut();
        }
        xmlNewIOInputStream(ctxt, buffer, xmlCharEncoding_XML_CHAR_ENCODING_NONE)
    }
}

unsafe extern "C" fn embedded(url: *const c_char, _id: *const c_char, ctxt: xmlParserCtxtPtr) -> xmlParserInputPtr {
    if url.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: libxml2 passes a NUL-terminated URL valid for the call.
    let url = unsafe { CStr::from_ptr(url) }.to_string_lossy();
    // The sequence's own files, while `validate_with` runs on this thread.
    let served = SERVED.with(|s| {
        let mut s = s.borrow_mut();
        let served = s.as_mut()?;
        let found = bare_name(&url).and_then(|name| served.files.iter().find(|(n, _)| n == name));
        match found {
            // SAFETY: `ctxt` is the context libxml2 passed to this loader.
            Some((_, bytes)) => Some(unsafe { stream(bytes, ctxt) }),
            None => {
                served.missing.push(url.clone().into_owned());
                Some(ptr::null_mut())
            }
        }
    });
    if let Some(input) = served {
        return input;
    }
    let Some(bytes) = embedded_file(&url) else { return ptr::null_mut() };
    // SAFETY: `ctxt` is the context libxml2 passed to this loader.
    unsafe { stream(bytes, ctxt) }
}

/// Runs `f` with libxml2's errors collected instead of printed to stderr. Warnings (such as
/// the NMPA schema's relative namespace URI `cn_ectd`) are dropped; errors are returned.
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, Vec<String>) {
    let mut messages: Vec<String> = Vec::new();
    // SAFETY: the handler only touches `messages`, which outlives the registration: it is
    // removed before this function returns. libxml2 keeps error handlers per thread.
    unsafe { xmlSetStructuredErrorFunc((&raw mut messages).cast::<c_void>(), Some(collect)) };
    let value = f();
    // SAFETY: removing the handler registered above.
    unsafe { xmlSetStructuredErrorFunc(ptr::null_mut(), None) };
    (value, messages)
}

unsafe extern "C" fn collect(data: *mut c_void, error: xmlErrorPtr) {
    if data.is_null() || error.is_null() {
        return;
    }
    // SAFETY: `data` is the `Vec<String>` registered in `capture`, alive for the call;
    // `error` is a valid libxml2 error for the duration of this callback.
    unsafe {
        let messages = &mut *data.cast::<Vec<String>>();
        let err = &*error;
        if err.level == libxml::bindings::xmlErrorLevel_XML_ERR_WARNING {
            return;
        }
        let text = if err.message.is_null() {
            "validity error".to_owned()
        } else {
            CStr::from_ptr(err.message).to_string_lossy().trim().to_owned()
        };
        messages.push(if err.line > 0 { format!("line {}: {text}", err.line) } else { text });
    }
}
