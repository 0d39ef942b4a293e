//! Turning a price per seat and billing period into a monthly amount in
//! the base currency, the one calculation every spend, duplicate and ROI
//! figure goes through.
//!
//! The rounding rule: a contract's (or a plan's) monthly amount in the
//! base currency is computed exactly in integers from seats × unit price
//! × rate (× tax, ÷ 12 for an annual price) and rounded once, half away
//! from zero, to the base currency's minor unit. A total is the sum of
//! those rounded amounts, so it always equals the sum of the rows shown.
//!
//! Consumption tax: the setting `prices_include_tax` says how the user
//! writes contract prices (with tax, as on a Japanese invoice, or
//! without). Amounts are reported on that same basis. Catalogue list
//! prices are always without tax, so when prices include tax a list
//! price is raised by `consumption_tax_percent` before it is compared
//! with what contracts cost.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::money::{Currency, Money, Rate, RATE_SCALE};
use crate::settings::{self, SettingsError};

/// How a price is billed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// The price is for one month.
    Monthly,
    /// The price is for a year; a month counts 1/12 of it.
    Annual,
}

impl Billing {
    /// The stored name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Billing::Monthly => "monthly",
            Billing::Annual => "annual",
        }
    }

    /// Reads a stored or typed billing cycle, in English or Japanese.
    pub fn parse(text: &str) -> Option<Billing> {
        match text.trim().to_lowercase().as_str() {
            "monthly" | "month" | "m" | "月" | "月額" | "月払い" | "毎月" | "月次" => {
                Some(Billing::Monthly)
            }
            "annual" | "annually" | "yearly" | "year" | "y" | "年" | "年額" | "年払い" | "毎年"
            | "年次" => Some(Billing::Annual),
            _ => None,
        }
    }

    /// Months one billing period covers.
    pub fn months(&self) -> i128 {
        match self {
            Billing::Monthly => 1,
            Billing::Annual => 12,
        }
    }
}

/// Whether an amount is a contract price (as the user writes prices) or a
/// catalogue list price (always without tax).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PriceKind {
    /// What a contract says it costs.
    Contract,
    /// A catalogue list price, before consumption tax.
    List,
}

/// Why an amount could not be put in the base currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "reason", content = "detail")]
pub enum Unpriced {
    /// The price is not known (blank, never zero).
    #[error("the price is not known")]
    UnknownPrice,
    /// The rate table has no rate for the currency.
    #[error("there is no rate for {0}")]
    NoRate(Currency),
    /// The amount does not fit.
    #[error("the amount overflows")]
    Overflow,
}

/// The base currency, the rates and the tax setting, read once.
#[derive(Clone, Debug, Serialize)]
pub struct Pricing {
    /// The currency every amount is put in.
    pub base: Currency,
    /// The rate table.
    pub rates: Vec<Rate>,
    /// True when contract prices are written with consumption tax.
    pub prices_include_tax: bool,
    /// The consumption tax, in percent (10 in Japan).
    pub tax_percent: u32,
    #[serde(skip)]
    micros: HashMap<Currency, i64>,
}

impl Pricing {
    /// Reads the settings and rate table.
    pub fn load(conn: &Connection) -> Result<Pricing, SettingsError> {
        let base = settings::base_currency(conn)?;
        let rates = settings::list_rates(conn)?;
        let prices_include_tax = settings::get_value(conn, "prices_include_tax")? == "true";
        let tax_percent =
            settings::get_value(conn, "consumption_tax_percent")?.parse().unwrap_or(10);
        Ok(Pricing::new(base, rates, prices_include_tax, tax_percent))
    }

    /// A pricing from its parts (tests, benchmarks).
    pub fn new(
        base: Currency,
        rates: Vec<Rate>,
        prices_include_tax: bool,
        tax_percent: u32,
    ) -> Pricing {
        let micros = rates.iter().map(|r| (r.currency, r.micros)).collect();
        Pricing { base, rates, prices_include_tax, tax_percent, micros }
    }

    /// The rate used for `currency`, in millionths; the base is exactly 1.
    fn rate(&self, currency: Currency) -> Result<i64, Unpriced> {
        if currency == self.base {
            return Ok(RATE_SCALE);
        }
        self.micros.get(&currency).copied().ok_or(Unpriced::NoRate(currency))
    }

    /// The rates that amounts in `currencies` were converted at.
    pub fn rates_for(&self, currencies: impl IntoIterator<Item = Currency>) -> Vec<Rate> {
        let wanted: std::collections::BTreeSet<Currency> = currencies.into_iter().collect();
        self.rates.iter().filter(|r| wanted.contains(&r.currency)).cloned().collect()
    }

    /// The monthly amount in the base currency of `seats` seats at
    /// `unit_minor` per seat per `billing` period, rounded once (see the
    /// module's rounding rule).
    pub fn monthly(
        &self,
        unit_minor: Option<i64>,
        currency: Currency,
        seats: i64,
        billing: Billing,
        kind: PriceKind,
    ) -> Result<Money, Unpriced> {
        let unit = unit_minor.ok_or(Unpriced::UnknownPrice)?;
        let rate = self.rate(currency)?;
        let (tax_num, tax_den) = if kind == PriceKind::List && self.prices_include_tax {
            (100 + self.tax_percent as i128, 100)
        } else {
            (1, 1)
        };
        let num = seats as i128
            * unit as i128
            * rate as i128
            * 10i128.pow(self.base.exponent())
            * tax_num;
        let den = billing.months() * RATE_SCALE as i128 * 10i128.pow(currency.exponent()) * tax_den;
        let minor = round_div(num, den);
        i64::try_from(minor).map(|m| Money::new(self.base, m)).map_err(|_| Unpriced::Overflow)
    }

    /// The monthly amount of `seats` seats in their own currency (not
    /// converted), rounded the same way: what the contract says it costs.
    pub fn monthly_original(
        unit_minor: i64,
        currency: Currency,
        seats: i64,
        billing: Billing,
    ) -> Option<Money> {
        let minor = round_div(seats as i128 * unit_minor as i128, billing.months());
        i64::try_from(minor).ok().map(|m| Money::new(currency, m))
    }

    /// `amount` in the base currency, rounded half away from zero.
    pub fn to_base(&self, amount: Money) -> Result<Money, Unpriced> {
        let rate = self.rate(amount.currency)?;
        let num = amount.minor as i128 * rate as i128 * 10i128.pow(self.base.exponent());
        let den = RATE_SCALE as i128 * 10i128.pow(amount.currency.exponent());
        i64::try_from(round_div(num, den))
            .map(|m| Money::new(self.base, m))
            .map_err(|_| Unpriced::Overflow)
    }

    /// Zero in the base currency.
    pub fn zero(&self) -> Money {
        Money::zero(self.base)
    }
}

/// `num / den` rounded half away from zero; `den` is positive.
pub fn round_div(num: i128, den: i128) -> i128 {
    let q = num / den;
    let r = num % den;
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(rate: &str, micros: i64) -> Rate {
        Rate { currency: Currency::USD, micros, rate: rate.into(), as_of: "2026-11-01".into() }
    }

    fn yen(tax: bool) -> Pricing {
        Pricing::new(Currency::JPY, vec![usd("150", 150_000_000)], tax, 10)
    }

    #[test]
    fn five_dollar_seats_at_150_yen_are_exact() {
        let p = yen(false);
        // 5 seats × $30.00 monthly at 150 = ¥22,500.
        let m = p.monthly(Some(3000), Currency::USD, 5, Billing::Monthly, PriceKind::Contract);
        assert_eq!(m, Ok(Money::new(Currency::JPY, 22_500)));
    }

    #[test]
    fn an_annual_price_counts_one_twelfth_a_month_rounded_once() {
        let p = yen(false);
        // ¥54,000 a year is ¥4,500 a month.
        let m = p.monthly(Some(54_000), Currency::JPY, 1, Billing::Annual, PriceKind::Contract);
        assert_eq!(m, Ok(Money::new(Currency::JPY, 4_500)));
        // 7 seats × $300.00 a year at 150.25 = 7 × 300 × 150.25 / 12 = ¥26,293.75 → ¥26,294.
        let p = Pricing::new(Currency::JPY, vec![usd("150.25", 150_250_000)], false, 10);
        let m = p.monthly(Some(30_000), Currency::USD, 7, Billing::Annual, PriceKind::Contract);
        assert_eq!(m, Ok(Money::new(Currency::JPY, 26_294)), "rounded once, at the end");
        // ¥1,000 a year is ¥83.33… a month → ¥83; ¥1,006 is ¥83.83… → ¥84.
        let m = p.monthly(Some(1_000), Currency::JPY, 1, Billing::Annual, PriceKind::Contract);
        assert_eq!(m.map(|m| m.minor), Ok(83));
        let m = p.monthly(Some(1_006), Currency::JPY, 1, Billing::Annual, PriceKind::Contract);
        assert_eq!(m.map(|m| m.minor), Ok(84));
        // ¥1,002 a year is ¥83.5 a month: half rounds away from zero → ¥84.
        let m = p.monthly(Some(1_002), Currency::JPY, 1, Billing::Annual, PriceKind::Contract);
        assert_eq!(m.map(|m| m.minor), Ok(84));
    }

    #[test]
    fn dollars_as_the_base_keep_cents() {
        let jpy = Rate {
            currency: Currency::JPY,
            micros: 6_667,
            rate: "0.006667".into(),
            as_of: "2026-11-01".into(),
        };
        let p = Pricing::new(Currency::USD, vec![jpy], false, 10);
        // ¥3,000 at 0.006667 = $20.001 → $20.00.
        let m = p.monthly(Some(3_000), Currency::JPY, 1, Billing::Monthly, PriceKind::Contract);
        assert_eq!(m, Ok(Money::new(Currency::USD, 2_000)));
        // $25.00 a seat a year, 3 seats: $6.25 a month exactly.
        let m = p.monthly(Some(2_500), Currency::USD, 3, Billing::Annual, PriceKind::Contract);
        assert_eq!(m, Ok(Money::new(Currency::USD, 625)));
    }

    #[test]
    fn list_prices_gain_tax_only_when_contract_prices_include_it() {
        // $25.00 list price, 2 seats, monthly: ¥7,500 without tax.
        let m = yen(false).monthly(Some(2500), Currency::USD, 2, Billing::Monthly, PriceKind::List);
        assert_eq!(m.map(|m| m.minor), Ok(7_500));
        // With tax-included contract prices the list price is compared at 110%: ¥8,250.
        let m = yen(true).monthly(Some(2500), Currency::USD, 2, Billing::Monthly, PriceKind::List);
        assert_eq!(m.map(|m| m.minor), Ok(8_250));
        // A contract price is taken as written either way.
        let m =
            yen(true).monthly(Some(3300), Currency::JPY, 1, Billing::Monthly, PriceKind::Contract);
        assert_eq!(m.map(|m| m.minor), Ok(3_300));
    }

    #[test]
    fn unknown_prices_and_missing_rates_are_not_zero() {
        let p = yen(false);
        assert_eq!(
            p.monthly(None, Currency::JPY, 1, Billing::Monthly, PriceKind::Contract),
            Err(Unpriced::UnknownPrice)
        );
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(
            p.monthly(Some(100), eur, 1, Billing::Monthly, PriceKind::Contract),
            Err(Unpriced::NoRate(eur))
        );
        assert_eq!(
            p.monthly(Some(0), Currency::USD, 9, Billing::Monthly, PriceKind::Contract),
            Ok(Money::zero(Currency::JPY)),
            "a free plan is zero"
        );
    }

    #[test]
    fn billing_reads_english_and_japanese() {
        assert_eq!(Billing::parse("Annual"), Some(Billing::Annual));
        assert_eq!(Billing::parse("年額"), Some(Billing::Annual));
        assert_eq!(Billing::parse(" monthly "), Some(Billing::Monthly));
        assert_eq!(Billing::parse("月払い"), Some(Billing::Monthly));
        assert_eq!(Billing::parse("weekly"), None);
    }
}
