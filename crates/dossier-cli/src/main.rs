//! `dossier`: the command line of Dossier Bridge. Every command is a thin layer over
//! `dossier-api`; output is text for people and `--json` for programs.
//!
//! Exit codes: 0 done; 1 usage error, or the command ran and its answer is "not clean"
//! (e.g. `audit verify` found a broken chain); 2 the command could not do its work; 3 the input
//! is in a format this version does not read (an eCTD v4.0 submission unit).

mod analysis;
mod apps;
mod args;
mod dev;
mod build;
mod import_ectd;
mod output;
mod plan;
mod report;
mod run;
mod validate;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(1) } else { ExitCode::SUCCESS };
        }
    };
    let json = cli.json;
    match run::run(cli) {
        Ok(run::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(run::Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            output::error(&e, json);
            let unsupported = e.downcast_ref::<dossier_api::ApiError>().is_some_and(|a| a.code == dossier_api::ErrorCode::Unsupported);
            ExitCode::from(if unsupported { 3 } else { 2 })
        }
    }
}
