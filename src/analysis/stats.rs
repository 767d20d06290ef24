//! Summary statistics shared by the analysis modules: the median and the five-number summary of the values
//! present. A leaf: it imports nothing from the rest of the analysis.

use super::frame::round2;
use polars::prelude::*;

/// Median of the values present, rounded to two decimals (`None` when there are none).
pub fn median(values: &[Option<f64>]) -> Option<f64> {
    let s = Series::new("v".into(), values);
    s.median().map(round2)
}

/// The minimum, quartiles and maximum of a set of values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FiveNumbers {
    /// The smallest value.
    pub min: f64,
    /// The first quartile.
    pub q1: f64,
    /// The median.
    pub median: f64,
    /// The third quartile.
    pub q3: f64,
    /// The largest value.
    pub max: f64,
}

/// Minimum, first quartile, median, third quartile and maximum (linear interpolation between the closest
/// ranks), of the values present; `None` without any.
pub fn five_numbers(values: &[Option<f64>]) -> Option<FiveNumbers> {
    let mut v: Vec<f64> = values.iter().flatten().copied().collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let pos = p * (v.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
    };
    Some(FiveNumbers {
        min: v[0],
        q1: q(0.25),
        median: q(0.5),
        q3: q(0.75),
        max: v[v.len() - 1],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_numbers_interpolate_linearly() {
        // 1, 2, 4, 8: q1 at position 0.75 (1 + 0.75), median 3, q3 at 2.25 (4 + 0.25 * 4).
        let v = [Some(8.0), None, Some(1.0), Some(4.0), Some(2.0)];
        assert_eq!(
            five_numbers(&v),
            Some(FiveNumbers {
                min: 1.0,
                q1: 1.75,
                median: 3.0,
                q3: 5.0,
                max: 8.0
            })
        );
        assert_eq!(five_numbers(&[None]), None);
    }

    #[test]
    fn median_skips_missing_values() {
        assert_eq!(median(&[Some(1.0), None, Some(3.0), Some(10.0)]), Some(3.0));
        assert_eq!(median(&[Some(1.0), Some(2.0)]), Some(1.5));
        assert_eq!(median(&[None]), None);
    }
}
