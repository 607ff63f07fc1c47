//! `dossier app …`: applications and a person's decisions on their checklist items.

use std::collections::BTreeMap;

use clap::Subcommand;
use dossier_api::{ApplicationChange, NewApplication, Project};

use crate::output::{self, line, table};
use crate::run::Outcome;

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Add an application to an authority profile (see `dossier app profiles`).
    Add {
        #[arg(long)]
        profile: String,
        #[arg(long)]
        id: Option<String>,
        /// Evaluation route, e.g. HK `1plus` or `standard` (see `dossier route hk`).
        #[arg(long)]
        route: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// YYYY-MM-DD: certificates must still be valid then.
        #[arg(long, value_parser = parse_date)]
        target_date: Option<time::Date>,
        /// A fact the profile's conditions read, e.g. --set applicant_in_region=false.
        #[arg(long = "set", value_parser = parse_fact)]
        facts: Vec<(String, bool)>,
    },
    /// List applications.
    List,
    /// List the authority profiles built in.
    Profiles,
    /// Change an application's route, name, target date or facts.
    Set {
        app: String,
        /// A route of the profile, or `none` to clear it.
        #[arg(long, value_parser = parse_route_or_none)]
        route: Option<OrNone<String>>,
        #[arg(long)]
        name: Option<String>,
        /// YYYY-MM-DD, or `none` to clear it.
        #[arg(long, value_parser = parse_date_or_none)]
        target_date: Option<OrNone<time::Date>>,
        #[arg(long = "set", value_parser = parse_fact)]
        facts: Vec<(String, bool)>,
        #[arg(long)]
        unset: Vec<String>,
    },
    /// Place a document on a checklist item by hand.
    Assign { app: String, item: String, doc: String },
    /// Take a document off an item (mapping will not place it there again), or remove a
    /// "not applicable" mark when DOC is left out.
    Unassign { app: String, item: String, doc: Option<String> },
    /// Mark a checklist item as not applicable, with the reason reviewers will read.
    Na {
        app: String,
        item: String,
        #[arg(long)]
        reason: String,
    },
}

fn parse_date(s: &str) -> Result<time::Date, String> {
    dossier_model::day::parse(s).map_err(|_| format!("`{s}` is not a date written YYYY-MM-DD"))
}

/// A value for `app set`, or `none` to clear the field. (Not `Option<Option<T>>`: clap reads
/// that as a flag whose value may be left out.)
#[derive(Debug, Clone)]
pub struct OrNone<T>(Option<T>);

fn parse_date_or_none(s: &str) -> Result<OrNone<time::Date>, String> {
    if s == "none" { Ok(OrNone(None)) } else { parse_date(s).map(|d| OrNone(Some(d))) }
}

fn parse_route_or_none(s: &str) -> Result<OrNone<String>, String> {
    Ok(OrNone((s != "none").then(|| s.to_owned())))
}

fn parse_fact(s: &str) -> Result<(String, bool), String> {
    let (k, v) = s.split_once('=').ok_or_else(|| format!("`{s}`: write NAME=true or NAME=false"))?;
    let v = v.parse::<bool>().map_err(|_| format!("`{s}`: the value must be true or false"))?;
    Ok((k.to_owned(), v))
}

pub fn run(project: &mut Project, cmd: AppCommand, json: bool) -> anyhow::Result<Outcome> {
    match cmd {
        AppCommand::Add { profile, id, route, name, target_date, facts } => {
            let new = NewApplication { profile, id, route, title: name, target_date, facts: facts.into_iter().collect(), envelope: None };
            let app = dossier_api::add_application(project, &new)?;
            if json {
                output::json(&app)?;
            } else {
                line(format!("added {} — {} ({})", app.application.id, app.application.title, app.profile_title));
                line(format!("next: dossier gaps --app {}", app.application.id));
            }
        }
        AppCommand::List => {
            let apps = dossier_api::list_applications(project)?;
            if json {
                output::json(&apps)?;
            } else {
                let rows: Vec<Vec<String>> = apps
                    .iter()
                    .map(|a| {
                        let facts: Vec<String> = a.application.facts.iter().map(|(k, v)| format!("{k}={v}")).collect();
                        vec![
                            a.application.id.clone(),
                            a.application.profile.clone(),
                            a.application.route.clone().unwrap_or_default(),
                            a.application.target_date.clone().unwrap_or_default(),
                            facts.join(" "),
                        ]
                    })
                    .collect();
                table(&["ID", "PROFILE", "ROUTE", "TARGET", "FACTS"], &rows);
            }
        }
        AppCommand::Profiles => return profiles(json),
        AppCommand::Set { app, route, name, target_date, facts, unset } => {
            let change = ApplicationChange {
                route: route.map(|r| r.0),
                title: name,
                target_date: target_date.map(|d| d.0),
                set: facts.into_iter().collect::<BTreeMap<_, _>>(),
                unset,
            };
            let app = dossier_api::update_application(project, &app, &change)?;
            if json {
                output::json(&app)?;
            } else {
                line(format!("updated {}", app.application.id));
            }
        }
        AppCommand::Assign { app, item, doc } => {
            dossier_api::assign(project, &app, &item, &doc)?;
            line(format!("{doc} now serves {item} in {app}"));
        }
        AppCommand::Unassign { app, item, doc } => {
            let removed = dossier_api::unassign(project, &app, &item, doc.as_deref())?;
            line(if removed { "removed" } else { "nothing to remove: the document is not on that item" });
        }
        AppCommand::Na { app, item, reason } => {
            dossier_api::mark_not_applicable(project, &app, &item, &reason)?;
            line(format!("{item} marked not applicable in {app}"));
        }
    }
    Ok(Outcome::Clean)
}

/// The authority profiles built in; needs no project.
pub fn profiles(json: bool) -> anyhow::Result<Outcome> {
    let profiles = dossier_api::profiles();
    if json {
        output::json(&profiles)?;
    } else {
        let format = |f: &dossier_api::ProfileInfo| {
            serde_json::to_value(f.format).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
        };
        let rows: Vec<Vec<String>> =
            profiles.iter().map(|p| vec![p.id.clone(), p.authority.clone(), format(p), p.title.clone()]).collect();
        table(&["PROFILE", "AUTHORITY", "FORMAT", "TITLE"], &rows);
    }
    Ok(Outcome::Clean)
}
