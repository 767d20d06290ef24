//! Small fixtures built in the tests (workbooks with rust_xlsxwriter), with values chosen so the expected
//! results can be worked out by hand; the hand calculations sit beside the values.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// (year, month, day), [ssi, brand, people, insights, relationships], industry rank text, network rank.
type Snapshot = ((u16, u8, u8), [f64; 5], &'static str, f64);

fn date(y: u16, m: u8, d: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(y, m, d).unwrap()
}

/// One person's tracker ("Dana Scully.xlsx"): no person column, a title row above the header, dates as
/// Excel date cells, industry rank as "Top N%" text, network rank as fractions (0.06 = top 6%), an
/// "Average" row, one row with a component above 25, and a weekly activity sheet.
///
/// Snapshots (date: ssi, brand, people, insights, relationships, industry, network):
///   2025-08-25: 50, 12.00, 13.00, 12.50, 12.50, Top 9%, 0.09
///   2025-09-08: 52, 12.40, 13.20, 13.10, 13.30, Top 8%, 0.07
///   2025-09-29: 54, 12.80, 13.50, 13.60, 14.10, Top 7%, 0.06   <- last on or before 2025-09-30
///   2025-10-13: 55, 13.05, 13.60, 13.95, 14.40, Top 6%, 0.05
///   2025-10-20: 56, 26.00, ...                                 <- rejected: brand above 25
///   2025-10-27: 57, 13.50, 14.20, 14.60, 14.70, Top 5%, 0.04   <- last on or before 2025-10-31
///   2025-11-03: 58, 13.70, 14.30, 14.90, 15.10, Top 5%, 0.04
/// October 2025 against September: ssi 57 - 54 = +3; brand 13.50 - 12.80 = +0.70; people 14.20 - 13.50
/// = +0.70; insights 14.60 - 13.60 = +1.00; relationships 14.70 - 14.10 = +0.60; industry 5 - 7 = -2;
/// network 4 - 6 = -2. Weakest at October's end: brand (13.50 < 14.20 < 14.60 < 14.70).
/// Activity (week starting: posts, comments): Sep 1, 8, 15, 22, 29: posts 1, 0, 2, 1, 1, comments
/// 3, 4, 5, 2, 6; Oct 6, 13, 20, 27: posts 2, 1, 3, 0, comments 5, 5, 5, 5; Nov 3: 4, 1. Split by
/// days, the week of Sep 29 has 2 days in September and 5 in October, the week of Oct 27 5 in October:
/// October posts 1 x 5/7 + 2 + 1 + 3 + 0 x 5/7 = 6.71, comments 6 x 5/7 + 15 + 5 x 5/7 = 22.86;
/// September posts 1 + 0 + 2 + 1 + 1 x 2/7 = 4.29, comments 14 + 6 x 2/7 = 15.71. For the targets a
/// week counts in the month of its date: October posts 6 in 4 weeks (1.50 a week), comments 20 in 4.
pub fn dana_tracker() -> Vec<u8> {
    let mut wb = Workbook::new();
    let fmt = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet().set_name("SSI").unwrap();
    ws.write_string(0, 0, "Dana's SSI log").unwrap();
    let headers = [
        "Date",
        "Total SSI",
        "Establish your professional brand",
        "Find the right people",
        "Engage with insights",
        "Build relationships",
        "Industry SSI rank",
        "Network SSI rank",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows: [Snapshot; 7] = [
        (
            (2025, 8, 25),
            [50.0, 12.00, 13.00, 12.50, 12.50],
            "Top 9%",
            0.09,
        ),
        (
            (2025, 9, 8),
            [52.0, 12.40, 13.20, 13.10, 13.30],
            "Top 8%",
            0.07,
        ),
        (
            (2025, 9, 29),
            [54.0, 12.80, 13.50, 13.60, 14.10],
            "Top 7%",
            0.06,
        ),
        (
            (2025, 10, 13),
            [55.0, 13.05, 13.60, 13.95, 14.40],
            "Top 6%",
            0.05,
        ),
        (
            (2025, 10, 20),
            [56.0, 26.00, 10.00, 10.00, 10.00],
            "Top 6%",
            0.05,
        ),
        (
            (2025, 10, 27),
            [57.0, 13.50, 14.20, 14.60, 14.70],
            "Top 5%",
            0.04,
        ),
        (
            (2025, 11, 3),
            [58.0, 13.70, 14.30, 14.90, 15.10],
            "Top 5%",
            0.04,
        ),
    ];
    for (i, ((y, m, d), v, industry, network)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_datetime_with_format(r, 0, date(*y, *m, *d), &fmt)
            .unwrap();
        for (k, x) in v.iter().enumerate() {
            ws.write_number(r, 1 + k as u16, *x).unwrap();
        }
        ws.write_string(r, 6, *industry).unwrap();
        ws.write_number(r, 7, *network).unwrap();
    }
    ws.write_string(10, 0, "Average").unwrap();
    ws.write_number(10, 1, 54.57).unwrap();

    let act = wb.add_worksheet().set_name("Activity").unwrap();
    for (c, h) in ["Week starting", "Posts", "Comments"].iter().enumerate() {
        act.write_string(0, c as u16, *h).unwrap();
    }
    let weeks: [((u16, u8, u8), f64, f64); 10] = [
        ((2025, 9, 1), 1.0, 3.0),
        ((2025, 9, 8), 0.0, 4.0),
        ((2025, 9, 15), 2.0, 5.0),
        ((2025, 9, 22), 1.0, 2.0),
        ((2025, 9, 29), 1.0, 6.0),
        ((2025, 10, 6), 2.0, 5.0),
        ((2025, 10, 13), 1.0, 5.0),
        ((2025, 10, 20), 3.0, 5.0),
        ((2025, 10, 27), 0.0, 5.0),
        ((2025, 11, 3), 4.0, 1.0),
    ];
    for (i, ((y, m, d), posts, comments)) in weeks.iter().enumerate() {
        let r = 1 + i as u32;
        act.write_datetime_with_format(r, 0, date(*y, *m, *d), &fmt)
            .unwrap();
        act.write_number(r, 1, *posts).unwrap();
        act.write_number(r, 2, *comments).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// A coach's workbook with one sheet per client (no person column) and a notes sheet:
/// Ann: 2025-09-29 SSI 50, 2025-10-27 SSI 53; Bob: 2025-10-06 SSI 61, 2025-10-20 SSI 64.
pub fn sheet_per_person() -> Vec<u8> {
    let mut wb = Workbook::new();
    let fmt = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in [
        ("Ann", [((2025, 9, 29), 50.0), ((2025, 10, 27), 53.0)]),
        ("Bob", [((2025, 10, 6), 61.0), ((2025, 10, 20), 64.0)]),
    ] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        ws.write_string(0, 0, "Date").unwrap();
        ws.write_string(0, 1, "SSI").unwrap();
        for (i, ((y, m, d), ssi)) in rows.iter().enumerate() {
            ws.write_datetime_with_format(1 + i as u32, 0, date(*y, *m, *d), &fmt)
                .unwrap();
            ws.write_number(1 + i as u32, 1, *ssi).unwrap();
        }
    }
    let notes = wb.add_worksheet().set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Clients are billed monthly.")
        .unwrap();
    wb.save_to_buffer().unwrap()
}

/// A team CSV with a person column, ranks written as "2%", 2 and "Top 3%", and a name full of markdown
/// and HTML characters.
pub const TEAM_CSV: &str = "\
Name,Date,SSI,Industry rank,Network rank
Ann,2025-10-06,60,2%,Top 3%
Ann,2025-10-27,62,2,3
A|B *x* <b>,2025-10-06,40,10%,12%
A|B *x* <b>,2025-10-27,41,9%,11%
";

/// A synthetic LinkedIn data export for Alex Morgan, faithful to the formats in the domain notes:
/// member-id suffix on Shares, newlines inside a quoted field, backslash-escaped quotes in Comments, the
/// Notes preamble in Connections, "M/D/YY, H:MM AM" dates in Invitations, UTC stamps in messages, and a
/// SearchQueries file holding one "No ... found" line.
/// Daily counts by hand:
///   2025-10-06: posts 2, comments 3, reactions 2, requests sent 2, connections 1, messages sent 1, received 1
///   2025-10-07: comments 1, reactions 1 (a vote), invitations received 1
///   2025-10-08: posts 1, connections 1, messages sent 1
pub const LINKEDIN_EXPORT: [(&str, &str); 9] = [
    (
        "Profile.csv",
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n\
         Alex,Morgan,,,,Head of Sales,,Software Development,,\"Lisbon, Portugal\",,,\n",
    ),
    (
        "Shares_17529409.csv",
        "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n\
         2025-10-06 08:01:02,https://www.linkedin.com/feed/update/1,\"Three things I learned:\n\n1. listen\n2. ask\",,,MEMBER_NETWORK\n\
         2025-10-06 17:30:00,https://www.linkedin.com/feed/update/2,Short one,,,MEMBER_NETWORK\n\
         2025-10-08 09:15:44,https://www.linkedin.com/feed/update/3,\"Hiring, again\",,,MEMBER_NETWORK\n",
    ),
    (
        "Comments.csv",
        "Date,Link,Message\n\
         2025-10-06 10:00:00,https://l/1,Great point\n\
         2025-10-06 11:00:00,https://l/2,\"She said \\\"ship it\\\", so we did\"\n\
         2025-10-06 12:00:00,https://l/3,Agreed\n\
         2025-10-07 09:00:00,https://l/4,Thanks for sharing\n",
    ),
    (
        "Reactions.csv",
        "Date,Type,Link\n2025-10-06 23:04:46,LIKE,https://l/5\n2025-10-06 23:05:00,PRAISE,https://l/6\n",
    ),
    ("Votes.csv", "Date,Link,OptionText\n2025-10-07 08:00:00,https://l/7,Yes\n"),
    (
        "Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
         Alex Morgan,Ana Lima,\"10/6/25, 8:41 AM\",,OUTGOING,https://a,https://b\n\
         Alex Morgan,Bo Chen,\"10/6/25, 9:02 AM\",Hi Bo,OUTGOING,https://a,https://c\n\
         Cy Diaz,Alex Morgan,\"10/7/25, 9:00 PM\",,INCOMING,https://d,https://a\n",
    ),
    (
        "Connections.csv",
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n\
         First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ana,Lima,https://b,,Acme,CTO,06 Oct 2025\n\
         Bo,Chen,https://c,,Beta,VP Sales,08 Oct 2025\n",
    ),
    (
        "messages.csv",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
         c1,,Alex Morgan,https://a,Ana Lima,https://b,2025-10-06 20:00:00 UTC,,Hi Ana,INBOX\n\
         c1,,Ana Lima,https://b,Alex Morgan,https://a,2025-10-06 21:00:00 UTC,,Hello!,INBOX\n\
         c2,,Alex Morgan,https://a,Bo Chen,https://c,2025-10-08 07:00:00 UTC,,\"Bo, thanks\",INBOX\n",
    ),
    ("SearchQueries.csv", "No search queries found\n"),
];

/// The export as a ZIP archive (stored, like LinkedIn's own).
pub fn linkedin_export_zip() -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in LINKEDIN_EXPORT {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A LinkedIn creator analytics export in the 2026 format (numbers stored as text, "< 1%" percentages),
/// for Jane Doe, October 6-8 2025. By hand: impressions 1,204 + 980 + 2,311 = 4,495; engagements
/// 37 + 12 + 85 = 134; new followers 4 + 2 + 9 = 15.
pub fn creator_analytics() -> Vec<u8> {
    let mut wb = Workbook::new();
    let d = wb.add_worksheet().set_name("DISCOVERY").unwrap();
    d.write_string(0, 0, "Overall Performance").unwrap();
    d.write_string(0, 1, "10/1/2025 - 10/8/2025").unwrap();
    d.write_string(1, 0, "Impressions").unwrap();
    d.write_string(1, 1, "4,495").unwrap();
    d.write_string(2, 0, "Members reached").unwrap();
    d.write_string(2, 1, "2,110").unwrap();
    let e = wb.add_worksheet().set_name("ENGAGEMENT").unwrap();
    for (r, row) in [
        ["Date", "Impressions", "Engagements"],
        ["10/6/2025", "1,204", "37"],
        ["10/7/2025", "980", "12"],
        ["10/8/2025", "2,311", "85"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            e.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let t = wb.add_worksheet().set_name("TOP POSTS").unwrap();
    t.write_string(
        0,
        0,
        "Maximum of 50 posts available to include in this list",
    )
    .unwrap();
    for (c, h) in [
        "Post URL",
        "Post publish date",
        "Engagements",
        "",
        "Post URL",
        "Post publish date",
        "Impressions",
    ]
    .iter()
    .enumerate()
    {
        if !h.is_empty() {
            t.write_string(2, c as u16, *h).unwrap();
        }
    }
    for (c, v) in [
        "https://p/1",
        "10/6/2025",
        "40",
        "",
        "https://p/1",
        "10/6/2025",
        "1,500",
    ]
    .iter()
    .enumerate()
    {
        if !v.is_empty() {
            t.write_string(3, c as u16, *v).unwrap();
        }
    }
    let f = wb.add_worksheet().set_name("FOLLOWERS").unwrap();
    f.write_string(0, 0, "Total followers on 10/8/2025:")
        .unwrap();
    f.write_string(0, 1, "1,532").unwrap();
    for (r, row) in [
        ["Date", "New followers"],
        ["10/6/2025", "4"],
        ["10/7/2025", "2"],
        ["10/8/2025", "9"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            f.write_string(2 + r as u32, c as u16, *v).unwrap();
        }
    }
    let g = wb.add_worksheet().set_name("DEMOGRAPHICS").unwrap();
    for (r, row) in [
        ["Top Demographics", "Value", "Percentage"],
        ["Job titles", "Account Executive", "< 1%"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            g.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

pub const GERMAN_CSV: &str = "Datum,Punkte,Marke,Beiträge,\"Kaffee \"\"chats\"\"\"\n\
                      2025-09-29,52,12,1,3\n\
                      2025-10-27,55,13,2,1\n";

pub const AMBIGUOUS_CSV: &str = "Date;SSI\n05/10/2025;50\n06/10/2025;52\n07/11/2025;53\n";

/// Snapshots on 29/09/2025 and 27/10/2025 (29 > 12 settles day-first).
/// Changes by hand: ssi 57 - 52 = 5; brand 13,5 - 12,4 = 1.1; people 14,2 - 13,2 = 1.0;
/// insights 14,6 - 13,1 = 1.5; relationships 14,7 - 13,3 = 1.4; industry 5 - 8 = -3; network 9 - 10 = -1.
pub const PORTUGUESE_CSV: &str = "\
Data;Social Selling Index atual;Estabelecer sua marca profissional;Localizar as pessoas certas;Interagir oferecendo insights;Criar relacionamentos;Classificação SSI do setor;Classificação SSI da rede
29/09/2025;52 de 100;12,4;13,2;13,1;13,3;Primeiros 8%;Primeiros 10%
27/10/2025;57 de 100;13,5;14,2;14,6;14,7;Primeiros 5%;Primeiros 9%
";

/// A scraper's long layout in Portuguese: `;`, decimal commas, "55 de 100", "Primeiros 6%", day-first
/// dates. By hand: October 29 against September 29: ssi 55 - 52 = 3, brand 13,0 - 12,4 = 0.6,
/// people 14,0 - 13,2 = 0.8, insights 13,5 - 13,1 = 0.4, relationships 14,5 - 13,3 = 1.2,
/// industry 6 - 8 = -2; posts in October 3. "Cafés com clientes" is not a known metric: rejected.
pub const LONG_LAYOUT_CSV: &str = "\
Pessoa;Data;Métrica;Valor
Ana;29/09/2025;Social Selling Index atual;52 de 100
Ana;29/09/2025;Estabelecer sua marca profissional;12,4
Ana;29/09/2025;Localizar as pessoas certas;13,2
Ana;29/09/2025;Interagir oferecendo insights;13,1
Ana;29/09/2025;Criar relacionamentos;13,3
Ana;29/09/2025;Classificação SSI do setor;Primeiros 8%
Ana;29/10/2025;Social Selling Index atual;55 de 100
Ana;29/10/2025;Estabelecer sua marca profissional;13,0
Ana;29/10/2025;Localizar as pessoas certas;14,0
Ana;29/10/2025;Interagir oferecendo insights;13,5
Ana;29/10/2025;Criar relacionamentos;14,5
Ana;29/10/2025;Classificação SSI do setor;Primeiros 6%
Ana;29/10/2025;Publicações;3
Ana;29/10/2025;Cafés com clientes;2
";

/// Every fixture file under tests/fixtures/ that these builders make: (relative path, bytes). Workbooks are
/// compared by cell values (their creation time differs), the rest byte for byte.
pub fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "csv/german_headers_unmapped.csv",
            GERMAN_CSV.as_bytes().to_vec(),
        ),
        (
            "csv/ambiguous_day_month.csv",
            AMBIGUOUS_CSV.as_bytes().to_vec(),
        ),
        (
            "csv/portuguese_labels_windows1252.csv",
            encoding_rs::WINDOWS_1252
                .encode(PORTUGUESE_CSV)
                .0
                .into_owned(),
        ),
        (
            "csv/long_layout_portuguese.csv",
            LONG_LAYOUT_CSV.as_bytes().to_vec(),
        ),
        (
            "csv/team_names_and_rank_spellings.csv",
            TEAM_CSV.as_bytes().to_vec(),
        ),
        ("workbooks/dana_tracker.xlsx", dana_tracker()),
        (
            "workbooks/clients_sheet_per_person.xlsx",
            sheet_per_person(),
        ),
        (
            "workbooks/AggregateAnalytics_Jane_Doe_2025-10-01_2025-10-08.xlsx",
            creator_analytics(),
        ),
        (
            "linkedin/Basic_LinkedInDataExport_10-09-2025.zip",
            linkedin_export_zip(),
        ),
    ]
}
