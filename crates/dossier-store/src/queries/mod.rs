//! One module per table. Functions that change data take a [`crate::Tx`] and append their
//! audit record themselves, so a change without its record cannot be written.

pub mod applications;
pub mod assignments;
pub mod audit;
pub mod bundles;
pub mod documents;
pub mod facts;
pub mod import_cache;
pub mod project;
pub mod sequences;

use rusqlite::Row;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Result;

pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    Ok(serde_json::to_string(value)?)
}

pub(crate) fn from_json<T: DeserializeOwned>(row: &Row<'_>, idx: &str) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}
