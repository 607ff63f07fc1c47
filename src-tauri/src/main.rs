// No console window on Windows release builds; the app reports through its own UI.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    dossier_app::run();
}
