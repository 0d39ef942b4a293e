//! The survey's questions (fields) and how file headers are matched to
//! them.
//!
//! A header is recognised when, folded (NFKC, case, width, bracketed
//! notes), it equals one of the field's known headers in English or
//! Japanese, or starts with one of them. Microsoft Forms' own columns
//! (`ID`, `Start time`, `Completion time`, `Email`, `Name`) are known too.
//! Any other header can be mapped by the user.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::values::fold;

/// A question of the survey that the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// When the response was submitted.
    SubmittedAt,
    /// The respondent's e-mail address (personal, optional).
    Email,
    /// The respondent's name (personal, optional).
    Name,
    /// The respondent's department.
    Department,
    /// The AI tools they use (several choices).
    Tools,
    /// How the tools are paid.
    Payment,
    /// What they cost a month.
    MonthlyCost,
    /// The main tasks they use AI for.
    Tasks,
    /// Hours a week spent using AI.
    UsageHoursWeek,
    /// Hours a week AI saves them.
    SavedHoursWeek,
    /// What they find hard (several choices).
    Challenges,
    /// Free-text requests.
    Requests,
    /// The kinds of data they enter (several choices).
    DataKinds,
}

/// Every field, in the order of the survey.
pub const ALL: [Field; 13] = [
    Field::SubmittedAt,
    Field::Email,
    Field::Name,
    Field::Department,
    Field::Tools,
    Field::Payment,
    Field::MonthlyCost,
    Field::Tasks,
    Field::UsageHoursWeek,
    Field::SavedHoursWeek,
    Field::Challenges,
    Field::Requests,
    Field::DataKinds,
];

impl Field {
    /// The field's name in mappings, JSON and `--map`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::SubmittedAt => "submitted_at",
            Field::Email => "email",
            Field::Name => "name",
            Field::Department => "department",
            Field::Tools => "tools",
            Field::Payment => "payment",
            Field::MonthlyCost => "monthly_cost",
            Field::Tasks => "tasks",
            Field::UsageHoursWeek => "usage_hours_week",
            Field::SavedHoursWeek => "saved_hours_week",
            Field::Challenges => "challenges",
            Field::Requests => "requests",
            Field::DataKinds => "data_kinds",
        }
    }

    /// Headers this field is known by, English then Japanese; the first
    /// two are the survey's own wording.
    fn known_headers(self) -> &'static [&'static str] {
        match self {
            Field::SubmittedAt => &[
                "Timestamp",
                "タイムスタンプ",
                "Completion time",
                "完了時刻",
                "Submitted at",
                "Submission time",
                "回答日時",
                "送信日時",
                "提出日時",
            ],
            Field::Email => &["Email Address", "メールアドレス", "Email", "E-mail", "メール"],
            Field::Name => &["Name", "氏名", "お名前", "名前", "Full name"],
            Field::Department => {
                &["Department", "部署", "部署名", "所属部署", "所属", "部門", "Dept"]
            }
            Field::Tools => &[
                "Which AI tools do you use?",
                "利用しているAIツール",
                "AI tools",
                "使用しているAIツール",
                "利用ツール",
                "Tools",
            ],
            Field::Payment => {
                &["How is it paid?", "契約形態", "Payment", "支払い方法", "支払方法", "費用負担"]
            }
            Field::MonthlyCost => &["Monthly cost", "月額費用", "月額", "Cost per month", "費用"],
            Field::Tasks => &["Main tasks", "主な利用業務", "利用業務", "Tasks", "用途"],
            Field::UsageHoursWeek => &[
                "Hours per week using AI",
                "週あたりの利用時間",
                "Usage hours per week",
                "利用時間",
            ],
            Field::SavedHoursWeek => &[
                "Hours saved per week",
                "週あたりの削減時間",
                "Time saved per week",
                "削減時間",
                "短縮時間",
            ],
            Field::Challenges => &["Challenges", "課題", "困っていること", "Issues"],
            Field::Requests => &["Requests", "要望", "ご要望", "その他ご意見"],
            Field::DataKinds => {
                &["What data do you enter?", "入力するデータの種類", "Data entered", "入力データ"]
            }
        }
    }
}

impl FromStr for Field {
    type Err = String;
    fn from_str(s: &str) -> Result<Field, String> {
        ALL.into_iter().find(|f| f.as_str() == s.trim()).ok_or_else(|| {
            let names: Vec<&str> = ALL.iter().map(|f| f.as_str()).collect();
            format!("'{s}' is not a survey field (fields: {})", names.join(", "))
        })
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which header each field is read from: field → header text.
pub type Mapping = BTreeMap<Field, String>;

/// Recognises the survey's headers in `headers`. Each field takes the
/// first header that names it exactly; then, for fields still unmatched,
/// the first unused header that starts with a known header.
pub fn recognise(headers: &[String]) -> Mapping {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut mapping = Mapping::new();
    let mut used = vec![false; headers.len()];
    for exact in [true, false] {
        for field in ALL {
            if mapping.contains_key(&field) {
                continue;
            }
            let hit = folded.iter().enumerate().find(|(i, h)| {
                !used[*i]
                    && field.known_headers().iter().any(|k| {
                        let k = fold(k);
                        if exact {
                            **h == k
                        } else {
                            k.chars().count() >= 4 && h.starts_with(&k)
                        }
                    })
            });
            if let Some((i, _)) = hit {
                used[i] = true;
                mapping.insert(field, headers[i].clone());
            }
        }
    }
    mapping
}

/// A key for a form: the folded headers, hashed, so the mapping a user
/// chose is offered again for the next export of the same form.
pub fn form_key(headers: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for header in headers {
        h.update(fold(header).as_bytes());
        h.update([0x1f]);
    }
    hex(&h.finalize()[..16])
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(hs: &[&str]) -> Vec<String> {
        hs.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn japanese_google_headers_with_notes_are_recognised() {
        let m = recognise(&headers(&[
            "タイムスタンプ",
            "部署",
            "利用しているＡＩツール（複数選択可）",
            "週あたりの削減時間（時間）",
        ]));
        assert_eq!(
            m.get(&Field::Tools).map(String::as_str),
            Some("利用しているＡＩツール（複数選択可）")
        );
        assert_eq!(
            m.get(&Field::SavedHoursWeek).map(String::as_str),
            Some("週あたりの削減時間（時間）")
        );
        assert_eq!(m.len(), 4, "every header found its field: {m:?}");
    }

    #[test]
    fn microsoft_forms_completion_time_is_the_timestamp_not_start_time() {
        let m = recognise(&headers(&["ID", "Start time", "Completion time", "Email", "Name"]));
        assert_eq!(m.get(&Field::SubmittedAt).map(String::as_str), Some("Completion time"));
        assert_eq!(m.get(&Field::Email).map(String::as_str), Some("Email"));
    }

    #[test]
    fn unknown_headers_are_left_for_the_user_to_map() {
        let m = recognise(&headers(&["好きな食べ物", "Q7"]));
        assert!(m.is_empty(), "nothing is guessed: {m:?}");
    }
}
