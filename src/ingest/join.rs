//! One person, several sources: when a run holds snapshots of one person and activity of one other name,
//! and at least one of the two names is only a placeholder (taken from a file name, or an archive
//! without Profile.csv), they are the same person, joined under the real name with a note.

use super::sources::Ingested;
use std::collections::BTreeSet;

/// Joins the one person with snapshots and the one activity owner without any, when at least one of the
/// names is in `placeholders`; the real name wins (the snapshots' name when both are placeholders). The
/// note goes on the first table of the snapshots.
pub fn join_single_person(ingested: &mut Ingested, placeholders: &BTreeSet<String>) {
    let with_snapshots: BTreeSet<&str> = ingested.ssi.iter().map(|r| r.person.as_str()).collect();
    let activity_only: BTreeSet<&str> = ingested
        .activity
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| r.person.as_str())
        .filter(|p| !with_snapshots.contains(p))
        .collect();
    let (with_snapshots, activity_only): (Vec<&str>, Vec<&str>) = (
        with_snapshots.into_iter().collect(),
        activity_only.into_iter().collect(),
    );
    let ([snapshots], [activity]) = (with_snapshots.as_slice(), activity_only.as_slice()) else {
        return;
    };
    let (snapshots, activity) = (snapshots.to_string(), activity.to_string());
    let (from, to) = match (
        placeholders.contains(&snapshots),
        placeholders.contains(&activity),
    ) {
        (true, false) => (snapshots.clone(), activity.clone()),
        (_, true) => (activity.clone(), snapshots.clone()),
        (false, false) => return,
    };
    rename(ingested, &from, &to);
    let note = format!(
        "the snapshots filed under '{snapshots}' and the activity filed under '{activity}' are one person's, joined under '{to}' (the other name came from a file name; set --person to name them otherwise)"
    );
    if let Some(source) = ingested
        .sources
        .iter_mut()
        .find(|s| s.findings.people.contains(&to) && s.findings.ssi_rows > 0)
    {
        source.notes.push(note);
    }
}

/// Names the one person of a client's folder after the folder when the files name nobody (every row is
/// filed under "You" or the unnamed archive owner), with a note; `false` when someone is named.
pub fn name_after_folder(ingested: &mut Ingested, folder: &str) -> bool {
    let unnamed = [
        super::person::UNNAMED_PERSON,
        super::file::UNNAMED_ARCHIVE_OWNER,
    ];
    let people: BTreeSet<String> = ingested
        .ssi
        .iter()
        .map(|r| r.person.clone())
        .chain(
            ingested
                .activity
                .iter()
                .flat_map(|t| t.rows.iter().map(|r| r.person.clone())),
        )
        .collect();
    let folder = folder.trim();
    if people.is_empty()
        || folder.is_empty()
        || !people.iter().all(|p| unnamed.contains(&p.as_str()))
    {
        return false;
    }
    for from in &people {
        rename(ingested, from, folder);
    }
    let note = format!(
        "the files name nobody (their rows were filed under '{}'): the person is named '{folder}' after the client's folder (rename the folder to name them otherwise)",
        people.into_iter().collect::<Vec<_>>().join("' and '")
    );
    if let Some(source) = ingested
        .sources
        .iter_mut()
        .find(|s| s.findings.people.contains(folder))
    {
        source.notes.push(note);
    }
    true
}

/// Files every row of `from` under `to`.
fn rename(ingested: &mut Ingested, from: &str, to: &str) {
    for row in ingested.ssi.iter_mut().filter(|r| r.person == from) {
        row.person = to.to_string();
    }
    for row in ingested
        .activity
        .iter_mut()
        .flat_map(|t| t.rows.iter_mut())
        .filter(|r| r.person == from)
    {
        row.person = to.to_string();
    }
    for m in ingested.memberships.iter_mut().filter(|m| m.person == from) {
        m.person = to.to_string();
    }
    for source in &mut ingested.sources {
        if source.findings.people.remove(from) {
            source.findings.people.insert(to.to_string());
        }
    }
}
