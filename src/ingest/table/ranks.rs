//! Ranks written as fractions (0.02 for "Top 2%"), which both layouts read as top percent: how a column
//! (or a long layout's rank rows) shows it, and the rounding that scales a fraction to a percent.

use crate::ingest::values::Number;

/// Whether ranks are written as fractions: every plain number (no percent sign) at most 1 and one below
/// 1. Ranks of nothing but 1 read as top 1%, the likelier meaning.
pub(super) fn written_as_fractions(numbers: impl IntoIterator<Item = Number>) -> bool {
    let mut below_one = false;
    for n in numbers.into_iter().filter(|n| !n.percent) {
        if n.value > 1.0 {
            return false;
        }
        below_one |= n.value < 1.0;
    }
    below_one
}

/// A value as read: a plain rank of a column written as fractions is scaled to percent, rounded so
/// 0.07 * 100 reads 7, not 7.000000000000001; anything else is kept.
pub(super) fn as_read(n: Number, fractions: bool) -> f64 {
    if fractions && !n.percent {
        (n.value * 100.0 * 1e9).round() / 1e9
    } else {
        n.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(value: f64) -> Number {
        Number {
            value,
            percent: false,
        }
    }

    #[test]
    fn fractions_are_at_most_one_with_one_below() {
        assert!(written_as_fractions([plain(0.02), plain(1.0)]));
        assert!(!written_as_fractions([plain(1.0), plain(1.0)]));
        assert!(!written_as_fractions([plain(0.5), plain(2.0)]));
        // "3%" is a percent whatever the plain numbers are.
        let percent = Number {
            value: 3.0,
            percent: true,
        };
        assert!(written_as_fractions([plain(0.5), percent]));
        assert!(!written_as_fractions([]));
    }

    #[test]
    fn a_fraction_reads_as_a_whole_percent() {
        assert_eq!(as_read(plain(0.07), true), 7.0);
        assert_eq!(as_read(plain(0.07), false), 0.07);
        let percent = Number {
            value: 0.5,
            percent: true,
        };
        assert_eq!(as_read(percent, true), 0.5);
    }
}
