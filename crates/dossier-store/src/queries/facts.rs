//! Product, sites, studies and approvals. Document references are stored as document ids.

use dossier_model::{Approval, Facts, Modality, Product, RegionCounts, Site, Study, day};
use rusqlite::{OptionalExtension, params};

use crate::{Error, Result, Store, Tx};

impl Store {
    /// Product, studies and approvals as stored (`documents` is left empty).
    pub fn facts(&self) -> Result<Facts> {
        read(&self.conn)
    }
}

fn read(conn: &rusqlite::Connection) -> Result<Facts> {
    let product = conn
        .query_row(
            "SELECT inn, trade_names, modality, dosage_forms, strengths, route, indications, applicant, mah, atc,
                    excipients
             FROM product WHERE id = 1",
            [],
            |r| {
                Ok(Product {
                    inn: r.get(0)?,
                    trade_names: super::from_json(r, "trade_names")?,
                    modality: Modality::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
                    dosage_forms: super::from_json(r, "dosage_forms")?,
                    strengths: super::from_json(r, "strengths")?,
                    route: r.get(5)?,
                    indications: super::from_json(r, "indications")?,
                    excipients: super::from_json(r, "excipients")?,
                    applicant: r.get(7)?,
                    mah: r.get(8)?,
                    atc: r.get(9)?,
                    sites: Vec::new(),
                })
            },
        )
        .optional()?;
    let product = match product {
        Some(mut p) => {
            let mut stmt = conn.prepare("SELECT name, address, country, role, substance FROM site ORDER BY position")?;
            p.sites = stmt
                .query_map([], |r| {
                    Ok(Site { name: r.get(0)?, address: r.get(1)?, country: r.get(2)?, role: r.get(3)?, substance: r.get(4)? })
                })?
                .collect::<Result<_, _>>()?;
            Some(p)
        }
        None => None,
    };
    let studies = {
        let mut stmt = conn.prepare(
            "SELECT id, title, phase, design, indication, pivotal, csr_document, subjects_total,
                    subjects_hong_kong, subjects_mainland_china, subjects_other_asia, subjects_us,
                    subjects_eu, subjects_rest_of_world
             FROM study ORDER BY id",
        )?;
        stmt.query_map([], |r| {
            Ok(Study {
                id: r.get(0)?,
                title: r.get(1)?,
                phase: r.get(2)?,
                design: r.get(3)?,
                indication: r.get(4)?,
                pivotal: r.get(5)?,
                csr: r.get(6)?,
                subjects: RegionCounts {
                    total: r.get(7)?,
                    hong_kong: r.get(8)?,
                    mainland_china: r.get(9)?,
                    other_asia: r.get(10)?,
                    us: r.get(11)?,
                    eu: r.get(12)?,
                    rest_of_world: r.get(13)?,
                },
            })
        })?
        .collect::<Result<Vec<_>, _>>()?
    };
    let approvals = {
        let mut stmt = conn.prepare(
            "SELECT authority, country, date, number, indication, designations, proof_document
             FROM approval ORDER BY position",
        )?;
        stmt.query_map([], |r| {
            let date: String = r.get(2)?;
            Ok(Approval {
                authority: r.get(0)?,
                country: r.get(1)?,
                date: day::parse(&date).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
                })?,
                number: r.get(3)?,
                indication: r.get(4)?,
                designations: super::from_json(r, "designations")?,
                proof: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?
    };
    Ok(Facts { product, studies, approvals, documents: Vec::new() })
}

/// Makes the stored product, studies and approvals equal to `facts` (document references must
/// already be resolved to ids). Only what changed is written and audited.
pub fn replace(tx: &Tx<'_>, facts: &Facts) -> Result<()> {
    crate::text::refuse_unsafe("", facts)?;
    // A protocol number names one study: a second entry with the same one would silently
    // overwrite the first (found by the facts fuzz target).
    let mut ids = std::collections::HashSet::new();
    if let Some(dup) = facts.studies.iter().find(|s| !ids.insert(s.id.as_str())) {
        return Err(crate::Error::Invalid(format!(
            "study `{}` is listed twice; protocol numbers are unique — merge the two entries or correct one number",
            dup.id
        )));
    }
    let before = read(&tx.tx)?;
    if before.product != facts.product {
        write_product(tx, facts.product.as_ref())?;
        super::audit::append(tx, "facts.product", "product", before.product.as_ref(), facts.product.as_ref())?;
    }
    for old in &before.studies {
        if !facts.studies.iter().any(|s| s.id == old.id) {
            tx.tx.execute("DELETE FROM study WHERE id = ?1", [&old.id])?;
            super::audit::append(tx, "facts.study", &old.id, Some(old), None::<&()>)?;
        }
    }
    for study in &facts.studies {
        let old = before.studies.iter().find(|s| s.id == study.id);
        if old != Some(study) {
            write_study(tx, study)?;
            super::audit::append(tx, "facts.study", &study.id, old, Some(study))?;
        }
    }
    if before.approvals != facts.approvals {
        tx.tx.execute("DELETE FROM approval", [])?;
        for (i, a) in facts.approvals.iter().enumerate() {
            tx.tx.execute(
                "INSERT INTO approval (position, authority, country, date, number, indication, designations, proof_document)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    i as i64,
                    a.authority,
                    a.country,
                    day::format(a.date),
                    a.number,
                    a.indication,
                    super::to_json(&a.designations)?,
                    a.proof
                ],
            )?;
        }
        super::audit::append(tx, "facts.approvals", "approvals", Some(&before.approvals), Some(&facts.approvals))?;
    }
    Ok(())
}

fn write_product(tx: &Tx<'_>, product: Option<&Product>) -> Result<()> {
    tx.tx.execute("DELETE FROM site", [])?;
    let Some(p) = product else {
        tx.tx.execute("DELETE FROM product", [])?;
        return Ok(());
    };
    if p.inn.trim().is_empty() {
        return Err(Error::Invalid("the product needs an INN (international non-proprietary name)".into()));
    }
    tx.tx.execute(
        "INSERT INTO product (id, inn, trade_names, modality, dosage_forms, strengths, route, indications, applicant, mah, atc,
             excipients)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET inn = ?1, trade_names = ?2, modality = ?3, dosage_forms = ?4,
             strengths = ?5, route = ?6, indications = ?7, applicant = ?8, mah = ?9, atc = ?10, excipients = ?11",
        params![
            p.inn,
            super::to_json(&p.trade_names)?,
            p.modality.as_str(),
            super::to_json(&p.dosage_forms)?,
            super::to_json(&p.strengths)?,
            p.route,
            super::to_json(&p.indications)?,
            p.applicant,
            p.mah,
            p.atc,
            super::to_json(&p.excipients)?
        ],
    )?;
    for (i, s) in p.sites.iter().enumerate() {
        tx.tx.execute(
            "INSERT INTO site (position, name, address, country, role, substance) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![i as i64, s.name, s.address, s.country, s.role, s.substance],
        )?;
    }
    Ok(())
}

fn write_study(tx: &Tx<'_>, s: &Study) -> Result<()> {
    let c = &s.subjects;
    if c.sum_of_regions() > u64::from(c.total) {
        return Err(Error::Invalid(format!(
            "study {}: the regions add up to {} subjects but the total is {}; correct the total or the regions",
            s.id,
            c.sum_of_regions(),
            c.total
        )));
    }
    tx.tx.execute(
        "INSERT INTO study (id, title, phase, design, indication, pivotal, csr_document, subjects_total,
             subjects_hong_kong, subjects_mainland_china, subjects_other_asia, subjects_us, subjects_eu,
             subjects_rest_of_world)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET title = ?2, phase = ?3, design = ?4, indication = ?5,
             pivotal = ?6, csr_document = ?7, subjects_total = ?8, subjects_hong_kong = ?9,
             subjects_mainland_china = ?10, subjects_other_asia = ?11, subjects_us = ?12,
             subjects_eu = ?13, subjects_rest_of_world = ?14",
        params![
            s.id, s.title, s.phase, s.design, s.indication, s.pivotal, s.csr, c.total, c.hong_kong,
            c.mainland_china, c.other_asia, c.us, c.eu, c.rest_of_world
        ],
    )?;
    Ok(())
}
