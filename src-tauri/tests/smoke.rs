//! Start-up smoke test on Tauri's mock runtime: no display, no WebKit. It builds the real app
//! (`run_app` + the real config and capabilities) and calls commands the way the UI does,
//! through IPC with the ACL applied, over a small project made for the test.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use dossier_app::{Launch, context, run_app};

/// The sample folder shape (`documents/` and `facts.toml`), small enough for a unit test.
fn tiny_sample(root: &Path) -> PathBuf {
    let sample = root.join("sample");
    let docs = sample.join("documents/m1/us");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("cover-letter.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    std::fs::write(sample.join("documents/notes.txt"), b"not a pdf").unwrap();
    std::fs::write(sample.join("facts.toml"), "[product]\ninn = \"testinib\"\nmodality = \"chemical\"\n").unwrap();
    sample
}

fn launch(root: &Path, sample: Option<PathBuf>) -> Launch {
    Launch { project: None, sample, config_dir: Some(root.join("config")), data_dir: Some(root.join("data")) }
}

fn start(launch: Launch) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = run_app(mock_builder(), launch).build(context()).expect("the app builds on the mock runtime");
    // The capability file grants commands to the window labelled `main`.
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("main window");
    (app, window)
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // Linux's origin for the app's own pages; `http://tauri.localhost` would count as remote.
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|b| b.deserialize::<Value>().unwrap())
}

const CHANNEL: &str = "__CHANNEL__:1";

#[test]
fn a_first_start_creates_the_project_from_the_sample_and_the_screens_commands_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = tiny_sample(tmp.path());
    let (_app, w) = start(launch(tmp.path(), Some(sample)));

    let summary = invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).expect("startup opens a project");
    assert_eq!(summary["documents"], 2, "both sample files are imported: {summary}");
    assert_eq!(summary["inn"], "testinib", "the sample's facts are loaded");
    let path = summary["path"].as_str().unwrap();
    assert!(path.starts_with(tmp.path().join("data").to_str().unwrap()), "created in the app data dir, not elsewhere: {path}");

    let rows = invoke(&w, "documents_list", json!({})).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let id = rows.iter().find(|r| r["file_name"] == "cover-letter.pdf").unwrap()["id"].as_str().unwrap().to_owned();

    let fixed = invoke(&w, "document_set_type", json!({ "id": id, "change": { "docType": "cover-letter" } }))
        .expect("a person's correction is accepted");
    assert_eq!(fixed["classified_by"], "user");
    let detail = invoke(&w, "document_show", json!({ "id": id })).unwrap();
    assert_eq!(detail["classification"]["doc_type"], "cover-letter", "the correction is stored");

    let facts = invoke(&w, "facts_get", json!({})).unwrap();
    assert_eq!(facts["product"]["inn"], "testinib");
    let report = invoke(&w, "facts_save", json!({ "facts": facts })).expect("facts read from the store save back unchanged");
    assert_eq!(report["studies"], 0);

    let audit = invoke(&w, "audit_log", json!({ "limit": 100 })).unwrap();
    assert!(audit.as_array().unwrap().iter().any(|r| r["action"].as_str().unwrap().starts_with("document")), "{audit}");
    assert_eq!(invoke(&w, "audit_verify", json!({})).unwrap(), Value::Null, "the chain is intact");
    assert!(!invoke(&w, "document_types", json!({})).unwrap().as_array().unwrap().is_empty());
}

#[test]
fn the_next_start_reopens_the_last_project_and_language() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = tiny_sample(tmp.path());
    let first_path = {
        let (_app, w) = start(launch(tmp.path(), Some(sample)));
        invoke(&w, "set_language", json!({ "language": "zh-Hant" })).unwrap();
        invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).unwrap()["path"].clone()
    };
    // No sample this time: a second start must not need it.
    let (_app, w) = start(launch(tmp.path(), None));
    let settings = invoke(&w, "app_settings", json!({})).unwrap();
    assert_eq!(settings["language"], "zh-Hant", "the language switch is remembered");
    let summary = invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).unwrap();
    assert_eq!(summary["path"], first_path, "the remembered project opens");
}

#[test]
fn errors_cross_ipc_as_code_and_message() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, w) = start(launch(tmp.path(), None));
    let err = invoke(&w, "documents_list", json!({})).unwrap_err();
    assert_eq!(err["code"], "not-found", "no project open yet: {err}");
    let err = invoke(&w, "set_language", json!({ "language": "fr" })).unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert!(err["message"].as_str().unwrap().contains("zh-Hant"), "the message says what to use instead");
    let err = invoke(&w, "project_open", json!({ "path": tmp.path().join("nothing-here") })).unwrap_err();
    assert_eq!(err["code"], "not-found");
}

#[test]
fn an_unknown_command_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, w) = start(launch(tmp.path(), None));
    assert!(invoke(&w, "shell_execute", json!({})).is_err(), "only the app's own commands exist");
}

#[test]
fn the_capability_allows_exactly_the_commands_the_build_script_declares() {
    let build = include_str!("../build.rs");
    let list = build.split("const COMMANDS").nth(1).unwrap().split("];").next().unwrap();
    let mut declared: Vec<String> =
        list.split('"').skip(1).step_by(2).map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    let cap: Value = serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
    let mut allowed: Vec<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(str::to_owned)
        .collect();
    declared.sort();
    allowed.sort();
    assert_eq!(allowed, declared, "capabilities/main.json and build.rs must list the same commands");
    let lib = include_str!("../src/lib.rs");
    for cmd in list.split('"').skip(1).step_by(2) {
        assert!(lib.contains(&format!("::{cmd},")), "{cmd} is declared in build.rs but not in generate_handler!");
    }
}

#[test]
fn an_import_runs_as_a_job_and_adds_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = tiny_sample(tmp.path());
    let (_app, w) = start(launch(tmp.path(), Some(sample)));
    invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).unwrap();
    let incoming = tmp.path().join("incoming");
    std::fs::create_dir_all(&incoming).unwrap();
    for i in 0..3 {
        std::fs::write(incoming.join(format!("gmp-certificate-{i}.pdf")), format!("%PDF-1.4\n% {i}\n%%EOF\n")).unwrap();
    }
    let report = invoke(&w, "import_paths", json!({ "paths": [incoming], "job": "imp_test", "onProgress": CHANNEL }))
        .expect("the import job runs");
    assert_eq!(report["imported"], 3, "{report}");
    assert_eq!(report["cancelled"], false);
    assert_eq!(invoke(&w, "job_cancel", json!({ "job": "imp_test" })).unwrap(), false, "a finished job has nothing to cancel");
    assert_eq!(invoke(&w, "project_summary", json!({})).unwrap()["documents"], 5);
}

#[test]
fn an_ectd_sequence_is_told_from_documents_and_imported_with_what_is_wrong_with_it() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = tiny_sample(tmp.path());
    let (_app, w) = start(launch(tmp.path(), Some(sample)));
    invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).unwrap();
    // A client's sequence whose leaf checksum is wrong: imported all the same, and reported.
    let seq = tmp.path().join("client/0000");
    std::fs::create_dir_all(seq.join("m2")).unwrap();
    std::fs::write(seq.join("m2/clinical-overview.pdf"), b"%PDF-1.4\n% overview\n%%EOF\n").unwrap();
    std::fs::write(
        seq.join("index.xml"),
        r#"<?xml version="1.0"?>
<ectd:ectd xmlns:ectd="http://www.ich.org/ectd" xmlns:xlink="http://www.w3c.org/1999/xlink"><m2-common-technical-document-summaries><m2-5-clinical-overview><leaf ID="a1" operation="new" xlink:href="m2/clinical-overview.pdf" checksum="00000000000000000000000000000000" checksum-type="md5"><title>Clinical overview</title></leaf></m2-5-clinical-overview></m2-common-technical-document-summaries></ectd:ectd>"#,
    )
    .unwrap();
    let kinds = invoke(&w, "import_kinds", json!({ "paths": [seq, seq.join("m2"), tmp.path().join("client")] })).unwrap();
    assert_eq!(kinds, json!([true, false, true]));
    let report = invoke(&w, "import_ectd", json!({ "path": tmp.path().join("client"), "job": "ectd_test", "onProgress": CHANNEL }))
        .expect("the eCTD import job runs");
    assert_eq!(report["sequences"], json!(["0000"]), "{report}");
    assert_eq!(report["imported"], 1, "{report}");
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["rule"] == "11.2" && f["code"] == "leaf-checksum-mismatch"), "{report}");
    assert_eq!(invoke(&w, "project_summary", json!({})).unwrap()["documents"], 3);
}

#[test]
fn the_analysis_commands_answer_over_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = tiny_sample(tmp.path());
    let (_app, w) = start(launch(tmp.path(), Some(sample)));
    invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).unwrap();
    assert_eq!(invoke(&w, "applications_list", json!({})).unwrap(), json!([]), "the tiny sample has no applications");
    assert_eq!(invoke(&w, "gaps", json!({ "app": null })).unwrap(), json!([]));
    let route = invoke(&w, "route_hk", json!({})).unwrap();
    assert!(!route["routes"].as_array().unwrap().is_empty(), "the HK routes are judged on the facts alone: {route}");
    assert!(invoke(&w, "reuse_matrix", json!({})).unwrap()["rows"].is_array());
    assert!(!invoke(&w, "profiles_list", json!({})).unwrap().as_array().unwrap().is_empty());
    let err = invoke(&w, "sequences_list", json!({ "app": "app_nope" })).unwrap_err();
    assert_eq!(err["code"], "not-found", "{err}");
    let err = invoke(&w, "cumulative_view", json!({ "app": "app_nope" })).unwrap_err();
    assert_eq!(err["code"], "not-found", "{err}");
    let err = invoke(&w, "build_app", json!({ "app": "app_nope", "zip": false, "job": "bld_t", "onProgress": CHANNEL })).unwrap_err();
    assert_eq!(err["code"], "not-found", "{err}");
    let err = invoke(&w, "report_gaps", json!({ "path": tmp.path().join("r.pdf"), "app": null, "language": "fr" })).unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
}

#[test]
fn an_application_is_added_and_edited_over_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = tiny_sample(tmp.path());
    let (_app, w) = start(launch(tmp.path(), Some(sample)));
    invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).unwrap();
    let options = invoke(&w, "application_options", json!({ "profile": "hk-dh-new-product" })).unwrap();
    assert!(options["routes"].as_array().unwrap().iter().any(|r| r["id"] == "1plus"), "{options}");
    let added = invoke(&w, "application_add", json!({ "new": { "profile": "hk-dh-new-product", "route": "1plus" } })).unwrap();
    assert_eq!(added["id"], "app_hk", "{added}");
    let change = json!({ "target_date": "2027-06-30", "set": { "applicant_in_region": true }, "unset": [] });
    let edited = invoke(&w, "application_update", json!({ "app": "app_hk", "change": change })).unwrap();
    assert_eq!(edited["target_date"], "2027-06-30", "{edited}");
    assert_eq!(edited["facts"]["applicant_in_region"], true);
    let err = invoke(&w, "application_update", json!({ "app": "app_hk", "change": { "route": "fast" } })).unwrap_err();
    assert_eq!(err["code"], "invalid", "a wrong route is refused with a reason: {err}");
}

/// The real sample (`sample-dossiers/examplinib`): read only, the project is made in `data/`.
fn examplinib() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-dossiers/examplinib")
}

#[test]
fn a_documents_indication_is_offered_from_the_facts_and_only_a_recorded_one_is_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, w) = start(launch(tmp.path(), Some(examplinib())));
    invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).expect("the sample becomes a project");
    let rows = invoke(&w, "documents_list", json!({})).unwrap();
    let csr = rows.as_array().unwrap().iter().find(|r| r["file_name"] == "exp-301-csr.pdf").expect("the EXP-301 CSR is in the sample");
    let id = csr["id"].as_str().unwrap().to_owned();
    assert!(csr["section"].as_str().unwrap().starts_with("5.3.5"), "the CSR is filed under 5.3.5: {csr}");

    let fields = invoke(&w, "document_scope_fields", json!({ "id": id })).unwrap();
    let fields = fields.as_array().unwrap();
    let indication = fields.iter().find(|f| f["field"] == "indication").expect("5.3.5 repeats per indication");
    let recorded = indication["options"][0].as_str().unwrap().to_owned();
    assert!(recorded.starts_with("First-line treatment of adult patients"), "the option is the product's indication: {indication}");
    assert_eq!(indication["options"].as_array().unwrap().len(), 1, "the sample records one indication");
    assert_eq!(indication["needed"], false, "with one indication recorded nothing needs saying");

    let err = invoke(&w, "document_set_scope", json!({ "id": id, "change": { "indication": "gastric cancer" } })).unwrap_err();
    assert_eq!(err["code"], "invalid", "an indication the facts do not record is refused: {err}");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("gastric cancer") && message.contains(&recorded), "the message names the value and the recorded ones: {message}");

    let row = invoke(&w, "document_set_scope", json!({ "id": id, "change": { "indication": recorded } })).expect("the recorded one is accepted");
    assert_eq!(row["scope"]["indication"], recorded.as_str(), "{row}");
    let rows = invoke(&w, "documents_list", json!({})).unwrap();
    let listed = rows.as_array().unwrap().iter().find(|r| r["id"] == id.as_str()).unwrap();
    assert_eq!(listed["scope"]["indication"], recorded.as_str(), "the table shows the stored scope");
    assert!(listed["scope"].get("dosage_form").is_none(), "unset fields are left out: {}", listed["scope"]);
    let fields = invoke(&w, "document_scope_fields", json!({ "id": id })).unwrap();
    let indication = fields.as_array().unwrap().iter().find(|f| f["field"] == "indication").unwrap();
    assert_eq!(indication["value"], recorded.as_str(), "the panel shows what the document now states: {indication}");

    let row = invoke(&w, "document_set_scope", json!({ "id": id, "change": { "indication": "" } })).expect("an empty value clears");
    assert!(row["scope"].get("indication").is_none(), "{row}");
}

#[test]
fn excipients_saved_with_the_facts_are_offered_for_a_3_2_p_4_document_and_the_one_chosen_is_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, w) = start(launch(tmp.path(), Some(examplinib())));
    invoke(&w, "project_startup", json!({ "onProgress": CHANNEL })).expect("the sample becomes a project");

    let mut facts = invoke(&w, "facts_get", json!({})).unwrap();
    assert!(facts["product"].get("excipients").is_none(), "the sample lists no excipients: {}", facts["product"]);
    facts["product"]["excipients"] = json!(["Lactose monohydrate", "Magnesium stearate"]);
    facts["product"]["site"][0]["substance"] = json!("examplinib");
    invoke(&w, "facts_save", json!({ "facts": facts })).expect("the facts with excipients save");
    let saved = invoke(&w, "facts_get", json!({})).unwrap();
    assert_eq!(saved["product"]["excipients"], json!(["Lactose monohydrate", "Magnesium stearate"]), "{}", saved["product"]);
    assert_eq!(saved["product"]["site"][0]["substance"], "examplinib", "a site's drug substance is stored");
    assert!(saved["product"]["site"][1].get("substance").is_none(), "an unset one stays absent: {}", saved["product"]["site"][1]);

    // The sample has no 3.2.P.4 document: file the drug product specification as an excipient's.
    let types = invoke(&w, "document_types", json!({})).unwrap();
    let excipient_type = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["sections"].as_array().unwrap().iter().any(|s| s.as_str().unwrap().starts_with("3.2.P.4")))
        .expect("a document type is filed under 3.2.P.4");
    let section = excipient_type["sections"].as_array().unwrap().iter().find(|s| s.as_str().unwrap().starts_with("3.2.P.4")).unwrap();
    let rows = invoke(&w, "documents_list", json!({})).unwrap();
    let id = rows.as_array().unwrap().iter().find(|r| r["file_name"] == "drug-product-spec.pdf").expect("in the sample")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let row = invoke(&w, "document_set_type", json!({ "id": id, "change": { "docType": excipient_type["id"], "section": section } }))
        .expect("the document is filed under 3.2.P.4");
    assert!(row["section"].as_str().unwrap().starts_with("3.2.P.4"), "{row}");

    let fields = invoke(&w, "document_scope_fields", json!({ "id": id })).unwrap();
    let excipient = fields.as_array().unwrap().iter().find(|f| f["field"] == "excipient").unwrap_or_else(|| panic!("3.2.P.4 repeats per excipient: {fields}"));
    assert_eq!(excipient["options"], json!(["Lactose monohydrate", "Magnesium stearate"]), "{excipient}");
    assert_eq!(excipient["value"], Value::Null);
    assert_eq!(excipient["needed"], true, "two excipients and none stated: the build cannot pick one");

    let err = invoke(&w, "document_set_scope", json!({ "id": id, "change": { "excipient": "talc" } })).unwrap_err();
    assert_eq!(err["code"], "invalid", "an excipient the facts do not record is refused: {err}");
    let row = invoke(&w, "document_set_scope", json!({ "id": id, "change": { "excipient": "magnesium stearate" } }))
        .expect("a recorded excipient is accepted, whatever its case");
    assert_eq!(row["scope"]["excipient"], "Magnesium stearate", "the recorded spelling is stored: {row}");
    let rows = invoke(&w, "documents_list", json!({})).unwrap();
    let listed = rows.as_array().unwrap().iter().find(|r| r["id"] == id.as_str()).unwrap();
    assert_eq!(listed["scope"]["excipient"], "Magnesium stearate", "the table shows the stored scope");
    let fields = invoke(&w, "document_scope_fields", json!({ "id": id })).unwrap();
    let excipient = fields.as_array().unwrap().iter().find(|f| f["field"] == "excipient").unwrap();
    assert_eq!((excipient["value"].as_str(), excipient["needed"].as_bool()), (Some("Magnesium stearate"), Some(false)), "{excipient}");

    let row = invoke(&w, "document_set_scope", json!({ "id": id, "change": { "excipient": "" } })).expect("an empty value clears");
    assert!(row["scope"].get("excipient").is_none(), "{row}");
}
