//! Hostile and broken inputs: every file of the bad-input corpus (tests/fixtures/bad/, written by
//! make_bad.py there) gives its exit code and message without a panic, partly usable files account for
//! every row, the resource limits refuse with the flag to raise them and keep memory flat, and no output
//! path escapes `--out` whatever the people and sheets are called.

use crate::workdir::Workdir;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

/// What a corpus file must give: exit code and a piece of the message (stderr).
struct Expect {
    file: &'static str,
    code: i32,
    says: &'static str,
}

const CORPUS: &[Expect] = &[
    Expect { file: "empty.xlsx", code: 1, says: "is empty (0 bytes)" },
    Expect { file: "random_bytes.xlsx", code: 1, says: "is not a spreadsheet or CSV file" },
    Expect { file: "truncated.xlsx", code: 1, says: "is not a readable xlsx workbook" },
    Expect { file: "not_a_workbook.xlsx", code: 1, says: "a ZIP archive that is neither a workbook" },
    Expect { file: "encrypted.xlsx", code: 1, says: "is password protected; open it in Excel or LibreOffice and save a copy without a password" },
    Expect { file: "header_only.csv", code: 1, says: "0 rows read, none usable" },
    Expect { file: "invalid_utf8.csv", code: 1, says: "text in no encoding ssi-pulse knows" },
    Expect { file: "ssi_without_dates.csv", code: 1, says: "has SSI or activity headers but no date column" },
    Expect { file: "deeply_nested.xlsx", code: 1, says: "is not a readable xlsx workbook" },
    Expect { file: "sheet_bomb.xlsx", code: 1, says: "has a unpacked size of 1088.0 MiB, over the limit of 1024.0 MiB" },
    Expect { file: "sheet_bomb_understated.xlsx", code: 1, says: "File is larger than its declared uncompressed size" },
    Expect { file: "shared_strings_bomb.xlsx", code: 1, says: "shared strings has a cell count of 4000000000, over the limit of 30000000" },
    Expect { file: "repeat_bomb.ods", code: 1, says: "sheet 'SSI' has a cell count of at least 1000000000" },
    Expect { file: "xls_huge_dimensions.xls", code: 1, says: "has a row count of 4294967280, over the limit of 2000000" },
    Expect { file: "xls_reversed_dimensions.xls", code: 1, says: "a sheet declares rows 501 to 10, which end before they start" },
    // Partly usable: the report is written, the bad rows are listed.
    Expect { file: "nul_bytes.csv", code: 0, says: "" },
    Expect { file: "ragged_rows.csv", code: 0, says: "" },
    Expect { file: "huge_field.csv", code: 0, says: "1 input row was not used" },
    Expect { file: "impossible_dates.csv", code: 0, says: "4 input rows were not used" },
    Expect { file: "bad_numbers.csv", code: 0, says: "8 input rows were not used" },
    Expect { file: "conflicting_duplicates.csv", code: 0, says: "2 input rows were not used" },
    Expect { file: "far_apart_cells.xlsx", code: 0, says: "1 input row was not used" },
];

fn assert_no_panic(stderr: &str, file: &str) {
    for sign in [
        "panicked",
        "RUST_BACKTRACE",
        "stack backtrace",
        "memory allocation",
    ] {
        assert!(
            !stderr.contains(sign),
            "{file}: '{sign}' on stderr:\n{stderr}"
        );
    }
}

/// Every row of every table read is used, rejected or skipped, in summary.json and in data/rejected.csv
/// (whose `rows` column counts the rows each line stands for).
fn assert_accounting(wd: &Workdir, out: &str, file: &str) {
    let month = std::fs::read_dir(wd.join(out))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| !n.starts_with('.'))
        .expect("a month folder");
    let summary = wd.json(&format!("{out}/{month}/summary.json"));
    let inputs = summary["inputs"].as_array().unwrap();
    assert!(!inputs.is_empty(), "{file}: no inputs listed");
    let (mut not_used, mut read, mut used) = (0, 0, 0);
    for t in inputs {
        let n = |k: &str| t[k].as_u64().unwrap();
        assert_eq!(
            n("rows_read"),
            n("rows_used") + n("rows_rejected") + n("rows_skipped"),
            "{file}: {t}"
        );
        not_used += n("rows_rejected") + n("rows_skipped");
        read += n("rows_read");
        used += n("rows_used");
    }
    assert!(
        used > 0 && used <= read,
        "{file}: {used} of {read} rows used"
    );
    let csv = wd.read(&format!("{out}/{month}/data/rejected.csv"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let listed: u64 = reader
        .records()
        .map(|r| r.unwrap()[8].parse::<u64>().unwrap())
        .sum();
    assert_eq!(
        listed, not_used,
        "{file}: rejected.csv lists {listed} rows, summary says {not_used}"
    );
}

#[test]
fn every_corpus_file_gives_its_exit_code_and_message_without_a_panic() {
    let dir = bad("");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".py") && !n.ends_with(".md"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|e| e.file.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every corpus file needs an expectation");

    for (i, e) in CORPUS.iter().enumerate() {
        let wd = Workdir::new();
        let out = format!("out{i}");
        let run = wd
            .command()
            .args(["report", "--quiet", "--as-of", "2026-11-01", "--out", &out])
            .arg(bad(e.file))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(e.code), "{}: {stderr}", e.file);
        assert!(
            stderr.contains(e.says),
            "{}: expected '{}' in:\n{stderr}",
            e.file,
            e.says
        );
        if e.code != 0 {
            assert!(
                stderr.contains(e.file),
                "{}: the message does not name the file:\n{stderr}",
                e.file
            );
        }
        assert_no_panic(&stderr, e.file);
        if e.code == 0 {
            assert_accounting(&wd, &out, e.file);
        } else {
            // Nothing usable: nothing written.
            assert!(
                !wd.join(&out).exists(),
                "{}: output written for a failed run",
                e.file
            );
        }
        // `inspect` reads the same way and must not panic either.
        let inspect = wd
            .command()
            .arg("inspect")
            .arg(bad(e.file))
            .output()
            .unwrap();
        assert_no_panic(&String::from_utf8_lossy(&inspect.stderr), e.file);
        assert!(
            matches!(inspect.status.code(), Some(0 | 1)),
            "{}: inspect exit",
            e.file
        );
    }
}

/// data/rejected.csv of a successful report on one corpus file.
fn rejected_csv(file: &str) -> String {
    let wd = Workdir::new();
    wd.command()
        .args(["report", "-q", "--as-of", "2026-11-01", "--out", "out"])
        .arg(bad(file))
        .assert()
        .success();
    wd.read(
        &find_month(&wd, "out")
            .join("data/rejected.csv")
            .to_string_lossy(),
    )
}

#[test]
fn corpus_messages_say_what_is_wrong_where() {
    let rejected = rejected_csv("bad_numbers.csv");
    // Row as the file shows it, column letter, header, the raw value and the reason.
    for line in [
        "bad_numbers.csv,,3,B,SSI,1e309,rejected,'1e309' is not a finite number,1",
        "bad_numbers.csv,,4,B,SSI,NaN,rejected,'NaN' is not a finite number,1",
        "bad_numbers.csv,,7,B,SSI,140,rejected,\"ssi is 140, outside the valid range (between 0 and 100)\",1",
        "bad_numbers.csv,,10,G,Posts,1e309,rejected,'1e309' is not a finite number,1",
    ] {
        assert!(rejected.contains(line), "missing {line} in\n{rejected}");
    }
    let rejected = rejected_csv("impossible_dates.csv");
    assert!(rejected.contains(",3,A,Date,2026-02-30,rejected,'2026-02-30' is not a date"));
    assert!(rejected.contains(",5,A,Date,2025-02-29,rejected,'2025-02-29' is not a date"));
}

fn find_month(wd: &Workdir, out: &str) -> PathBuf {
    let entry = std::fs::read_dir(wd.join(out))
        .unwrap()
        .map(|e| e.unwrap())
        .find(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .unwrap();
    Path::new(out).join(entry.file_name())
}

#[test]
fn a_five_megabyte_cell_is_cut_in_the_lists_and_a_blank_run_is_one_line() {
    let wd = Workdir::new();
    let mut csv =
        String::from("Date,SSI,Brand,People,Insights,Relationships\n2025-09-01,60,15,15,15,15\n");
    csv.push_str(&format!("2025-09-08,{},15,16,15,15\n", "7".repeat(5 << 20)));
    csv.push_str(&"\n".repeat(5000));
    csv.push_str("2025-09-15,61,15,16,15,15\n");
    wd.write("big.csv", csv);
    wd.command()
        .args([
            "report",
            "-q",
            "--as-of",
            "2026-11-01",
            "--out",
            "out",
            "big.csv",
        ])
        .assert()
        .success();
    let month = find_month(&wd, "out");
    let rejected = wd.read(&month.join("data/rejected.csv").to_string_lossy());
    assert!(
        rejected.len() < 2000,
        "rejected.csv is {} bytes",
        rejected.len()
    );
    assert!(
        rejected.contains("(5242880 characters in all)"),
        "{rejected}"
    );
    assert!(
        rejected.contains(",4,,,,skipped,5000 blank rows (4-5003),5000\n"),
        "{rejected}"
    );
    let summary = wd.json(&month.join("summary.json").to_string_lossy());
    assert_eq!(summary["inputs"][0]["rows_skipped"], 5000);
    assert_eq!(summary["data_quality"]["skipped_rows"][0]["rows"], 5000);
    assert!(
        std::fs::metadata(wd.join(&month.join("summary.json").to_string_lossy()))
            .unwrap()
            .len()
            < 100_000
    );
}

#[test]
fn limits_refuse_with_the_flag_to_raise_them_and_the_flag_works() {
    let wd = Workdir::new();
    let mut csv = String::from("Date,SSI,Brand,People,Insights,Relationships\n");
    for d in 1..=28 {
        csv.push_str(&format!("2025-09-{d:02},60,15,15,15,15\n"));
    }
    wd.write("t.csv", &csv);
    let refused = |args: &[&str], says: &str| {
        let run = wd
            .command()
            .args(["report", "-q", "--out", "out", "t.csv"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains(says),
            "{args:?}: expected '{says}' in\n{stderr}"
        );
    };
    refused(&["--max-rows", "20"], "'t.csv' has a row count of at least 21, over the limit of 20; nothing was read from it. If the file is genuine, raise the limit, e.g. --max-rows 80");
    refused(
        &["--max-cells", "100"],
        "has a cell count of at least 102, over the limit of 100",
    );
    wd.write("big.csv", vec![b'x'; 1_100_000]);
    let run = wd
        .command()
        .args([
            "report",
            "-q",
            "--out",
            "out",
            "big.csv",
            "--max-file-mb",
            "1",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("'big.csv' has a file size of 1.0 MiB, over the limit of 1.0 MiB")
            || stderr.contains("has a file size of 1.0 MiB"),
        "{stderr}"
    );
    assert!(stderr.contains("--max-file-mb 4"), "{stderr}");
    // Raised, the same file reads.
    wd.command()
        .args([
            "report",
            "-q",
            "--out",
            "out",
            "t.csv",
            "--max-rows",
            "29",
            "--max-cells",
            "200",
        ])
        .assert()
        .success();
    // An xlsx over the unpacked limit is refused before it is opened.
    let xlsx =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks/dana_tracker.xlsx");
    let run = wd
        .command()
        .args(["report", "-q", "--out", "out", "--max-unpacked-mb", "1"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Peak memory (VmHWM) from `--timings`, in MB.
fn peak_mb(stderr: &str) -> f64 {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("peak memory"))
        .unwrap_or_else(|| panic!("no peak memory line in\n{stderr}"));
    line.split_whitespace().nth(2).unwrap().parse().unwrap()
}

#[test]
fn workbooks_that_expand_to_gigabytes_fail_with_flat_memory() {
    let wd = Workdir::new();
    for file in [
        "sheet_bomb.xlsx",
        "sheet_bomb_understated.xlsx",
        "shared_strings_bomb.xlsx",
        "repeat_bomb.ods",
        "far_apart_cells.xlsx",
        "xls_huge_dimensions.xls",
    ] {
        let run = wd
            .command()
            .args([
                "report",
                "-q",
                "--timings",
                "--as-of",
                "2026-11-01",
                "--out",
                "out",
            ])
            .arg(bad(file))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_no_panic(&stderr, file);
        let peak = peak_mb(&stderr);
        assert!(peak < 300.0, "{file}: peak memory {peak} MB");
    }
}

#[test]
fn a_full_or_read_only_output_folder_exits_3_and_keeps_the_previous_month() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    // A read-only folder: a read-only mount where the tests may mount (as root, where permission bits do
    // not stop writes), else permission bits.
    let ro = wd.join("ro");
    std::fs::create_dir_all(&ro).unwrap();
    let mounted = Mount::tmpfs(&ro, "ro");
    if mounted.is_none() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let run = wd
        .command()
        .args(["report", "-q", "--out", "ro"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    if mounted.is_some() || !is_root() {
        assert_eq!(run.status.code(), Some(3), "{stderr}");
        assert!(
            stderr.contains("cannot write")
                && (stderr.contains("Read-only") || stderr.contains("Permission denied")),
            "{stderr}"
        );
    }
    drop(mounted);

    // A full disk: a 256 KiB file system holding last month's report.
    let full = wd.join("full");
    std::fs::create_dir_all(&full).unwrap();
    let Some(mount) = Mount::tmpfs(&full, "size=256k") else {
        eprintln!(
            "cannot mount a small file system here (not root); the full-disk case is not run"
        );
        return;
    };
    std::fs::create_dir_all(full.join("2026-10")).unwrap();
    std::fs::write(full.join("2026-10/report.md"), "last month").unwrap();
    let run = wd
        .command()
        .args(["report", "-q", "--out", "full"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(full.join("2026-10/report.md")).unwrap(),
        "last month"
    );
    let left: Vec<String> = std::fs::read_dir(&full)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["2026-10"], "temporary folders left behind");
    drop(mount);
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, options: &str) -> Option<Mount> {
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(at.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Names that try to leave the output folder, inject markup or formulas, or be reserved file names.
const HOSTILE_NAMES: [&str; 12] = [
    "../../etc/passwd",
    "/tmp/evil",
    "..",
    "CON",
    "nul.txt",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "[click](javascript:alert(1))",
    "a\\b\\..\\c",
    "Ann\u{202e}gnp.exe",
    "@SUM(A1)",
    "+1 Zoë",
];

/// Every file under `root`, relative to it.
fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            out.push(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
    out.sort();
    out
}

#[test]
fn no_output_path_escapes_out_and_names_are_escaped() {
    let wd = Workdir::new();
    let mut csv = String::from("Name,Date,SSI,Brand,People,Insights,Relationships,Posts\n");
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        for (d, day) in ["2026-09-07", "2026-09-28", "2026-10-05", "2026-10-26"]
            .iter()
            .enumerate()
        {
            let ssi = 40 + i + d;
            csv.push_str(&format!(
                "\"{}\",{day},{ssi},{},{},{},{},{}\n",
                name.replace('"', "\"\""),
                10 + d,
                10,
                10,
                ssi - 30 - d,
                d
            ));
        }
    }
    wd.write("in/team.csv", &csv);
    // One sheet per person, the sheets named like the people; the names Excel would refuse are put in
    // afterwards, as a crafted file would have them.
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in ["..Ann..", "BoSheet", "PRN", "SlashSheet"] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        for (c, h) in [
            "Date",
            "SSI",
            "Brand",
            "People",
            "Insights",
            "Relationships",
        ]
        .iter()
        .enumerate()
        {
            sheet.write(0, c as u16, *h).unwrap();
        }
        for (r, day) in ["2026-09-07", "2026-10-05"].iter().enumerate() {
            sheet.write(r as u32 + 1, 0, *day).unwrap();
            for c in 1..6u16 {
                sheet
                    .write(r as u32 + 1, c, if c == 1 { 48.0 } else { 12.0 })
                    .unwrap();
            }
        }
    }
    let bytes = rename_sheets(
        &book.save_to_buffer().unwrap(),
        &[
            ("BoSheet", "&lt;b&gt;Bo&lt;/b&gt;"),
            ("SlashSheet", "../../Zoë; rm -rf"),
        ],
    );
    wd.write("in/sheets.xlsx", bytes);
    wd.command()
        .args([
            "report",
            "-q",
            "--as-of",
            "2026-11-01",
            "--out",
            "out/reports",
            "in",
        ])
        .assert()
        .success();

    // Nothing outside out/reports and in/.
    let all = files_under(wd.path());
    for path in &all {
        assert!(
            path.starts_with("out/reports") || path.starts_with("in") || path == Path::new("out"),
            "written outside --out: {}",
            path.display()
        );
    }
    // Every name under --out is plain ASCII, no dots-only or reserved names.
    let written = files_under(&wd.join("out/reports"));
    let people: Vec<&PathBuf> = written
        .iter()
        .filter(|p| {
            p.components().count() == 3
                && p.starts_with("2026-10/people")
                && p.extension().is_none()
        })
        .collect();
    assert_eq!(people.len(), HOSTILE_NAMES.len() + 4, "{written:?}");
    for path in &written {
        for part in path.components() {
            let part = part.as_os_str().to_string_lossy();
            assert!(
                part.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')),
                "{}",
                path.display()
            );
            assert!(
                part.chars().any(|c| c.is_ascii_alphanumeric()),
                "{}",
                path.display()
            );
            let stem = part.split('.').next().unwrap().to_ascii_lowercase();
            assert!(
                !["con", "nul", "prn", "aux"].contains(&stem.as_str()),
                "{}",
                path.display()
            );
        }
    }
    let month = wd.join("out/reports/2026-10");
    let md = std::fs::read_to_string(month.join("report.md")).unwrap();
    let html = std::fs::read_to_string(month.join("report.html")).unwrap();
    for text in [&md, &html] {
        assert!(!text.contains("<script>"), "unescaped script tag");
        assert!(!text.contains("<b>Bo</b>"), "unescaped sheet name");
    }
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // An escaped bracket (`\\]`) makes the link text inert; in HTML it is text, not a link.
    assert!(
        !md.replace("\\](", "").contains("](javascript:"),
        "live markdown link"
    );
    assert!(!html.contains("href=\"javascript:"));
    assert!(md.contains("\\[click\\](javascript:alert(1))"));
    // Formula-like text is neutralised in the CSV tables; numbers stay numbers.
    let ssi = std::fs::read_to_string(month.join("data/ssi.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(ssi.as_bytes());
    let mut people_seen = std::collections::BTreeSet::new();
    for record in reader.records() {
        let record = record.unwrap();
        people_seen.insert(record[0].to_string());
        for field in record.iter().skip(2) {
            assert!(field.is_empty() || field.parse::<f64>().is_ok(), "{field}");
        }
    }
    for name in [
        "'=HYPERLINK(\"http://evil.example\",\"x\")",
        "'@SUM(A1)",
        "'+1 Zoë",
    ] {
        assert!(
            people_seen.contains(name),
            "{name} not neutralised: {people_seen:?}"
        );
    }
    for field in people_seen {
        assert!(
            !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{field}"
        );
    }
    let linkage = std::fs::read_to_string(month.join("data/linkage.csv")).unwrap();
    assert!(
        linkage.contains(",-0.") || linkage.contains(",-1"),
        "expected a negative number in linkage.csv"
    );
    assert!(!linkage.contains(",'-"), "a number was neutralised");
}

/// Rewrites sheet names in an xlsx's workbook.xml (`to` is XML-escaped text).
fn rename_sheets(xlsx: &[u8], renames: &[(&str, &str)]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/workbook.xml" {
            let mut text = String::from_utf8(data).unwrap();
            for (from, to) in renames {
                text = text.replace(&format!("name=\"{from}\""), &format!("name=\"{to}\""));
            }
            data = text.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A workbook cut short (a download or copy that stopped early) is called damaged, with advice that fits:
/// open it and save it again, or export a fresh copy (not "save it as CSV").
#[test]
fn a_workbook_cut_short_is_called_damaged_with_advice_that_fits() {
    let wd = Workdir::new();
    let whole =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/team_export.xlsx"))
            .unwrap();
    wd.write("broken.xlsx", &whole[..3000]);
    wd.command()
        .args(["report", "broken.xlsx", "--out", "out"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "'broken.xlsx' is not a spreadsheet or CSV file: a damaged workbook or archive: the file is cut short",
        ))
        .stderr(predicate::str::contains("save it again, or export a fresh copy"))
        .stderr(predicate::str::contains("CSV UTF-8").not());
}
