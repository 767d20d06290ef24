//! Number and text formatting shared by the renderers: scores, signed changes, ranks, and escaping of
//! user-supplied strings for markdown.

/// A score with the given decimals, or an em dash for no value.
pub fn value(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(x) => format!("{:.*}", decimals, x),
        None => "—".to_string(),
    }
}

/// An SSI total by the rounding rule (`crate::analysis::words::ssi`), or an em dash.
pub fn ssi_value(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(
        || "—".to_string(),
        |x| crate::analysis::words::ssi(x, decimals),
    )
}

/// An SSI change by the rounding rule, signed ("+1", "-0.5", "±0"), or an em dash.
pub fn ssi_change(v: Option<f64>, decimals: usize) -> String {
    let d = v.map_or(decimals, |x| {
        usize::from(decimals > 0 || (x - x.round()).abs() > 1e-9)
    });
    change(v, d)
}

/// A signed change ("+0.41", "-2", "±0"), or an em dash.
pub fn change(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(x) if format!("{:.*}", decimals, x.abs()) == format!("{:.*}", decimals, 0.0) => {
            "±0".to_string()
        }
        Some(x) if x > 0.0 => format!("+{:.*}", decimals, x),
        Some(x) => format!("-{:.*}", decimals, x.abs()),
        None => "—".to_string(),
    }
}

/// A rank change in percentage points: whole numbers plainly, otherwise one decimal.
pub fn rank_change(v: Option<f64>) -> String {
    let decimals = if v.is_some_and(|x| (x * 10.0).round() % 10.0 != 0.0) {
        1
    } else {
        0
    };
    change(v, decimals)
}

/// A rank's move in words that cannot be read backwards: "rose 2 points", "fell 1.5 points",
/// "unchanged", or "—" when unknown. A rank is a "top N%", so a smaller N is a rise.
pub fn rank_move(v: Option<f64>) -> String {
    let Some(v) = v else {
        return "—".to_string();
    };
    let size = rank_change(Some(v.abs()));
    let size = size.trim_start_matches('+');
    let points = if size == "1" { "point" } else { "points" };
    if size == "0" || size == "±0" {
        "unchanged".to_string()
    } else if v < 0.0 {
        format!("rose {size} {points}")
    } else {
        format!("fell {size} {points}")
    }
}

/// "1 table" / "3 tables".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A rank as LinkedIn shows it: "top 2%" (decimals only when needed).
pub fn rank(v: Option<f64>) -> String {
    match v {
        Some(x) if x.fract() == 0.0 => format!("top {x:.0}%"),
        Some(x) => format!("top {x}%"),
        None => "—".to_string(),
    }
}

/// A count total: integers plainly, others with up to two decimals.
pub fn count(v: Option<f64>) -> String {
    match v {
        Some(x) if x.fract() == 0.0 || x.abs() >= 10.0 => crate::analysis::words::fixed(x, 0),
        Some(x) => crate::analysis::words::fixed(x, 1),
        None => "—".to_string(),
    }
}

/// The entity HTML needs for `<`, `>` and `&` in text; other characters stand as they are.
pub fn html_entity(ch: char) -> Option<&'static str> {
    match ch {
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '&' => Some("&amp;"),
        _ => None,
    }
}

/// Escapes user-supplied text for markdown (inline and inside table cells): markdown punctuation is
/// backslash-escaped and HTML-significant characters become entities, so a name can never inject markup.
pub fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if let Some(entity) = html_entity(ch) {
            out.push_str(entity);
            continue;
        }
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The people of a team report in a chart's title: "team of 7", or a group's report's group ("Enterprise,
/// 7 people", "2 people without a team").
pub fn team_of(a: &crate::analysis::Analysis) -> String {
    let n = a.people.len();
    match &a.group {
        Some((kind, group)) if group == crate::analysis::groups::NO_GROUP => format!(
            "{n} people without a {}",
            crate::model::schema::group_label(kind)
        ),
        Some((_, group)) => format!("{group}, {n} people"),
        None => format!("team of {n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed_and_zero_is_plus_minus() {
        assert_eq!(change(Some(0.41), 2), "+0.41");
        assert_eq!(change(Some(-2.0), 0), "-2");
        assert_eq!(change(Some(0.001), 2), "±0");
        assert_eq!(change(None, 2), "—");
    }

    #[test]
    fn escapes_markdown_and_html_in_names() {
        assert_eq!(escape_md("A|B *x* <b>"), "A\\|B \\*x\\* &lt;b&gt;");
        assert_eq!(escape_md("Łukasz Wiśniewski"), "Łukasz Wiśniewski");
        assert_eq!(
            escape_md("[x](javascript:alert)"),
            "\\[x\\](javascript:alert)"
        );
    }

    #[test]
    fn rank_changes_drop_needless_decimals() {
        assert_eq!(rank_change(Some(-2.0)), "-2");
        assert_eq!(rank_change(Some(-1.5)), "-1.5");
        assert_eq!(plural(1, "table", "tables"), "1 table");
    }

    #[test]
    fn rank_moves_read_one_way_only() {
        // Top 24% -> top 2%: 22 points closer to the top.
        assert_eq!(rank_move(Some(-22.0)), "rose 22 points");
        assert_eq!(rank_move(Some(1.0)), "fell 1 point");
        assert_eq!(rank_move(Some(1.5)), "fell 1.5 points");
        assert_eq!(rank_move(Some(0.0)), "unchanged");
        assert_eq!(rank_move(Some(-0.04)), "unchanged");
        assert_eq!(rank_move(None), "—");
    }

    #[test]
    fn ranks_read_like_linkedin() {
        assert_eq!(rank(Some(2.0)), "top 2%");
        assert_eq!(rank(Some(0.5)), "top 0.5%");
    }
}
