//! Reading the values people write in survey answers: amounts of money,
//! hours, time stamps, checkbox answers and the payment question.
//!
//! Every function here is pure: it takes the text of one cell (or, for the
//! date order, the texts of one column) and returns a value or a
//! [`ValueError`] whose message completes the sentence "row R, column C:
//! 'raw' ...". Which column a cell belongs to, the tool catalogue, the
//! store and the counting rules live elsewhere in `survey` and
//! `inventory`.
//!
//! Text is read after Unicode NFKC, so full-width digits, "￥", "＄", "，"
//! and the ideographic space read like their ASCII forms. Nothing here uses
//! a float for money or hours: amounts are scaled as decimal digits.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::money::{Currency, Money};

/// Why a value could not be read; the message is shown to the user after
/// "row R, column C: 'raw' ".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ValueError(pub String);

fn reason(text: impl Into<String>) -> ValueError {
    ValueError(text.into())
}

/// The text in Unicode NFKC; borrowed when it already is, as ASCII and
/// most Japanese answers are, since normalising costs an import of
/// 200,000 rows far more than checking.
/// `text` in Unicode NFKC, borrowed when it already is.
pub(crate) fn nfkc_text(text: &str) -> Cow<'_, str> {
    nfkc(text)
}

fn nfkc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

// ---------------------------------------------------------------------------
// Folding

/// Unicode NFKC, lower-cased, notes in brackets removed, whitespace
/// collapsed to single spaces and trimmed.
///
/// Used to compare headers, option labels and tool aliases: the notes
/// removed are those in （）, (), 【】 and [] (full-width forms included),
/// such as "（複数選択可）" or "(select all that apply)"; text in 「」 is
/// kept, because it quotes rather than annotates.
pub fn fold(text: &str) -> String {
    let normal = nfkc(text);
    let without_notes = strip_notes(&normal);
    let lower = without_notes.to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The closing bracket of a note that `open` starts, after NFKC (which
/// turns （ into ( and ［ into [, but leaves 【 alone).
fn note_close(open: char) -> Option<char> {
    match open {
        '(' => Some(')'),
        '[' => Some(']'),
        '【' => Some('】'),
        _ => None,
    }
}

/// Removes bracketed notes. An opening bracket with no matching close is
/// kept as text, so a stray "(" never swallows the rest of a label.
fn strip_notes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;

    while i < chars.len() {
        let c = chars[i];
        if let Some(close) = note_close(c) {
            if let Some(end) = matching_close(&chars, i, c, close) {
                i = end + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn matching_close(chars: &[char], start: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().skip(start) {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Decimal numbers as written

/// A non-negative decimal number as written: `mantissa / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Decimal {
    mantissa: u128,
    scale: u32,
}

/// The longest number people plausibly write; longer digit runs are
/// refused rather than risk overflowing the arithmetic below.
const MAX_DIGITS: usize = 30;

/// Whether a number starts at `i`: a digit, or a point before a digit.
fn number_starts(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
}

/// Scans a number starting at `i`, with "," thousands separators when
/// `commas` is set. Returns the number (None when it is malformed, such as
/// "3,00" or "1.2.3") and the index after it.
fn scan_number(chars: &[char], i: usize, commas: bool) -> (Option<Decimal>, usize) {
    let mut end = i;
    while end < chars.len() {
        let c = chars[end];
        let next_is_digit = chars.get(end + 1).is_some_and(|d| d.is_ascii_digit());
        let joins = (c == '.' || (commas && c == ',')) && next_is_digit;
        if c.is_ascii_digit() || joins {
            end += 1;
        } else {
            break;
        }
    }
    let written: String = chars[i..end].iter().collect();
    (parse_decimal(&written), end)
}

fn parse_decimal(written: &str) -> Option<Decimal> {
    let (whole, fraction) = match written.split_once('.') {
        Some((w, f)) => (w, f),
        None => (written, ""),
    };
    if fraction.contains(['.', ',']) {
        return None;
    }

    // Thousands separators must group by three after a first group of one
    // to three digits; "3,00" is more likely a European decimal or a typo
    // than three hundred.
    let groups: Vec<&str> = whole.split(',').collect();
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }

    let digits: String = groups.concat() + fraction;
    if digits.is_empty() || digits.len() > MAX_DIGITS {
        return None;
    }
    Some(Decimal { mantissa: digits.parse().ok()?, scale: fraction.len() as u32 })
}

/// True when an answer opens with a wave dash ("～2時間", "〜1000円"),
/// which in Japanese means "up to", not minus. NFKC has made "～" a "~".
fn starts_with_wave_dash(normal: &str) -> bool {
    normal.trim_start_matches(['約', '¥', '$']).trim_start().starts_with(['~', '〜'])
}

/// Dashes and their look-alikes; between two numbers they make a range.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '~' | '〜' | '–' | '—' | '‐' | '−' | 'ー' | '―')
}

/// Characters that carry no meaning in a value: brackets around a note
/// such as "（月額）" and the slash of "/month".
fn is_filler(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '【' | '】' | '/' | '.' | ':')
}

/// The longest word of `words` that starts at `i`.
fn match_word<T: Copy>(chars: &[char], i: usize, words: &[(&str, T)]) -> Option<(usize, T)> {
    words
        .iter()
        .filter(|(w, _)| {
            let w: Vec<char> = w.chars().collect();
            chars[i..].starts_with(&w)
        })
        .map(|(w, t)| (w.chars().count(), *t))
        .max_by_key(|(len, _)| *len)
}

/// A run of ASCII letters starting at `i`, and the index after it.
fn scan_letters(chars: &[char], i: usize) -> (String, usize) {
    let mut end = i;
    while end < chars.len() && chars[end].is_ascii_alphabetic() {
        end += 1;
    }
    (chars[i..end].iter().collect(), end)
}

// ---------------------------------------------------------------------------
// Money

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MoneyToken {
    Number(Decimal),
    /// A currency mark or name: "¥", "円", "$", "USD", "ドル".
    Mark(Currency),
    /// A power of ten after the number: 千 is 3, 万 is 4.
    Multiplier(u32),
    Dash,
    Yearly,
    Filler,
    Unknown,
}

/// Answers that mean the respondent does not know; these are unknown, not
/// zero, so they count nowhere.
const UNKNOWN_ANSWERS: &[&str] = &[
    "なし",
    "無し",
    "none",
    "n/a",
    "na",
    "-",
    "—",
    "不明",
    "わからない",
    "分からない",
    "unknown",
    "?",
];

const FREE_ANSWERS: &[&str] = &["無料", "free", "タダ", "ただ"];

fn money_words() -> Vec<(&'static str, MoneyToken)> {
    use MoneyToken::*;
    let usd = Currency::USD;
    let jpy = Currency::JPY;
    let eur = Currency::parse("EUR").expect("EUR is in the table");
    let gbp = Currency::parse("GBP").expect("GBP is in the table");
    vec![
        ("円", Mark(jpy)),
        ("¥", Mark(jpy)),
        // Japanese Windows shows the backslash as a yen sign, so a CP932
        // file read as text can carry "\3,000".
        ("\\", Mark(jpy)),
        ("$", Mark(usd)),
        ("us$", Mark(usd)),
        ("ドル", Mark(usd)),
        ("米ドル", Mark(usd)),
        ("€", Mark(eur)),
        ("ユーロ", Mark(eur)),
        ("£", Mark(gbp)),
        ("ポンド", Mark(gbp)),
        ("千", Multiplier(3)),
        ("万", Multiplier(4)),
        ("から", Dash),
        ("年額", Yearly),
        ("年間", Yearly),
        ("年", Yearly),
        ("毎年", Yearly),
        ("約", Filler),
        ("およそ", Filler),
        ("大体", Filler),
        ("だいたい", Filler),
        ("程度", Filler),
        ("くらい", Filler),
        ("ぐらい", Filler),
        ("ほど", Filler),
        ("前後", Filler),
        ("月額", Filler),
        ("毎月", Filler),
        ("月", Filler),
        ("税込み", Filler),
        ("税込", Filler),
        ("税抜き", Filler),
        ("税抜", Filler),
    ]
}

fn money_letters(word: &str) -> MoneyToken {
    use MoneyToken::*;
    match word {
        "yen" => Mark(Currency::JPY),
        "dollar" | "dollars" => Mark(Currency::USD),
        "us" => Filler,
        "euro" | "euros" => Mark(Currency::parse("EUR").expect("EUR is in the table")),
        "k" => Multiplier(3),
        "year" | "years" | "yearly" | "annual" | "annually" | "yr" | "yrs" => Yearly,
        "about" | "approx" | "approximately" | "around" | "roughly" | "ca" | "circa" | "per"
        | "a" | "month" | "monthly" | "mo" | "mon" | "each" | "every" | "tax" | "incl"
        | "including" | "included" => Filler,
        _ if word.len() == 3 => Currency::parse(word).map(Mark).unwrap_or(Unknown),
        _ => Unknown,
    }
}

fn money_tokens(chars: &[char]) -> Result<Vec<MoneyToken>, ValueError> {
    let words = money_words();
    let mut tokens = Vec::new();
    let mut i = 0;

    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if number_starts(chars, i) {
            let (number, end) = scan_number(chars, i, true);
            let number = number.ok_or_else(|| reason("is not an amount of money"))?;
            tokens.push(MoneyToken::Number(number));
            i = end;
        } else if let Some((len, token)) = match_word(chars, i, &words) {
            tokens.push(token);
            i += len;
        } else if c.is_ascii_alphabetic() {
            let (word, end) = scan_letters(chars, i);
            tokens.push(money_letters(&word));
            i = end;
        } else if is_dash(c) {
            tokens.push(MoneyToken::Dash);
            i += 1;
        } else if is_filler(c) {
            i += 1;
        } else {
            tokens.push(MoneyToken::Unknown);
            i += 1;
        }
    }
    tokens.retain(|t| *t != MoneyToken::Filler);
    Ok(tokens)
}

/// Money as people write it, in `base` when no currency is named.
///
/// Blank and "don't know" answers ("なし", "none", "-", "不明", ...) are
/// `Ok(None)`: unknown, never zero. "無料" and "free" are zero. Accepted
/// forms include "¥3,000", "3,000円", "約3000円", "月3,000円",
/// "3,000円/月", "$20.50", "US$20", "USD 20", "20ドル", "€15", "3千円" and
/// "1.5万円". Ranges, two amounts, negative amounts, yearly amounts and
/// more decimals than the currency has are errors.
pub fn parse_money(text: &str, base: Currency) -> Result<Option<Money>, ValueError> {
    let normal = nfkc(text).trim().to_lowercase();
    if normal.is_empty() || UNKNOWN_ANSWERS.contains(&normal.as_str()) {
        return Ok(None);
    }
    if FREE_ANSWERS.contains(&normal.as_str()) {
        return Ok(Some(Money::zero(base)));
    }

    if starts_with_wave_dash(&normal) {
        return Err(reason("is a range (up to an amount); give one amount"));
    }

    // Accounts write a negative amount in brackets, "(20)", or after a
    // triangle, "▲3,000" (Excel's Japanese negative number formats).
    if normal.starts_with(['▲', '△']) || (normal.starts_with('(') && normal.ends_with(')')) {
        let inner = normal.trim_start_matches(['▲', '△', '(']).trim_end_matches(')');
        // Only an amount inside, with at most a currency: "(月額3,000円)"
        // is a note in brackets.
        let mut amount = inner.trim();
        for mark in ["us$", "usd", "jpy", "eur", "¥", "$", "€", "£"] {
            amount = amount.strip_prefix(mark).unwrap_or(amount).trim_start();
        }
        for mark in ["円", "ドル", "usd", "jpy", "eur"] {
            amount = amount.strip_suffix(mark).unwrap_or(amount).trim_end();
        }
        if amount.starts_with(|c: char| c.is_ascii_digit())
            && amount.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return Err(reason("is negative (as accounts write it); a cost cannot be below zero"));
        }
    }
    let chars: Vec<char> = normal.chars().collect();
    let tokens = money_tokens(&chars)?;
    let numbers: Vec<usize> =
        (0..tokens.len()).filter(|&i| matches!(tokens[i], MoneyToken::Number(_))).collect();

    if numbers.len() >= 2 {
        let between = &tokens[numbers[0] + 1..numbers[1]];
        if between.contains(&MoneyToken::Dash) {
            return Err(reason("is a range; give one amount"));
        }
        return Err(reason("has more than one amount; give one"));
    }
    if tokens.contains(&MoneyToken::Unknown) || numbers.is_empty() {
        return Err(reason("is not an amount of money"));
    }
    if tokens.contains(&MoneyToken::Yearly) {
        return Err(reason("is a yearly amount; give the cost per month"));
    }

    let at = numbers[0];
    let MoneyToken::Number(number) = tokens[at] else {
        unreachable!("the index was taken from a number token");
    };
    if tokens[..at].contains(&MoneyToken::Dash) {
        return Err(reason("is negative; a cost cannot be below zero"));
    }

    // After the number: an optional multiplier, then an optional currency.
    let mut after = &tokens[at + 1..];
    let mut power = 0;
    if let Some(MoneyToken::Multiplier(p)) = after.first() {
        power = *p;
        after = &after[1..];
    }
    let currency = money_currency(&tokens[..at], after)?.unwrap_or(base);

    to_minor(number, power, currency).map(|minor| Some(Money::new(currency, minor)))
}

/// The currency named around the number: at most one mark on each side,
/// and the same one when both sides have one ("¥3,000円").
fn money_currency(
    before: &[MoneyToken],
    after: &[MoneyToken],
) -> Result<Option<Currency>, ValueError> {
    let side = |tokens: &[MoneyToken]| -> Result<Option<Currency>, ValueError> {
        match tokens {
            [] => Ok(None),
            [MoneyToken::Mark(c)] => Ok(Some(*c)),
            _ if tokens.iter().all(|t| matches!(t, MoneyToken::Mark(_))) => {
                Err(reason("is not an amount of money: the currency is written twice"))
            }
            _ => Err(reason("is not an amount of money")),
        }
    };

    match (side(before)?, side(after)?) {
        (Some(a), Some(b)) if a != b => Err(reason(format!("names two currencies, {a} and {b}"))),
        (a, b) => Ok(a.or(b)),
    }
}

/// The largest monthly cost a survey answer may give, in major units of
/// its currency. Far above any real subscription, it keeps every sum of a
/// million answers (and its conversion to the base currency) inside i64.
pub const MAX_MONTHLY_AMOUNT: u128 = 1_000_000_000;

/// `number × 10^power` in minor units of `currency`, exactly.
fn to_minor(number: Decimal, power: u32, currency: Currency) -> Result<i64, ValueError> {
    let exponent = currency.exponent();
    let too_fine = || {
        if exponent == 0 {
            reason(format!("has decimals, but {currency} has no smaller unit"))
        } else {
            reason(format!("has more than {exponent} decimals, the most {currency} has"))
        }
    };

    // "3000.0円" has more decimals than yen has, even if they are zero: it
    // is refused so the rule is simple to state. With a multiplier, as in
    // "1.5万円", the decimals belong to the multiplier.
    if power == 0 && number.scale > exponent {
        return Err(too_fine());
    }

    let scaled = 10u128
        .checked_pow(power + exponent)
        .and_then(|p| number.mantissa.checked_mul(p))
        .ok_or_else(|| reason("is too large an amount"))?;
    let divisor = 10u128.pow(number.scale);
    if scaled % divisor != 0 {
        return Err(too_fine());
    }
    let minor = scaled / divisor;
    if minor > MAX_MONTHLY_AMOUNT * 10u128.pow(exponent) {
        return Err(reason(format!(
            "is too large for a monthly cost (more than {MAX_MONTHLY_AMOUNT} {currency})"
        )));
    }
    i64::try_from(minor).map_err(|_| reason("is too large an amount"))
}

// ---------------------------------------------------------------------------
// Hours

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HourToken {
    Number(Decimal),
    Hours,
    Minutes,
    /// "半" after hours: and a half.
    Half,
    Dash,
    PerDay,
    Filler,
    Unknown,
}

const NO_HOURS: &[&str] = &["なし", "無し", "ない", "none", "no", "nothing", "0"];

const UNKNOWN_HOURS: &[&str] =
    &["不明", "わからない", "分からない", "unknown", "n/a", "na", "-", "—", "?"];

/// The most minutes a week holds: more is a typo or a joke.
const MINUTES_IN_A_WEEK: u128 = 168 * 60;

fn hour_words() -> Vec<(&'static str, HourToken)> {
    use HourToken::*;
    vec![
        ("時間", Hours),
        ("分間", Minutes),
        ("分", Minutes),
        ("半", Half),
        ("から", Dash),
        ("毎日", PerDay),
        ("日", PerDay),
        ("約", Filler),
        ("およそ", Filler),
        ("大体", Filler),
        ("だいたい", Filler),
        ("程度", Filler),
        ("くらい", Filler),
        ("ぐらい", Filler),
        ("ほど", Filler),
        ("前後", Filler),
        ("毎週", Filler),
        ("週", Filler),
        ("あたり", Filler),
        ("当たり", Filler),
    ]
}

fn hour_letters(word: &str) -> HourToken {
    use HourToken::*;
    match word {
        "h" | "hr" | "hrs" | "hour" | "hours" => Hours,
        "m" | "min" | "mins" | "minute" | "minutes" => Minutes,
        "day" | "days" | "daily" => PerDay,
        "about" | "approx" | "approximately" | "around" | "roughly" | "ca" | "per" | "a"
        | "week" | "weekly" | "wk" | "each" | "every" => Filler,
        _ => Unknown,
    }
}

fn hour_tokens(chars: &[char]) -> Result<Vec<HourToken>, ValueError> {
    let words = hour_words();
    let mut tokens = Vec::new();
    let mut i = 0;

    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if number_starts(chars, i) {
            let (number, end) = scan_number(chars, i, false);
            let number = number.ok_or_else(|| reason("is not a number of hours"))?;
            tokens.push(HourToken::Number(number));
            i = end;
        } else if let Some((len, token)) = match_word(chars, i, &words) {
            tokens.push(token);
            i += len;
        } else if c.is_ascii_alphabetic() {
            let (word, end) = scan_letters(chars, i);
            tokens.push(hour_letters(&word));
            i = end;
        } else if is_dash(c) {
            tokens.push(HourToken::Dash);
            i += 1;
        } else if is_filler(c) && c != ':' {
            i += 1;
        } else {
            tokens.push(HourToken::Unknown);
            i += 1;
        }
    }
    tokens.retain(|t| *t != HourToken::Filler);
    Ok(tokens)
}

/// An exact count of minutes, `numerator / denominator`.
#[derive(Clone, Copy)]
struct Fraction {
    numerator: u128,
    denominator: u128,
}

impl Fraction {
    fn of(number: Decimal, minutes_per_unit: u128) -> Fraction {
        Fraction {
            numerator: number.mantissa * minutes_per_unit,
            denominator: 10u128.pow(number.scale),
        }
    }

    fn plus(self, other: Fraction) -> Fraction {
        Fraction {
            numerator: self.numerator * other.denominator + other.numerator * self.denominator,
            denominator: self.denominator * other.denominator,
        }
    }

    fn round_half_up(self) -> u128 {
        (2 * self.numerator + self.denominator) / (2 * self.denominator)
    }
}

/// Hours as people write them, returned as whole minutes, rounded half up.
///
/// Blank and "don't know" answers are `Ok(None)`; "なし", "none" and "ない"
/// are zero. A bare number is hours. Accepted forms include "2.5", "2時間",
/// "約3時間", "3h", "1.5hrs", "30分", "30 minutes", "1時間30分", "1h30m"
/// and "1時間半". Ranges, negative numbers, more than the 168 hours of a
/// week and hours per day are errors.
pub fn parse_minutes(text: &str) -> Result<Option<i64>, ValueError> {
    let normal = nfkc(text).trim().to_lowercase();
    if normal.is_empty() || UNKNOWN_HOURS.contains(&normal.as_str()) {
        return Ok(None);
    }
    if NO_HOURS.contains(&normal.as_str()) {
        return Ok(Some(0));
    }
    if starts_with_wave_dash(&normal) {
        return Err(reason("is a range (up to a number of hours); give one number of hours"));
    }

    let chars: Vec<char> = normal.chars().collect();
    let tokens = hour_tokens(&chars)?;
    let numbers: Vec<usize> =
        (0..tokens.len()).filter(|&i| matches!(tokens[i], HourToken::Number(_))).collect();

    if numbers.len() >= 2 && tokens[numbers[0] + 1..numbers[1]].contains(&HourToken::Dash) {
        return Err(reason("is a range; give one number of hours"));
    }
    if tokens.contains(&HourToken::Unknown) || numbers.is_empty() {
        return Err(reason("is not a number of hours"));
    }
    if tokens.contains(&HourToken::PerDay) {
        return Err(reason("is per day; give the hours per week"));
    }
    if tokens[0] == HourToken::Dash {
        return Err(reason("is negative; hours cannot be below zero"));
    }

    use HourToken::{Half, Hours, Minutes, Number};
    let half = Decimal { mantissa: 30, scale: 0 };
    let total = match tokens.as_slice() {
        [Number(h)] | [Number(h), Hours] => Fraction::of(*h, 60),
        [Number(h), Hours, Half] => Fraction::of(*h, 60).plus(Fraction::of(half, 1)),
        [Number(m), Minutes] => Fraction::of(*m, 1),
        [Number(h), Hours, Number(m)] | [Number(h), Hours, Number(m), Minutes] => {
            Fraction::of(*h, 60).plus(Fraction::of(*m, 1))
        }
        _ if numbers.len() >= 2 => {
            return Err(reason("has more than one number; give one number of hours"))
        }
        _ => return Err(reason("is not a number of hours")),
    };

    if total.numerator > MINUTES_IN_A_WEEK * total.denominator {
        return Err(reason("is more than the 168 hours in a week"));
    }
    Ok(Some(total.round_half_up() as i64))
}

// ---------------------------------------------------------------------------
// Dates and times

/// The day/month order of slash dates in one file, decided once for the
/// whole file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Year, month, day: "2026/11/05".
    Ymd,
    /// Month, day, year: "11/5/2026", the US form.
    Mdy,
    /// Day, month, year: "5/11/2026".
    Dmy,
}

impl DateOrder {
    /// The code stored and shown: "ymd", "mdy" or "dmy".
    pub fn as_str(&self) -> &'static str {
        match self {
            DateOrder::Ymd => "ymd",
            DateOrder::Mdy => "mdy",
            DateOrder::Dmy => "dmy",
        }
    }

    /// The order of a code written by [`DateOrder::as_str`], in any case.
    pub fn parse(s: &str) -> Option<DateOrder> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ymd" => Some(DateOrder::Ymd),
            "mdy" => Some(DateOrder::Mdy),
            "dmy" => Some(DateOrder::Dmy),
            _ => None,
        }
    }
}

/// What the date at the start of a time stamp says about the order.
enum DateShape {
    YearFirst,
    /// "a/b/YYYY": the two numbers before the year.
    YearLast(u32, u32),
    Other,
}

fn date_shape(normal: &str) -> DateShape {
    let date = normal.split([' ', 'T']).next().unwrap_or("");
    if date.contains('年') {
        return DateShape::YearFirst;
    }
    let fields: Vec<&str> = date.split(['/', '-', '.']).collect();
    let numeric = |f: &str| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit());
    if fields.len() != 3 || !fields.iter().all(|f| numeric(f)) {
        return DateShape::Other;
    }
    if fields[0].len() == 4 {
        return DateShape::YearFirst;
    }
    match (fields[0].parse(), fields[1].parse()) {
        (Ok(a), Ok(b)) if fields[0].len() <= 2 && fields[1].len() <= 2 => DateShape::YearLast(a, b),
        _ => DateShape::Other,
    }
}

/// Decides the date order of a file from all its time stamp texts.
///
/// Year-first dates ("2026/11/05", "2026-11-05", "2026年11月5日") read the
/// same in any order; when they are all there is, the order is `Ymd`.
/// Otherwise the "a/b/YYYY" dates decide: a first number above 12 means
/// day first, a second above 12 means month first, both in one file is an
/// error naming the two samples, and neither assumes month first, the
/// Google Forms and Microsoft Forms default. Returns the order and a
/// sentence saying why.
pub fn detect_date_order<'a>(
    samples: impl IntoIterator<Item = &'a str>,
) -> Result<(DateOrder, String), ValueError> {
    let mut rows = 0usize;
    let mut year_last = 0usize;
    let mut year_first: Option<String> = None;
    let mut day_first: Option<(String, u32)> = None;
    let mut month_first: Option<(String, u32)> = None;

    for sample in samples {
        let normal = nfkc(sample);
        let normal = normal.trim();
        if normal.is_empty() {
            continue;
        }
        rows += 1;
        let shape = date_shape(normal);
        if let DateShape::YearLast(..) = shape {
            year_last += 1;
        }
        match shape {
            DateShape::YearFirst => {
                year_first.get_or_insert_with(|| sample.trim().to_string());
            }
            // A date with both numbers above 12 is no date in any order;
            // reading it will flag it, and it decides nothing here.
            DateShape::YearLast(a, b) if a > 12 && b <= 12 => {
                day_first.get_or_insert_with(|| (sample.trim().to_string(), a));
            }
            DateShape::YearLast(a, b) if b > 12 && a <= 12 => {
                month_first.get_or_insert_with(|| (sample.trim().to_string(), b));
            }
            DateShape::YearLast(..) | DateShape::Other => {}
        }
    }

    match (day_first, month_first, year_first) {
        (Some((day, _)), Some((month, _)), _) => Err(reason(format!(
            "the dates disagree on their order: '{day}' has the day first, \
             but '{month}' has the month first"
        ))),
        (Some((sample, n)), None, _) => {
            Ok((DateOrder::Dmy, format!("day first: '{sample}' has {n} before the month")))
        }
        (None, Some((sample, n)), _) => {
            Ok((DateOrder::Mdy, format!("month first: '{sample}' has {n} after the month")))
        }
        (None, None, Some(sample)) if year_last == 0 => {
            Ok((DateOrder::Ymd, format!("year first: '{sample}' starts with the year")))
        }
        (None, None, _) => {
            Ok((DateOrder::Mdy, format!("month first (assumed: no day above 12 in {rows} rows)")))
        }
    }
}

/// A survey time stamp, as the local clock time written.
///
/// Blank is `Ok(None)`. Accepts year-first dates with "/" or "-"
/// ("2026/11/5 9:12", "2026-11-05T09:12:33Z"; a zone or offset is ignored,
/// keeping the clock time as written), "a/b/YYYY" dates read in `order`
/// with 24-hour or AM/PM times, "2026年11月5日 9時12分", date-only forms
/// (midnight) and Excel serial numbers written as text.
pub fn parse_datetime(text: &str, order: DateOrder) -> Result<Option<NaiveDateTime>, ValueError> {
    let normal = nfkc(text);
    let normal = normal.trim();
    if normal.is_empty() {
        return Ok(None);
    }

    if is_serial(normal) {
        let serial: f64 = normal.parse().map_err(|_| reason("is not a date and time"))?;
        return excel_serial_to_datetime(serial)
            .map(Some)
            .ok_or_else(|| reason("is not a date and time: the serial number is out of range"));
    }

    let (date, clock) =
        if normal.contains('年') { kanji_date(normal)? } else { numeric_date(normal, order)? };
    let (time, round_up) = parse_clock(clock.trim())?;

    let stamp = date.and_time(time);
    Ok(Some(if round_up { stamp + Duration::seconds(1) } else { stamp }))
}

/// A date-time as stored: ISO 8601 to the second, "2026-11-05T09:12:33",
/// as chrono's `%Y-%m-%dT%H:%M:%S` writes it. Written digit by digit:
/// chrono reads its format string again on every call, which an import
/// of 200,000 rows notices.
pub fn iso_stamp(t: &NaiveDateTime) -> String {
    let year = t.year();
    if !(0..=9999).contains(&year) || t.nanosecond() >= 1_000_000_000 {
        // Years chrono writes with a sign, and leap seconds.
        return t.format("%Y-%m-%dT%H:%M:%S").to_string();
    }
    let mut out = String::with_capacity(19);
    let mut push = |n: u32, digits: u32, then: Option<char>| {
        for place in (0..digits).rev() {
            out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
        }
        out.extend(then);
    };
    push(year as u32, 4, Some('-'));
    push(t.month(), 2, Some('-'));
    push(t.day(), 2, Some('T'));
    push(t.hour(), 2, Some(':'));
    push(t.minute(), 2, Some(':'));
    push(t.second(), 2, None);
    out
}

fn is_serial(text: &str) -> bool {
    let mut points = 0;
    text.chars().all(|c| {
        points += (c == '.') as u32;
        c.is_ascii_digit() || c == '.'
    }) && points <= 1
        && text.chars().any(|c| c.is_ascii_digit())
}

fn not_a_date() -> ValueError {
    reason("is not a date and time")
}

fn make_date(year: u32, month: u32, day: u32) -> Result<NaiveDate, ValueError> {
    if !(1..=12).contains(&month) {
        return Err(reason(format!("is not a date and time: {month} is not a month")));
    }
    i32::try_from(year).ok().and_then(|y| NaiveDate::from_ymd_opt(y, month, day)).ok_or_else(|| {
        reason(format!("is not a date and time: {year:04}-{month:02}-{day:02} does not exist"))
    })
}

fn number_field(field: &str) -> Result<u32, ValueError> {
    let field = field.trim();
    if field.is_empty() || field.len() > 4 || !field.chars().all(|c| c.is_ascii_digit()) {
        return Err(not_a_date());
    }
    field.parse().map_err(|_| not_a_date())
}

/// "2026年11月5日 ..." into the date and the rest.
fn kanji_date(normal: &str) -> Result<(NaiveDate, &str), ValueError> {
    let (year, rest) = normal.split_once('年').ok_or_else(not_a_date)?;
    let (month, rest) = rest.split_once('月').ok_or_else(not_a_date)?;
    let (day, rest) = rest.split_once('日').ok_or_else(not_a_date)?;
    let year = number_field(year)?;
    let date = make_date(year, number_field(month)?, number_field(day)?)?;
    Ok((date, rest))
}

/// "2026/11/05 ...", "2026-11-05T..." or "11/5/2026 ..." into the date and
/// the rest.
fn numeric_date(normal: &str, order: DateOrder) -> Result<(NaiveDate, &str), ValueError> {
    let split = normal
        .char_indices()
        .find(|&(i, c)| c.is_whitespace() || ((c == 'T' || c == 't') && i > 0))
        .map(|(i, _)| i)
        .unwrap_or(normal.len());
    let (date, rest) = normal.split_at(split);
    let rest = rest.strip_prefix(['T', 't']).unwrap_or(rest);

    let mut parts = date.split(['/', '-', '.']);
    let fields = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c), None) => [a, b, c],
        _ => return Err(not_a_date()),
    };
    let numbers = [number_field(fields[0])?, number_field(fields[1])?, number_field(fields[2])?];

    let date = if fields[0].len() == 4 {
        make_date(numbers[0], numbers[1], numbers[2])?
    } else if matches!(fields[2].len(), 2 | 4) && fields[0].len() <= 2 && fields[1].len() <= 2 {
        // A two-digit year, as "m/d/yy" formats show it, is this century.
        let year = if fields[2].len() == 2 { 2000 + numbers[2] } else { numbers[2] };
        match order {
            DateOrder::Mdy => make_date(year, numbers[0], numbers[1])?,
            DateOrder::Dmy => make_date(year, numbers[1], numbers[0])?,
            DateOrder::Ymd => {
                return Err(reason(
                    "is not a date and time: the year comes last, \
                     but this file's dates are year first",
                ))
            }
        }
    } else {
        return Err(not_a_date());
    };
    Ok((date, rest))
}

/// A clock time: "9:12", "09:12:33", "09:12:33.5", "9:12:33 PM",
/// "午後9:12", "9時12分33秒", with any zone or offset ignored; blank is
/// midnight. Also says whether fractional seconds round up a second.
fn parse_clock(clock: &str) -> Result<(NaiveTime, bool), ValueError> {
    if clock.is_empty() {
        return Ok((NaiveTime::MIN, false));
    }

    // Most clocks are ASCII with nothing to lower-case ("9:12:33").
    let lowered = if clock.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(clock)
    } else {
        Cow::Owned(clock.to_lowercase())
    };
    // Google Forms' own download writes "9:12:33 午前 GMT+9": the zone
    // comes last, the morning or afternoon before it or before the time.
    let mut rest: &str = strip_zone(&lowered);
    let mut meridiem = None;
    for (mark, pm) in [("午前", false), ("午後", true)] {
        if let Some(r) = rest.strip_prefix(mark).or_else(|| rest.strip_suffix(mark)) {
            meridiem = Some(pm);
            rest = r.trim();
        }
    }
    for (mark, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if let Some(r) = rest.strip_suffix(mark) {
            meridiem = Some(pm);
            rest = r.trim();
            break;
        }
    }
    let rest = strip_zone(rest);

    let (hour, minute, second, fraction) =
        if rest.contains(':') { colon_clock(rest)? } else { kanji_clock(rest)? };

    let hour = match meridiem {
        None if hour <= 23 => hour,
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        _ => return Err(reason(format!("is not a date and time: {hour} is not an hour"))),
    };
    let time = NaiveTime::from_hms_opt(hour, minute, second)
        .ok_or_else(|| reason("is not a date and time: the time does not exist"))?;
    Ok((time, fraction))
}

/// Removes a trailing "Z", "UTC"/"GMT"/"JST", "+09:00"/"-0500" offset,
/// or both ("GMT+9").
fn strip_zone(clock: &str) -> &str {
    let clock = clock.trim();
    let clock = match clock.rfind(['+', '-']) {
        Some(at)
            if at > 0
                && clock[at + 1..].chars().all(|c| c.is_ascii_digit() || c == ':')
                && clock.len() > at + 1 =>
        {
            clock[..at].trim()
        }
        _ => clock,
    };
    for zone in ["utc", "gmt", "jst", "z"] {
        if let Some(rest) = clock.strip_suffix(zone) {
            return rest.trim();
        }
    }
    clock
}

fn colon_clock(clock: &str) -> Result<(u32, u32, u32, bool), ValueError> {
    let mut fields = clock.split(':');
    let (hour, minute, second) = match (fields.next(), fields.next(), fields.next(), fields.next())
    {
        (Some(h), Some(m), None, _) => (h, m, "0"),
        (Some(h), Some(m), Some(s), None) => (h, m, s),
        _ => return Err(not_a_date()),
    };
    let (second, fraction) = match second.split_once('.') {
        Some((s, f)) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => {
            (s, f.starts_with(['5', '6', '7', '8', '9']))
        }
        Some(_) => return Err(not_a_date()),
        None => (second, false),
    };
    if minute.trim().len() != 2 {
        return Err(not_a_date());
    }
    Ok((number_field(hour)?, number_field(minute)?, number_field(second)?, fraction))
}

/// "9時", "9時12分", "9時12分33秒".
fn kanji_clock(clock: &str) -> Result<(u32, u32, u32, bool), ValueError> {
    let (hour, rest) = clock.split_once('時').ok_or_else(not_a_date)?;
    let (minute, rest) = match rest.split_once('分') {
        Some((m, r)) => (number_field(m)?, r),
        None if rest.trim().is_empty() => (0, ""),
        None => return Err(not_a_date()),
    };
    let second = match rest.split_once('秒') {
        Some((s, r)) if r.trim().is_empty() => number_field(s)?,
        None if rest.trim().is_empty() => 0,
        _ => return Err(not_a_date()),
    };
    Ok((number_field(hour)?, minute, second, false))
}

/// The largest serial Excel shows as a date: 9999-12-31.
const LAST_EXCEL_SERIAL: f64 = 2_958_465.0;

/// The serial of Excel's fictional 1900-02-29, kept to match Lotus 1-2-3.
const FAKE_LEAP_DAY: i64 = 60;

/// An Excel serial date-time (1900 date system) to a date-time, rounded to
/// the nearest second.
///
/// Serial 1 is 1900-01-01 and 61 is 1900-03-01: Excel counts a
/// 1900-02-29 that never was. Serial 60 is that day, so it has no
/// date-time and gives None, as do serials at or below zero, above
/// 2958465 (9999-12-31) or not numbers.
pub fn excel_serial_to_datetime(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite() || serial <= 0.0 || serial > LAST_EXCEL_SERIAL {
        return None;
    }

    let seconds = (serial * 86_400.0).round() as i64;
    let (days, second_of_day) = (seconds / 86_400, seconds % 86_400);
    let epoch = match days {
        FAKE_LEAP_DAY => return None,
        d if d < FAKE_LEAP_DAY => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };

    let midnight = epoch.checked_add_signed(Duration::days(days))?.and_time(NaiveTime::MIN);
    midnight.checked_add_signed(Duration::seconds(second_of_day))
}

// ---------------------------------------------------------------------------
// Checkbox answers

fn is_choice_separator(c: char) -> bool {
    matches!(c, ';' | '；' | ',' | '，' | '、' | '\n' | '\r')
}

fn bracket_pair(c: char) -> Option<(char, char)> {
    match c {
        '(' | ')' => Some(('(', ')')),
        '（' | '）' => Some(('（', '）')),
        '[' | ']' => Some(('[', ']')),
        '［' | '］' => Some(('［', '］')),
        '【' | '】' => Some(('【', '】')),
        '「' | '」' => Some(('「', '」')),
        _ => None,
    }
}

/// Byte ranges of the text between separators. A separator inside
/// brackets, as in "社内GPT（試験中, 一部部署）", splits nothing, unless
/// the brackets never close, when every separator splits.
fn choice_atoms(text: &str) -> Vec<(usize, usize)> {
    let atoms = |protect: bool| {
        let mut atoms = Vec::new();
        let mut start = 0;
        let mut open: Vec<char> = Vec::new();
        for (i, c) in text.char_indices() {
            if protect {
                if let Some((o, close)) = bracket_pair(c) {
                    if c == o {
                        open.push(close);
                    } else if open.last() == Some(&close) {
                        open.pop();
                    }
                    continue;
                }
            }
            if is_choice_separator(c) && open.is_empty() {
                atoms.push((start, i));
                start = i + c.len_utf8();
            }
        }
        atoms.push((start, text.len()));
        (atoms, open.is_empty())
    };

    match atoms(true) {
        (found, true) => found,
        _ => atoms(false).0,
    }
}

/// Splits a checkbox answer into its options, in the order they appear,
/// matched against the `known` option labels with [`fold`].
///
/// Known labels that appear whole are taken first, longest first, so that
/// a label with a comma in it ("Accuracy, hallucinations") stays one
/// option; the rest splits on ";" (Microsoft Forms, often with a trailing
/// one), ", " (Google Forms), "、", "，", "," and line breaks. Each part is
/// the label as given in `known`, or the trimmed raw text for an "Other"
/// answer. Empty parts and duplicates are dropped.
pub fn split_choices(text: &str, known: &[&str]) -> Vec<String> {
    let labels: Vec<(String, &str)> =
        known.iter().map(|k| (fold(k), *k)).filter(|(f, _)| !f.is_empty()).collect();

    // No label spans more parts than it has separators plus one; bounding
    // the search keeps a long free-text cell from costing n² folds.
    let widest = known
        .iter()
        .map(|k| k.chars().filter(|&c| is_choice_separator(c)).count() + 1)
        .max()
        .unwrap_or(1);

    let atoms = choice_atoms(text);
    let mut parts = Vec::new();
    let mut seen = HashSet::new();
    let mut i = 0;

    while i < atoms.len() {
        let last = (i + widest).min(atoms.len()) - 1;
        let found = (i..=last).rev().find_map(|j| {
            let key = fold(&text[atoms[i].0..atoms[j].1]);
            labels.iter().find(|(f, _)| *f == key).map(|(_, label)| (j, *label))
        });

        let (part, next) = match found {
            Some((j, label)) => (label.to_string(), j + 1),
            None => (text[atoms[i].0..atoms[i].1].trim().to_string(), i + 1),
        };
        i = next;

        if part.is_empty() {
            continue;
        }
        let key = match fold(&part) {
            f if f.is_empty() => part.clone(),
            f => f,
        };
        if seen.insert(key) {
            parts.push(part);
        }
    }
    parts
}

// ---------------------------------------------------------------------------
// Payment and "no tool"

/// How a respondent's tools are paid, from the answer to the payment
/// question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaymentKind {
    /// A company or team contract.
    Company,
    /// Paid by the employee and reimbursed.
    Expense,
    /// Paid by the employee and not reimbursed.
    Personal,
    /// A free plan.
    Free,
    /// Any other answer.
    Other,
}

impl PaymentKind {
    /// The code stored and shown: "company", "expense", "personal", "free"
    /// or "other".
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentKind::Company => "company",
            PaymentKind::Expense => "expense",
            PaymentKind::Personal => "personal",
            PaymentKind::Free => "free",
            PaymentKind::Other => "other",
        }
    }

    /// The kind of a code written by [`PaymentKind::as_str`], in any case.
    pub fn parse_code(s: &str) -> Option<PaymentKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "company" => Some(PaymentKind::Company),
            "expense" => Some(PaymentKind::Expense),
            "personal" => Some(PaymentKind::Personal),
            "free" => Some(PaymentKind::Free),
            "other" => Some(PaymentKind::Other),
            _ => None,
        }
    }
}

/// Phrases, checked in this order, and the kind each means. Order matters:
/// "not reimbursed" contains "reimburs", and the note in brackets is what
/// tells "個人契約（経費精算）" from "個人契約（自己負担）", so the text is
/// matched before notes are folded away.
const PAYMENT_PHRASES: &[(&[&str], PaymentKind)] = &[
    (
        &[
            "not reimbursed",
            "not expensed",
            "non-reimbursed",
            "unreimbursed",
            "no reimbursement",
            "精算なし",
            "精算不可",
            "精算できない",
            "自己負担",
            "自腹",
        ],
        PaymentKind::Personal,
    ),
    (&["経費", "精算", "立替", "立て替え", "reimburs", "expens"], PaymentKind::Expense),
    (
        &["個人負担", "myself", "own pocket", "out of pocket", "out-of-pocket"],
        PaymentKind::Personal,
    ),
    (
        &[
            "会社",
            "法人",
            "組織",
            "全社",
            "部署",
            "部門",
            "company",
            "corporate",
            "enterprise",
            "organization",
            "organisation",
            "team plan",
            "business",
        ],
        PaymentKind::Company,
    ),
    (&["無料", "free"], PaymentKind::Free),
    (&["個人", "personal", "private"], PaymentKind::Personal),
];

/// How the tools are paid, from the answer to the payment question; None
/// when blank.
///
/// "会社契約" and "Company contract" are [`PaymentKind::Company`];
/// "個人契約（経費精算）" and "reimbursed" are [`PaymentKind::Expense`];
/// "個人負担", "自腹" and "Personal plan (not reimbursed)" are
/// [`PaymentKind::Personal`]; "無料プラン" and "Free plan" are
/// [`PaymentKind::Free`]; anything else is [`PaymentKind::Other`].
pub fn parse_payment(text: &str) -> Option<PaymentKind> {
    let normal = nfkc(text).to_lowercase();
    let normal = normal.split_whitespace().collect::<Vec<_>>().join(" ");
    if normal.is_empty() {
        return None;
    }

    let kind = PAYMENT_PHRASES
        .iter()
        .find(|(phrases, _)| phrases.iter().any(|p| normal.contains(p)))
        .map(|(_, kind)| *kind)
        .unwrap_or(PaymentKind::Other);
    Some(kind)
}

/// Whole answers that mean "no tool".
const NO_TOOL_ANSWERS: &[&str] = &[
    "none",
    "no",
    "nothing",
    "n/a",
    "-",
    "なし",
    "無し",
    "特になし",
    "特に無し",
    "ない",
    "未使用",
    "未利用",
    "利用なし",
    "使用なし",
];

/// Phrases that mean "no tool" wherever they appear in the answer.
const NO_TOOL_PHRASES: &[&str] = &[
    "使っていない",
    "使ってない",
    "利用していない",
    "利用してない",
    "使用していない",
    "not using",
    "don't use",
    "do not use",
    "not use any",
];

/// True when a tools answer means "no tool": "none", "なし", "特になし",
/// "使っていない", "利用していない", "not using", "I don't use AI".
pub fn means_no_tool(part: &str) -> bool {
    let folded = fold_answer(part);
    NO_TOOL_ANSWERS.contains(&folded.as_str()) || NO_TOOL_PHRASES.iter().any(|p| folded.contains(p))
}

/// True when a checkbox option, whole, says "none": "None", "なし",
/// "特になし", "n/a". Unlike [`means_no_tool`], no phrase inside a longer
/// answer counts, so a challenge that merely mentions not using a tool is
/// kept.
pub fn means_none(part: &str) -> bool {
    NO_TOOL_ANSWERS.contains(&fold_answer(part).as_str())
}

/// An answer folded for the "none" checks, without curly apostrophes or a
/// closing full stop.
fn fold_answer(part: &str) -> String {
    let folded = fold(part).replace(['’', '‘'], "'");
    folded.trim_end_matches(['.', '。', '!']).to_string()
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn amounts_beyond_a_billion_a_month_are_refused_not_summed_into_overflow() {
        let yen = parse_money("1,000,000,000円", Currency::JPY).unwrap().unwrap();
        assert_eq!(yen.minor, 1_000_000_000, "a billion yen is still an amount");
        for text in ["1,000,000,001円", "9223372036854775807円", "$61489146912365173"] {
            let err = parse_money(text, Currency::JPY).unwrap_err();
            assert!(err.0.contains("too large"), "{text}: {err}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yen(minor: i64) -> Result<Option<Money>, ValueError> {
        Ok(Some(Money::new(Currency::JPY, minor)))
    }

    fn usd(minor: i64) -> Result<Option<Money>, ValueError> {
        Ok(Some(Money::new(Currency::USD, minor)))
    }

    fn eur(minor: i64) -> Result<Option<Money>, ValueError> {
        Ok(Some(Money::new(Currency::parse("EUR").unwrap(), minor)))
    }

    fn money(text: &str) -> Result<Option<Money>, ValueError> {
        parse_money(text, Currency::JPY)
    }

    fn money_error(text: &str) -> String {
        match money(text) {
            Err(e) => e.0,
            Ok(v) => panic!("'{text}' should be refused, but read as {v:?}"),
        }
    }

    fn minutes_error(text: &str) -> String {
        match parse_minutes(text) {
            Err(e) => e.0,
            Ok(v) => panic!("'{text}' should be refused, but read as {v:?}"),
        }
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(y, mo, d).and_then(|date| date.and_hms_opt(h, mi, s))
    }

    // --- fold

    #[test]
    fn fold_ignores_width_case_and_the_multiple_choice_note() {
        let expected = "利用しているaiツール";
        assert_eq!(
            fold("利用しているAIツール（複数選択可）"),
            expected,
            "the Japanese note in full-width brackets is not part of the question"
        );
        assert_eq!(fold("利用しているＡＩツール"), expected, "full-width letters fold");
    }

    #[test]
    fn fold_removes_notes_in_every_bracket_kind_but_quotes() {
        assert_eq!(
            fold("Which AI tools do you use? (select all that apply)"),
            "which ai tools do you use?",
            "an English note in round brackets is removed"
        );
        assert_eq!(fold("部署【必須】"), "部署", "【】 holds a note");
        assert_eq!(fold("要望[任意]"), "要望", "[] holds a note");
        assert_eq!(fold("要望［任意］"), "要望", "full-width [] holds a note");
        assert_eq!(fold("「社内GPT」"), "「社内gpt」", "「」 quotes and is kept");
        assert_eq!(fold("Hours (per week) saved"), "hours saved", "an embedded note goes");
    }

    #[test]
    fn fold_collapses_whitespace_including_the_ideographic_space() {
        assert_eq!(
            fold("  Microsoft\u{3000}\u{3000}Copilot \t"),
            "microsoft copilot",
            "runs of spaces, tabs and U+3000 become one space, ends trimmed"
        );
    }

    #[test]
    fn fold_keeps_an_unclosed_bracket() {
        assert_eq!(fold("ChatGPT (Plus"), "chatgpt (plus", "a stray bracket is text");
    }

    // --- money

    #[test]
    fn money_blank_and_unknown_answers_are_unknown_not_zero() {
        for text in ["", "   ", "\u{3000}", "なし", "none", "N/A", "-", "—", "不明", "わからない"]
        {
            assert_eq!(money(text), Ok(None), "'{text}' says nothing about the cost");
        }
        assert_eq!(money("unknown"), Ok(None), "'unknown' is unknown");
    }

    #[test]
    fn money_free_answers_are_zero_in_the_base_currency() {
        for text in ["無料", "free", "Free", "タダ"] {
            assert_eq!(money(text), yen(0), "'{text}' costs nothing");
        }
        assert_eq!(
            parse_money("free", Currency::USD),
            usd(0),
            "free is zero in whatever the base currency is"
        );
        assert_eq!(money("0円"), yen(0), "0円 is zero yen");
        assert_eq!(money("0"), yen(0), "0 is zero");
    }

    #[test]
    fn money_reads_yen_written_in_the_usual_ways() {
        let cases = [
            "3000",
            "3,000",
            "¥3,000",
            "￥3,000",
            "3,000円",
            "3000 円",
            "約3000円",
            "３，０００円",
            "３０００",
            "月3,000円",
            "月額 3,000円",
            "3,000円/月",
            "¥3,000/month",
            "¥3,000 per month",
            "3千円",
            "\u{3000}3,000円\u{3000}",
            " 3000 ",
            "¥3,000円",
            "3,000円（税込）",
            "JPY 3000",
            "3000 yen",
            "\\3,000",
        ];
        for text in cases {
            assert_eq!(money(text), yen(3000), "'{text}' is three thousand yen");
        }
    }

    #[test]
    fn money_reads_japanese_multipliers() {
        assert_eq!(money("1.5万円"), yen(15000), "1.5万 is fifteen thousand");
        assert_eq!(money("2万"), yen(20000), "2万 is twenty thousand");
        assert_eq!(money("１，５００円"), yen(1500), "full-width digits and comma");
        assert_eq!(money("3k"), yen(3000), "k is a thousand");
    }

    #[test]
    fn money_reads_dollars_and_euros_exactly() {
        assert_eq!(money("$20"), usd(2000), "$20 is 2000 cents");
        assert_eq!(money("$20.50"), usd(2050), "cents are kept");
        assert_eq!(money("$20.5"), usd(2050), "one decimal is tens of cents");
        assert_eq!(money("＄20"), usd(2000), "a full-width dollar sign");
        assert_eq!(money("US$20"), usd(2000), "US$ is dollars");
        assert_eq!(money("USD 20"), usd(2000), "a code before");
        assert_eq!(money("20 USD"), usd(2000), "a code after");
        assert_eq!(money("20ドル"), usd(2000), "ドル is dollars");
        assert_eq!(money("20 dollars"), usd(2000), "dollars in words");
        assert_eq!(money("$1,234.56"), usd(123456), "separators and cents");
        assert_eq!(money("$25.00"), usd(2500), "two zero decimals are allowed");
        assert_eq!(money("$20/month"), usd(2000), "a period after dollars");
        assert_eq!(money("€15"), eur(1500), "the euro sign");
        assert_eq!(money("15 EUR"), eur(1500), "the euro code");
    }

    #[test]
    fn money_refuses_yen_with_decimals() {
        let message = money_error("3000.5円");
        assert!(message.contains("no smaller unit"), "yen has no cents: {message}");
    }

    #[test]
    fn money_refuses_more_decimals_than_the_currency_has() {
        let message = money_error("$20.505");
        assert!(message.contains("more than 2 decimals"), "cents are the limit: {message}");
    }

    #[test]
    fn money_in_brackets_is_negative_only_when_it_is_just_an_amount() {
        assert_eq!(money("(月額3,000円)").unwrap(), Some(Money::new(Currency::JPY, 3000)));
    }

    #[test]
    fn money_refuses_negative_amounts() {
        for text in [
            "-3000",
            "-¥3,000",
            "¥-3000",
            "−3000円",
            "(20)",
            "($20.00)",
            "（3,000円）",
            "▲3,000",
            "△ 500円",
        ] {
            let message = money_error(text);
            assert!(message.contains("negative"), "'{text}' is below zero: {message}");
        }
    }

    #[test]
    fn money_refuses_ranges_with_a_message_asking_for_one_amount() {
        for text in ["2000-3000円", "2000〜3000円", "¥2,000~¥3,000", "2000円から3000円"] {
            assert_eq!(
                money_error(text),
                "is a range; give one amount",
                "'{text}' is two ends of a range"
            );
        }
    }

    #[test]
    fn money_refuses_two_amounts_and_garbage() {
        assert_eq!(money_error("3000円 5000円"), "has more than one amount; give one");
        assert_eq!(
            money_error("¥3,000円円"),
            "is not an amount of money: the currency is written twice",
            "the doubled 円 is the fault the import pins to its cell"
        );
        assert_eq!(money_error("たくさん"), "is not an amount of money");
        assert_eq!(money_error("abc"), "is not an amount of money");
        assert_eq!(money_error("3,00"), "is not an amount of money", "bad grouping");
        assert!(money_error("$3000円").contains("two currencies"), "dollars and yen");
        assert!(money_error("36,000円/年").contains("yearly"), "the cost asked is monthly");
    }

    // --- hours

    #[test]
    fn minutes_blank_is_unknown() {
        for text in ["", " ", "\u{3000}", "不明"] {
            assert_eq!(parse_minutes(text), Ok(None), "'{text}' says nothing");
        }
    }

    #[test]
    fn minutes_read_hours_written_in_the_usual_ways() {
        let cases = [
            ("2.5", 150),
            ("２", 120),
            ("2時間", 120),
            ("約3時間", 180),
            ("3h", 180),
            ("3 hours", 180),
            ("1.5hrs", 90),
            ("30分", 30),
            ("30 min", 30),
            ("30 minutes", 30),
            ("1時間30分", 90),
            ("1h30m", 90),
            ("1 hour 30 minutes", 90),
            ("1時間半", 90),
            ("週3時間", 180),
            ("２．５時間", 150),
            ("0", 0),
            ("0時間", 0),
            ("168", 10080),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_minutes(text), Ok(Some(expected)), "'{text}' is {expected} min");
        }
    }

    #[test]
    fn minutes_no_use_answers_are_zero() {
        for text in ["なし", "none", "ない", "None"] {
            assert_eq!(parse_minutes(text), Ok(Some(0)), "'{text}' means no time");
        }
    }

    #[test]
    fn minutes_round_half_up() {
        assert_eq!(parse_minutes("0.125"), Ok(Some(8)), "7.5 minutes rounds up to 8");
        assert_eq!(parse_minutes("0.01"), Ok(Some(1)), "0.6 minutes rounds to 1");
        assert_eq!(parse_minutes("0.005"), Ok(Some(0)), "0.3 minutes rounds to 0");
        assert_eq!(parse_minutes("2.5分"), Ok(Some(3)), "2.5 minutes rounds up to 3");
    }

    #[test]
    fn an_answer_opening_with_a_wave_dash_is_an_upper_bound_not_a_minus() {
        for text in ["～2時間", "〜2時間", "~2h"] {
            let message = parse_minutes(text).unwrap_err().0;
            assert!(message.contains("is a range (up to"), "'{text}': {message}");
        }
        for text in ["～1000円", "〜3,000円", "¥~1000"] {
            let message = parse_money(text, Currency::JPY).unwrap_err().0;
            assert!(message.contains("is a range (up to"), "'{text}': {message}");
        }
        assert!(parse_money("-1000", Currency::JPY).unwrap_err().0.contains("negative"));
    }

    #[test]
    fn minutes_refuse_ranges() {
        for text in ["2〜3時間", "2-3", "2~3h", "2から3時間"] {
            assert_eq!(
                minutes_error(text),
                "is a range; give one number of hours",
                "'{text}' is a range"
            );
        }
    }

    #[test]
    fn minutes_refuse_negative_too_many_and_garbage() {
        assert!(minutes_error("-2").contains("negative"), "hours are never below zero");
        assert!(minutes_error("169").contains("168 hours"), "a week has 168 hours");
        assert!(minutes_error("10081分").contains("168 hours"), "also in minutes");
        assert_eq!(minutes_error("たくさん"), "is not a number of hours");
        assert_eq!(minutes_error("lots"), "is not a number of hours");
        assert_eq!(minutes_error("1:30"), "is not a number of hours");
        assert!(minutes_error("1日2時間").contains("per day"), "the question is per week");
        assert!(minutes_error("2 3").contains("more than one number"), "two numbers");
    }

    // --- date order

    #[test]
    fn date_order_codes_round_trip() {
        for order in [DateOrder::Ymd, DateOrder::Mdy, DateOrder::Dmy] {
            assert_eq!(DateOrder::parse(order.as_str()), Some(order), "codes round-trip");
        }
        assert_eq!(DateOrder::parse("MDY"), Some(DateOrder::Mdy), "any case");
        assert_eq!(DateOrder::parse("ydm"), None, "no such order");
    }

    #[test]
    fn date_order_is_year_first_for_japanese_google_forms() {
        let (order, why) =
            detect_date_order(["2026/11/05 9:12:33", "2026/11/06 10:01:02", ""]).unwrap();
        assert_eq!(order, DateOrder::Ymd, "dates that start with the year are year first");
        assert_eq!(why, "year first: '2026/11/05 9:12:33' starts with the year");
    }

    #[test]
    fn date_order_is_day_first_when_a_first_number_exceeds_twelve() {
        let (order, why) = detect_date_order(["5/11/2026 9:00", "13/11/2026 9:12:33"]).unwrap();
        assert_eq!(order, DateOrder::Dmy, "no month is 13");
        assert_eq!(why, "day first: '13/11/2026 9:12:33' has 13 before the month");
    }

    #[test]
    fn date_order_is_month_first_when_a_second_number_exceeds_twelve() {
        let (order, why) = detect_date_order(["11/5/2026 9:12:33", "11/13/2026 8:00"]).unwrap();
        assert_eq!(order, DateOrder::Mdy, "no month is 13");
        assert_eq!(why, "month first: '11/13/2026 8:00' has 13 after the month");
    }

    #[test]
    fn date_order_assumes_month_first_when_nothing_decides() {
        let samples = vec!["11/5/2026 9:12:33"; 12];
        let (order, why) = detect_date_order(samples).unwrap();
        assert_eq!(order, DateOrder::Mdy, "the forms' US default");
        assert_eq!(why, "month first (assumed: no day above 12 in 12 rows)");
    }

    #[test]
    fn date_order_refuses_a_file_that_contradicts_itself() {
        let err = detect_date_order(["13/11/2026 9:00", "11/5/2026 9:00", "11/13/2026 9:00"])
            .unwrap_err();
        assert!(
            err.0.contains("'13/11/2026 9:00'") && err.0.contains("'11/13/2026 9:00'"),
            "the message names the two samples that conflict: {}",
            err.0
        );
    }

    #[test]
    fn date_order_lets_day_month_dates_decide_over_year_first_ones() {
        let (order, _) = detect_date_order(["2026/11/05 9:00", "11/13/2026 9:00"]).unwrap();
        assert_eq!(order, DateOrder::Mdy, "year-first dates read the same in any order");
    }

    // --- date-times

    #[test]
    fn stamps_are_written_as_chrono_writes_them() {
        let stamps = [
            (2026, 11, 5, 9, 12, 33, 0),
            (1, 1, 1, 0, 0, 0, 0),
            (0, 12, 31, 23, 59, 59, 0),
            (999, 2, 28, 7, 5, 3, 0),
            (9999, 12, 31, 23, 59, 59, 999_999_999),
            (10000, 1, 1, 0, 0, 0, 0),
            (-1, 6, 15, 12, 30, 0, 0),
            (2016, 12, 31, 23, 59, 59, 1_500_000_000),
        ];
        for (y, mo, d, h, mi, s, nano) in stamps {
            let t = NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|date| date.and_hms_nano_opt(h, mi, s, nano))
                .expect("a valid date-time");
            assert_eq!(iso_stamp(&t), t.format("%Y-%m-%dT%H:%M:%S").to_string(), "{t:?}");
        }
    }

    #[test]
    fn datetimes_read_every_form_the_forms_write() {
        let nine = at(2026, 11, 5, 9, 12, 33);
        let cases = [
            ("2026/11/05 9:12:33", DateOrder::Ymd, nine),
            ("2026/11/5 9:12", DateOrder::Ymd, at(2026, 11, 5, 9, 12, 0)),
            ("2026-11-05 09:12:33", DateOrder::Ymd, nine),
            ("2026-11-05T09:12:33", DateOrder::Ymd, nine),
            ("2026-11-05T09:12:33Z", DateOrder::Ymd, nine),
            ("2026-11-05T09:12:33+09:00", DateOrder::Ymd, nine),
            ("2026-11-05T09:12:33-05:00", DateOrder::Mdy, nine),
            ("11/5/2026 9:12:33", DateOrder::Mdy, nine),
            ("11/5/2026 9:12:33 AM", DateOrder::Mdy, nine),
            ("11/5/2026 9:12:33 PM", DateOrder::Mdy, at(2026, 11, 5, 21, 12, 33)),
            ("11/5/2026 12:05:00 AM", DateOrder::Mdy, at(2026, 11, 5, 0, 5, 0)),
            ("11/5/2026 12:05:00 PM", DateOrder::Mdy, at(2026, 11, 5, 12, 5, 0)),
            ("11/5/2026 21:12", DateOrder::Mdy, at(2026, 11, 5, 21, 12, 0)),
            ("5/11/2026 09:12:33", DateOrder::Dmy, nine),
            ("11/5/26 9:12:33", DateOrder::Mdy, nine),
            ("2026年11月5日 9:12:33", DateOrder::Ymd, nine),
            ("2026年11月5日 9時12分", DateOrder::Ymd, at(2026, 11, 5, 9, 12, 0)),
            ("2026年11月5日 9時12分33秒", DateOrder::Ymd, nine),
            ("2026/11/05 午後9:12:33", DateOrder::Ymd, at(2026, 11, 5, 21, 12, 33)),
            // Google Forms' own CSV download, in Japan and in the US.
            ("2026/11/05 9:12:33 午前 GMT+9", DateOrder::Ymd, nine),
            ("2026/11/05 9:12:33 午後 GMT+9", DateOrder::Ymd, at(2026, 11, 5, 21, 12, 33)),
            ("2026/11/05 9:12:33 午前", DateOrder::Ymd, nine),
            ("2026/11/05 9:12:33 AM GMT+9", DateOrder::Ymd, nine),
            ("11/5/2026 9:12:33 PM GMT-5", DateOrder::Mdy, at(2026, 11, 5, 21, 12, 33)),
            ("2026/11/05 9:12:33 GMT+09:00", DateOrder::Ymd, nine),
            ("2026/11/05 午前9:12:33", DateOrder::Ymd, nine),
            ("2026/11/05", DateOrder::Ymd, at(2026, 11, 5, 0, 0, 0)),
            ("２０２６/１１/０５ ９:１２:３３", DateOrder::Ymd, nine),
            ("2026/11/05 9:12:32.6", DateOrder::Ymd, nine),
            ("46331.3835648148", DateOrder::Ymd, at(2026, 11, 5, 9, 12, 20)),
        ];
        for (text, order, expected) in cases {
            assert_eq!(parse_datetime(text, order), Ok(expected), "'{text}' in {order:?}");
        }
    }

    #[test]
    fn datetimes_blank_are_none() {
        assert_eq!(parse_datetime(" \u{3000}", DateOrder::Ymd), Ok(None), "blank is no time");
    }

    #[test]
    fn datetimes_refuse_impossible_dates_and_garbage() {
        let error = |t: &str, o| parse_datetime(t, o).unwrap_err().0;
        assert_eq!(
            error("2026/02/30 9:00", DateOrder::Ymd),
            "is not a date and time: 2026-02-30 does not exist"
        );
        assert_eq!(
            error("13/11/2026 9:00", DateOrder::Mdy),
            "is not a date and time: 13 is not a month"
        );
        assert_eq!(error("yesterday", DateOrder::Ymd), "is not a date and time");
        assert_eq!(
            error("2026/11/05 25:00", DateOrder::Ymd),
            "is not a date and time: 25 is not an hour"
        );
        assert_eq!(
            error("11/5/2026 13:00 PM", DateOrder::Mdy),
            "is not a date and time: 13 is not an hour"
        );
        assert!(error("11/5/2026 9:00", DateOrder::Ymd).contains("year first"), "wrong order");
        assert!(error("0", DateOrder::Ymd).contains("out of range"), "serial zero");
    }

    // --- Excel serials

    #[test]
    fn excel_serials_count_from_1900_with_the_fake_leap_day() {
        assert_eq!(excel_serial_to_datetime(1.0), at(1900, 1, 1, 0, 0, 0), "serial 1");
        assert_eq!(excel_serial_to_datetime(59.0), at(1900, 2, 28, 0, 0, 0), "serial 59");
        assert_eq!(excel_serial_to_datetime(60.0), None, "1900-02-29 never was");
        assert_eq!(excel_serial_to_datetime(61.0), at(1900, 3, 1, 0, 0, 0), "serial 61");
        assert_eq!(
            excel_serial_to_datetime(2_958_465.0),
            at(9999, 12, 31, 0, 0, 0),
            "the last day Excel shows"
        );
    }

    #[test]
    fn excel_serials_round_to_the_nearest_second() {
        // 0.383564814815 of a day is 33140.000000016 seconds: 09:12:20.
        assert_eq!(
            excel_serial_to_datetime(45966.383564814815),
            at(2025, 11, 5, 9, 12, 20),
            "a Forms completion time"
        );
        assert_eq!(
            excel_serial_to_datetime(45966.5 + 0.4 / 86_400.0),
            at(2025, 11, 5, 12, 0, 0),
            "0.4 s rounds down"
        );
        assert_eq!(
            excel_serial_to_datetime(45966.5 + 0.6 / 86_400.0),
            at(2025, 11, 5, 12, 0, 1),
            "0.6 s rounds up"
        );
    }

    #[test]
    fn excel_serials_out_of_range_are_none() {
        for serial in [0.0, -1.0, 2_958_466.0, f64::NAN, f64::INFINITY] {
            assert_eq!(excel_serial_to_datetime(serial), None, "{serial} is no date");
        }
    }

    // --- checkbox answers

    const TOOLS: &[&str] = &["ChatGPT", "Claude", "Microsoft Copilot", "GitHub Copilot"];

    #[test]
    fn choices_split_google_forms_commas() {
        assert_eq!(
            split_choices("ChatGPT, Claude, GitHub Copilot", TOOLS),
            ["ChatGPT", "Claude", "GitHub Copilot"],
            "Google joins with ', '"
        );
    }

    #[test]
    fn choices_split_microsoft_forms_semicolons_with_the_trailing_one() {
        assert_eq!(
            split_choices("ChatGPT;Microsoft Copilot;", TOOLS),
            ["ChatGPT", "Microsoft Copilot"],
            "Microsoft joins with ';' and ends with one; the empty part is dropped"
        );
    }

    #[test]
    fn choices_keep_a_known_label_that_contains_a_comma() {
        let known = ["Accuracy, hallucinations", "Cost", "Security"];
        assert_eq!(
            split_choices("Cost, Accuracy, hallucinations, Security", &known),
            ["Cost", "Accuracy, hallucinations", "Security"],
            "the label with a comma is one option"
        );
        assert_eq!(
            split_choices("Accuracy, hallucinations;Cost;", &known),
            ["Accuracy, hallucinations", "Cost"],
            "also in a Microsoft answer"
        );
    }

    #[test]
    fn choices_keep_other_answers_as_written() {
        assert_eq!(
            split_choices("ChatGPT, 社内GPT（試験中, 一部）, claude", TOOLS),
            ["ChatGPT", "社内GPT（試験中, 一部）", "Claude"],
            "an Other answer keeps its text, commas in its brackets do not split, \
             and a known label comes back as given"
        );
    }

    #[test]
    fn choices_split_japanese_separators_and_drop_duplicates() {
        assert_eq!(
            split_choices("ＣｈａｔＧＰＴ、Claude，chatgpt\nGitHub Copilot,Claude", TOOLS),
            ["ChatGPT", "Claude", "GitHub Copilot"],
            "、 ， , and newlines split; width and case fold; repeats go"
        );
        assert!(split_choices(" ; , ", TOOLS).is_empty(), "only separators is no choice");
    }

    // --- payment

    #[test]
    fn payment_kinds_are_read_in_japanese() {
        let cases = [
            ("会社契約", PaymentKind::Company),
            ("会社で契約", PaymentKind::Company),
            ("法人契約", PaymentKind::Company),
            ("個人契約（経費精算）", PaymentKind::Expense),
            ("経費精算", PaymentKind::Expense),
            ("立替", PaymentKind::Expense),
            ("個人負担", PaymentKind::Personal),
            ("自腹", PaymentKind::Personal),
            ("個人契約（自己負担）", PaymentKind::Personal),
            ("無料", PaymentKind::Free),
            ("無料プラン", PaymentKind::Free),
            ("わからない", PaymentKind::Other),
        ];
        for (text, kind) in cases {
            assert_eq!(parse_payment(text), Some(kind), "'{text}'");
        }
    }

    #[test]
    fn payment_kinds_are_read_in_english() {
        let cases = [
            ("Company contract", PaymentKind::Company),
            ("company plan", PaymentKind::Company),
            ("Personal plan (expensed)", PaymentKind::Expense),
            ("reimbursed", PaymentKind::Expense),
            ("Personal plan (not reimbursed)", PaymentKind::Personal),
            ("paid myself", PaymentKind::Personal),
            ("out of pocket", PaymentKind::Personal),
            ("Free plan", PaymentKind::Free),
            ("free", PaymentKind::Free),
            ("a friend pays", PaymentKind::Other),
        ];
        for (text, kind) in cases {
            assert_eq!(parse_payment(text), Some(kind), "'{text}'");
        }
        assert_eq!(parse_payment(" \u{3000}"), None, "blank is no answer");
    }

    #[test]
    fn payment_codes_round_trip() {
        use PaymentKind::*;
        for kind in [Company, Expense, Personal, Free, Other] {
            assert_eq!(PaymentKind::parse_code(kind.as_str()), Some(kind), "{kind:?}");
        }
        assert_eq!(PaymentKind::parse_code("gift"), None, "no such code");
    }

    // --- no tool

    #[test]
    fn no_tool_answers_are_recognised() {
        for text in [
            "none",
            "None",
            "使っていない",
            "利用していない",
            "なし",
            "特になし",
            "not using",
            "I don't use AI",
            "I don’t use AI.",
            "使っていない（検討中）",
        ] {
            assert!(means_no_tool(text), "'{text}' means no tool");
        }
        for text in ["ChatGPT", "Notion AI", "社内GPT"] {
            assert!(!means_no_tool(text), "'{text}' is a tool");
        }
    }

    #[test]
    fn a_none_option_is_only_a_whole_answer() {
        for text in ["None", "特になし", "なし。", "N/A"] {
            assert!(means_none(text), "'{text}' says none");
        }
        for text in ["使っていないツールの費用", "Cost", "None of the rules are clear"]
        {
            assert!(!means_none(text), "'{text}' is an option of its own");
        }
    }
}
