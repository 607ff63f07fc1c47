//! Applications: filings to one authority profile each, with their own facts, and a person's
//! assignments on their checklist items.

use std::collections::BTreeMap;
use std::path::Path;

use dossier_rules::Templates;
use dossier_store::{Application, Assignment};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::{ApiError, ErrorCode, Project, Result};

/// What a person gives to add an application.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewApplication {
    pub profile: String,
    /// Defaults to `app_` + the profile's region (`app_hk`), made unique.
    pub id: Option<String>,
    pub route: Option<String>,
    pub title: Option<String>,
    #[serde(default, with = "dossier_model::day::option")]
    pub target_date: Option<Date>,
    /// Boolean facts the profile's conditions read.
    #[serde(default)]
    pub facts: BTreeMap<String, bool>,
    /// Envelope facts for eCTD builds (`[eu]`, `[cn]`, `[us]` tables, as `dossier envelope --set`
    /// takes them); only read from an applications file.
    #[serde(default)]
    pub envelope: Option<toml::Table>,
}

/// An application as the CLI and UI show it.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationInfo {
    #[serde(flatten)]
    pub application: Application,
    pub profile_title: String,
    pub authority: String,
    pub format: dossier_rules::Format,
}

fn info(app: Application) -> ApplicationInfo {
    let profile = Templates::embedded().profiles.get(&app.profile);
    ApplicationInfo {
        profile_title: profile.map(|p| p.header.title.clone()).unwrap_or_default(),
        authority: profile.map(|p| p.header.authority.clone()).unwrap_or_default(),
        format: profile.map_or(dossier_rules::Format::HkCtd, |p| p.header.format),
        application: app,
    }
}

pub fn list_applications(project: &Project) -> Result<Vec<ApplicationInfo>> {
    Ok(project.store.applications()?.into_iter().map(info).collect())
}

/// A route an application of a profile can take, for a picker.
#[derive(Debug, Clone, Serialize)]
pub struct RouteOption {
    pub id: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
}

/// A boolean application fact, and whether this profile's items or routes read it.
#[derive(Debug, Clone, Serialize)]
pub struct FactOption {
    pub name: String,
    pub read_by_profile: bool,
}

/// What an application of `profile` can be set to: its routes and the facts its conditions
/// read (for the app's editor; the CLI lists the same through `dossier app profiles`).
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationOptions {
    pub profile: String,
    pub routes: Vec<RouteOption>,
    pub facts: Vec<FactOption>,
}

pub fn application_options(profile: &str) -> Result<ApplicationOptions> {
    use dossier_rules::condition::{Condition, FLAGS};
    fn flags<'c>(c: &'c Condition, out: &mut Vec<&'c str>) {
        match c {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| flags(c, out)),
            Condition::Not(c) => flags(c, out),
            Condition::Flag { name, .. } => out.push(name),
            Condition::Route(_) | Condition::Modality(_) | Condition::Designation(_) => {}
        }
    }
    let templates = Templates::embedded();
    let profile = templates.profiles.get(profile).ok_or_else(|| {
        ApiError::new(ErrorCode::NotFound, format!("`{profile}` is not an authority profile; `dossier app profiles` lists them"))
    })?;
    let mut read = Vec::new();
    for c in profile.items.iter().filter_map(|i| i.when.as_ref()) {
        flags(c, &mut read);
    }
    for check in profile.routes.iter().flat_map(|r| &r.conditions).map(|c| &c.check) {
        match check {
            dossier_rules::Check::ApplicationFact(name) => read.push(name),
            dossier_rules::Check::RegisteredInRegion(_) => read.push("registered_in_region"),
            _ => {}
        }
    }
    Ok(ApplicationOptions {
        profile: profile.id().to_owned(),
        routes: profile
            .routes
            .iter()
            .map(|r| RouteOption {
                id: r.id.clone(),
                title: r.title.clone(),
                title_zh_hans: r.title_zh_hans.clone(),
                title_zh_hant: r.title_zh_hant.clone(),
            })
            .collect(),
        // The known flags, then any other fact this profile's routes read (e.g. pre_nda_meeting_held).
        facts: FLAGS
            .iter()
            .copied()
            .chain(read.iter().copied().filter(|r| !FLAGS.contains(r)))
            .fold(Vec::<FactOption>::new(), |mut out, name| {
                if !out.iter().any(|f| f.name == name) {
                    out.push(FactOption { name: name.to_owned(), read_by_profile: read.contains(&name) });
                }
                out
            }),
    })
}

fn check_route(profile: &dossier_rules::Profile, route: Option<&str>) -> Result<()> {
    let Some(route) = route else { return Ok(()) };
    if profile.route(route).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = profile.routes.iter().map(|r| r.id.as_str()).collect();
    Err(ApiError::invalid(if known.is_empty() {
        format!("profile {} has no routes; leave --route out", profile.id())
    } else {
        format!("`{route}` is not a route of {}; choose one of: {}", profile.id(), known.join(", "))
    }))
}

fn check_facts(facts: &BTreeMap<String, bool>) -> Result<()> {
    for name in facts.keys() {
        if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Err(ApiError::invalid(format!("fact `{name}` must be snake_case, e.g. applicant_in_region")));
        }
    }
    Ok(())
}

pub fn add_application(project: &mut Project, new: &NewApplication) -> Result<ApplicationInfo> {
    let templates = Templates::embedded();
    let profile = templates.profiles.get(&new.profile).ok_or_else(|| {
        let ids: Vec<&str> = templates.profiles.all().map(|p| p.id()).collect();
        ApiError::invalid(format!("`{}` is not an authority profile; choose one of: {}", new.profile, ids.join(", ")))
    })?;
    check_route(profile, new.route.as_deref())?;
    check_facts(&new.facts)?;
    let existing = project.store.applications()?;
    let id = match &new.id {
        Some(id) => id.clone(),
        None => {
            let base = format!("app_{}", profile.header.region);
            (1..)
                .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
                .find(|candidate| !existing.iter().any(|a| &a.id == candidate))
                .expect("some suffix is free")
        }
    };
    if !id.starts_with("app_") {
        return Err(ApiError::invalid(format!("application ids start with app_ (got `{id}`)")));
    }
    let app = Application {
        id,
        profile: profile.id().to_owned(),
        route: new.route.clone(),
        title: new.title.clone().unwrap_or_else(|| profile.header.title.clone()),
        created_at: String::new(),
        target_date: new.target_date.map(dossier_model::day::format),
        facts: new.facts.iter().map(|(k, v)| (k.clone(), serde_json::Value::Bool(*v))).collect(),
    };
    project.store.with_tx(&project.actor, |tx| tx.create_application(&app))?;
    Ok(info(project.store.application(&app.id)?))
}

/// Changes to an application; `None` leaves a field as it is. For the route and the target
/// date, `Some(None)` clears the field (JSON `null`, CLI `none`): a filing can lose its planned
/// date or go back to "route not chosen yet".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApplicationChange {
    #[serde(deserialize_with = "present")]
    pub route: Option<Option<String>>,
    pub title: Option<String>,
    #[serde(deserialize_with = "present_date")]
    pub target_date: Option<Option<Date>>,
    pub set: BTreeMap<String, bool>,
    pub unset: Vec<String>,
}

/// A field that is present, possibly `null` (absent fields take the default, `None`).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

fn present_date<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Option<Date>>, D::Error> {
    #[derive(Deserialize)]
    struct Day(#[serde(with = "dossier_model::day")] Date);
    Option::<Day>::deserialize(d).map(|day| Some(day.map(|Day(d)| d)))
}

pub fn update_application(project: &mut Project, id: &str, change: &ApplicationChange) -> Result<ApplicationInfo> {
    let mut app = project.store.application(id)?;
    let profile = Templates::embedded()
        .profiles
        .get(&app.profile)
        .ok_or_else(|| ApiError::new(ErrorCode::Incompatible, format!("profile {} is unknown to this version", app.profile)))?;
    if let Some(route) = &change.route {
        check_route(profile, route.as_deref())?;
        app.route = route.clone();
    }
    check_facts(&change.set)?;
    if let Some(title) = &change.title {
        app.title = title.clone();
    }
    if let Some(d) = change.target_date {
        app.target_date = d.map(dossier_model::day::format);
    }
    for (k, v) in &change.set {
        app.facts.insert(k.clone(), serde_json::Value::Bool(*v));
    }
    for k in &change.unset {
        app.facts.remove(k);
    }
    project.store.with_tx(&project.actor, |tx| tx.update_application(&app))?;
    Ok(info(project.store.application(id)?))
}

fn check_item(project: &Project, app: &str, item: &str) -> Result<()> {
    let app = project.store.application(app)?;
    let profile = Templates::embedded().profiles.get(&app.profile);
    if profile.is_some_and(|p| p.item(item).is_some()) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "`{item}` is not a checklist item of {} ({}); `dossier gaps --app {}` lists them",
            app.id, app.profile, app.id
        )))
    }
}

/// Places a document on an item by hand; mapping never removes it.
pub fn assign(project: &mut Project, app: &str, item: &str, document: &str) -> Result<()> {
    check_item(project, app, item)?;
    let doc = project.store.resolve_document(document)?;
    let a = Assignment {
        application: app.into(),
        item: item.into(),
        document: Some(doc.to_string()),
        origin: "manual".into(),
        not_applicable: None,
    };
    Ok(project.store.with_tx(&project.actor, |tx| {
        tx.include(app, item, doc.as_str())?;
        tx.assign(&a)
    })?)
}

/// Takes a document off an item — a hand-made assignment is removed, an automatic placement is
/// excluded from then on — or, with no document, removes a "not applicable" mark.
pub fn unassign(project: &mut Project, app: &str, item: &str, document: Option<&str>) -> Result<bool> {
    check_item(project, app, item)?;
    let doc = document.map(|d| project.store.resolve_document(d)).transpose()?;
    let placed = match &doc {
        Some(d) => crate::placements(project, app)?.iter().any(|p| p.item == item && &p.document == d),
        None => false,
    };
    Ok(project.store.with_tx(&project.actor, |tx| {
        let removed = tx.unassign(app, item, doc.as_ref().map(|d| d.as_str()))?;
        match (&doc, removed) {
            (Some(d), false) if placed => tx.exclude(app, item, d.as_str()),
            _ => Ok(removed),
        }
    })?)
}

pub fn mark_not_applicable(project: &mut Project, app: &str, item: &str, reason: &str) -> Result<()> {
    check_item(project, app, item)?;
    if reason.trim().is_empty() {
        return Err(ApiError::invalid("say why the item does not apply (--reason); reviewers will ask"));
    }
    let a = Assignment {
        application: app.into(),
        item: item.into(),
        document: None,
        origin: "manual".into(),
        not_applicable: Some(reason.into()),
    };
    Ok(project.store.with_tx(&project.actor, |tx| tx.assign(&a))?)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicationsFile {
    #[serde(default, rename = "application")]
    applications: Vec<NewApplication>,
}

/// Adds the applications listed in a TOML file (`[[application]]` entries); used by
/// `init --from` for a sample's `applications.toml`.
pub fn import_applications_file(project: &mut Project, path: &Path) -> Result<Vec<ApplicationInfo>> {
    let text = dossier_files::read_text(path, dossier_files::APPLICATIONS)?;
    let file: ApplicationsFile =
        toml::from_str(&text).map_err(|e| ApiError::invalid(format!("{}: {e}", path.display())))?;
    let in_file = |e: ApiError| ApiError::new(e.code, format!("{}: {}", path.display(), e.message));
    file.applications
        .iter()
        .map(|a| {
            let added = add_application(project, a).map_err(in_file)?;
            if let Some(envelope) = &a.envelope {
                let text = toml::to_string(envelope).map_err(|e| ApiError::invalid(e.to_string()))?;
                crate::set_envelope(project, &added.application.id, &text).map_err(in_file)?;
            }
            Ok(added)
        })
        .collect()
}
