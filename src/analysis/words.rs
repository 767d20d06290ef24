//! Number formatting for the sentences the analysis writes: fixed decimals, signed effects with enough
//! digits to be read, and p- or q-values.

/// `value` with `decimals` decimals; "-0.00" is written "0.00".
pub fn fixed(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Decimals that show two significant digits of a small effect, two decimals from 0.1 on, one from 10.
pub fn decimals_for(value: f64) -> usize {
    let a = value.abs();
    if a >= 10.0 {
        1
    } else if a >= 0.1 || a == 0.0 || !a.is_finite() {
        2
    } else {
        // 0.0123 -> 3 decimals (0.012); 0.00123 -> 4 (0.0012); at most 6.
        ((-a.log10()).floor() as usize + 2).min(6)
    }
}

/// A signed effect: "+0.31", "-0.012".
pub fn signed(value: f64) -> String {
    let s = fixed(value, decimals_for(value));
    if s.starts_with('-') || s.chars().all(|c| c == '0' || c == '.') {
        s
    } else {
        format!("+{s}")
    }
}

/// At most one decimal, without a trailing ".0": 2.0 -> "2", 1.25 -> "1.2" (half to even aside).
pub fn short(value: f64) -> String {
    let s = fixed(value, 1);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// An SSI total (or its change) as the data give it: `decimals` is 1 when any snapshot has decimals and 0
/// otherwise; a median or change of whole scores that falls between two still shows its one decimal.
pub fn ssi(value: f64, decimals: usize) -> String {
    let whole = (value - value.round()).abs() < 1e-9;
    fixed(value, if decimals == 0 && !whole { 1 } else { decimals })
}

/// The decimals `ssi` uses for a data set's SSI totals: 1 when any has decimals, else 0.
pub fn ssi_decimals(values: impl IntoIterator<Item = f64>) -> usize {
    usize::from(values.into_iter().any(|v| (v - v.round()).abs() > 1e-9))
}

/// An activity rate per week: two decimals under 10, one from 10 ("0.93", "12.5").
pub fn rate(value: f64) -> String {
    fixed(value, if value.abs() < 10.0 { 2 } else { 1 })
}

/// "q = 0.012", "p < 0.001".
pub fn p_text(name: &str, value: f64) -> String {
    if value < 0.001 {
        format!("{name} < 0.001")
    } else if value < 0.1 {
        format!("{name} = {}", fixed(value, 3))
    } else {
        format!("{name} = {}", fixed(value, 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effects_keep_two_significant_digits() {
        assert_eq!(signed(0.3149), "+0.31");
        assert_eq!(signed(-0.01234), "-0.012");
        assert_eq!(signed(0.001234), "+0.0012");
        assert_eq!(signed(12.34), "+12.3");
        assert_eq!(signed(-0.0000001), "0.000000");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(p_text("q", 0.0004), "q < 0.001");
        assert_eq!(short(2.0), "2");
        assert_eq!(short(-0.04), "0");
        assert_eq!(short(13.54), "13.5");
        assert_eq!(p_text("q", 0.0123), "q = 0.012");
        assert_eq!(p_text("q", 0.0498), "q = 0.050");
        assert_eq!(p_text("q", 0.31), "q = 0.31");
        assert_eq!(p_text("p", 0.004), "p = 0.004");
    }
}
