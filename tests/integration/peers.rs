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
    assert!(!w
        .join("out/2026-10/people/alex-morgan/peer_comparison.png")
        .exists());
    assert!(w
        .join("out/2026-10/people/alex-morgan/components.png")
        .is_file());
    let header = w.read("out/2026-10/data/ssi.csv");
    assert!(!header.lines().next().unwrap().contains("industry_brand"));
}

/// English section labels, a later snapshot of the month without peers, an out-of-range peer value and a
/// date with peer values only.
///
/// Month end 2025-10-24: 61 = 15.5 + 15 + 15.5 + 15. Peers from 2025-10-10 (the month's latest): industry
/// 40 = 10 + 12 + 8 + 10; network 44 with brand 11, people 16, relationships 9 and insights 27 left out
/// (above 25). Gaps against the month end: industry 21; 5.5, 3, 7.5, 5 (lowest people); network 17;
/// 4.5, -1, -, 6 (lowest people). Largest over both: network people, -1. The 2025-10-17 line has the
/// industry's SSI only: rejected.
const ENGLISH_CSV: &str = "\
Person,Date,Section,Field,Value
Kim Lee,2025-10-10,Your score,Social Selling Index,60
Kim Lee,2025-10-10,Your score,Establish your professional brand,15
Kim Lee,2025-10-10,Your score,Find the right people,15
Kim Lee,2025-10-10,Your score,Engage with insights,15
Kim Lee,2025-10-10,Your score,Build relationships,15
Kim Lee,2025-10-10,People in your industry,Social Selling Index,40
Kim Lee,2025-10-10,People in your industry,Establish your professional brand,10
Kim Lee,2025-10-10,People in your industry,Find the right people,12
Kim Lee,2025-10-10,People in your industry,Engage with insights,8
Kim Lee,2025-10-10,People in your industry,Build relationships,10
Kim Lee,2025-10-10,People in your network,Social Selling Index,44
Kim Lee,2025-10-10,People in your network,Establish your professional brand,11
Kim Lee,2025-10-10,People in your network,Find the right people,16
Kim Lee,2025-10-10,People in your network,Engage with insights,27
Kim Lee,2025-10-10,People in your network,Build relationships,9
Kim Lee,2025-10-17,People in your industry,Social Selling Index,41
Kim Lee,2025-10-24,Your score,Social Selling Index,61
Kim Lee,2025-10-24,Your score,Establish your professional brand,15.5
Kim Lee,2025-10-24,Your score,Find the right people,15
Kim Lee,2025-10-24,Your score,Engage with insights,15.5
Kim Lee,2025-10-24,Your score,Build relationships,15
";

#[test]
fn english_sections_peers_from_earlier_in_the_month_and_bad_peer_values() {
    let w = Workdir::new();
    w.write("kim.csv", ENGLISH_CSV);
    w.command()
        .args(["report", "kim.csv", "--out", "out", "--quiet"])
        .assert()
        .code(0);
    let s = w.json("out/2025-10/summary.json");
    let p = &s["people"][0];
    assert_eq!(p["month_end"]["date"], "2025-10-24");
    assert!(close(&p["month_end"]["brand"], 15.5));
    side(
        &p["peers"],
        "industry",
        [40.0, 10.0, 12.0, 8.0, 10.0],
        [21.0, 5.5, 3.0, 7.5, 5.0],
        "people",
    );
    let net = &p["peers"]["network"];
    assert!(net["insights"].is_null() && net["gap"]["insights"].is_null());
    assert!(close(&net["gap"]["people"], -1.0));
    assert!(close(&net["gap"]["ssi"], 17.0));
    assert_eq!(p["peers"]["largest_gap"]["peers"], "network");
    assert_eq!(p["peers"]["largest_gap"]["component"], "people");
    let warnings = s["data_quality"]["warnings"].to_string();
    assert!(
        warnings.contains(
            "network_insights is 27, outside the valid range (between 0 and 25); left out"
        ),
        "{warnings}"
    );
    let rejected = s["data_quality"]["rejected_rows"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert!(rejected[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("industry or network averages without the person's own SSI"));
}

/// A team: A, B and D with industry components, C without.
///
/// Per person (own - industry): A brand 20 - 16 = 4, people 10 - 8 = 2, insights 15 - 8 = 7,
/// relationships 15 - 8 = 7, total 60 - 40 = 20; B 10 - 5 = 5, 15 - 12 = 3, 12 - 11 = 1, 13 - 12 = 1,
/// 10; D 12 - 9 = 3, 14 - 11 = 3, 14 - 10 = 4, 15 - 10 = 5, 15. Median gaps over the three: 4, 3, 4, 5,
/// total 15; lowest people (3). The median brand gap (4) is not the gap of the medians (12 - 9 = 3).
pub(crate) const TEAM_CSV: &str = "\
Person,Date,SSI,Brand,People,Insights,Relationships,Industry SSI,Industry brand,Industry people,Industry insights,Industry relationships
A,2025-10-20,60,20,10,15,15,40,16,8,8,8
B,2025-10-20,50,10,15,12,13,40,5,12,11,12
C,2025-10-20,45,11,11,11,12,,,,,
D,2025-10-20,55,12,14,14,15,40,9,11,10,10
";

#[test]
fn a_team_compares_the_median_of_each_persons_gap() {
    let w = Workdir::new();
    w.write("team.csv", TEAM_CSV);
    w.command()
        .args(["report", "team.csv", "--out", "out", "--quiet"])
        .assert()
        .code(0);
    let s = w.json("out/2025-10/summary.json");
    let t = &s["team"]["peers"];
    assert_eq!(t["people"], 3);
    for (k, v) in [
        ("ssi", 15.0),
        ("brand", 4.0),
        ("people", 3.0),
        ("insights", 4.0),
        ("relationships", 5.0),
    ] {
        assert!(
            close(&t["industry"]["gap"][k], v),
            "{k}: {}",
            t["industry"]["gap"][k]
        );
    }
    assert!(close(&t["own"]["brand"], 12.0));
    assert!(close(&t["industry"]["brand"], 9.0));
    assert_eq!(t["largest_gap"]["component"], "people");
    let c = s["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "C")
        .unwrap();
    assert!(c["peers"].is_null());
    let md = w.read("out/2025-10/report.md");
    assert!(
        md.contains("medians over the 3 people whose data has peer averages"),
        "{md}"
    );
    assert!(
        md.contains("| Establish your professional brand | 11.50 | — | 12.00 | 9.00 | +4.00 |"),
        "{md}"
    );
    // Person pages carry their own comparison and chart.
    assert!(w.join("out/2025-10/people/a/peer_comparison.png").is_file());
    assert!(!w.join("out/2025-10/people/c/peer_comparison.png").exists());
}
