//! Money as an integer count of a currency's minor unit, and conversion
//! to the base currency through the user's rate table.
//!
//! Rates are kept as integer millionths of the base currency's major unit
//! per major unit of the other currency ("150.25" yen per dollar is
//! 150_250_000), so no float ever touches an amount. Conversion rounds half
//! away from zero, once, at the end.

use serde::{Deserialize, Serialize};

/// An amount in a currency's minor unit (yen, cents), never a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// ISO 4217 code, upper case.
    pub currency: Currency,
    /// Count of the currency's minor unit.
    pub minor: i64,
}

/// An ISO 4217 currency the app knows the minor unit of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

/// The currencies the app accepts, with the number of decimals of their
/// minor unit. A code outside this list is refused rather than guessed.
const CURRENCIES: &[(&str, u32)] = &[
    ("JPY", 0),
    ("USD", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("CNY", 2),
    ("KRW", 0),
    ("TWD", 2),
    ("HKD", 2),
    ("SGD", 2),
    ("AUD", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("INR", 2),
    ("THB", 2),
    ("VND", 0),
];

/// Errors of money and rates.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MoneyError {
    /// The code is not one of the currencies the app knows.
    #[error("'{0}' is not a currency code this app knows (e.g. JPY, USD, EUR)")]
    UnknownCurrency(String),
    /// A rate that is not a positive decimal number.
    #[error("'{0}' is not a rate: give a positive number such as 150.25")]
    BadRate(String),
    /// An amount too large to hold.
    #[error("the amount overflows")]
    Overflow,
}

impl Currency {
    /// The Japanese yen, the default base currency.
    pub const JPY: Currency = Currency(*b"JPY");
    /// The US dollar.
    pub const USD: Currency = Currency(*b"USD");

    /// Parses an ISO 4217 code, in any case, that the app knows.
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let upper = code.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == upper)
            .map(|(c, _)| {
                let b = c.as_bytes();
                Currency([b[0], b[1], b[2]])
            })
            .ok_or_else(|| MoneyError::UnknownCurrency(code.trim().to_string()))
    }

    /// The code, e.g. "JPY".
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).expect("currency codes are ASCII")
    }

    /// Decimals of the minor unit: 0 for yen, 2 for dollars.
    pub fn exponent(&self) -> u32 {
        CURRENCIES
            .iter()
            .find(|(c, _)| c.as_bytes() == self.0)
            .map(|(_, e)| *e)
            .expect("a Currency is only made from the table")
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl TryFrom<String> for Currency {
    type Error = MoneyError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Currency::parse(&s)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.code().to_string()
    }
}

impl Money {
    /// An amount of `minor` units of `currency`.
    pub fn new(currency: Currency, minor: i64) -> Money {
        Money { currency, minor }
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money { currency, minor: 0 }
    }

    /// The amount in major units as a decimal string ("20.00", "3000").
    pub fn to_decimal_string(&self) -> String {
        let exp = self.currency.exponent();
        if exp == 0 {
            return self.minor.to_string();
        }
        let scale = 10i64.pow(exp);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        format!("{sign}{}.{:0width$}", abs / scale as u64, abs % scale as u64, width = exp as usize)
    }

    /// The amount with thousands separators, for reading ("84,750",
    /// "1,234.50").
    pub fn to_grouped_string(&self) -> String {
        let plain = self.to_decimal_string();
        let (sign, rest) = plain.strip_prefix('-').map_or(("", plain.as_str()), |r| ("-", r));
        let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        match frac {
            Some(f) => format!("{sign}{grouped}.{f}"),
            None => format!("{sign}{grouped}"),
        }
    }

    /// The amount in major units, for drawing only (charts); never stored.
    pub fn to_major_f64(&self) -> f64 {
        self.minor as f64 / 10f64.powi(self.currency.exponent() as i32)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.to_grouped_string(), self.currency)
    }
}

/// Millionths in one unit of a rate.
pub const RATE_SCALE: i64 = 1_000_000;

/// A conversion rate: base-currency major units for one major unit of
/// `currency`, as integer millionths.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    /// The currency converted from.
    pub currency: Currency,
    /// Millionths of a base-currency unit per unit of `currency`.
    pub micros: i64,
    /// The rate as the user wrote it, e.g. "150.25".
    pub rate: String,
    /// The day the rate was taken, `YYYY-MM-DD`.
    pub as_of: String,
}

/// Parses a positive decimal rate ("150", "150.25", "0.0067") into
/// millionths. More than six decimals are refused, not rounded.
pub fn parse_rate(text: &str) -> Result<i64, MoneyError> {
    let bad = || MoneyError::BadRate(text.to_string());
    let t = text.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 6
    {
        return Err(bad());
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| bad())? };
    let frac_val: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse::<i64>().map_err(|_| bad())? * 10i64.pow(6 - frac.len() as u32)
    };
    let micros =
        int.checked_mul(RATE_SCALE).and_then(|v| v.checked_add(frac_val)).ok_or_else(bad)?;
    if micros <= 0 {
        return Err(bad());
    }
    Ok(micros)
}

/// Converts `amount` to `base` at `rate_micros`, rounding half away from
/// zero. The same currency converts to itself exactly.
pub fn convert(amount: Money, base: Currency, rate_micros: i64) -> Result<Money, MoneyError> {
    if amount.currency == base {
        return Ok(amount);
    }
    // minor_base = minor_src * rate * 10^exp_base / (10^6 * 10^exp_src)
    let num = amount.minor as i128 * rate_micros as i128 * 10i128.pow(base.exponent());
    let den = RATE_SCALE as i128 * 10i128.pow(amount.currency.exponent());
    let q = num / den;
    let r = num % den;
    let rounded = if 2 * r.abs() >= den { q + num.signum() } else { q };
    i64::try_from(rounded).map(|m| Money::new(base, m)).map_err(|_| MoneyError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_dollars_at_150_25_is_3005_yen() {
        let m = convert(Money::new(Currency::USD, 2000), Currency::JPY, 150_250_000).unwrap();
        assert_eq!(m, Money::new(Currency::JPY, 3005), "20 × 150.25 = 3005");
    }

    #[test]
    fn conversion_rounds_half_away_from_zero() {
        // $0.01 at 150.5 is 1.505 yen: rounds to 2.
        let m = convert(Money::new(Currency::USD, 1), Currency::JPY, 150_500_000).unwrap();
        assert_eq!(m.minor, 2, "1.505 rounds up");
        let m = convert(Money::new(Currency::USD, -1), Currency::JPY, 150_500_000).unwrap();
        assert_eq!(m.minor, -2, "-1.505 rounds away from zero");
        // $0.01 at 150.4 is 1.504: rounds to 2 as well; at 149.9 to 1.
        let m = convert(Money::new(Currency::USD, 1), Currency::JPY, 149_900_000).unwrap();
        assert_eq!(m.minor, 1, "1.499 rounds down");
    }

    #[test]
    fn yen_to_dollars_keeps_cents() {
        // 3000 yen at 0.0067 dollars a yen is $20.10.
        let m = convert(Money::new(Currency::JPY, 3000), Currency::USD, 6_700).unwrap();
        assert_eq!(m, Money::new(Currency::USD, 2010));
    }

    #[test]
    fn rates_parse_exactly_and_refuse_nonsense() {
        assert_eq!(parse_rate("150").unwrap(), 150_000_000);
        assert_eq!(parse_rate("150.25").unwrap(), 150_250_000);
        assert_eq!(parse_rate(".5").unwrap(), 500_000);
        for bad in ["", "0", "-1", "abc", "1.2345678", "1,5", "1e3"] {
            assert!(parse_rate(bad).is_err(), "{bad:?} must not be a rate");
        }
    }

    #[test]
    fn unknown_currency_codes_are_refused() {
        assert_eq!(Currency::parse("usd").unwrap(), Currency::USD);
        assert!(matches!(Currency::parse("XYZ"), Err(MoneyError::UnknownCurrency(_))));
    }

    #[test]
    fn decimal_strings_show_the_minor_unit() {
        assert_eq!(Money::new(Currency::USD, 2005).to_decimal_string(), "20.05");
        assert_eq!(Money::new(Currency::USD, -5).to_decimal_string(), "-0.05");
        assert_eq!(Money::new(Currency::JPY, 3000).to_decimal_string(), "3000");
        assert_eq!(Money::new(Currency::JPY, 84_750).to_grouped_string(), "84,750");
        assert_eq!(Money::new(Currency::JPY, 999).to_grouped_string(), "999");
        assert_eq!(Money::new(Currency::USD, -123_456_789).to_grouped_string(), "-1,234,567.89");
    }
}
