//! LinkedIn's data-export archive, as a ZIP and as an unpacked folder, read into daily activity.

use crate::fixtures;
use crate::workdir::Workdir;

const SSI: &str = "Date,SSI\n2025-09-29,50\n2025-10-27,53\n";

fn check_october(s: &serde_json::Value) {
    let p = &s["people"][0];
    assert_eq!(p["name"], "Alex Morgan");
    let a = &p["activity_month"];
    for (metric, expected) in [
        ("posts", 3.0),
        ("comments", 4.0),
        ("reactions", 3.0),
        ("connection_requests_sent", 2.0),
        ("invitations_received", 1.0),
        ("connections_accepted", 2.0),
        ("messages_sent", 2.0),
        ("messages_received", 1.0),
    ] {
        assert_eq!(a[metric], expected, "{metric}");
    }
    assert_eq!(
        a.get("searches"),
        None,
        "an empty SearchQueries file adds no metric"
    );
}

#[test]
fn reads_the_zip_archive_into_daily_counts() {
    let wd = Workdir::new();
    wd.write("in/Alex Morgan.csv", SSI);
    wd.write(
        "in/Basic_LinkedInDataExport_10-09-2025.zip",
        fixtures::linkedin_export_zip(),
    );
    wd.command()
        .args(["report", "in", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    check_october(&s);
    // Daily rows, by hand (see fixtures::LINKEDIN_EXPORT).
    let csv = wd.read("out/2025-10/data/activity.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "person,date,posts,comments,reactions,connection_requests_sent,connections_accepted,messages_sent,invitations_received,messages_received"
    );
    assert_eq!(
        lines.next().unwrap(),
        "Alex Morgan,2025-10-06,2,3,2,2,1,1,0,1"
    );
    assert_eq!(
        lines.next().unwrap(),
        "Alex Morgan,2025-10-07,0,1,1,0,0,0,1,0"
    );
    assert_eq!(
        lines.next().unwrap(),
        "Alex Morgan,2025-10-08,1,0,0,0,1,1,0,0"
    );
    let ignored = s["data_quality"]["ignored_sheets"].as_array().unwrap();
    assert!(ignored[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("SearchQueries.csv"));
    assert!(ignored[0]["reason"]
        .as_str()
        .unwrap()
        .contains("No search queries found"));
}

#[test]
fn reads_the_unpacked_folder_the_same_way() {
    let wd = Workdir::new();
    wd.write("in/Alex Morgan.csv", SSI);
    for (name, text) in fixtures::LINKEDIN_EXPORT {
        wd.write(
            &format!("in/Basic_LinkedInDataExport_10-09-2025/{name}"),
            text,
        );
    }
    wd.command()
        .args(["report", "in", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    check_october(&wd.json("out/2025-10/summary.json"));
}

#[test]
fn inspect_lists_each_archive_file() {
    let wd = Workdir::new();
    wd.write("export.zip", fixtures::linkedin_export_zip());
    let out = wd
        .command()
        .args(["inspect", "export.zip", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let tables = v["tables"].as_array().unwrap();
    let shares = tables
        .iter()
        .find(|t| t["path"] == "export.zip/Shares_17529409.csv")
        .unwrap();
    assert_eq!(shares["rows_read"], 3);
    assert_eq!(shares["rows_used"], 3);
    let connections = tables
        .iter()
        .find(|t| t["path"] == "export.zip/Connections.csv")
        .unwrap();
    assert_eq!(connections["rows_used"], 2);
    assert_eq!(connections["people"][0], "Alex Morgan");
}

#[test]
fn reads_creator_analytics_daily_impressions_engagements_and_followers() {
    let wd = Workdir::new();
    wd.write(
        "in/Jane Doe.csv",
        "Date,SSI\n2025-09-29,50\n2025-10-27,53\n",
    );
    wd.write(
        "in/AggregateAnalytics_Jane_Doe_2025-10-01_2025-10-08.xlsx",
        fixtures::creator_analytics(),
    );
    wd.command()
        .args(["report", "in", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let a = &s["people"][0]["activity_month"];
    assert_eq!(s["people"][0]["name"], "Jane Doe");
    assert_eq!(a["impressions"], 4495.0);
    assert_eq!(a["engagements"], 134.0);
    assert_eq!(a["new_followers"], 15.0);
    let csv = wd.read("out/2025-10/data/activity.csv");
    assert!(csv.contains("Jane Doe,2025-10-08,2311,85,9"), "{csv}");
    let ignored: Vec<&str> = s["data_quality"]["ignored_sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["sheet"].as_str().unwrap())
        .collect();
    assert_eq!(ignored, ["DISCOVERY", "TOP POSTS", "DEMOGRAPHICS"]);
}
