//! Printing for people and for programs.

#![allow(clippy::print_stdout)]

use std::io::Write;

use dossier_api::ApiError;
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    // Buffered: stdout is line-buffered, and pretty JSON of 20,000 leaves is 300,000 lines.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    quit_on_closed_pipe(written)?;
    Ok(())
}

pub fn line(text: impl AsRef<str>) {
    let _ = quit_on_closed_pipe(writeln!(std::io::stdout().lock(), "{}", text.as_ref()));
}

/// `dossier docs list | head` closes the pipe early: stop quietly, as Unix tools do.
fn quit_on_closed_pipe(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other,
    }
}

pub fn error(e: &anyhow::Error, as_json: bool) {
    let api = e.downcast_ref::<ApiError>();
    if as_json {
        let value = match api {
            Some(api) => serde_json::json!({ "error": api }),
            None => serde_json::json!({ "error": { "code": "internal", "message": format!("{e:#}") } }),
        };
        println!("{value}");
    } else if let Some(api) = api.filter(|a| a.code == dossier_api::ErrorCode::Unsupported) {
        // One line that already names the input: the "while …" context would repeat it.
        eprintln!("error: {}", api.message);
    } else {
        eprintln!("error: {e:#}");
    }
}

/// Left-aligned columns, widths from the content.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let render = |cells: Vec<String>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s.trim_end().to_owned()
    };
    // One buffered write for the table rather than one per row (stdout is line-buffered).
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = std::iter::once(render(header.iter().map(|h| (*h).to_owned()).collect()))
        .chain(rows.iter().map(|row| render(row.clone())))
        .try_for_each(|text| writeln!(out, "{text}"))
        .and_then(|()| out.flush());
    let _ = quit_on_closed_pipe(written);
}

pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{n} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// A progress bar fed by an api progress sink; hidden when `hidden` (JSON output, dry runs).
/// `counts` follows the position, e.g. `files, {bytes_per_sec}`.
pub fn progress_bar(hidden: bool, counts: &str) -> (indicatif::ProgressBar, impl FnMut(&dossier_api::Progress)) {
    let bar = if hidden { indicatif::ProgressBar::hidden() } else { indicatif::ProgressBar::new(0) };
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!("{{spinner}} {{msg:<40!}} [{{bar:30}}] {{pos}}/{{len}} {counts}"))
            .expect("the template is valid")
            .progress_chars("=> "),
    );
    let handle = bar.clone();
    let sink = move |p: &dossier_api::Progress| {
        handle.set_length(p.total);
        handle.set_position(p.done);
        handle.set_message(p.item.clone());
    };
    (bar, sink)
}
