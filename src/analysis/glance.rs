//! The at-a-glance lines under a report's title: who needs attention (each person's most pressing
//! alert, most pressing first), who moved most, and the one thing to do, all taken from the report's own
//! alerts, movers and recommendations so the first screen never says what the rest does not.

use super::alerts::{Alert, AlertKind, Basis};
use super::findings::component_word;
use super::team::MOVERS;
use super::words::{signed, ssi};
use super::Analysis;
use crate::model::collate::names;
use crate::model::schema::{metric_plural, metric_unit, Component, SsiColumn};

/// People named under "needs attention" at most.
pub const ATTENTION: usize = 5;

/// One person's most pressing alert.
#[derive(Debug, Clone, PartialEq)]
pub struct Attention {
    /// The person.
    pub name: String,
    /// The alert's kind.
    pub kind: AlertKind,
    /// The alert in a few words.
    pub brief: String,
}

/// A person's SSI move over the month.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The person.
    pub name: String,
    /// The change since the previous month's end.
    pub change: f64,
}

/// The one thing to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// The activity, or `None` when the data tie no activity to the component yet.
    pub metric: Option<String>,
    /// The component it works on.
    pub component: Component,
    /// Its effect once the other activities are counted (points a week per extra one a week).
    pub coefficient: Option<f64>,
    /// People whose recommendation it is.
    pub people: usize,
    /// People with a recommendation.
    pub of: usize,
    /// The sentence.
    pub text: String,
}

/// The three lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Glance {
    /// At most `ATTENTION` people, most pressing alert first.
    pub attention: Vec<Attention>,
    /// People with any alert.
    pub attention_total: usize,
    /// The largest rises (a team's top movers; a person's own rise).
    pub up: Vec<Move>,
    /// The largest falls.
    pub down: Vec<Move>,
    /// People tied with the last of `up` and `down` who are left out of them.
    pub tied_beyond: [usize; 2],
    /// People with an SSI change to compare.
    pub compared: usize,
    /// The one thing to do.
    pub action: Option<Action>,
}

/// How far an alert's value is past its threshold, for ordering alerts of one kind.
fn size(alert: &Alert) -> f64 {
    (alert.value - alert.threshold).abs()
}

/// Everyone with an alert (their index in `a.people` and their alerts, most pressing first), ordered by
/// their most pressing alert, then by name in collation order.
pub fn people_by_alert(a: &Analysis) -> Vec<(usize, Vec<&Alert>)> {
    let pressing = |x: &Alert, y: &Alert| {
        x.kind
            .severity()
            .cmp(&y.kind.severity())
            .then(size(y).total_cmp(&size(x)))
    };
    let mut people: Vec<(usize, Vec<&Alert>)> = a
        .outlook
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.alerts.is_empty())
        .map(|(i, o)| {
            let mut alerts: Vec<&Alert> = o.alerts.iter().collect();
            alerts.sort_by(|x, y| pressing(x, y));
            (i, alerts)
        })
        .collect();
    people.sort_by(|(i, x), (j, y)| {
        pressing(x[0], y[0]).then_with(|| names(&a.people[*i].name, &a.people[*j].name))
    });
    people
}

/// Everyone with an alert, ordered by their most pressing one, then by name.
fn attention(a: &Analysis) -> Vec<Attention> {
    people_by_alert(a)
        .into_iter()
        .map(|(i, alerts)| Attention {
            name: a.people[i].name.clone(),
            kind: alerts[0].kind,
            brief: alerts[0].brief.clone(),
        })
        .collect()
}

/// An activity (or none), the component, the coefficient, whether advised, and the people.
type Tally = (Option<String>, Component, Option<f64>, bool, usize);

/// The recommendation most people share: the first activity of each person's recommendation that the
/// data support once the other activities are counted, or the weakest component when none is.
fn action(a: &Analysis) -> Option<Action> {
    let recs: Vec<_> = a
        .outlook
        .iter()
        .filter_map(|o| o.recommendation.as_ref())
        .collect();
    let of = recs.len();
    // (metric, component, coefficient, advised) -> people: the first activity the data support for
    // each person's weakest component, advised when the person is below their own pace and the team's.
    let mut tally: Vec<Tally> = Vec::new();
    // One person: whether their own pace of the three months before is known, to compare with it.
    let mut own_known = false;
    for r in &recs {
        let data = || r.levers.iter().filter(|l| l.basis == Basis::Data);
        let lever = data().find(|l| l.advised).or_else(|| data().next());
        own_known = lever.is_some_and(|l| l.own_before.is_some());
        let key = (
            lever.map(|l| l.metric.clone()),
            r.component,
            lever.is_some_and(|l| l.advised),
        );
        match tally.iter_mut().find(|t| (t.0.clone(), t.1, t.3) == key) {
            Some(t) => t.4 += 1,
            None => tally.push((key.0, key.1, lever.and_then(|l| l.slope), key.2, 1)),
        }
    }
    // Advice first, then the most people, an activity the data support before none, the larger effect.
    tally.sort_by(|x, y| {
        y.3.cmp(&x.3)
            .then(y.4.cmp(&x.4))
            .then(y.0.is_some().cmp(&x.0.is_some()))
            .then(y.2.unwrap_or(0.0).total_cmp(&x.2.unwrap_or(0.0)))
            .then(x.1.cmp(&y.1))
    });
    let (metric, component, coefficient, advised, people) = tally.into_iter().next()?;
    let team = a.is_team();
    let (whose, are) = if team {
        ("their", "they are")
    } else {
        ("your", "you are")
    };
    let for_whom = if team {
        format!(" for {people} of {of} people")
    } else {
        String::new()
    };
    let word = component_word(component);
    // Against what the pace is judged: the person's own three months before and, in a team, the team.
    // A person page of a team report is one person compared with their team.
    let with_team = a.outlook.iter().any(|o| !o.team_median_rates.is_empty());
    let (below, at_or_above) = match (with_team, own_known) {
        (true, _) => (
            format!("{are} below {whose} own pace and the team's median, "),
            format!("{are} at or above {whose} own pace or the team's median, "),
        ),
        (false, true) => (
            "you are below your own pace of the three months before, ".to_string(),
            "you are at or above your own pace of the three months before, ".to_string(),
        ),
        (false, false) => (String::new(), String::new()),
    };
    let text = match (&metric, coefficient, advised) {
        (Some(m), Some(c), true) => format!(
            "more {} a week{for_whom}: {below}{word} is {whose} weakest component, and each extra {} a week went with {} {word} points a week, the other activities held fixed.",
            metric_plural(m),
            metric_unit(m),
            signed(c),
        ),
        (Some(m), Some(_), false) => format!(
            "keep up the {}{for_whom}: {at_or_above}{}{word} is {whose} weakest component.",
            metric_plural(m),
            if at_or_above.is_empty() { "" } else { "and " },
        ),
        _ => format!(
            "work on {}, the weakest component{for_whom}; the data do not yet tie an activity to it (see Recommendations for the activities expected to move it).",
            component.label(),
        ),
    };
    Some(Action {
        metric,
        component,
        coefficient,
        people,
        of,
        text,
    })
}

/// The at-a-glance lines of a report (a team's, or one person's).
pub fn glance(a: &Analysis) -> Glance {
    let all = attention(a);
    let attention_total = all.len();
    let changes: Vec<Move> = a
        .people
        .iter()
        .filter_map(|p| {
            p.change(SsiColumn::Ssi).map(|change| Move {
                name: p.name.clone(),
                change,
            })
        })
        .collect();
    let (mut up, mut down): (Vec<Move>, Vec<Move>) = (
        changes.iter().filter(|m| m.change > 0.0).cloned().collect(),
        changes.iter().filter(|m| m.change < 0.0).cloned().collect(),
    );
    up.sort_by(|x, y| {
        y.change
            .total_cmp(&x.change)
            .then_with(|| names(&x.name, &y.name))
    });
    down.sort_by(|x, y| {
        x.change
            .total_cmp(&y.change)
            .then_with(|| names(&x.name, &y.name))
    });
    // A team shows the movers of its board, and says how many more share the last one's move.
    let cut = |list: &mut Vec<Move>| -> usize {
        if list.len() <= MOVERS {
            return 0;
        }
        let last = list[MOVERS - 1].change;
        let tied = list[MOVERS..].iter().filter(|m| m.change == last).count();
        list.truncate(MOVERS);
        tied
    };
    let tied_beyond = [cut(&mut up), cut(&mut down)];
    Glance {
        attention: all.into_iter().take(ATTENTION).collect(),
        attention_total,
        up,
        down,
        tied_beyond,
        compared: changes.len(),
        action: action(a),
    }
}

/// "Chen Wei +3, Tomás Ferreira +2" by the SSI rounding rule.
pub fn moves_text(moves: &[Move], decimals: usize) -> String {
    moves
        .iter()
        .map(|m| {
            let v = ssi(m.change, decimals);
            let v = if m.change > 0.0 { format!("+{v}") } else { v };
            format!("{} {v}", m.name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{dataset, snap};
    use crate::analysis::{analyse, AnalysisOptions};

    /// SSI at the ends of July, September and October 2025; components a quarter each, except a brand
    /// of 8 when `weak`.
    fn person(
        name: &str,
        [july, sept, oct]: [f64; 3],
        weak: bool,
    ) -> Vec<crate::model::records::SsiRow> {
        let c = |ssi: f64| {
            if weak {
                let rest = (ssi - 8.0) / 3.0;
                [8.0, rest, rest, rest]
            } else {
                [ssi / 4.0; 4]
            }
        };
        vec![
            snap(name, "2025-07-28", july, c(july)),
            snap(name, "2025-09-29", sept, c(sept)),
            snap(name, "2025-10-27", oct, c(oct)),
        ]
    }

    #[test]
    fn attention_movers_and_the_one_thing_to_do_follow_the_alerts_and_the_board() {
        let rows = [
            person("Ann", [60.0, 60.0, 55.0], false), // dropped 5 (2 past 3) and declining
            person("Bob", [62.0, 60.0, 58.0], false), // declining 4 (3 past 1)
            person("Cy", [58.0, 58.0, 54.0], false),  // dropped 4 (1 past 3)
            person("Dee", [50.0, 52.0, 56.0], true),  // brand 8, weak; rose 4
            person("Eve", [70.0, 71.0, 73.0], false), // no alert; rose 2
            person("Fay", [69.0, 69.0, 69.0], false), // stalled at 69
            person("Gus", [65.0, 66.0, 67.0], false), // no alert; rose 1
            person("Hal", [66.0, 66.0, 62.0], false), // dropped 4 (1 past 3), after Cy by name
        ]
        .concat();
        let a = analyse(&dataset(rows, vec![]), &AnalysisOptions::default()).unwrap();
        // (The movers' ties are checked in `movers_tied_at_the_cut_are_counted`.)
        let g = glance(&a);
        let named: Vec<(&str, &str)> = g
            .attention
            .iter()
            .map(|x| (x.name.as_str(), x.brief.as_str()))
            .collect();
        // Sharp falls first (the largest past its threshold first), then the slide, then the weak
        // component; Fay's stall is the sixth and is left to the Alerts section.
        assert_eq!(
            named,
            [
                ("Ann", "SSI fell 5 points this month"),
                ("Cy", "SSI fell 4 points this month"),
                ("Hal", "SSI fell 4 points this month"),
                ("Bob", "sum of components down 4.00 since the end of July"),
                ("Dee", "Brand at 8.00 of 25"),
            ]
        );
        assert_eq!(g.attention_total, 6);
        let moves = |m: &[Move]| -> Vec<(String, f64)> {
            m.iter().map(|x| (x.name.clone(), x.change)).collect()
        };
        assert_eq!(
            moves(&g.up),
            [
                ("Dee".into(), 4.0),
                ("Eve".into(), 2.0),
                ("Gus".into(), 1.0)
            ]
        );
        assert_eq!(
            moves(&g.down),
            [
                ("Ann".into(), -5.0),
                ("Cy".into(), -4.0),
                ("Hal".into(), -4.0)
            ]
        );
        assert_eq!(moves_text(&g.up, 0), "Dee +4, Eve +2, Gus +1");
        // Bob's -2 is the fourth fall and ties with no one shown; everyone has a change.
        assert_eq!((g.tied_beyond, g.compared), ([0, 0], 8));
        // No activity: everyone's weakest is brand (Dee's 8; a four-way tie goes to brand), with no
        // activity the data tie to it.
        let action = g.action.unwrap();
        assert_eq!((action.metric, action.component), (None, Component::Brand));
        assert_eq!((action.people, action.of), (8, 8));
        assert!(action.text.starts_with(
            "work on Establish your professional brand, the weakest component for 8 of 8 people;"
        ));
    }

    #[test]
    fn movers_tied_at_the_cut_are_counted() {
        // Five people up by 3, 3, 3, 3 and 1: three are named, one more shares the third's +3.
        let rows = [
            person("Ann", [60.0, 60.0, 63.0], false),
            person("Bob", [60.0, 60.0, 63.0], false),
            person("Cy", [60.0, 60.0, 63.0], false),
            person("Dee", [60.0, 60.0, 63.0], false),
            person("Eve", [60.0, 60.0, 61.0], false),
        ]
        .concat();
        let a = analyse(&dataset(rows, vec![]), &AnalysisOptions::default()).unwrap();
        let g = glance(&a);
        assert_eq!(moves_text(&g.up, 0), "Ann +3, Bob +3, Cy +3");
        assert_eq!(g.tied_beyond, [1, 0]);
    }
}
