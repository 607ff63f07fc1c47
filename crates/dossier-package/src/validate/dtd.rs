//! DTD validation through libxml2's `xmlValidateDtd`, which the `libxml` crate does not wrap.
//!
//! The document is parsed by the safe API with no DTD loading and no entity substitution (so a
//! hostile file cannot pull in external entities); the DTD is loaded from a path we choose (our
//! own verified util copy), never from the document's DOCTYPE.

#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_void};
use std::path::Path;
use std::ptr;

use libxml::bindings::{
    xmlErrorPtr, xmlFreeDtd, xmlFreeValidCtxt, xmlNewValidCtxt, xmlParseDTD, xmlSetStructuredErrorFunc, xmlValidateDtd,
};
use libxml::tree::Document;

/// Validates `doc` against the DTD at `dtd`; `Ok(())` or every message libxml2 reported.
pub fn validate(doc: &Document, dtd: &Path) -> Result<(), Vec<String>> {
    let path = CString::new(dtd.to_string_lossy().as_bytes()).map_err(|_| vec!["DTD path contains NUL".to_owned()])?;
    let mut messages: Vec<String> = Vec::new();
    // SAFETY: `path` outlives the call; a null public id is allowed. The returned DTD is freed
    // below and not shared.
    let dtd_ptr = unsafe { xmlParseDTD(ptr::null(), path.as_ptr().cast()) };
    if dtd_ptr.is_null() {
        return Err(vec![format!("cannot load the DTD {}", dtd.display())]);
    }
    let (valid, errors) = capture(|| {
        // SAFETY: `doc` and `dtd_ptr` are live for the call; the context is freed right after.
        unsafe {
            let ctxt = xmlNewValidCtxt();
            if ctxt.is_null() {
                return 0;
            }
            let ok = xmlValidateDtd(ctxt, doc.doc_ptr(), dtd_ptr);
            xmlFreeValidCtxt(ctxt);
            ok
        }
    });
    // SAFETY: parsed above, not shared, freed once.
    unsafe { xmlFreeDtd(dtd_ptr) };
    messages.extend(errors);
    if valid == 1 && messages.is_empty() { Ok(()) } else { Err(messages) }
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
    // SAFETY: `data` is the `Vec<String>` registered in `validate`, alive for the call;
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
