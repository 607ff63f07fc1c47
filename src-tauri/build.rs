//! Generates the app's command permissions so that each window's capability file can allow
//! exactly the commands it uses (an unlisted command is refused at the IPC boundary).

use std::path::Path;

/// Keep in step with `generate_handler!` in `src/lib.rs`; the smoke test checks that every
/// listed command answers.
const COMMANDS: &[&str] = &[
    "app_settings",
    "set_language",
    "project_startup",
    "project_open",
    "project_create",
    "project_summary",
    "documents_list",
    "document_show",
    "document_set_type",
    "document_types",
    "document_scope_fields",
    "document_set_scope",
    "import_paths",
    "import_kinds",
    "import_ectd",
    "job_cancel",
    "facts_get",
    "facts_save",
    "facts_export_text",
    "facts_import_text",
    "audit_log",
    "audit_verify",
    "gaps",
    "reuse_matrix",
    "route_hk",
    "applications_list",
    "profiles_list",
    "sequences_list",
    "cumulative_view",
    "item_assign",
    "item_unassign",
    "item_not_applicable",
    "application_options",
    "application_add",
    "application_update",
    "build_app",
    "validate_path",
    "report_gaps",
    "report_cover_letter",
];

fn main() {
    ensure_frontend_placeholder();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build: see the message above");
}

/// `generate_context!` refuses to compile without `ui/dist`, and `ui/dist` is a build output
/// (not committed). So that `cargo build --workspace` / `cargo test --workspace` work for
/// engineers who never touch the UI, write a one-page stand-in that says how to build the real
/// one. `scripts/app.sh` builds the real UI first, so the stand-in never ships from there.
fn ensure_frontend_placeholder() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist");
    println!("cargo:rerun-if-changed={}", dist.join("index.html").display());
    if dist.join("index.html").exists() {
        return;
    }
    std::fs::create_dir_all(&dist).expect("create ui/dist");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><meta charset=utf-8><title>Dossier Bridge</title>\
         <p>The user interface was not built. Run <code>scripts/app.sh</code> \
         (or <code>npm ci &amp;&amp; npm run build</code> in <code>ui/</code>) and rebuild.</p>\n",
    )
    .expect("write the ui/dist stand-in");
}
