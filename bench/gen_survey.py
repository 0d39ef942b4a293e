#!/usr/bin/env python3
"""Writes a large Japanese Google Forms survey export for the benchmarks.

    python3 bench/gen_survey.py ROWS OUT.csv

The rows are deterministic (a fixed seed), in UTF-8 as Google Forms
downloads them, with the answers written in the many ways people write
them: yen and dollars, full-width digits, hours in words, a few unreadable
values, and some respondents who answered twice.
"""
import csv
import random
import sys

HEADERS = [
    "タイムスタンプ", "メールアドレス", "氏名", "部署", "利用しているAIツール（複数選択可）",
    "契約形態", "月額費用", "主な利用業務", "週あたりの利用時間", "週あたりの削減時間",
    "課題（複数選択可）", "要望", "入力するデータの種類（複数選択可）",
]
DEPTS = ["営業部", "経理部", "人事部", "情報システム部", "マーケティング部", "総務部",
         "法務部", "製造部", "品質保証部", "経営企画部"]
TOOLS = ["ChatGPT", "Claude", "Microsoft Copilot", "GitHub Copilot", "Gemini", "DeepL",
         "Notion AI", "GPT Plus", "チャットGPT", "社内GPT"]
PAY = ["会社契約", "個人契約（経費精算）", "個人負担", "無料プラン"]
COST = ["3000", "¥3,000", "￥4,500", "3,000円", "$20", "20ドル", "３，０００円", "無料", "", "$19"]
HOURS = ["2.5", "２", "約3時間", "30分", "1時間30分", "4", "", "1"]
CHALLENGES = ["費用", "精度", "セキュリティ", "スキル"]
DATA = ["公開情報", "社内情報", "顧客情報", "個人情報"]


def main() -> None:
    rows, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(20261204)
    people = max(1, rows * 9 // 10)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADERS)
        for i in range(rows):
            who = rnd.randrange(people)
            day, sec = 1 + i * 28 // rows, rnd.randrange(86400)
            w.writerow([
                f"2026/11/{day:02d} {sec // 3600}:{sec // 60 % 60:02d}:{sec % 60:02d}",
                f"user{who}@example.co.jp",
                f"社員 {who}",
                DEPTS[who % len(DEPTS)],
                ", ".join(rnd.sample(TOOLS, rnd.randint(1, 3))),
                rnd.choice(PAY),
                rnd.choice(COST) if i % 997 else "¥3,000円円",
                "議事録の要約, メール文面",
                rnd.choice(HOURS),
                rnd.choice(HOURS) if i % 991 else "たくさん",
                ", ".join(rnd.sample(CHALLENGES, rnd.randint(0, 2))),
                "研修を増やしてほしい" if i % 7 == 0 else "",
                ", ".join(rnd.sample(DATA, rnd.randint(1, 2))),
            ])


if __name__ == "__main__":
    main()
