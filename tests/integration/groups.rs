//! Groups inside a team: a group column in the rows, a separate roster, a person moving group, and the
//! Groups section's figures worked by hand.

use crate::workdir::Workdir;

/// A team tracker with a Team column in its rows (the shape of a per-row group column: public sales
/// trackers such as mladjabiznis1-source/sales-tracker `sales_data_template.csv`, "Date,Role,...").
/// Components are a quarter of SSI each. East: Ann 60 -> 64, Bob 50 -> 51, Cy 70 -> 70. West: Dee
/// 40 -> 45, and Eve 55 -> 53, who was in East on 29 September and is in West on 27 October.
fn team_csv() -> String {
    let mut csv = String::from("Name,Date,Team,SSI,Brand,People,Insights,Relationships\n");
    for (name, team_before, team_now, before, now) in [
        ("Ann", "East", "East", 60.0, 64.0),
        ("Bob", "East", "East", 50.0, 51.0),
        ("Cy", "East", "East", 70.0, 70.0),
        ("Dee", "West", "West", 40.0, 45.0),
        ("Eve", "East", "West", 55.0, 53.0),
    ] {
        for (date, team, ssi) in [
            ("2025-09-29", team_before, before),
            ("2025-10-27", team_now, now),
        ] {
            let c = ssi / 4.0;
            csv.push_str(&format!("{name},{date},{team},{ssi},{c},{c},{c},{c}\n"));
        }
    }
    csv
}

/// The `key` of each object in a JSON array (names of people, persons of moves, reports of an index).
fn each<'a>(array: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[key].as_str().unwrap())
        .collect()
}

/// Rows withdrawn as conflicting duplicates name no group, and rows of one date naming two groups make
/// no moves back and forth.
#[test]
fn only_used_rows_name_groups() {
    let wd = Workdir::new();
    let mut csv = team_csv();
    // Bob's two conflicting rows of 13 October (different SSI) are both rejected, and with them the
    // team North they name.
    csv.push_str(
        "Bob,2025-10-13,North,52,13,13,13,13\nBob,2025-10-13,North,58,14.5,14.5,14.5,14.5\n",
    );
    wd.write("team.csv", csv);
    wd.command()
        .args(["report", "team.csv", "--out", "out"])
        .assert()
        .success();
    let g = &wd.json("out/2025-10/summary.json")["groups"];
    let bob = g["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Bob")
        .unwrap();
    assert_eq!(bob["group"], "East");
    assert_eq!(g["moves"].as_array().unwrap().len(), 1, "{g}");
}

#[test]
fn the_groups_section_gives_each_groups_figures_worked_by_hand_and_notes_the_move() {
    let wd = Workdir::new();
    wd.write("team.csv", team_csv());
    wd.command()
        .args(["report", "team.csv", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["schema_version"], 5);
    let g = &s["groups"];
    assert_eq!(g["kind"], "team");
    // West: SSI 45 and 53 (median 49), changes +5 and -2 (median 1.5), brand 11.25 and 13.25 (12.25).
    // East: SSI 64, 51, 70 (median 64), changes +4, +1, 0 (median 1), brand 16, 12.75, 17.5 (16).
    // West's larger median change puts it first.
    let rows = g["groups"].as_array().unwrap();
    let got: Vec<(&str, u64, f64, f64, f64)> = rows
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["people"].as_u64().unwrap(),
                r["median_ssi"].as_f64().unwrap(),
                r["median_change"].as_f64().unwrap(),
                r["median_components"]["brand"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("West", 2, 49.0, 1.5, 12.25), ("East", 3, 64.0, 1.0, 16.0)]
    );
    // All four components equal within a group: the first in LinkedIn's order is the weakest.
    assert_eq!(rows[0]["weakest_component"], "brand");
    assert_eq!(rows[0]["descriptive_only"], true);
    let ssi80 = &rows[1]["targets"][0];
    assert_eq!(
        (ssi80["met"].as_u64(), ssi80["known"].as_u64()),
        (Some(0), Some(3))
    );
    assert_eq!(
        g["moves"][0],
        serde_json::json!({"person": "Eve", "from": "East", "to": "West", "date": "2025-10-27"})
    );
    let md = wd.read("out/2025-10/report.md");
    let section = &md[md.find("## Groups").unwrap()..md.find("## Alerts").unwrap()];
    assert!(
        section.contains("| Team | Members | Median SSI | Median change | Brand | People | Insights | Relationships | Weakest |"),
        "{section}"
    );
    assert!(
        section.contains("| West | 2 | 49 | +1.5 | 12.25 | 12.25 | 12.25 | 12.25 | Brand |"),
        "{section}"
    );
    assert!(
        section.contains("| East | 3 | 64 | +1 | 16.00 | 16.00 | 16.00 | 16.00 | Brand |"),
        "{section}"
    );
    assert!(
        section.contains("- **Eve**: from East to West on 27 October 2025"),
        "{section}"
    );
    assert!(
        section.contains("Fewer than 5 people: West, East; figures only, never findings."),
        "{section}"
    );
}

/// A roster in the shape of ikebude/CRM-Sales-Analysis `sales_teams.csv` (sales_agent, manager,
/// regional_office) beside a tracker without groups: names join with case, accents and spaces set
/// aside; a roster name with no data and a person missing from the roster are both listed.
#[test]
fn a_roster_joins_names_loosely_and_lists_who_is_missing_on_either_side() {
    let wd = Workdir::new();
    let mut csv = String::from("Name,Date,SSI\n");
    for (name, before, now) in [
        ("Ann Lee", 60, 62),
        ("José Ruiz", 50, 49),
        ("Fay Wu", 70, 71),
    ] {
        csv.push_str(&format!(
            "{name},2025-09-29,{before}\n{name},2025-10-27,{now}\n"
        ));
    }
    wd.write("data/tracker.csv", csv);
    wd.write(
        "data/roster.csv",
        "sales_agent,manager,regional_office\nANN  LEE,Moses Frase,Central\njose ruiz,Moses Frase,East\nZed Ko,Rocco Neubert,East\nAnn Lee,Moses Frase,West\n",
    );
    wd.command()
        .args([
            "report",
            "data",
            "--out",
            "out",
            "--group-by",
            "regional office",
        ])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let g = &s["groups"];
    assert_eq!(g["kind"], "office");
    assert_eq!(g["kinds"], serde_json::json!(["manager", "office"]));
    let of: Vec<(&str, &str)> = g["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["group"].as_str().unwrap()))
        .collect();
    assert_eq!(
        of,
        [
            ("Ann Lee", "Central"),
            ("Fay Wu", "(no group)"),
            ("José Ruiz", "East")
        ]
    );
    assert_eq!(g["roster_only"], serde_json::json!(["Zed Ko"]));
    // Ann's second roster row names another office: the first counts, and the conflict is listed.
    assert_eq!(
        g["roster_conflicts"],
        serde_json::json!(["ANN  LEE: Central, then West (the first is used)"])
    );
    assert_eq!(g["not_in_roster"], serde_json::json!(["Fay Wu"]));
    let md = wd.read("out/2025-10/report.md");
    assert!(md.contains("In the roster with no data: Zed Ko."), "{md}");
    assert!(md.contains("With data but not in the roster (counted under (no group) unless their rows name one): Fay Wu."), "{md}");
    // The roster is read as a table of its own, every row used.
    let roster = s["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with("roster.csv"))
        .unwrap();
    assert_eq!(roster["table"], "roster");
    assert_eq!(
        (roster["rows_read"].as_u64(), roster["rows_used"].as_u64()),
        (Some(4), Some(4))
    );
    // By default the first kind found in the order team, region, manager: the manager.
    wd.command()
        .args(["report", "data", "--out", "by-manager"])
        .assert()
        .success();
    assert_eq!(
        wd.json("by-manager/2025-10/summary.json")["groups"]["kind"],
        "manager"
    );
    // A kind no input has is a clear error.
    wd.command()
        .args(["report", "data", "--out", "x", "--group-by", "territory"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "grouping by territory: no territory column or roster was found, only: manager, office",
        ));
    // A word that names no kind of group is a usage error.
    wd.command()
        .args(["report", "data", "--out", "x", "--group-by", "colour"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--group-by: 'colour' is not a kind of group",
        ));
}

/// A coach's `clients/` folder, one folder per client: the first holds a tracker and the client's
/// LinkedIn export, the second a tracker alone, the third only a damaged workbook. `--each folder` reads
/// each folder together, so the export's activity meets the tracker's snapshots in the first report.
#[test]
fn each_folder_reads_a_clients_tracker_and_export_together() {
    let wd = Workdir::new();
    wd.write(
        "clients/alex/Alex Morgan.csv",
        "Date,SSI\n2025-09-29,50\n2025-10-27,53\n",
    );
    wd.write(
        "clients/alex/Basic_LinkedInDataExport_10-09-2025.zip",
        crate::fixtures::linkedin_export_zip(),
    );
    wd.write(
        "clients/bea/Bea Stone.csv",
        "Date,SSI\n2025-09-29,61\n2025-10-27,60\n",
    );
    // The start of a workbook's ZIP, cut short.
    wd.write("clients/cal/Cal Reed.xlsx", b"PK\x03\x04\x14\x00\x00\x00");
    // A tracker whose file name names nobody: the client is named after the folder, whole but for its
    // date stamp.
    wd.write(
        "clients/Dan J. Ortiz 2025-10-27/ssi_scores.csv",
        "Date,SSI\n2025-09-29,44\n2025-10-27,47\n",
    );
    // Text saved under a workbook's name.
    wd.write("clients/eli/Eli Roth.xlsx", "a note, not a workbook\n");
    wd.command()
        .args(["report", "clients", "--each", "folder", "--out", "out"])
        .assert()
        .success();
    let index = wd.json("out/index.json");
    assert_eq!(index["each"], "folder");
    let rows = index["reports"].as_array().unwrap();
    let status: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["report"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(status.len(), 5, "{status:?}");
    assert!(status.contains(&("clients/alex", "written")), "{status:?}");
    assert!(status.contains(&("clients/bea", "written")), "{status:?}");
    assert!(status.contains(&("clients/cal", "failed")), "{status:?}");
    assert!(
        status.contains(&("clients/Dan J. Ortiz 2025-10-27", "written")),
        "{status:?}"
    );
    assert!(status.contains(&("clients/eli", "failed")), "{status:?}");
    assert!(
        wd.read("out/index.md").contains("from 5 client folders"),
        "{}",
        wd.read("out/index.md")
    );
    // Alex's export (3 posts and 4 comments in October, fixtures::LINKEDIN_EXPORT) meets the tracker.
    let alex = rows.iter().find(|r| r["report"] == "clients/alex").unwrap();
    let folder = alex["folder"].as_str().unwrap();
    let s = wd.json(&format!("out/{folder}/summary.json"));
    assert_eq!(s["people"][0]["name"], "Alex Morgan");
    assert_eq!(s["people"][0]["activity_month"]["posts"], 3.0);
    assert_eq!(s["people"][0]["activity_month"]["comments"], 4.0);
    let cal = rows.iter().find(|r| r["report"] == "clients/cal").unwrap();
    assert!(
        cal["problem"].as_str().unwrap().contains("damaged"),
        "{cal}"
    );
    let eli = rows.iter().find(|r| r["report"] == "clients/eli").unwrap();
    assert!(
        eli["problem"]
            .as_str()
            .unwrap()
            .contains("named .xlsx, but it holds text, not a workbook (a damaged file, or text saved under a workbook's name)"),
        "{eli}"
    );
    let dan = rows
        .iter()
        .find(|r| r["report"] == "clients/Dan J. Ortiz 2025-10-27")
        .unwrap();
    let folder = dan["folder"].as_str().unwrap();
    let s = wd.json(&format!("out/{folder}/summary.json"));
    assert_eq!(s["people"][0]["name"], "Dan J. Ortiz");
    assert!(wd
        .read(&format!("out/{folder}/report.md"))
        .contains("the person is named 'Dan J. Ortiz' after the client's folder"));
    // One client's own folder given by mistake.
    wd.command()
        .args(["report", "clients/bea", "--each", "folder", "--out", "out2"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "--each folder: clients/bea holds no subfolders; give the folder that holds one folder per client",
        ));
}

/// `--each group`: one report per team, with that team's people only, and the index.
#[test]
fn each_group_writes_one_report_per_team() {
    let wd = Workdir::new();
    wd.write("in/team.csv", team_csv());
    // Fin logs activity only, in a team of his own: that team's report fails with the reason.
    wd.write(
        "in/activity.csv",
        "Name,Week starting,Team,Posts\nFin,2025-10-06,South,2\n",
    );
    wd.command()
        .args(["report", "in", "--each", "group", "--out", "out"])
        .assert()
        .success();
    let index = wd.json("out/index.json");
    let rows = index["reports"].as_array().unwrap();
    let mut got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["report"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    got.sort();
    // Eve is in West at her latest row.
    assert_eq!(
        got,
        [
            ("East", "written"),
            ("South", "failed"),
            ("West", "written")
        ]
    );
    let south = rows.iter().find(|r| r["report"] == "South").unwrap();
    assert!(
        south["problem"]
            .as_str()
            .unwrap()
            .contains("no SSI snapshot"),
        "{south}"
    );
    let west = rows.iter().find(|r| r["report"] == "West").unwrap();
    let s = wd.json(&format!(
        "out/{}/summary.json",
        west["folder"].as_str().unwrap()
    ));
    assert_eq!(each(&s["people"], "name"), ["Dee", "Eve"]);
}

/// `--each group` over several months places each person in their group at each month's end: Eve is in
/// East's September report and West's October one. A report of one group names it in the title and has
/// no table or chart comparing groups.
#[test]
fn each_group_over_months_uses_the_group_at_each_months_end() {
    let wd = Workdir::new();
    // Gus starts in October: no report of September places him anywhere.
    wd.write(
        "in/team.csv",
        team_csv() + "Gus,2025-10-27,North,48,12,12,12,12\n",
    );
    wd.command()
        .args([
            "report",
            "in",
            "--each",
            "group",
            "--months",
            "2025-09..2025-10",
            "--out",
            "out",
        ])
        .assert()
        .success();
    let index = wd.json("out/index.json");
    assert_eq!(index["inputs"], 3);
    assert!(
        wd.read("out/index.md")
            .contains("5 reports for September 2025 to October 2025, from 3 groups."),
        "{}",
        wd.read("out/index.md")
    );
    assert_eq!(index["reports"].as_array().unwrap().len(), 5);
    let people = |folder: &str| -> Vec<String> {
        let s = wd.json(&format!("out/{folder}/summary.json"));
        each(&s["people"], "name")
            .into_iter()
            .map(String::from)
            .collect()
    };
    assert_eq!(people("east/2025-09"), ["Ann", "Bob", "Cy", "Eve"]);
    assert_eq!(people("east/2025-10"), ["Ann", "Bob", "Cy"]);
    assert_eq!(people("west/2025-09"), ["Dee"]);
    assert_eq!(people("west/2025-10"), ["Dee", "Eve"]);
    assert_eq!(people("north/2025-10"), ["Gus"]);
    // A group of one names it in the title and in summary.json.
    let dee = wd.read("out/west/2025-09/report.md");
    assert!(
        dee.starts_with("# SSI report: Dee (team West) — September 2025\n"),
        "{dee}"
    );
    let s = wd.json("out/west/2025-09/summary.json");
    assert_eq!(
        s["group"],
        serde_json::json!({"kind": "team", "name": "West"})
    );
    // East's October report lists Eve leaving.
    let east = wd.read("out/east/2025-10/report.md");
    assert!(
        east.contains("- **Eve**: from East to West on 27 October 2025"),
        "{east}"
    );
    let west = wd.read("out/west/2025-10/report.md");
    assert!(
        west.starts_with("# SSI report: West (team), 2 people — October 2025\n"),
        "{west}"
    );
    assert!(
        west.contains("Everyone here is in team West at the end of October 2025."),
        "{west}"
    );
    assert!(
        west.contains("- **Eve**: from East to West on 27 October 2025"),
        "{west}"
    );
    // Nothing to compare inside one group.
    assert!(!west.contains("| Team | Members |"), "{west}");
    assert!(!west.contains("Do the groups differ?"), "{west}");
    assert!(!wd.join("out/west/2025-10/charts/groups.png").exists());
    assert!(!wd.join("out/west/2025-10/charts/group_trend.png").exists());
}

/// Without `--months`, `--each group` places people at the end of the month it reports, not by rows dated
/// after it (an activity log running past the last snapshot), and group names that differ only in case or
/// spaces are one group.
#[test]
fn each_group_places_people_at_the_reported_months_end_and_matches_group_names_loosely() {
    let wd = Workdir::new();
    wd.write(
        "in/team.csv",
        team_csv().replace("Dee,2025-09-29,West", "Dee,2025-09-29,WEST"),
    );
    wd.write(
        "in/activity.csv",
        "Name,Week starting,Team,Posts\nEve,2025-10-27,West,1\nEve,2025-11-10,North,2\n",
    );
    wd.command()
        .args(["report", "in", "--each", "group", "--out", "out"])
        .assert()
        .success();
    let index = wd.json("out/index.json");
    let mut got = each(&index["reports"], "report");
    got.sort();
    assert_eq!(got, ["East", "West"]);
    let s = wd.json("out/west/2025-10/summary.json");
    assert_eq!(each(&s["people"], "name"), ["Dee", "Eve"]);
    // Dee's "WEST" is West: she made no move.
    assert_eq!(each(&s["groups"]["moves"], "person"), ["Eve"]);
    let md = wd.read("out/west/2025-10/report.md");
    assert!(
        md.contains("team 'WEST' is read as 'West', as most rows write it"),
        "{md}"
    );
}

/// A roster whose group column has a name of its own ("Squadra") is not taken for a data table: the
/// reason says a group column is missing and lists the kinds, and inspect's mapping hint offers them.
#[test]
fn a_roster_with_an_unknown_group_header_says_what_is_missing() {
    let wd = Workdir::new();
    wd.write("in/team.csv", team_csv());
    wd.write("in/roster.csv", "Name,Squadra\nAnn,Nord\nBob,Sud\n");
    wd.command()
        .args(["report", "in", "--out", "out"])
        .assert()
        .success();
    let md = wd.read("out/2025-10/report.md");
    assert!(
        md.contains("row 1 names a person column but no date, SSI, activity or group column; for a roster of people and their groups, name the group column one of: team, region, manager,"),
        "{md}"
    );
    let out = wd
        .command()
        .args(["inspect", "in/roster.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"Squadra\" = \"ignore\""), "{text}");
    assert!(
        text.contains("group (team, region, manager, office, department,"),
        "{text}"
    );
}

/// A workbook whose roster is a hidden "Lists" sheet (people and their region beside the dropdown
/// values, the shape of Excel templates that keep lists on a hidden sheet), with the kind chosen in the
/// settings file.
#[test]
fn a_hidden_lists_sheet_is_a_roster_and_the_settings_file_picks_the_kind() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let data = wb.add_worksheet().set_name("SSI").unwrap();
    for (c, h) in ["Name", "Date", "SSI"].iter().enumerate() {
        data.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ("Ann", "2025-09-29", 50.0),
        ("Ann", "2025-10-27", 52.0),
        ("Bob", "2025-09-29", 60.0),
        ("Bob", "2025-10-27", 59.0),
    ];
    for (r, (name, date, ssi)) in rows.iter().enumerate() {
        data.write_string(r as u32 + 1, 0, *name).unwrap();
        data.write_string(r as u32 + 1, 1, *date).unwrap();
        data.write_number(r as u32 + 1, 2, *ssi).unwrap();
    }
    let lists = wb.add_worksheet().set_name("Lists").unwrap();
    for (c, h) in ["Rep", "Team", "Region"].iter().enumerate() {
        lists.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in [["Ann", "Alpha", "North"], ["Bob", "Beta", "North"]]
        .iter()
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            lists.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    lists.set_hidden(true);
    let wd = Workdir::new();
    wd.write("in/team.xlsx", wb.save_to_buffer().unwrap());
    wd.write("in/ssi-pulse.toml", "group_by = \"region\"\n");
    wd.command()
        .args(["report", "in", "--out", "out"])
        .assert()
        .success();
    let g = &wd.json("out/2025-10/summary.json")["groups"];
    assert_eq!(g["kind"], "region");
    assert_eq!(g["kinds"], serde_json::json!(["team", "region"]));
    assert_eq!(g["groups"][0]["name"], "North");
    assert_eq!(g["groups"][0]["people"], 2);
    assert_eq!(g["roster"], true);
}
