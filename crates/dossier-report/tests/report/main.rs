//! Integration tests of dossier-report, one module per source file. Every generated PDF is
//! checked with the Poppler and qpdf tools a regulator's validator would resemble: structure
//! (`qpdf --check`), embedded fonts (`pdffonts`), extractable text (`pdftotext`) and page
//! count (`pdfinfo`), plus byte-identical output for the same input.

mod data;
mod fonts;
mod gaps;
mod letter;
mod letter_bilingual;
mod support;
mod toc;
