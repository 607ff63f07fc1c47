//! Serde for calendar dates written `YYYY-MM-DD`.
//!
//! Accepts a plain string (JSON, SQLite) and a TOML local date (`date = 2025-06-18`), which the
//! `toml` crate hands over as a one-entry map; writes the string form everywhere.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserializer, Serializer};
use time::Date;
use time::macros::format_description;

const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

pub fn format(date: Date) -> String {
    date.format(FORMAT).expect("a calendar date always formats")
}

pub fn parse(s: &str) -> Result<Date, time::error::Parse> {
    Date::parse(s, FORMAT)
}

pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(*date))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    d.deserialize_any(DateVisitor)
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        parse(v).map_err(|e| E::custom(format!("`{v}` is not a date written YYYY-MM-DD ({e})")))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let (_key, value): (String, String) =
            map.next_entry()?.ok_or_else(|| de::Error::custom("empty date"))?;
        self.visit_str(&value)
    }
}

/// The same for `Option<Date>` fields.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        super::deserialize(d).map(Some)
    }
}
