//! One verdict over a validation: what failed by severity and by the region's own level, and
//! whether the regulator would reject the package. The build, `dossier validate`, the app and the
//! gap report all show this same sum, computed here once.

use std::collections::BTreeMap;

use dossier_model::Severity;
use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use super::engine::{Problem, RuleStatus, SequenceReport, Status};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Rules checked, and how many of them failed.
    pub rules: usize,
    pub rules_failed: usize,
    /// Failed problems by our severity.
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Failed problems by the region's own level (`P/F`, `BP`, `High`, `Medium`, `错误`, `警告`…;
    /// `error`/`warning`/`info` for our own `DB-` rules).
    pub levels: BTreeMap<String, usize>,
    /// Problems the validator could not decide (earlier sequences missing, a file it could not
    /// inspect): never counted as passed, never as failed.
    pub undecided: usize,
    /// Failed problems at a level the regulator rejects on: EU `P/F`, FDA `High`, NMPA `错误`,
    /// and our own `error` rules (a link, a special file, a backbone past the limits: nothing a
    /// gateway can take).
    pub rejecting: usize,
    pub would_be_rejected: bool,
}

impl Verdict {
    /// The verdict of one sequence's (or bundle's) problems and rule statuses.
    pub fn of(problems: &[Problem], rules: &[RuleStatus]) -> Self {
        let mut v = Verdict { rules: rules.len(), rules_failed: rules.iter().filter(|r| r.status == Status::Fail).count(), ..Verdict::default() };
        for p in problems {
            if p.status != Status::Fail {
                v.undecided += 1;
                continue;
            }
            match p.severity {
                Severity::Error => v.errors += 1,
                Severity::Warning => v.warnings += 1,
                Severity::Info => v.notes += 1,
            }
            *v.levels.entry(p.level.clone()).or_default() += 1;
        }
        v.rejecting = v.errors;
        v.would_be_rejected = v.rejecting > 0;
        v
    }

    /// The verdict of several sequences (an application folder): the sums.
    pub fn of_reports(reports: &[SequenceReport]) -> Self {
        let mut total = Verdict::default();
        for r in reports {
            let v = Verdict::of(&r.problems, &r.rules);
            total.rules += v.rules;
            total.rules_failed += v.rules_failed;
            total.errors += v.errors;
            total.warnings += v.warnings;
            total.notes += v.notes;
            total.undecided += v.undecided;
            total.rejecting += v.rejecting;
            for (level, n) in v.levels {
                *total.levels.entry(level).or_default() += n;
            }
        }
        total.would_be_rejected = total.rejecting > 0;
        total
    }

    /// The problems that stop a build: rejection-level failures in what the build itself wrote
    /// — the util files, `index.xml`, `index-md5.txt` and the regional backbone (everything in
    /// them, leaves and lifecycle included), the sequence as a whole, and each leaf's copy
    /// (missing, or an MD5 that differs). A sequence with such a fault is the program's own
    /// error and never gets its final name.
    ///
    /// A rejection-level failure in what the project supplies — a document's PDF (encrypted,
    /// version 1.3), a Module 1 document the region requires and the project lacks, a file
    /// name taken from the document — is no fault of the build: the sequence is built so that
    /// the publisher can review it, and its verdict says "would be rejected" and why; the fix
    /// is in the project (replace the document, add the missing one), then build again.
    pub fn refusing(report: &SequenceReport) -> Vec<&Problem> {
        let catalogue = Catalogue::embedded();
        let r = report.region.code();
        let regional = format!("m1/{r}/{r}-regional.xml");
        let written = |file: &str| {
            let file = file.split_once('#').map_or(file, |(f, _)| f);
            file.is_empty() || file == "index.xml" || file == "index-md5.txt" || file == regional || file.starts_with("util/")
        };
        let check = |rule: &str| catalogue.get(rule, report.region).and_then(|r| r.check.as_deref()).unwrap_or_default();
        let copy = |rule: &str| matches!(check(rule), "leaf-md5" | "href-target");
        // A heading left empty (EU 10.1: the 1.0 cover heading the EU DTD requires in every
        // sequence) is a document the project has not supplied for this sequence, not a fault
        // of the backbone: reported, like a missing tracking table.
        let supplied = |rule: &str| check(rule) == "empty-heading";
        report
            .problems
            .iter()
            .filter(|p| p.status == Status::Fail && p.severity == Severity::Error)
            .filter(|p| (written(&p.file) && !supplied(&p.rule)) || copy(&p.rule))
            .collect()
    }
}
