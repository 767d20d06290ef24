//! Peer comparison: industry and network component averages read from wide and long layouts, the gaps in
//! summary.json, the Components section and the `peer_comparison` chart. Expected values worked out by
//! hand beside each fixture.

use crate::workdir::Workdir;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

fn close(v: &Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 1e-9)
}

/// Lee Park's tracker with the peer columns of LinkedIn's SSI page, wide:
///
/// | date | own ssi, brand, people, insights, relationships | industry avg and its four | network avg and its four |
/// | 2025-09-29 | 54: 12.8, 13.5, 13.6, 14.1 | 30: 7.0, 8.0, 7.5, 7.5 | 45: 11.0, 11.5, 11.0, 11.5 |
/// | 2025-10-27 | 57: 13.5, 14.2, 14.6, 14.7 | 31: 7.2, 8.1, 7.6, 8.1 | 60: 16.0, 12.0, 11.0, 9.0 |
///
/// October's gaps (own minus peers): industry 57 - 31 = 26; 13.5 - 7.2 = 6.3, 14.2 - 8.1 = 6.1,
/// 14.6 - 7.6 = 7.0, 14.7 - 8.1 = 6.6: ahead everywhere, smallest lead people. Network 57 - 60 = -3;
/// 13.5 - 16 = -2.5, 14.2 - 12 = 2.2, 14.6 - 11 = 3.6, 14.7 - 9 = 5.7: largest gap brand. The network
/// total 60 is 12 away from its components' sum 48: a warning, values kept.
fn wide_tracker() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("SSI").unwrap();
    let headers = [
        "Date",
        "Total SSI",
        "Establish your professional brand",
        "Find the right people",
        "Engage with insights",
        "Build relationships",
        "Industry SSI",
        "Industry - Establish your professional brand",
        "Industry - Find the right people",
        "Industry - Engage with insights",
        "Industry - Build relationships",
        "Network SSI",
        "Network brand",
        "Network people",
        "Network insights",
        "Network relationships",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, [f64; 15]); 2] = [
        (
            "2025-09-29",
            [
                54.0, 12.8, 13.5, 13.6, 14.1, 30.0, 7.0, 8.0, 7.5, 7.5, 45.0, 11.0, 11.5, 11.0,
                11.5,
            ],
        ),
        (
            "2025-10-27",
            [
                57.0, 13.5, 14.2, 14.6, 14.7, 31.0, 7.2, 8.1, 7.6, 8.1, 60.0, 16.0, 12.0, 11.0, 9.0,
            ],
        ),
    ];
    for (r, (date, values)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *date).unwrap();
        for (c, v) in values.iter().enumerate() {
            ws.write_number(r, c as u16 + 1, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A scraper's long export in Brazilian Portuguese: `;`, decimal commas, "N de 100" totals, a section
/// column saying whose values each line holds and the same field labels in every section. October's
/// industry lines come before the person's own, so order cannot decide.
///
/// October: own 57 de 100: 13,5 / 14,2 / 14,6 / 14,7. Industry 41 de 100: 9,8 / 11,2 / 9,7 / 10,0 (sum
/// 40.7). Network 55 de 100: 15,0 / 13,4 / 12,9 / 13,6 (sum 54.9). Gaps: industry 16; 3.7, 3.0, 4.9, 4.7
/// (smallest lead people); network 2; -1.5, 0.8, 1.7, 1.1 (largest gap brand).
const LONG_CSV: &str = "\
Pessoa;Data;Seção;Campo;Valor
Ana Souza;29/09/2025;Os quatro componentes da sua pontuação;Social Selling Index atual;52 de 100
Ana Souza;29/09/2025;Os quatro componentes da sua pontuação;Estabelecer sua marca profissional;12,4
Ana Souza;29/09/2025;Os quatro componentes da sua pontuação;Localizar as pessoas certas;13,2
Ana Souza;29/09/2025;Os quatro componentes da sua pontuação;Interagir oferecendo insights;13,1
Ana Souza;29/09/2025;Os quatro componentes da sua pontuação;Criar relacionamentos;13,3
Ana Souza;27/10/2025;Pessoas no seu setor;Social Selling Index atual;41 de 100
Ana Souza;27/10/2025;Pessoas no seu setor;Estabelecer sua marca profissional;9,8
Ana Souza;27/10/2025;Pessoas no seu setor;Localizar as pessoas certas;11,2
Ana Souza;27/10/2025;Pessoas no seu setor;Interagir oferecendo insights;9,7
Ana Souza;27/10/2025;Pessoas no seu setor;Criar relacionamentos;10,0
Ana Souza;27/10/2025;Os quatro componentes da sua pontuação;Social Selling Index atual;57 de 100
Ana Souza;27/10/2025;Os quatro componentes da sua pontuação;Estabelecer sua marca profissional;13,5
Ana Souza;27/10/2025;Os quatro componentes da sua pontuação;Localizar as pessoas certas;14,2
Ana Souza;27/10/2025;Os quatro componentes da sua pontuação;Interagir oferecendo insights;14,6
Ana Souza;27/10/2025;Os quatro componentes da sua pontuação;Criar relacionamentos;14,7
Ana Souza;27/10/2025;Pessoas na sua rede;Social Selling Index atual;55 de 100
Ana Souza;27/10/2025;Pessoas na sua rede;Estabelecer sua marca profissional;15,0
Ana Souza;27/10/2025;Pessoas na sua rede;Localizar as pessoas certas;13,4
Ana Souza;27/10/2025;Pessoas na sua rede;Interagir oferecendo insights;12,9
Ana Souza;27/10/2025;Pessoas na sua rede;Criar relacionamentos;13,6
";

/// Checks a `peers` side: averages, gaps and the largest gap.
fn side(peers: &Value, group: &str, averages: [f64; 5], gaps: [f64; 5], largest: &str) {
    let s = &peers[group];
    for (k, (avg, gap)) in ["ssi", "brand", "people", "insights", "relationships"]
        .iter()
        .zip(averages.iter().zip(gaps))
    {
        assert!(close(&s[k], *avg), "{group} {k}: {}", s[k]);
        assert!(close(&s["gap"][k], gap), "{group} gap {k}: {}", s["gap"][k]);
    }
    assert_eq!(s["largest_gap"], largest, "{group}");
}

#[test]
fn wide_peer_columns_read_back_exactly_and_the_report_compares() {
    let w = Workdir::new();
    w.write("Lee Park.xlsx", wide_tracker());
    w.command()
        .args(["report", "Lee Park.xlsx", "--out", "out", "--quiet"])
        .assert()
        .code(0);
    let s = w.json("out/2025-10/summary.json");
    let p = &s["people"][0];
    // The person's own values are their own.
    assert!(close(&p["month_end"]["brand"], 13.5));
    assert!(close(&p["month_end"]["industry_avg"], 31.0));
    let peers = &p["peers"];
    for (k, v) in [
        ("ssi", 57.0),
        ("brand", 13.5),
        ("people", 14.2),
        ("insights", 14.6),
        ("relationships", 14.7),
    ] {
        assert!(close(&peers["own"][k], v), "own {k}");
    }
    side(
        peers,
        "industry",
        [31.0, 7.2, 8.1, 7.6, 8.1],
        [26.0, 6.3, 6.1, 7.0, 6.6],
        "people",
    );
    side(
        peers,
        "network",
        [60.0, 16.0, 12.0, 11.0, 9.0],
        [-3.0, -2.5, 2.2, 3.6, 5.7],
        "brand",
    );
    assert_eq!(peers["largest_gap"]["peers"], "network");
    assert_eq!(peers["largest_gap"]["component"], "brand");
    assert!(close(&peers["largest_gap"]["gap"], -2.5));
    // The team block of a one-person report holds the same comparison.
    assert_eq!(s["team"]["peers"]["industry"]["largest_gap"], "people");
    // A peer total far from its components is a warning, not a rejection.
    let warnings = s["data_quality"]["warnings"].to_string();
    assert!(
        warnings.contains("network_avg is 60 but the network components add up to 48.00"),
        "{warnings}"
    );
    assert_eq!(
        s["data_quality"]["rejected_rows"].as_array().unwrap().len(),
        0
    );

    let md = w.read("out/2025-10/report.md");
    assert!(
        md.contains("| Industry avg | vs industry | Network avg | vs network |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| Establish your professional brand | 13.50 | +0.70 | 7.20 | +6.30 | 16.00 | -2.50 |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| **Total SSI** (of 100) | **57** | +3 | 31 | +26 | 60 | -3 |"),
        "{md}"
    );
    assert!(
        md.contains("The largest gap is to the network in **Establish your professional brand**: you are at 13.50 against the network's 16.00 (-2.50); that is where the network rank is lost first."),
        "{md}"
    );
    assert!(md.contains("![Each component against the industry and network averages for Lee Park](charts/peer_comparison.png)"), "{md}");
    for ext in ["png", "svg"] {
        assert!(w
            .join(&format!("out/2025-10/charts/peer_comparison.{ext}"))
            .is_file());
    }
    let svg = w.read("out/2025-10/charts/peer_comparison.svg");
    for label in [
        "13.5",
        "7.2",
        "16.0",
        "Industry average",
        "Network average",
        "Brand",
    ] {
        assert!(svg.contains(label), "chart lacks {label}");
    }
    let csv = w.read("out/2025-10/data/ssi.csv");
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",industry_brand,industry_people,industry_insights,industry_relationships,network_brand,network_people,network_insights,network_relationships"), "{header}");
    assert!(csv.contains(",13.5,14.2,14.6,14.7,"), "{csv}");
}

#[test]
fn long_sections_keep_own_components_apart_from_the_peers_with_the_same_labels() {
    let w = Workdir::new();
    w.write("scraper.csv", LONG_CSV);
    let out = w
        .command()
        .args(["report", "scraper.csv", "--out", "out", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = w.json("out/2025-10/summary.json");
    assert_eq!(
        s["data_quality"]["rejected_rows"].as_array().unwrap().len(),
        0
    );
    let p = &s["people"][0];
    assert_eq!(p["name"], "Ana Souza");
    // Own components are never overwritten by the peers' values under the same label.
    for (k, v) in [
        ("ssi", 57.0),
        ("brand", 13.5),
        ("people", 14.2),
        ("insights", 14.6),
        ("relationships", 14.7),
        ("industry_avg", 41.0),
        ("network_avg", 55.0),
    ] {
        assert!(close(&p["month_end"][k], v), "{k}: {}", p["month_end"][k]);
    }
    // September has the person's own section only: its change is 57 - 52.
    assert!(close(&p["mom_change"]["ssi"], 5.0));
    side(
        &p["peers"],
        "industry",
        [41.0, 9.8, 11.2, 9.7, 10.0],
        [16.0, 3.7, 3.0, 4.9, 4.7],
        "people",
    );
    side(
        &p["peers"],
        "network",
        [55.0, 15.0, 13.4, 12.9, 13.6],
        [2.0, -1.5, 0.8, 1.7, 1.1],
        "brand",
    );
    let md = w.read("out/2025-10/report.md");
    assert!(
        md.contains("The largest gap is to the network in **Establish your professional brand**: you are at 13.50 against the network's 15.00 (-1.50)"),
        "{md}"
    );
    assert!(w.join("out/2025-10/charts/peer_comparison.png").is_file());
}

#[test]
fn without_peer_components_there_is_no_comparison() {
    let w = Workdir::new();
    w.copy_sample_data();
    w.command()
        .args(["report", "--out", "out", "--quiet"])
        .assert()
        .code(0);
    let s = w.json("out/2026-10/summary.json");
    assert!(s["team"]["peers"].is_null());
    assert!(s["people"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["peers"].is_null()));
    assert!(!w.join("out/2026-10/charts/peer_comparison.png").exists());
    let header = w.read("out/2026-10/data/ssi.csv");
    assert!(!header.lines().next().unwrap().contains("industry_brand"));
}
