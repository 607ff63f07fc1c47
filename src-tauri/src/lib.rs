//! The Dossier Bridge desktop shell: window, IPC and native dialogs around `dossier-api`.
//!
//! Every command is a few lines over one api handler (see `commands/`); long work runs on a
//! blocking thread and reports over a `tauri::ipc::Channel`. Nothing here knows regulatory
//! rules or SQL: those live in the crates below `dossier-api`.
//!
//! `run()` is what `main` calls; `run_app(builder, launch)` is the same app over any runtime,
//! so the mock runtime can smoke-test start-up without a display.

mod commands;
mod launch;
mod settings;
mod state;

pub use launch::Launch;
pub use state::AppState;

use tauri::{Builder, Context, Runtime};

/// Starts the desktop app with the real window system.
pub fn run() {
    let launch = Launch::from_env_and_args(std::env::args_os().skip(1));
    run_app(Builder::default(), launch)
        .run(context())
        .expect("the desktop app failed to start; see the message above");
}

/// The app's configuration, embedded assets (`ui/dist`) and capabilities.
pub fn context<R: Runtime>() -> Context<R> {
    tauri::generate_context!()
}

/// Adds plugins, state and commands to `builder`.
pub fn run_app<R: Runtime>(builder: Builder<R>, launch: Launch) -> Builder<R> {
    builder
        // Native open/save dialogs only; the app has no shell, HTTP or fs plugin on purpose.
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(launch))
        .invoke_handler(tauri::generate_handler![
            commands::settings::app_settings,
            commands::settings::set_language,
            commands::project::project_startup,
            commands::project::project_open,
            commands::project::project_create,
            commands::project::project_summary,
            commands::documents::documents_list,
            commands::documents::document_show,
            commands::documents::document_set_type,
            commands::documents::document_types,
            commands::documents::document_scope_fields,
            commands::documents::document_set_scope,
            commands::import::import_paths,
            commands::import::import_kinds,
            commands::import::import_ectd,
            commands::import::job_cancel,
            commands::facts::facts_get,
            commands::facts::facts_save,
            commands::facts::facts_export_text,
            commands::facts::facts_import_text,
            commands::audit::audit_log,
            commands::audit::audit_verify,
            commands::analysis::gaps,
            commands::analysis::reuse_matrix,
            commands::analysis::route_hk,
            commands::analysis::applications_list,
            commands::analysis::profiles_list,
            commands::analysis::sequences_list,
            commands::analysis::cumulative_view,
            commands::build::build_plan,
            commands::build::set_plan_choice,
            commands::analysis::item_assign,
            commands::analysis::item_unassign,
            commands::analysis::item_not_applicable,
            commands::applications::application_options,
            commands::applications::application_add,
            commands::applications::application_update,
            commands::build::build_app,
            commands::build::validate_path,
            commands::report::report_gaps,
            commands::report::report_cover_letter,
        ])
}
