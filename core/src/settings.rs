//! User settings and the rate table.
//!
//! Settings are a small key/value table; this module knows which keys
//! exist and checks each value before it is stored. Rates say how many
//! units of the base currency one unit of another currency is worth, as
//! of a day the user gives.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::money::{parse_rate, Currency, MoneyError, Rate};
use crate::Store;

/// Errors of reading and changing settings.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The key is not a setting.
    #[error(
        "'{0}' is not a setting (known: base_currency, fiscal_year_start_month, \
         prices_include_tax, consumption_tax_percent)"
    )]
    UnknownKey(String),
    /// The value is not valid for its key.
    #[error("setting {key}: {reason}")]
    BadValue {
        /// The setting.
        key: String,
        /// Why the value was refused.
        reason: String,
    },
    /// A currency or rate was refused.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// A date that is not `YYYY-MM-DD`.
    #[error("'{0}' is not a date: give YYYY-MM-DD")]
    BadDate(String),
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Every setting, as the window and `settings get` show them.
#[derive(Clone, Debug, Serialize)]
pub struct Settings {
    /// The currency every total is shown in.
    pub base_currency: Currency,
    /// The month (1–12) the fiscal year starts; 4 in most Japanese firms.
    pub fiscal_year_start_month: u32,
    /// True when contract prices are written with consumption tax included.
    pub prices_include_tax: bool,
    /// The consumption tax in percent (10 in Japan).
    pub consumption_tax_percent: u32,
    /// The rate table.
    pub rates: Vec<Rate>,
}

/// The setting keys, with their defaults (also seeded by the migration).
pub const KEYS: &[&str] =
    &["base_currency", "fiscal_year_start_month", "prices_include_tax", "consumption_tax_percent"];

/// Reads every setting and the rate table.
pub fn get(store: &Store) -> Result<Settings, SettingsError> {
    let conn = store.conn();
    Ok(Settings {
        base_currency: base_currency(conn)?,
        fiscal_year_start_month: get_value(conn, "fiscal_year_start_month")?.parse().unwrap_or(4),
        prices_include_tax: get_value(conn, "prices_include_tax")? == "true",
        consumption_tax_percent: get_value(conn, "consumption_tax_percent")?.parse().unwrap_or(10),
        rates: list_rates(conn)?,
    })
}

/// Reads one setting's stored text.
pub fn get_value(conn: &Connection, key: &str) -> Result<String, SettingsError> {
    if !KEYS.contains(&key) {
        return Err(SettingsError::UnknownKey(key.to_string()));
    }
    conn.query_row("SELECT value FROM settings WHERE key = ?1", params![key], |r| r.get(0))
        .map_err(SettingsError::from)
}

/// The base currency.
pub fn base_currency(conn: &Connection) -> Result<Currency, SettingsError> {
    Ok(Currency::parse(&get_value(conn, "base_currency")?)?)
}

/// Checks and stores one setting.
pub fn set(store: &mut Store, key: &str, value: &str) -> Result<(), SettingsError> {
    let bad = |reason: &str| SettingsError::BadValue { key: key.into(), reason: reason.into() };
    if key == "base_currency" {
        return set_base_currency(store, Currency::parse(value)?);
    }
    let value = match key {
        "fiscal_year_start_month" => match value.trim().parse::<u32>() {
            Ok(m @ 1..=12) => m.to_string(),
            _ => return Err(bad(&format!("'{value}' is not a month from 1 to 12"))),
        },
        "prices_include_tax" => match value.trim().to_lowercase().as_str() {
            "true" | "yes" | "1" | "on" | "税込" => "true".to_string(),
            "false" | "no" | "0" | "off" | "税抜" => "false".to_string(),
            _ => return Err(bad(&format!("'{value}' is not true or false"))),
        },
        "consumption_tax_percent" => match value.trim().trim_end_matches('%').parse::<u32>() {
            Ok(p @ 0..=100) => p.to_string(),
            _ => return Err(bad(&format!("'{value}' is not a percentage from 0 to 100"))),
        },
        _ => return Err(SettingsError::UnknownKey(key.to_string())),
    };
    store.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    })
}

/// Changes the base currency, re-expressing every rate in it so that no
/// total changes meaning: with 1 USD = 150 JPY, moving the base to USD
/// makes 1 JPY = 0.006667 USD. The new base must have a rate first.
fn set_base_currency(store: &mut Store, new: Currency) -> Result<(), SettingsError> {
    let old = base_currency(store.conn())?;
    if new == old {
        return Ok(());
    }
    let rates = list_rates(store.conn())?;
    let pivot =
        rates.iter().find(|r| r.currency == new).ok_or_else(|| SettingsError::BadValue {
            key: "base_currency".into(),
            reason: format!(
                "there is no rate for {new} yet; set one first (oversight rates set {new} RATE, \
             in {old}), so the other rates can be re-expressed in {new}"
            ),
        })?;
    let scale = crate::money::RATE_SCALE as i128;
    let rescale = |micros: i64| -> Result<i64, SettingsError> {
        let num = micros as i128 * scale;
        let den = pivot.micros as i128;
        let q = (num + den / 2) / den;
        match i64::try_from(q) {
            Ok(q) if q > 0 => Ok(q),
            _ => Err(SettingsError::BadValue {
                key: "base_currency".into(),
                reason: format!("a rate in {new} would not fit in six decimals"),
            }),
        }
    };
    let mut new_rates = Vec::new();
    for r in rates.iter().filter(|r| r.currency != new) {
        new_rates.push((r.currency, rescale(r.micros)?, r.as_of.clone()));
    }
    // The old base was worth 1 of itself: 10^6 micros.
    new_rates.push((old, rescale(crate::money::RATE_SCALE)?, pivot.as_of.clone()));

    store.write(|tx| {
        tx.execute("DELETE FROM rates", [])?;
        for (currency, micros, as_of) in &new_rates {
            tx.execute(
                "INSERT INTO rates (currency, micros, rate, as_of) VALUES (?1, ?2, ?3, ?4)",
                params![currency.code(), micros, micros_to_text(*micros), as_of],
            )?;
        }
        tx.execute(
            "UPDATE settings SET value = ?1 WHERE key = 'base_currency'",
            params![new.code()],
        )?;
        Ok(())
    })
}

/// Millionths as a decimal without trailing zeros: 6667 → "0.006667".
fn micros_to_text(micros: i64) -> String {
    let int = micros / crate::money::RATE_SCALE;
    let frac = micros % crate::money::RATE_SCALE;
    if frac == 0 {
        return int.to_string();
    }
    let frac = format!("{frac:06}");
    format!("{int}.{}", frac.trim_end_matches('0'))
}

/// The rate table, by currency.
pub fn list_rates(conn: &Connection) -> Result<Vec<Rate>, SettingsError> {
    let mut stmt =
        conn.prepare("SELECT currency, micros, rate, as_of FROM rates ORDER BY currency")?;
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let mut rates = Vec::new();
    for row in rows {
        let (code, micros, rate, as_of) = row?;
        // A code the app no longer knows is skipped rather than failing
        // every total; it can only come from a hand-edited file.
        if let Ok(currency) = Currency::parse(&code) {
            rates.push(Rate { currency, micros, rate, as_of });
        }
    }
    Ok(rates)
}

/// Sets the rate of `currency` to the base currency, as of `as_of`
/// (today when `None`).
pub fn set_rate(
    store: &mut Store,
    currency: &str,
    rate: &str,
    as_of: Option<&str>,
) -> Result<Rate, SettingsError> {
    let currency = Currency::parse(currency)?;
    if currency == base_currency(store.conn())? {
        return Err(SettingsError::BadValue {
            key: format!("rate of {currency}"),
            reason: format!("{currency} is the base currency; one {currency} is always 1"),
        });
    }
    let micros = parse_rate(rate)?;
    let as_of = match as_of {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| SettingsError::BadDate(d.to_string()))?,
        None => chrono::Local::now().date_naive(),
    }
    .format("%Y-%m-%d")
    .to_string();
    let rate = Rate { currency, micros, rate: rate.trim().to_string(), as_of };
    store.write(|tx| {
        tx.execute(
            "INSERT INTO rates (currency, micros, rate, as_of) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (currency) DO UPDATE
             SET micros = excluded.micros, rate = excluded.rate, as_of = excluded.as_of",
            params![rate.currency.code(), rate.micros, rate.rate, rate.as_of],
        )?;
        Ok::<_, SettingsError>(())
    })?;
    Ok(rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_is_in_yen_with_a_dollar_rate() -> Result<(), SettingsError> {
        let store = Store::open_in_memory().expect("store");
        let s = get(&store)?;
        assert_eq!(s.base_currency, Currency::JPY, "the default base is yen");
        assert_eq!(s.fiscal_year_start_month, 4, "Japanese fiscal years start in April");
        assert!(s.rates.iter().any(|r| r.currency == Currency::USD), "USD has a rate");
        Ok(())
    }

    #[test]
    fn bad_values_are_refused_and_nothing_changes() -> Result<(), SettingsError> {
        let mut store = Store::open_in_memory().expect("store");
        assert!(set(&mut store, "base_currency", "XYZ").is_err());
        assert!(set(&mut store, "fiscal_year_start_month", "13").is_err());
        assert!(set(&mut store, "colour", "red").is_err());
        assert!(set_rate(&mut store, "USD", "-3", None).is_err());
        assert!(set_rate(&mut store, "USD", "151", Some("2026/11/01")).is_err());
        let s = get(&store)?;
        assert_eq!(s.base_currency, Currency::JPY);
        assert_eq!(s.rates[0].rate, "150", "the refused rate left the old one");
        set_rate(&mut store, "usd", "151.5", Some("2026-12-01"))?;
        assert_eq!(get(&store)?.rates[0].micros, 151_500_000);
        assert!(set_rate(&mut store, "JPY", "2", None).is_err(), "the base has no rate");
        Ok(())
    }

    #[test]
    fn changing_the_base_re_expresses_the_rates_in_it() -> Result<(), SettingsError> {
        let mut store = Store::open_in_memory().expect("store");
        let err = set(&mut store, "base_currency", "EUR").unwrap_err();
        assert!(err.to_string().contains("no rate for EUR"), "{err}");
        assert_eq!(get(&store)?.base_currency, Currency::JPY, "nothing changed");

        set_rate(&mut store, "EUR", "160", Some("2026-11-01"))?;
        set(&mut store, "base_currency", "USD")?;
        let s = get(&store)?;
        assert_eq!(s.base_currency, Currency::USD);
        let rate =
            |c: &str| s.rates.iter().find(|r| r.currency.code() == c).map(|r| r.rate.clone());
        assert_eq!(rate("JPY").as_deref(), Some("0.006667"), "1 JPY = 1/150 USD");
        assert_eq!(rate("EUR").as_deref(), Some("1.066667"), "1 EUR = 160/150 USD");
        assert_eq!(rate("USD"), None, "the base has no rate");
        Ok(())
    }
}
