//! Axis tick labels that read: every tick of an axis gets the decimals the finest of them needs, so no
//! two labels are alike, and a zero is "0", never "-0.0" or "+0".

use crate::analysis::words::fixed;
use plotters::coord::ranged1d::{BoldPoints, Ranged};
use plotters::coord::types::RangedCoordf64;
use std::ops::Range;

/// The label count plotters uses when a mesh does not set one.
pub const DEFAULT_LABELS: usize = 11;

/// The ticks plotters draws on `range` with at most `labels` labels.
pub fn ticks(range: Range<f64>, labels: usize) -> Vec<f64> {
    let coord: RangedCoordf64 = range.into();
    coord.key_points(BoldPoints(labels))
}

/// Decimals (0 to 4) that write `v` exactly.
fn exact_decimals(v: f64) -> usize {
    (0..=4)
        .find(|d| {
            let m = 10f64.powi(*d as i32);
            ((v * m).round() - v * m).abs() < 1e-6
        })
        .unwrap_or(4)
}

/// The decimals the ticks of `range` need.
pub fn decimals(range: Range<f64>, labels: usize) -> usize {
    ticks(range, labels)
        .into_iter()
        .map(exact_decimals)
        .max()
        .unwrap_or(0)
}

/// One tick's text with `decimals` decimals; `signed` puts "+" before a positive value.
pub fn label(v: f64, decimals: usize, signed: bool) -> String {
    let s = fixed(v, decimals);
    if s.chars().all(|c| c == '0' || c == '.') {
        "0".to_string()
    } else if signed && v > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// A formatter for an axis: the labels of `range`'s ticks.
pub fn formatter(range: Range<f64>, labels: usize, signed: bool) -> impl Fn(&f64) -> String {
    let d = decimals(range, labels);
    move |v: &f64| label(*v, d, signed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_are_unique_and_never_minus_zero_at_every_size() {
        let ranges = [
            -0.2..0.0,
            -0.23..0.05,
            -1.5..2.5,
            -0.01..0.012,
            0.0..25.0,
            54.6..56.2,
            60.0..61.0,
            0.0..0.35,
            -12.0..0.0,
            -3.0..0.0,
            0.0..100.0,
            12.9..13.05,
        ];
        for range in ranges {
            for labels in [3, 4, 5, 6, 8, 10, DEFAULT_LABELS] {
                let f = formatter(range.clone(), labels, true);
                let texts: Vec<String> = ticks(range.clone(), labels).iter().map(&f).collect();
                let mut unique = texts.clone();
                unique.dedup();
                assert_eq!(unique, texts, "{range:?} with {labels}: {texts:?}");
                for t in &texts {
                    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
                    let zero = digits.chars().all(|c| c == '0');
                    assert!(!zero || t == "0", "{range:?} with {labels}: {t}");
                }
            }
        }
        // The component change chart's axis from the issue: -0.05 steps read as such.
        let f = formatter(-0.2..0.0, DEFAULT_LABELS, true);
        assert_eq!(f(&-0.05), "-0.05");
        assert_eq!(f(&0.0), "0");
        assert_eq!(label(0.5, 1, true), "+0.5");
    }
}
