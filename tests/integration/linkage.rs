//! The linkage table and the fixed-effects models in summary.json, end to end from a tracker file,
//! against values computed independently by tests/fixtures/linkage/make_team.py (statsmodels, scipy).

use crate::workdir::Workdir;
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/linkage")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn summary_for_team() -> Value {
    let wd = Workdir::new();
    wd.write("in/team.csv", fixture("team.csv"));
    wd.command()
        .args([
            "report",
            "in/team.csv",
            "--out",
            "out",
            "--as-of",
            "2026-01-01",
        ])
        .assert()
        .success();
    wd.json("out/2025-04/summary.json")
}

fn close(got: &Value, want: &Value, what: &str) {
    let (g, w) = (got.as_f64(), want.as_f64());
    match (g, w) {
        (Some(g), Some(w)) => {
            assert!((g - w).abs() < 1e-9, "{what}: {g} != {w}");
            // Tiny p-values too: the same to 6 significant digits.
            if what.contains("p_value") && w > 0.0 {
                assert!(((g - w) / w).abs() < 1e-6, "{what}: {g} != {w} (relative)");
            }
        }
        _ => panic!("{what}: got {got}, expected {want}"),
    }
}

#[test]
fn linkage_table_matches_statsmodels_and_scipy() {
    let s = summary_for_team();
    let expected: Value = serde_json::from_slice(&fixture("team_expected.json")).unwrap();
    let rows = s["linkage"].as_array().unwrap();
    let want = expected["linkage"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        want.len(),
        "every metric x component at lag 0, expected links at lag 1"
    );
    for w in want {
        let key = (&w["metric"], &w["component"], &w["lag"]);
        let g = rows
            .iter()
            .find(|r| (&r["metric"], &r["component"], &r["lag"]) == key)
            .unwrap_or_else(|| panic!("no row for {key:?}"));
        let what = format!("{} / {} / lag {}", w["metric"], w["component"], w["lag"]);
        assert_eq!(g["n"], w["n"], "{what}: n");
        assert_eq!(g["people"], w["people"], "{what}: people");
        if let Some(method) = w.get("method") {
            assert_eq!(&g["method"], method, "{what}: method");
        }
        for k in [
            "pearson_r",
            "spearman_rho",
            "p_value",
            "q_value",
            "slope",
            "se",
            "ci_low",
            "ci_high",
            "df",
        ] {
            match w.get(k) {
                Some(v) => close(&g[k], v, &format!("{what}: {k}")),
                None if k == "se" || k == "df" => {}
                None => assert!(g[k].is_null(), "{what}: {k} should be null, got {}", g[k]),
            }
        }
    }
    // Posts were planted on brand: that expected link is supported, and it is a finding.
    let posts_brand = rows
        .iter()
        .find(|r| r["metric"] == "posts" && r["component"] == "brand" && r["lag"] == 0)
        .unwrap();
    assert_eq!(posts_brand["expected"], true);
    assert_eq!(posts_brand["support"], "supported");
    assert!(s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["metric"] == "posts" && f["component"] == "brand"));
}

#[test]
fn fixed_effects_models_match_statsmodels() {
    let s = summary_for_team();
    let expected: Value = serde_json::from_slice(&fixture("team_expected.json")).unwrap();
    let models = s["models"].as_array().unwrap();
    for w in expected["models"].as_array().unwrap() {
        let c = &w["component"];
        let g = models.iter().find(|m| &m["component"] == c).unwrap();
        assert_eq!(g["n"], w["n"], "{c}: n");
        assert_eq!(g["people"], w["people"], "{c}: people");
        // Clustered by person (12 people): t with people - 1 degrees of freedom.
        assert_eq!(g["df"], 11, "{c}: df");
        assert_eq!(g["method"], "cluster", "12 people: clustered errors");
        close(&g["r2_within"], &w["r2_within"], &format!("{c}: r2_within"));
        let terms = g["terms"].as_array().unwrap();
        let want_terms = w["terms"].as_array().unwrap();
        let names = |t: &[Value]| t.iter().map(|t| t["metric"].clone()).collect::<Vec<_>>();
        assert_eq!(names(terms), names(want_terms), "{c}: terms");
        for (gt, wt) in terms.iter().zip(want_terms) {
            for (k, reference) in [
                ("coef", "coef"),
                ("se", "cluster_se"),
                ("t", "cluster_t"),
                ("p_value", "cluster_p_value"),
                ("ci_low", "cluster_ci_low"),
                ("ci_high", "cluster_ci_high"),
                ("q_value", "cluster_q_value"),
            ] {
                close(
                    &gt[k],
                    &wt[reference],
                    &format!("{c} / {}: {k}", wt["metric"]),
                );
            }
        }
        let dropped: Vec<(String, String)> = g["dropped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["metric"].as_str().unwrap().to_string(),
                    d["reason"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let mut want_dropped: Vec<(String, String)> = w["dropped"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let mut got_sorted = dropped.clone();
        got_sorted.sort();
        want_dropped.sort();
        assert_eq!(got_sorted, want_dropped, "{c}: dropped");
    }
}
