//! The survey the app ships, in English and Japanese: each question with
//! how it is answered and its options, as plain text to print or to copy
//! question by question into Google Forms or Microsoft Forms, and the
//! option labels the importer keeps whole when it splits a checkbox
//! answer.
//!
//! Each question's text is the first header [`super::fields`] knows the
//! field by in that language, so the export of a form made from this text
//! imports without a mapping step; a test holds the two together. The
//! tool options are names the catalogue knows; a test checks each one
//! reaches its tool. What a form made elsewhere calls its options is not
//! known here: see [`choice_labels`].

use std::path::Path;
use std::sync::OnceLock;

use super::fields::Field;
use super::SurveyError;
use crate::inventory::Lang;

/// How a question is answered in the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Filled in by the form itself (the time stamp, the e-mail address).
    ByTheForm,
    /// A short text box.
    ShortText,
    /// A long text box.
    Paragraph,
    /// One choice from a list (a drop-down or radio buttons).
    OneChoice,
    /// Any number of choices (check boxes).
    Checkboxes,
}

/// One question of the survey in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The field the importer reads the answer into.
    pub field: Field,
    /// The question's text, which becomes the export's header.
    pub text: &'static str,
    /// How it is answered.
    pub answer: Answer,
    /// Whether the respondent may leave it blank.
    pub optional: bool,
    /// The options of a choice question, in order; empty for the others.
    pub options: &'static [&'static str],
    /// A line of help for whoever builds the form, or "".
    pub note: &'static str,
}

/// English and Japanese text of one question.
struct Text {
    field: Field,
    answer: Answer,
    optional: bool,
    en: (&'static str, &'static [&'static str], &'static str),
    ja: (&'static str, &'static [&'static str], &'static str),
}

/// The survey, question by question, in the order of the form. The time
/// stamp is not a question: both services add it to every export.
const SURVEY: &[Text] = &[
    Text {
        field: Field::Email,
        answer: Answer::ByTheForm,
        optional: true,
        en: (
            "Email Address",
            &[],
            "Google Forms: Settings → Responses → Collect email addresses. \
             Microsoft Forms records it when only people in the organisation can respond. \
             Leave it out for an anonymous survey.",
        ),
        ja: (
            "メールアドレス",
            &[],
            "Google フォーム：設定 → 回答 → メールアドレスを収集する。\
             Microsoft Forms は「組織内のユーザーのみ回答可能」にすると記録します。\
             匿名アンケートにするなら省きます。",
        ),
    },
    Text {
        field: Field::Name,
        answer: Answer::ShortText,
        optional: true,
        en: ("Name", &[], "Leave it out for an anonymous survey."),
        ja: ("氏名", &[], "匿名アンケートにするなら省きます。"),
    },
    Text {
        field: Field::Department,
        answer: Answer::OneChoice,
        optional: false,
        en: ("Department", &[], "A drop-down of your company's departments."),
        ja: ("部署", &[], "選択肢は自社の部署名にします（プルダウン）。"),
    },
    Text {
        field: Field::Tools,
        answer: Answer::Checkboxes,
        optional: false,
        en: (
            "Which AI tools do you use?",
            &[
                "ChatGPT",
                "Claude",
                "Microsoft Copilot",
                "GitHub Copilot",
                "Gemini",
                "DeepL",
                "Notion AI",
                "Perplexity",
                "Cursor",
                "NotebookLM",
                "Local LLM",
                "None",
            ],
            "Turn on the \"Other\" option, so that tools not listed can be written in.",
        ),
        ja: (
            "利用しているAIツール",
            &[
                "ChatGPT",
                "Claude",
                "Microsoft Copilot",
                "GitHub Copilot",
                "Gemini",
                "DeepL",
                "Notion AI",
                "Perplexity",
                "Cursor",
                "NotebookLM",
                "ローカルLLM",
                "使っていない",
            ],
            "「その他」を有効にして、一覧にないツールも書けるようにします。",
        ),
    },
    Text {
        field: Field::Payment,
        answer: Answer::OneChoice,
        optional: false,
        en: (
            "How is it paid?",
            &[
                "Company contract",
                "Personal plan, expensed",
                "Personal plan, not expensed",
                "Free plan",
            ],
            "",
        ),
        ja: ("契約形態", &["会社契約", "個人契約（経費精算）", "個人負担", "無料プラン"], ""),
    },
    Text {
        field: Field::MonthlyCost,
        answer: Answer::ShortText,
        optional: true,
        en: (
            "Monthly cost",
            &[],
            "In yen or dollars, e.g. 3,000円, ¥3000 or $20; 0 for a free plan; \
             blank when not known.",
        ),
        ja: (
            "月額費用",
            &[],
            "円またはドルで（例：3,000円、¥3000、$20）。無料なら 0、分からなければ空欄。",
        ),
    },
    Text {
        field: Field::Tasks,
        answer: Answer::Paragraph,
        optional: true,
        en: ("Main tasks", &[], "What you use AI for, e.g. drafting e-mails, code review."),
        ja: ("主な利用業務", &[], "例：メール文面の作成、議事録の要約、コードレビュー。"),
    },
    Text {
        field: Field::UsageHoursWeek,
        answer: Answer::ShortText,
        optional: true,
        en: ("Hours per week using AI", &[], "Hours, e.g. 2.5; minutes as 30 min."),
        ja: ("週あたりの利用時間", &[], "時間で（例：2.5、約3時間）。分なら 30分 のように。"),
    },
    Text {
        field: Field::SavedHoursWeek,
        answer: Answer::ShortText,
        optional: true,
        en: ("Hours saved per week", &[], "Hours, e.g. 1.5; minutes as 30 min."),
        ja: ("週あたりの削減時間", &[], "時間で（例：1.5、約3時間）。分なら 30分 のように。"),
    },
    Text {
        field: Field::Challenges,
        answer: Answer::Checkboxes,
        optional: true,
        en: (
            "Challenges",
            &[
                "Cost",
                "Accuracy, hallucinations",
                "Data leakage",
                "Skills, training",
                "Unclear company rules",
                "Copyright",
                "None",
            ],
            "",
        ),
        ja: (
            "課題",
            &[
                "費用",
                "回答の正確性",
                "情報漏えいの不安",
                "使い方・スキル",
                "社内ルールが不明確",
                "著作権",
                "特になし",
            ],
            "",
        ),
    },
    Text {
        field: Field::Requests,
        answer: Answer::Paragraph,
        optional: true,
        en: ("Requests", &[], ""),
        ja: ("要望", &[], ""),
    },
    Text {
        field: Field::DataKinds,
        answer: Answer::Checkboxes,
        optional: true,
        en: (
            "What data do you enter?",
            &[
                "Public information",
                "Internal information",
                "Confidential information",
                "Customer information",
                "Personal information",
                "Financial data",
                "Source code",
                "None",
            ],
            "",
        ),
        ja: (
            "入力するデータの種類",
            &[
                "公開情報",
                "社内情報",
                "機密情報",
                "顧客情報",
                "個人情報",
                "財務データ",
                "ソースコード",
                "特になし",
            ],
            "",
        ),
    },
];

/// The survey's questions in `lang`, in the order of the form.
pub fn questions(lang: Lang) -> Vec<Question> {
    SURVEY
        .iter()
        .map(|q| {
            let (text, options, note) = match lang {
                Lang::En => q.en,
                Lang::Ja => q.ja,
            };
            Question { field: q.field, text, answer: q.answer, optional: q.optional, options, note }
        })
        .collect()
}

/// The options of the challenges and data-kinds questions in both
/// languages, which the importer keeps whole when it splits an answer, so
/// that "Accuracy, hallucinations" stays one option.
///
/// Known shortcoming: a form built with options of its own is read with
/// these labels only, so its own option whose label holds ", " or ";" is
/// counted as two; the mapping step does not ask for a form's options.
pub fn choice_labels() -> &'static [&'static str] {
    static LABELS: OnceLock<Vec<&'static str>> = OnceLock::new();
    LABELS.get_or_init(|| {
        SURVEY
            .iter()
            .filter(|q| matches!(q.field, Field::Challenges | Field::DataKinds))
            .flat_map(|q| q.en.1.iter().chain(q.ja.1))
            .copied()
            .collect()
    })
}

/// The survey as plain text in `lang`: a title, how to use it, and each
/// question numbered with its kind, options and note.
pub fn text(lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };

    if ja {
        line("AI活用状況アンケート");
        line("");
        line(
            "Google フォームまたは Microsoft Forms で、次の質問をこの文面のまま作成してください。",
        );
        line("質問文を変えなければ、回答のエクスポート（CSV・Excel）は AI Oversight にそのまま読み込めます。");
        line("回答日時（タイムスタンプ）はフォームが自動で記録します。");
    } else {
        line("AI usage survey");
        line("");
        line("Create these questions in Google Forms or Microsoft Forms with this wording.");
        line("With the wording unchanged, AI Oversight imports the responses export (CSV or");
        line("Excel) without asking which column is which. The form adds the time stamp itself.");
    }

    for (n, q) in questions(lang).iter().enumerate() {
        line("");
        let kind = answer_label(q.answer, ja);
        let optional = match (q.optional, ja) {
            (false, _) => "",
            (true, true) => "・任意",
            (true, false) => ", optional",
        };
        line(&if ja {
            format!("{}. {}（{kind}{optional}）", n + 1, q.text)
        } else {
            format!("{}. {} ({kind}{optional})", n + 1, q.text)
        });
        for option in q.options {
            line(&format!("   - {option}"));
        }
        if !q.note.is_empty() {
            line(&format!("   {}", q.note));
        }
    }
    out
}

/// Writes [`text`] in `lang` to `path`, in UTF-8 with a byte-order mark
/// so that Notepad on Japanese Windows does not take it for CP932.
pub fn save(lang: Lang, path: &Path) -> Result<(), SurveyError> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(text(lang).as_bytes());
    std::fs::write(path, bytes)
        .map_err(|source| SurveyError::Io { file: path.display().to_string(), source })
}

fn answer_label(answer: Answer, ja: bool) -> &'static str {
    match (answer, ja) {
        (Answer::ByTheForm, false) => "recorded by the form",
        (Answer::ByTheForm, true) => "フォームが記録",
        (Answer::ShortText, false) => "short answer",
        (Answer::ShortText, true) => "記述式",
        (Answer::Paragraph, false) => "paragraph",
        (Answer::Paragraph, true) => "段落",
        (Answer::OneChoice, false) => "one choice",
        (Answer::OneChoice, true) => "ラジオボタンまたはプルダウン",
        (Answer::Checkboxes, false) => "check boxes",
        (Answer::Checkboxes, true) => "チェックボックス",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::fields::{recognise, ALL};
    use crate::survey::values::{self, PaymentKind};

    #[test]
    fn every_field_but_the_time_stamp_is_asked_in_both_languages() {
        for lang in [Lang::En, Lang::Ja] {
            let asked: Vec<Field> = questions(lang).iter().map(|q| q.field).collect();
            let expected: Vec<Field> =
                ALL.iter().copied().filter(|&f| f != Field::SubmittedAt).collect();
            assert_eq!(asked, expected, "the form asks every field once, in the survey's order");
        }
    }

    #[test]
    fn a_form_made_from_the_text_imports_without_a_mapping() {
        for (lang, stamp) in [(Lang::En, "Timestamp"), (Lang::Ja, "タイムスタンプ")] {
            let mut headers = vec![stamp.to_string()];
            headers.extend(questions(lang).iter().map(|q| q.text.to_string()));
            let mapping = recognise(&headers);
            for field in ALL {
                assert!(
                    mapping.contains_key(&field),
                    "{field} is recognised from the {lang:?} form's headers {headers:?}"
                );
            }
        }
    }

    #[test]
    fn the_payment_options_read_as_the_kinds_they_name() {
        let kinds =
            [PaymentKind::Company, PaymentKind::Expense, PaymentKind::Personal, PaymentKind::Free];
        for lang in [Lang::En, Lang::Ja] {
            let q = questions(lang).into_iter().find(|q| q.field == Field::Payment).unwrap();
            let read: Vec<Option<PaymentKind>> =
                q.options.iter().map(|o| values::parse_payment(o)).collect();
            let expected: Vec<Option<PaymentKind>> = kinds.iter().copied().map(Some).collect();
            assert_eq!(read, expected, "{lang:?} options {:?}", q.options);
        }
    }

    #[test]
    fn checked_options_with_commas_stay_one_option() {
        let google = "Cost, Accuracy, hallucinations, Skills, training";
        assert_eq!(
            values::split_choices(google, choice_labels()),
            ["Cost", "Accuracy, hallucinations", "Skills, training"],
            "the shipped labels are kept whole in a Google Forms answer"
        );
        let microsoft = "Accuracy, hallucinations;Data leakage;";
        assert_eq!(
            values::split_choices(microsoft, choice_labels()),
            ["Accuracy, hallucinations", "Data leakage"],
            "and in a Microsoft Forms answer"
        );
    }

    #[test]
    fn the_text_lists_each_question_with_its_options() {
        let ja = text(Lang::Ja);
        assert!(ja.contains("4. 利用しているAIツール（チェックボックス）"), "{ja}");
        assert!(ja.contains("   - 個人契約（経費精算）"), "{ja}");
        let en = text(Lang::En);
        assert!(en.contains("10. Challenges (check boxes, optional)"), "{en}");
        assert!(en.contains("   - Accuracy, hallucinations"), "{en}");
        assert!(!en.contains("タイムスタンプ"), "the English text is English");
    }
}
