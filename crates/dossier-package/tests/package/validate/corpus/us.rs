//! FDA (v3.2.2 criteria ids where published, our `DB-US-` rules otherwise), on a sequence built
//! without the FDA DTD: its DTD rules are Unverifiable, never passed (the baseline test checks).

use std::fs;
use std::path::Path;

use dossier_package::Region;

use super::eu::flip;
use super::*;

const US: Region = Region::Us;
const REGIONAL: &str = "m1/us/us-regional.xml";
const CO: &str = "m2/25-clin-over/clinical-overview.pdf";

fn s0(app: &Path) -> PathBuf {
    seq(app, "0000")
}

fn noop(app: &Path) {
    let p = s0(app).join("index.xml");
    let bytes = fs::read(&p).unwrap();
    fs::write(&p, bytes).unwrap();
}

fn regional(f: fn(String) -> String) -> impl Fn(&Path) + Send + Sync {
    move |app: &Path| {
        edit(&s0(app).join(REGIONAL), f);
        reseal(&s0(app), US);
    }
}

/// Moves the clinical overview under `m2/25-clin-over/` to a path of exactly `total` characters.
fn long_path(app: &Path, total: usize) {
    let s = s0(app);
    let dir = "m2/25-clin-over";
    let mut folders = Vec::new();
    let mut len = 5 + dir.len();
    while total - len - 1 > 64 {
        folders.push("d".repeat(60.min(total - len - 1 - 10)));
        len += 1 + 60.min(total - len - 1 - 10);
    }
    let mut rel = dir.to_owned();
    for f in &folders {
        rel = format!("{rel}/{f}");
    }
    let rel = format!("{rel}/{}.pdf", "p".repeat(total - len - 1 - 4));
    assert_eq!(5 + rel.len(), total);
    move_leaf(&s, US, CO, &rel);
}

pub fn cases() -> Vec<Case> {
    vec![
        fail("us 240-character path", US, &["1085"], |app| long_path(app, 240)),
        pass("us 230-character path", US, "1085", |app| long_path(app, 230)),
        fail("us regional dtd version 3.4", US, &["2001"], regional(|s| s.replacen("dtd-version=\"3.3\"", "dtd-version=\"3.4\"", 1))),
        pass("us regional dtd version 2.01", US, "2001", regional(|s| s.replacen("dtd-version=\"3.3\"", "dtd-version=\"2.01\"", 1))),
        fail("us regional missing", US, &["2"], |app| fs::remove_file(s0(app).join(REGIONAL)).unwrap()),
        pass("us regional present", US, "2", noop),
        fail("us unknown leaf operation", US, &["1034"], regional(|s| s.replacen("operation=\"new\"", "operation=\"unchanged\"", 1))),
        pass("us known leaf operations", US, "1034", noop),
        fail("us upper-case file name", US, &["DB-US-CHARS"], |app| {
            rename_leaf(&s0(app), US, CO, "Clinical-Overview.pdf");
        }),
        pass("us digits and hyphens in a file name", US, "DB-US-CHARS", |app| {
            rename_leaf(&s0(app), US, CO, "clinical-overview-2.pdf");
        }),
        fail("us flipped byte in a leaf", US, &["DB-US-LEAF-MD5"], |app| flip(&s0(app).join(CO))),
        pass("us changed leaf with its new checksum", US, "DB-US-LEAF-MD5", |app| {
            flip(&s0(app).join(CO));
            reseal(&s0(app), US);
        }),
        fail("us unreferenced file", US, &["DB-US-UNREFERENCED"], |app| {
            fs::copy(s0(app).join(CO), s0(app).join("m2/25-clin-over/stray.pdf")).unwrap();
        }),
        pass("us every file referenced", US, "DB-US-UNREFERENCED", noop),
        fail("us empty folder", US, &["DB-US-EMPTY-FOLDER"], |app| fs::create_dir_all(s0(app).join("m5/empty")).unwrap()),
        pass("us no empty folder", US, "DB-US-EMPTY-FOLDER", noop),
        fail("us envelope sequence differs from the folder", US, &["DB-US-SEQUENCE-ENVELOPE"], regional(|s| {
            s.replacen(">0000</sequence-number>", ">0007</sequence-number>", 1)
        })),
        pass("us envelope sequence equals the folder", US, "DB-US-SEQUENCE-ENVELOPE", noop),
        // IDs are XML IDs, unique per document (issue 15, point 8).
        pass("us one id in index.xml and in us-regional.xml", US, "DB-US-LEAF-ID", |app| {
            let s = s0(app);
            let co = leaf_id(&read(&s.join("index.xml")), CO);
            edit(&s.join(REGIONAL), |t| {
                let leaf = leaf_xml(&t, "11-forms/fda-form-356h.pdf");
                t.replacen(&leaf, &leaf.replacen(&attr(&leaf, "ID").unwrap(), &co, 1), 1)
            });
            reseal(&s, US);
        }),
        fail("us one id twice in us-regional.xml", US, &["DB-US-LEAF-ID"], |app| {
            let s = s0(app);
            edit(&s.join(REGIONAL), |t| {
                let form = attr(&leaf_xml(&t, "11-forms/fda-form-356h.pdf"), "ID").unwrap();
                let leaf = leaf_xml(&t, "114-labeling/1141-draft/11413-draft-label-text/draft-labeling-text-pi.pdf");
                t.replacen(&leaf, &leaf.replacen(&attr(&leaf, "ID").unwrap(), &form, 1), 1)
            });
            reseal(&s, US);
        }),
    ]
}
